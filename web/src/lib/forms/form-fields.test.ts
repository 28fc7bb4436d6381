import { EmailSchema, NameSchema } from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import { userMessage } from '../errors/api-error';
import { InvalidFieldError, validField } from './form-fields';

describe('validField', () => {
  it('returns the value as the domain rule normalises it', () => {
    expect(validField('Name', NameSchema, '  Night Shoot ')).toBe('Night Shoot');
    expect(validField('Email', EmailSchema, ' ada@example.com')).toBe('ada@example.com');
  });

  it.each([
    ['Name', NameSchema, '   ', 'Name must not be empty.'],
    ['Name', NameSchema, 'n'.repeat(101), 'Name must be at most 100 characters.'],
    ['Name', NameSchema, 'Night\u0000Shoot', 'Name must contain only printable characters.'],
    ['Email', EmailSchema, 'not-an-email', 'Email must be a valid email address.'],
  ] as const)(
    'refuses a bad %s with a sentence the form shows as it is',
    (label, rule, value, sentence) => {
      let failure: unknown;
      try {
        validField(label, rule, value);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(InvalidFieldError);
      expect(userMessage(failure)).toBe(sentence);
    },
  );
});
