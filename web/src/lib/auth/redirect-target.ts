const FALLBACK = '/projects';
const base = 'http://callboard.invalid';

// Browsers read a backslash as a slash and drop tabs and newlines, so `/\evil.com` means `//evil.com`.
const misread = (char: string) => char === '\\' || char <= '\u001f' || char === '\u007f';

function staysOnOrigin(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    ![...path].some(misread) &&
    new URL(path, base).origin === base
  );
}

/**
 * The path to open after sign-in: only a path on this origin, checked as given and once decoded
 * (a router or a proxy may decode it again), else the project list.
 */
export function safeRedirectTarget(value: string | null): string {
  if (!value) return FALLBACK;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return FALLBACK;
  }
  return staysOnOrigin(value) && staysOnOrigin(decoded) ? value : FALLBACK;
}
