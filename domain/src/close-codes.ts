import { DOCUMENT_LIMIT_CLOSE_CODE } from './document-limits.js';

/**
 * The /yjs close codes (docs/realtime-protocol.md), declared once for the relay that sends
 * them and the web app that acts on them; 44xx stop the stock provider from reconnecting.
 */
export const CLOSE_CODES = {
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  tooLarge: 1009,
  internalError: 1011,
  roleChanged: 4000,
  demotedToReader: 4003,
  sessionEnded: 4401,
  removedFromProject: 4403,
  calendarDeleted: 4404,
  documentLimitExceeded: DOCUMENT_LIMIT_CLOSE_CODE,
} as const;
