import { metaMap } from '@callboard/domain';
import { DocumentConnection } from './document-connection';

/**
 * After the API changed a calendar's zone, writes it into the document's `meta.timezone`,
 * which follows the API (docs/document-schema.md) for offline and outside readers. A document
 * that has no zone yet takes the API's when it is first opened, so it is left alone. Best
 * effort: the API's record is the truth, and the next zone change writes meta again.
 */
export async function writeDocumentTimeZone(calendarId: string, timezone: string): Promise<void> {
  const connection = new DocumentConnection(calendarId);
  try {
    const meta = metaMap(connection.doc);
    if (
      (await connection.synced()) &&
      meta.get('timezone') !== undefined &&
      meta.get('timezone') !== timezone
    ) {
      meta.set('timezone', timezone);
    }
  } finally {
    connection.close();
  }
}
