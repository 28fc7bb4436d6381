import type { Sql } from 'postgres';

export interface CalendarVersionRow {
  id: string;
  calendarId: string;
  name: string;
  colour: string | null;
  automatic: boolean;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  stateVector: Uint8Array;
}

export interface CalendarVersionWithState extends CalendarVersionRow {
  state: Uint8Array;
}

interface VersionRecord {
  id: string;
  calendar_id: string;
  name: string;
  colour: string | null;
  automatic: boolean;
  created_at: Date;
  created_by: string | null;
  creator_name: string | null;
  state_vector: Uint8Array;
  state?: Uint8Array;
}

function toRow(record: VersionRecord): CalendarVersionRow {
  return {
    id: record.id,
    calendarId: record.calendar_id,
    name: record.name,
    colour: record.colour,
    automatic: record.automatic,
    createdAt: record.created_at,
    createdBy: record.created_by
      ? { id: record.created_by, name: record.creator_name ?? '' }
      : null,
    stateVector: record.state_vector,
  };
}

// Bytes travel as base64 text the server decodes, as in calendar-document.repository.ts.
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export class CalendarVersionRepository {
  constructor(private readonly sql: Sql) {}

  async create(input: {
    calendarId: string;
    name: string;
    colour: string | null;
    automatic: boolean;
    state: Uint8Array;
    stateVector: Uint8Array;
    createdBy: string | null;
  }): Promise<CalendarVersionRow> {
    const [record] = await this.sql<VersionRecord[]>`
      with inserted as (
        insert into calendar_versions
          (calendar_id, name, colour, automatic, state, state_vector, created_by)
        values (${input.calendarId}, ${input.name}, ${input.colour}, ${input.automatic},
                decode(${base64(input.state)}, 'base64'), decode(${base64(input.stateVector)}, 'base64'),
                ${input.createdBy})
        returning id, calendar_id, name, colour, automatic, created_at, created_by, state_vector
      )
      select inserted.*, u.name as creator_name
      from inserted left join users u on u.id = inserted.created_by`;
    return toRow(record!);
  }

  /** A calendar's versions, newest first, without their state. */
  async listForCalendar(calendarId: string): Promise<CalendarVersionRow[]> {
    const records = await this.sql<VersionRecord[]>`
      select v.id, v.calendar_id, v.name, v.colour, v.automatic, v.created_at, v.created_by,
             v.state_vector, u.name as creator_name
      from calendar_versions v left join users u on u.id = v.created_by
      where v.calendar_id = ${calendarId}
      order by v.created_at desc, v.id desc`;
    return records.map(toRow);
  }

  async find(versionId: string): Promise<CalendarVersionWithState | null> {
    const [record] = await this.sql<VersionRecord[]>`
      select v.id, v.calendar_id, v.name, v.colour, v.automatic, v.created_at, v.created_by,
             v.state_vector, v.state, u.name as creator_name
      from calendar_versions v left join users u on u.id = v.created_by
      where v.id = ${versionId}`;
    return record ? { ...toRow(record), state: record.state! } : null;
  }

  /** The calendar a version belongs to, for the access check before anything else is read. */
  async calendarOf(versionId: string): Promise<string | null> {
    const [record] = await this.sql<{ calendar_id: string }[]>`
      select calendar_id from calendar_versions where id = ${versionId}`;
    return record?.calendar_id ?? null;
  }

  async delete(versionId: string): Promise<void> {
    await this.sql`delete from calendar_versions where id = ${versionId}`;
  }

  /** Deletes a calendar's automatic versions past the newest `keep`; returns how many went. */
  async pruneAutomatic(calendarId: string, keep: number): Promise<number> {
    const deleted = await this.sql`
      delete from calendar_versions where id in (
        select id from calendar_versions
        where calendar_id = ${calendarId} and automatic
        order by created_at desc, id desc
        offset ${keep}
      )`;
    return deleted.count;
  }
}
