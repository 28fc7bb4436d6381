import { z } from 'zod';

/** Longest name of an account, project or calendar, in UTF-16 code units as a browser counts. */
export const NAME_MAX_LENGTH = 100;

/** Longest email address (the SMTP path limit). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * What no name or typed email may contain: control characters (NUL, tab, newline, the rest of
 * C0 and C1), line and paragraph separators, the bidirectional overrides that can disguise
 * text, and unpaired surrogates, which no database encoding can store.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;

const isPrintableText = (text: string) => !UNPRINTABLE.test(text);

const PRINTABLE_MESSAGE = 'must contain only printable characters';

/**
 * The name of an account, project or calendar: trimmed, then 1 to 100 characters of printable
 * text in any script (letters, digits, punctuation, symbols, emoji, inner spaces).
 */
export const NameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`)
  .refine(isPrintableText, PRINTABLE_MESSAGE);

/**
 * What was typed into an email field, trimmed, before it is known to be an address: sign-in
 * looks it up as it is, so a mistyped one is a wrong sign-in rather than a malformed request.
 */
export const EmailTextSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
  .refine(isPrintableText, PRINTABLE_MESSAGE);

/** An account's email address: typed text that is a valid address (ASCII, so never a NUL). */
export const EmailSchema = EmailTextSchema.pipe(
  z.email({ message: 'must be a valid email address' }),
);

/** Shortest password an account may choose. */
export const PASSWORD_MIN_LENGTH = 8;

/** Longest password accepted, so hashing stays cheap to ask for. */
export const PASSWORD_MAX_LENGTH = 256;

/** A password an account chooses, as typed (never trimmed: every character counts). */
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
