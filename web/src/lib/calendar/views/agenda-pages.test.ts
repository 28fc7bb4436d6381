import { describe, expect, it } from 'vitest';
import { agendaPage } from './agenda-pages';

const day = (date: string, count: number) =>
  [date, Array.from({ length: count }, (_, i) => ({ id: `${date}-${i}` }))] as const;
const groups = [day('2027-01-04', 3), day('2027-01-05', 3), day('2027-01-06', 3)];

describe('agendaPage', () => {
  it('renders whole days until the limit is reached, and counts the events after them', () => {
    const page = agendaPage(groups, 4, null);
    expect(page.groups.map(([date]) => date)).toEqual(['2027-01-04', '2027-01-05']);
    expect(page.later).toBe(3);
  });

  it('renders every day when the limit covers them', () => {
    expect(agendaPage(groups, 200, null)).toEqual({ groups, later: 0 });
  });

  it('always reaches the selected event', () => {
    const page = agendaPage(groups, 1, '2027-01-06-2');
    expect(page.groups).toHaveLength(3);
    expect(page.later).toBe(0);
  });
});
