import { describe, expect, it } from 'vitest';
import type { CalendarEventFields } from '../src/calendar-document.js';
import { allDayPatch, editDraft, settleDraft, viewDraft } from '../src/event-draft.js';

/** A new event as the month view creates it. */
const day: CalendarEventFields = {
  title: 'New event',
  kind: 'shoot',
  start: '2026-12-01T08:00',
  end: '2026-12-01T18:00',
  allDay: false,
  location: '',
  notes: '',
};

describe('event draft', () => {
  it('writes a valid edit at once and keeps nothing pending', () => {
    expect(editDraft({}, day, { start: '2026-12-01T09:00' })).toEqual({
      draft: {},
      write: { start: '2026-12-01T09:00' },
    });
  });

  it('keeps a start after the end pending, shown with the error beside the end', () => {
    const { draft, write } = editDraft({}, day, { start: '2026-12-01T19:00' });
    expect(write).toBeNull();
    expect(viewDraft(draft, day)).toEqual({
      shown: { start: '2026-12-01T19:00', end: '2026-12-01T18:00', allDay: false },
      errors: { end: 'End must be after the start' },
      unsaved: ['start'],
    });
  });

  it('writes a night shoot entered start first as one patch once the end follows', () => {
    const first = editDraft({}, day, { start: '2026-12-01T19:00' });
    const second = editDraft(first.draft, day, { end: '2026-12-02T05:00' });
    expect(second).toEqual({
      draft: {},
      write: { start: '2026-12-01T19:00', end: '2026-12-02T05:00' },
    });
  });

  it('says in words what an empty or malformed time needs', () => {
    const { draft } = editDraft({}, day, { start: '' });
    expect(viewDraft(draft, day).errors).toEqual({ start: 'Enter a start date and time' });
    const allDay = { ...day, allDay: true, start: '2026-12-01', end: '2026-12-02' };
    expect(viewDraft(editDraft({}, allDay, { end: '' }).draft, allDay).errors).toEqual({
      end: 'Enter a last day',
    });
  });

  it('drops a pending value that someone else changed meanwhile while its field is not focused', () => {
    const { draft } = editDraft({}, day, { start: '2026-12-01T19:00' });
    const remote = { ...day, start: '2026-12-01T07:00' };
    expect(settleDraft(draft, remote, null)).toEqual({ draft: {}, write: null });
    expect(viewDraft({}, remote).shown.start).toBe('2026-12-01T07:00');
  });

  it('keeps the value of the focused field over a remote change, typed over the new value', () => {
    const { draft } = editDraft({}, day, { start: '2026-12-01T19:00' }, 'start');
    const remote = { ...day, start: '2026-12-01T07:00' };
    const settled = settleDraft(draft, remote, 'start');
    expect(settled.write).toBeNull();
    expect(settled.draft).toEqual({
      start: { value: '2026-12-01T19:00', over: '2026-12-01T07:00' },
    });
    // Once focus leaves, the same stored value is no longer a remote change.
    expect(settleDraft(settled.draft, remote, null).draft).toEqual(settled.draft);
  });

  it('writes a pending value once a remote change makes it valid', () => {
    const { draft } = editDraft({}, day, { start: '2026-12-01T19:00' });
    const remote = { ...day, end: '2026-12-02T05:00' };
    expect(settleDraft(draft, remote)).toEqual({
      draft: {},
      write: { start: '2026-12-01T19:00' },
    });
  });

  it('forgets a pending value the document now holds', () => {
    const { draft } = editDraft({}, day, { start: '2026-12-01T19:00' });
    const stored = { ...day, start: '2026-12-01T19:00', end: '2026-12-01T18:00' };
    expect(settleDraft(draft, stored)).toEqual({ draft: {}, write: null });
    expect(editDraft(draft, day, { start: day.start })).toEqual({ draft: {}, write: null });
  });

  it('shows nothing pending and no error for a stored event', () => {
    expect(viewDraft({}, day)).toEqual({
      shown: { start: day.start, end: day.end, allDay: false },
      errors: {},
      unsaved: [],
    });
  });
});

describe('allDayPatch', () => {
  it('turns times into whole days and back into a 08:00 to 18:00 day', () => {
    expect(allDayPatch(day, true)).toEqual({
      allDay: true,
      start: '2026-12-01',
      end: '2026-12-02',
    });
    expect(
      allDayPatch({ allDay: false, start: '2026-12-01T19:00', end: '2026-12-03T05:00' }, true),
    ).toEqual({ allDay: true, start: '2026-12-01', end: '2026-12-03' });
    expect(allDayPatch({ allDay: true, start: '2026-12-01', end: '2026-12-03' }, false)).toEqual({
      allDay: false,
      start: '2026-12-01T08:00',
      end: '2026-12-01T18:00',
    });
  });

  it('leaves an empty start for the form to report instead of failing', () => {
    expect(allDayPatch({ allDay: false, start: '', end: '' }, true)).toEqual({
      allDay: true,
      start: '',
      end: '',
    });
  });
});
