export interface OriginPolicy {
  /** The origin of PUBLIC_URL when it is set: then it is the only one allowed. */
  configured: string | undefined;
  /** Without PUBLIC_URL, the default http://localhost:PORT is allowed too. */
  fallback: string;
}

/**
 * The one rule for which browser origins may change state or open live connections: the
 * configured public origin when PUBLIC_URL is set; otherwise the host the request was sent to
 * (a laptop reached as localhost, 127.0.0.1 or a LAN name) or the default local origin.
 */
export function originAllowed(
  origin: string,
  policy: OriginPolicy,
  requestHost: string | undefined,
): boolean {
  if (policy.configured) return origin === policy.configured;
  if (origin === policy.fallback) return true;
  return (
    requestHost !== undefined &&
    (origin === `http://${requestHost}` || origin === `https://${requestHost}`)
  );
}

export function originPolicy(config: {
  PUBLIC_URL?: string | undefined;
  publicOrigin: string;
}): OriginPolicy {
  return {
    configured: config.PUBLIC_URL ? config.publicOrigin : undefined,
    fallback: config.publicOrigin,
  };
}
