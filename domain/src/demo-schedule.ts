import type * as Y from 'yjs';
import { initialiseMeta } from './calendar-document.js';
import { createCastMember } from './cast-document.js';
import {
  DEMO_CAST,
  DEMO_MAIN_LOCATIONS,
  DEMO_PAIR_SYNOPSES,
  DEMO_PRODUCTION_NAME,
  DEMO_SECOND_UNIT_LOCATIONS,
  DEMO_SOLO_SYNOPSES,
  DEMO_THINGS,
  type DemoLocation,
} from './demo-production.js';
import { migrateDocument } from './document-migration.js';
import { renumberedOrderKeys } from './order-key.js';
import { DEFAULT_WORKING_DAYS, workingDates } from './schedule-settings.js';
import { randomInteger, randomPick, randomUuid, seededRandom, shuffled } from './seeded-random.js';
import { createShootDay, DEFAULT_UNIT } from './shoot-day.js';
import { createStrip, POOL_DAY_ID, type DayNight, type StripFields } from './strip-document.js';
import { EIGHTHS_PER_PAGE } from './page-eighths.js';

/**
 * A realistic schedule for a new user, the end-to-end tests and the benchmarks: the same seed
 * and options give the same document (ids included) on every machine.
 */

export const SECOND_UNIT = '2nd Unit';

export interface DemoScheduleOptions {
  /** Seeds every choice, ids included. */
  seed: number;
  /** `YYYY-MM-DD`: the main unit shoots from the first working day on or after it. */
  startDate: string;
  /**
   * The calendar's zone. When given, a calendar whose meta is not set yet gets the demo's name
   * and this zone (`initialiseMeta`, which never overwrites).
   */
  timezone?: string;
  /** Shoot days over both units; a quarter of them (at least one) are the second unit's. */
  days?: number;
  /** Scenes; ignored when `strips` is given. */
  scenes?: number;
  /** Strips in all, banners included: the scenes are what the banners leave. */
  strips?: number;
}

/** The demo's size: about 25 days on two units, 120 scenes. */
export const DEMO_SCHEDULE_SIZE = { days: 25, scenes: 120 } as const;

/** The stripboard benchmark's size. */
export const BENCHMARK_SCHEDULE_SIZE = { days: 60, strips: 500 } as const;

export interface DemoSchedule {
  /** Shoot days, main unit first, each unit in date order. */
  dayIds: string[];
  /** Every strip: each day's in board order, then the pool's. */
  stripIds: string[];
  castIds: string[];
}

type Light = 'day' | 'night' | 'second';

interface DemoDay {
  id: string;
  unit: string;
  date: string;
  light: Light;
  /** One location, or two with a company move between them. */
  locations: DemoLocation[];
}

type DemoStrip = Partial<StripFields>;

const LIGHTS: Record<Light, readonly DayNight[]> = {
  day: ['DAY', 'DAY', 'DAY', 'DAY', 'DAY', 'DAY', 'MORNING', 'DAWN'],
  night: ['NIGHT', 'NIGHT', 'NIGHT', 'NIGHT', 'NIGHT', 'EVENING', 'DUSK'],
  second: ['DAY', 'DAY', 'DAY', 'DAWN', 'DUSK'],
};

const CALLS: Record<Light, { crewCall: string; shootingCall: string }> = {
  day: { crewCall: '07:00', shootingCall: '08:00' },
  night: { crewCall: '16:00', shootingCall: '17:30' },
  second: { crewCall: '05:30', shootingCall: '06:15' },
};

const MEAL_MINUTES = 60;
const MOVE_MINUTES = 45;

/** Every fourth main-unit day is split over two locations, with a company move between. */
function isSplitDay(index: number): boolean {
  return index % 4 === 2;
}

/** `HH:mm` of minutes after midnight, past midnight wrapping to the next day's clock. */
function clockTime(minutes: number): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(wrapped / 60))}:${pad(wrapped % 60)}`;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** How many scenes each of `count` days gets, `total` in all, as evenly as possible. */
function spread(random: () => number, total: number, count: number): number[] {
  const extra = new Set(shuffled(random, [...Array(count).keys()]).slice(0, total % count));
  return Array.from(
    { length: count },
    (_, i) => Math.floor(total / count) + (extra.has(i) ? 1 : 0),
  );
}

function otherThan(random: () => number, location: DemoLocation | undefined): DemoLocation {
  return randomPick(
    random,
    DEMO_MAIN_LOCATIONS.filter((each) => each !== location),
  );
}

/** Main-unit days in runs of one to three at a location; second-unit days from mid-shoot. */
function planDays(
  random: () => number,
  startDate: string,
  mainDays: number,
  secondDays: number,
): DemoDay[] {
  const days: DemoDay[] = [];
  const mainDates = workingDates(startDate, mainDays, DEFAULT_WORKING_DAYS);
  let location: DemoLocation | undefined;
  let run = 0;
  mainDates.forEach((date, i) => {
    if (run === 0) {
      location = otherThan(random, location);
      run = randomInteger(random, 1, 3);
    }
    run -= 1;
    const locations = isSplitDay(i) ? [location!, otherThan(random, location)] : [location!];
    const light = random() < 0.25 ? 'night' : 'day';
    days.push({ id: randomUuid(random), unit: DEFAULT_UNIT, date, light, locations });
  });
  const secondStart = mainDates[Math.floor(mainDays / 2)] ?? startDate;
  for (const date of workingDates(secondStart, secondDays, DEFAULT_WORKING_DAYS)) {
    const locations = [randomPick(random, DEMO_SECOND_UNIT_LOCATIONS)];
    days.push({ id: randomUuid(random), unit: SECOND_UNIT, date, light: 'second', locations });
  }
  return days;
}

/** One to four cast members (indexes into DEMO_CAST), the leads most often. */
function sceneCast(random: () => number): number[] {
  const cast = new Set<number>();
  if (random() < 0.55) cast.add(0);
  if (random() < 0.45) cast.add(1);
  const size = randomInteger(random, 1, 4);
  while (cast.size < size) cast.add(Math.floor(random() ** 1.5 * DEMO_CAST.length));
  return [...cast].sort((a, b) => a - b);
}

/** A synopsis naming the scene's first two characters. */
function synopsis(random: () => number, cast: readonly number[]): string {
  const [a, b] = cast.map((index) => DEMO_CAST[index]!.short) as [string, string | undefined];
  const text = randomPick(random, b === undefined ? DEMO_SOLO_SYNOPSES : DEMO_PAIR_SYNOPSES)
    .replace('{a}', a)
    .replace('{b}', b ?? '')
    .replace('{thing}', randomPick(random, DEMO_THINGS));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `total` eighths cut at random into `parts` scenes of at least one eighth each. */
function pagesOfScenes(random: () => number, total: number, parts: number): number[] {
  const cuts = shuffled(
    random,
    [...Array(total - 1).keys()].map((i) => i + 1),
  )
    .slice(0, parts - 1)
    .sort((a, b) => a - b);
  return [...cuts, total].map((cut, i) => cut - (i === 0 ? 0 : cuts[i - 1]!));
}

/** Eighths a main-unit day holds: three and a half to five and a half pages. */
function dayEighths(random: () => number, scenes: number): number {
  return Math.max(scenes, randomInteger(random, 28, 44));
}

/**
 * A scene at a location: on the main unit about 13 minutes an eighth; on the second unit
 * short, slow (driving, the sea) and without principal cast.
 */
function scene(
  random: () => number,
  castIds: readonly string[],
  location: DemoLocation,
  light: Light,
  eighths = 2 + Math.floor(random() ** 1.5 * 12),
): DemoStrip {
  const [intExt, set] = randomPick(random, location.sets);
  const dayNight = randomPick(random, LIGHTS[light]);
  const second = light === 'second';
  const cast = second ? [] : sceneCast(random);
  const pages = second ? randomInteger(random, 1, 3) : eighths;
  return {
    kind: 'scene',
    intExt,
    dayNight,
    set,
    location: location.location,
    synopsis: second
      ? randomPick(random, location.scenery ?? [`The ${set.toLowerCase()}, empty`])
      : synopsis(random, cast),
    eighths: pages,
    estMinutes: second
      ? 60 + 15 * randomInteger(random, 0, 6)
      : eighths * 13 + 5 * randomInteger(random, 0, 3),
    cast: cast.map((index) => castIds[index]!),
  };
}

/**
 * Numbers the scenes in a random script order (shooting order is not script order): 1, 2, 3,
 * with now and then an inserted scene (`12A`), and the script page each starts on.
 */
function numberScenes(random: () => number, scenes: readonly DemoStrip[]): void {
  let number = 0;
  let lettered = false;
  let eighths = 0;
  for (const strip of shuffled(random, scenes)) {
    if (number > 0 && !lettered && random() < 0.06) {
      strip.scene = `${number}A`;
      lettered = true;
    } else {
      number += 1;
      lettered = false;
      strip.scene = String(number);
    }
    strip.scriptPage = String(Math.floor(eighths / EIGHTHS_PER_PAGE) + 1);
    eighths += strip.eighths ?? 0;
  }
}

/** A day's strips in board order: scenes by location, a move between, a meal in the middle. */
function dayStrips(day: DemoDay, scenes: DemoStrip[]): DemoStrip[] {
  const strips = [...scenes];
  const second = day.locations[1];
  if (second) {
    const moveAt = strips.findIndex((strip) => strip.location === second.location);
    const text = `Company move to ${second.location}`;
    strips.splice(moveAt < 0 ? strips.length : moveAt, 0, {
      kind: 'banner',
      text,
      estMinutes: MOVE_MINUTES,
    });
  }
  if (day.unit === DEFAULT_UNIT) {
    const text = day.light === 'night' ? 'Night meal: 1 hour' : 'Lunch: 1 hour';
    strips.splice(Math.ceil(strips.length / 2), 0, {
      kind: 'banner',
      text,
      estMinutes: MEAL_MINUTES,
    });
  }
  return strips;
}

/**
 * Writes a demo schedule into `doc` in one transaction: 15 cast, shoot days on two units (a
 * quarter on the second, from mid-shoot) with calls and an estimated wrap, scenes with sets,
 * synopses and cast, a meal banner on every main-unit day, a company move on split days, and
 * a few scenes left in the pool. It migrates the document first (an editor is writing it), and
 * adds to whatever the document holds.
 */
export function createDemoSchedule(doc: Y.Doc, options: DemoScheduleOptions): DemoSchedule {
  const days = options.days ?? DEMO_SCHEDULE_SIZE.days;
  if (!Number.isInteger(days) || days < 2) throw new RangeError('A demo needs two days or more');
  const secondDays = Math.max(1, Math.round(days / 4));
  const mainDays = days - secondDays;
  const banners = mainDays + [...Array(mainDays).keys()].filter(isSplitDay).length;
  const scenes =
    options.strips === undefined
      ? (options.scenes ?? DEMO_SCHEDULE_SIZE.scenes)
      : options.strips - banners;
  const poolCount = Math.max(3, Math.round(scenes * 0.05));
  const secondCount = Math.max(secondDays, Math.round((scenes - poolCount) * 0.12));
  const mainCount = scenes - poolCount - secondCount;
  if (mainCount < mainDays * 2)
    throw new RangeError(`${scenes} scenes are too few for ${days} demo days`);

  const random = seededRandom(options.seed);
  const castIds = DEMO_CAST.map(() => randomUuid(random));
  const plan = planDays(random, options.startDate, mainDays, secondDays);
  const counts = [
    ...spread(random, mainCount, mainDays),
    ...spread(random, secondCount, secondDays),
  ];
  const scenesByDay = plan.map((day, i) => {
    const count = counts[i]!;
    const eighths = pagesOfScenes(random, dayEighths(random, count), count);
    return eighths.map((each, j) => {
      const location = day.locations[Math.floor((j * day.locations.length) / count)]!;
      return scene(random, castIds, location, day.light, each);
    });
  });
  const pool = Array.from({ length: poolCount }, () =>
    scene(
      random,
      castIds,
      randomPick(random, DEMO_MAIN_LOCATIONS),
      random() < 0.3 ? 'night' : 'day',
    ),
  );
  numberScenes(random, [...scenesByDay.flat(), ...pool]);

  const result: DemoSchedule = { dayIds: [], stripIds: [], castIds };
  const writeStrips = (strips: readonly DemoStrip[], dayId: string) => {
    const keys = renumberedOrderKeys(strips.length);
    strips.forEach((strip, i) => {
      result.stripIds.push(createStrip(doc, strip, { dayId, order: keys[i]! }, randomUuid(random)));
    });
  };
  doc.transact(() => {
    migrateDocument(doc);
    if (options.timezone)
      initialiseMeta(doc, { name: DEMO_PRODUCTION_NAME, timezone: options.timezone });
    DEMO_CAST.forEach(({ short: _short, ...fields }, i) =>
      createCastMember(doc, fields, castIds[i]),
    );
    plan.forEach((day, i) => {
      const strips = dayStrips(day, scenesByDay[i]!);
      const minutes = strips.reduce((sum, strip) => sum + (strip.estMinutes ?? 0), 0);
      const calls = CALLS[day.light];
      const estWrap = clockTime(minutesOf(calls.shootingCall) + minutes);
      const location = day.locations[0]!.location;
      createShootDay(doc, { date: day.date, unit: day.unit, ...calls, estWrap, location }, day.id);
      result.dayIds.push(day.id);
      writeStrips(strips, day.id);
    });
    writeStrips(pool, POOL_DAY_ID);
  });
  return result;
}
