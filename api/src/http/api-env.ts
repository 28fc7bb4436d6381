import type { ValidatedSession } from '@callboard/accounts';
import type { AppEnv } from '@callboard/platform';

/** The API's request values: the platform's, plus the session the session middleware found. */
export type ApiEnv = AppEnv<{ session: ValidatedSession | undefined }>;
