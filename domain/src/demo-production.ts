import type { CastMemberFields } from './cast-document.js';
import type { IntExt } from './strip-document.js';

/**
 * The fictional production the demo schedule is built from: "Harbour Lights", a crime drama
 * shot around Whitby. Every name is made up.
 */
export const DEMO_PRODUCTION_NAME = 'Harbour Lights (demo)';

export interface DemoLocation {
  location: string;
  /** The sets shot there, with their INT/EXT. */
  sets: readonly (readonly [IntExt, string])[];
  /** Synopses of scenes without cast there (the second unit's). */
  scenery?: readonly string[];
}

/** Where the main unit shoots, each location with its sets. */
export const DEMO_MAIN_LOCATIONS: readonly DemoLocation[] = [
  {
    location: 'Old Town Hall, Whitby (police station)',
    sets: [
      ['INT', 'POLICE STATION - INCIDENT ROOM'],
      ['INT', 'POLICE STATION - INTERVIEW ROOM'],
      ['INT', 'POLICE STATION - CUSTODY SUITE'],
      ['EXT', 'POLICE STATION - CAR PARK'],
    ],
  },
  {
    location: 'Stage 1, Northern Studios',
    sets: [
      ['INT', "MAGGIE'S FLAT - KITCHEN"],
      ['INT', "MAGGIE'S FLAT - BEDROOM"],
      ['INT', "DANNY'S CARAVAN"],
      ['INT', 'TRAWLER - WHEELHOUSE'],
    ],
  },
  {
    location: 'Fish Quay, Whitby',
    sets: [
      ['EXT', 'FISH MARKET'],
      ['INT', 'FISH MARKET - COLD STORE'],
      ['EXT', 'TRAWLER - DECK'],
      ['EXT', 'HARBOUR WALL'],
    ],
  },
  {
    location: 'The Anchor, Church Street',
    sets: [
      ['INT', 'THE ANCHOR - BAR'],
      ['INT', 'THE ANCHOR - CELLAR'],
      ['EXT', 'THE ANCHOR'],
    ],
  },
  {
    location: "St Hilda's Hospital (disused wing)",
    sets: [
      ['INT', 'HOSPITAL - CORRIDOR'],
      ['INT', 'HOSPITAL - MORTUARY'],
      ['INT', "HOSPITAL - RELATIVES' ROOM"],
    ],
  },
  {
    location: 'Sandsend Caravan Park',
    sets: [
      ['EXT', 'CARAVAN PARK'],
      ['EXT', 'CARAVAN PARK - SHOWER BLOCK'],
      ['INT/EXT', "DANNY'S VAN"],
    ],
  },
  {
    location: "Whitby Abbey and St Mary's Church",
    sets: [
      ['EXT', 'ABBEY RUINS'],
      ['INT', 'CHURCH - NAVE'],
      ['EXT', 'CHURCHYARD'],
    ],
  },
  {
    location: 'Lifeboat Station, Pier Road',
    sets: [
      ['EXT', 'LIFEBOAT STATION - SLIPWAY'],
      ['INT', 'LIFEBOAT STATION - BOATHOUSE'],
    ],
  },
  {
    location: 'Scarborough Town Hall',
    sets: [
      ['INT', "MAYOR'S OFFICE"],
      ['INT', 'COUNCIL CHAMBER'],
    ],
  },
  {
    location: 'Teesside Crown Court',
    sets: [
      ['INT', 'COURTROOM'],
      ['INT', 'COURT - CORRIDOR'],
    ],
  },
];

/** Where the second unit shoots: exteriors, driving and the sea, without principal cast. */
export const DEMO_SECOND_UNIT_LOCATIONS: readonly DemoLocation[] = [
  {
    location: 'A169, Goathland Moor',
    sets: [
      ['EXT', 'MOORLAND ROAD'],
      ['INT/EXT', "MAGGIE'S CAR - MOVING"],
    ],
    scenery: [
      'Headlights sweep across the empty moor',
      "Maggie's car crests the hill towards town",
      'A lorry overtakes on the bend, spray flying',
    ],
  },
  {
    location: 'North Sea off Whitby (marine unit)',
    sets: [
      ['EXT', 'TRAWLER - AT SEA'],
      ['EXT', 'LIFEBOAT - AT SEA'],
    ],
    scenery: [
      'The trawler heads out past the pier into a rising sea',
      'The lifeboat ploughs through the swell',
      'A searchlight sweeps the water',
    ],
  },
  {
    location: 'West Cliff Beach',
    sets: [
      ['EXT', 'BEACH'],
      ['EXT', 'CLIFF PATH'],
    ],
    scenery: [
      'Waves break on the empty beach',
      'A lone figure on the cliff path, seen from below',
      'Fog rolls in over the abbey on the headland',
    ],
  },
  {
    location: 'Whitby Harbour',
    sets: [
      ['EXT', 'HARBOUR - ESTABLISHING'],
      ['EXT', 'SWING BRIDGE'],
    ],
    scenery: [
      'Gulls wheel above the harbour at first light',
      'The swing bridge opens for a returning boat',
      'Waves break over the harbour wall',
    ],
  },
];

/** The cast, leads first: `short` is the name synopses use. */
export const DEMO_CAST: readonly (CastMemberFields & { short: string })[] = [
  { number: '1', character: 'DI Maggie Doyle', short: 'Maggie', name: 'Niamh Callaghan' },
  { number: '2', character: 'DS Tom Reyes', short: 'Tom', name: 'Marcus Adeyemi' },
  { number: '3', character: 'Danny Pryce', short: 'Danny', name: 'Owen Hartley' },
  { number: '4', character: 'Ellen Pryce', short: 'Ellen', name: 'Grace Whitford' },
  { number: '5', character: 'Supt. Frank Hollis', short: 'Hollis', name: 'Alan Brannigan' },
  { number: '6', character: 'Dr Priya Sandhu', short: 'Priya', name: 'Anjali Mehta' },
  { number: '7', character: 'Jack Doyle', short: 'Jack', name: 'Ruairi Quinn' },
  { number: '8', character: 'Mayor Celia Ward', short: 'the Mayor', name: 'Harriet Lomax' },
  { number: '9', character: 'Sean Kerrigan', short: 'Kerrigan', name: 'Declan Foy' },
  { number: '10', character: 'Lily Pryce', short: 'Lily', name: 'Maisie Thornton' },
  { number: '11', character: 'Father Michael', short: 'Father Michael', name: 'Geoffrey Amos' },
  { number: '12', character: 'Skipper Bill Harker', short: 'Harker', name: 'Ray Dunmore' },
  { number: '13', character: 'Carol Bright', short: 'Carol', name: 'Bernadette Shaw' },
  { number: '14', character: 'PC Aisha Malik', short: 'Aisha', name: 'Zara Qureshi' },
  { number: '15', character: 'The Coroner', short: 'the Coroner', name: 'Philip Ashdown' },
];

/** Synopses of two characters: `{a}` and `{b}` are their short names, `{thing}` a clue. */
export const DEMO_PAIR_SYNOPSES: readonly string[] = [
  '{a} and {b} argue over the night of the storm',
  '{a} questions {b} about {thing}',
  '{a} tells {b} the truth about the insurance money',
  '{a} confronts {b} with {thing}',
  '{a} breaks the news to {b}',
  '{a} searches the place while {b} keeps watch',
  '{a} follows {b} through the crowd',
  '{a} and {b} share a drink and an uneasy truce',
  '{a} warns {b} to stay away from the harbour',
  '{b} catches {a} with {thing}',
  '{a} asks {b} for an alibi and gets a lie',
  '{a} shows {b} {thing}; neither admits to knowing it',
  '{a} drives {b} home in silence',
  '{b} begs {a} to drop the case',
  '{a} and {b} go over the timeline again',
];

/** Synopses of one character. */
export const DEMO_SOLO_SYNOPSES: readonly string[] = [
  '{a} finds {thing} hidden behind the nets',
  '{a} goes through the case files alone',
  '{a} waits, watching the door',
  '{a} makes a call and hangs up before it connects',
  '{a} burns {thing}',
  '{a} gets in with a borrowed key',
  '{a} pins {thing} to the incident board',
  '{a} stands at the window as the boats come in',
];

export const DEMO_THINGS: readonly string[] = [
  'a torn lifejacket',
  'the missing logbook',
  'the key to the cold store',
  "Danny's phone",
  'a bloodstained glove',
  'the harbour CCTV',
  'an unsigned letter',
  'a set of nautical charts',
];
