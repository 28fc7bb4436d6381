/**
 * The Content-Security-Policy of every response, in SvelteKit's `kit.csp.directives` form
 * (keywords without quotes). On pages SvelteKit adds the hash of its inline bootstrap script
 * to script-src; everything else carries the policy as it stands here.
 */
export const contentSecurityPolicyDirectives = {
  'default-src': ['self'],
  'script-src': ['self'],
  // Stylesheets are files; Svelte's `style:` directives write through the CSSOM, which CSP allows.
  'style-src': ['self'],
  // The only static style attributes: app.html's wrapper and SvelteKit's route announcer.
  'style-src-attr': [
    'unsafe-hashes',
    'sha256-tcbDxjMo+xKqM21aCGYbs/QAJqB7yUXC06oPWDapBgc=',
    'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=',
  ],
  // Not data: and no other origin: a style such as `background: url(https://…)` fetches nothing.
  'img-src': ['self'],
  'font-src': ['self'],
  // 'self' also matches ws: and wss: to this host (CSP3), which /yjs and /socket.io use.
  'connect-src': ['self'],
  'worker-src': ['self'],
  'manifest-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
} satisfies Record<string, string[]>;

const QUOTED_SOURCE =
  /^(self|none|unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|report-sample|wasm-unsafe-eval)$|^(nonce|sha256|sha384|sha512)-/;

/** Serialises directives as SvelteKit does: keywords, nonces and hashes in single quotes. */
export function formatContentSecurityPolicy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) =>
      [name, ...sources.map((s) => (QUOTED_SOURCE.test(s) ? `'${s}'` : s))].join(' '),
    )
    .join('; ');
}

/** The header value for responses that are not SvelteKit pages (API, assets, errors). */
export const contentSecurityPolicy = /* @__PURE__ */ formatContentSecurityPolicy(
  contentSecurityPolicyDirectives,
);

/** One year; no includeSubDomains, since an install does not speak for its siblings' names. */
const HSTS = 'max-age=31536000';

/**
 * The headers beside the CSP that every response carries; HSTS only when the install's
 * PUBLIC_URL is https. strict-origin-when-cross-origin rather than no-referrer: no-referrer
 * makes browsers send `Origin: null` on form posts, which the API's origin check refuses;
 * cross-origin, only the origin is sent, never a path.
 */
export function securityHeaders(publicUrl: string | undefined): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // frame-ancestors for browsers that predate it.
    'X-Frame-Options': 'DENY',
    ...(/^https:/i.test(publicUrl ?? '') ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}
