/** A field the app checked before sending, against the same rule the API applies. */
export class InvalidFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFieldError';
  }
}

/** The part of a domain schema (NameSchema, EmailSchema) a form needs. */
interface FieldRule<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}

/**
 * The value as the rule normalises it (a trimmed name), or an InvalidFieldError naming the
 * field, e.g. "Name must not be empty.", for the form's error line.
 */
export function validField<T>(label: string, rule: FieldRule<T>, value: string): T {
  const result = rule.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidFieldError(`${label} ${result.error.issues[0]?.message ?? 'is not valid'}.`);
}
