import { loadCalendarDocument } from '@callboard/db';
import type { Sql } from 'postgres';
import * as Y from 'yjs';

/** The calendar's document exactly as Postgres holds it: snapshot plus log. */
export async function storedDocument(sql: Sql, calendarId: string): Promise<Y.Doc> {
  const stored = await loadCalendarDocument(sql, calendarId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
  for (const row of stored.updates) Y.applyUpdate(doc, row.update);
  return doc;
}

/** Resolves the HTTP status a websocket upgrade is refused with (or 101 when accepted). */
export async function upgradeStatus(
  url: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const { default: WebSocket } = await import('ws');
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

export async function metricValue(
  registry: {
    getSingleMetric(
      name: string,
    ): { get(): Promise<{ values: { value: number; labels: object }[] }> } | undefined;
  },
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((value) =>
      Object.entries(labels).every(
        ([key, wanted]) => (value.labels as Record<string, string>)[key] === wanted,
      ),
    )
    .reduce((sum, value) => sum + value.value, 0);
}
