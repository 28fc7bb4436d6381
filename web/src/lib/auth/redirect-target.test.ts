import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

const origin = 'https://schedule.example.com';
const staysOnOrigin = (target: string) => new URL(target, origin).origin === origin;

describe('safeRedirectTarget', () => {
  it.each(['/projects', '/projects/abc?view=week#today', '/calendars/1/events?from=2025-01-01'])(
    'follows the same-origin path %s',
    (path) => {
      expect(safeRedirectTarget(path)).toBe(path);
    },
  );

  it.each([
    ['another origin', 'https://evil.com/'],
    ['a protocol-relative URL', '//evil.com'],
    ['a slash and a backslash', '/\\evil.com'],
    ['two backslashes', '\\\\evil.com'],
    ['an encoded backslash', '/%5Cevil.com'],
    ['an encoded lower-case backslash', '/%5cevil.com'],
    ['an encoded second slash', '/%2F%2Fevil.com'],
    ['a tab between the slashes', '/\t/evil.com'],
    ['a newline between the slashes', '/\n/evil.com'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'projects'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['nothing', null],
    ['an empty string', ''],
  ])('falls back to /projects for %s', (_case, value) => {
    expect(safeRedirectTarget(value)).toBe('/projects');
  });

  it('never returns a target that leaves the origin', () => {
    for (const value of ['/\\evil.com', '\\\\evil.com', '/%5Cevil.com', '//evil.com', '/\\/evil']) {
      const target = safeRedirectTarget(value);
      expect(staysOnOrigin(target)).toBe(true);
      expect(staysOnOrigin(decodeURIComponent(target))).toBe(true);
    }
  });
});
