/** Events the agenda renders at first, and adds each time the end of its list comes near. */
export const AGENDA_EVENTS_PER_PAGE = 200;

/**
 * The days the agenda renders: whole days until `eventLimit` events are in, and always as far
 * as the selected event, so an open event's chip is on the page. `later` counts the rest.
 */
export function agendaPage<Event extends { id: string }>(
  groups: readonly (readonly [day: string, events: readonly Event[]])[],
  eventLimit: number,
  selectedId: string | null,
): { groups: (readonly [string, readonly Event[]])[]; later: number } {
  const selectedIndex = selectedId
    ? groups.findIndex(([, events]) => events.some((event) => event.id === selectedId))
    : -1;
  let count = 0;
  let days = 0;
  while (days < groups.length && (count < eventLimit || days <= selectedIndex)) {
    count += groups[days]![1].length;
    days += 1;
  }
  let later = 0;
  for (const [, events] of groups.slice(days)) later += events.length;
  return { groups: groups.slice(0, days), later };
}
