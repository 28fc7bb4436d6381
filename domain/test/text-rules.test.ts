import { describe, expect, it } from 'vitest';
import { EmailSchema, EmailTextSchema, NameSchema } from '../src/text-rules.js';

const firstMessage = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('NameSchema', () => {
  it.each([
    ['a plain name', 'Night Shoot', 'Night Shoot'],
    ['surrounding spaces, trimmed', '  Main unit \n', 'Main unit'],
    ['letters of other scripts', 'Łódź — 東京 — القاهرة', 'Łódź — 東京 — القاهرة'],
    ['an emoji joined by a zero-width joiner', 'Crew 👩‍🚀', 'Crew 👩‍🚀'],
    ['punctuation and symbols', "O'Neil & Sons: Pt. 2 (#1)", "O'Neil & Sons: Pt. 2 (#1)"],
    ['exactly 100 characters', 'n'.repeat(100), 'n'.repeat(100)],
  ])('accepts %s', (_case, input, output) => {
    expect(NameSchema.parse(input)).toBe(output);
  });

  it.each([
    ['a NUL', 'Night\u0000Shoot'],
    ['a leading NUL, which trimming keeps', '\u0000Night'],
    ['an inner tab', 'Night\tShoot'],
    ['an inner newline', 'Night\nShoot'],
    ['a DEL', 'Night\u007fShoot'],
    ['a C1 control', 'Night\u0085Shoot'],
    ['a line separator', 'Night\u2028Shoot'],
    ['a right-to-left override', 'Invoice \u202Egpj.exe'],
    ['an unpaired surrogate', 'Night \ud800 Shoot'],
  ])('refuses %s as unprintable', (_case, input) => {
    expect(firstMessage(NameSchema.safeParse(input))).toBe(
      'must contain only printable characters',
    );
  });

  it('refuses an empty or blank name and one over 100 characters, with their own messages', () => {
    expect(firstMessage(NameSchema.safeParse('   '))).toBe('must not be empty');
    expect(firstMessage(NameSchema.safeParse('n'.repeat(101)))).toBe(
      'must be at most 100 characters',
    );
    expect(NameSchema.safeParse(42).success).toBe(false);
  });
});

describe('EmailSchema', () => {
  it('accepts an address, trimmed', () => {
    expect(EmailSchema.parse('  first.ad@example.com ')).toBe('first.ad@example.com');
  });

  it.each([
    ['not an address', 'not-an-email', 'must be a valid email address'],
    ['a NUL', 'ada\u0000@example.com', 'must contain only printable characters'],
    ['a newline', 'ada@example.com\nbcc@example.com', 'must contain only printable characters'],
    ['over 254 characters', `${'a'.repeat(250)}@example.com`, 'must be at most 254 characters'],
  ])('refuses %s', (_case, input, message) => {
    expect(firstMessage(EmailSchema.safeParse(input))).toBe(message);
  });
});

describe('EmailTextSchema', () => {
  it('accepts any printable text, so a mistyped sign-in is not a malformed request', () => {
    expect(EmailTextSchema.parse(' Hunter2-Correct-Horse ')).toBe('Hunter2-Correct-Horse');
  });

  it('refuses a NUL', () => {
    expect(firstMessage(EmailTextSchema.safeParse('ada\u0000@example.com'))).toBe(
      'must contain only printable characters',
    );
  });
});
