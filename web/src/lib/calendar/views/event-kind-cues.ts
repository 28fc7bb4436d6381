import { EVENT_KINDS, type EventKind } from '@callboard/domain';

/** What tells a kind apart without its colour: its name and a shape shown on every chip. */
export interface KindCue {
  label: string;
  symbol: string;
}

export const KIND_CUES: Readonly<Record<EventKind, KindCue>> = {
  shoot: { label: 'Shoot', symbol: '●' },
  prep: { label: 'Prep', symbol: '◆' },
  rehearsal: { label: 'Rehearsal', symbol: '▲' },
  travel: { label: 'Travel', symbol: '►' },
  meeting: { label: 'Meeting', symbol: '■' },
  hold: { label: 'Hold', symbol: '○' },
  other: { label: 'Other', symbol: '✱' },
};

/** The kinds in the legend's order, which is the document's. */
export const KIND_LEGEND = EVENT_KINDS.map((kind) => ({ kind, ...KIND_CUES[kind] }));
