// Runs autocannon in its own process, so the load generator never shares a core with the
// server's event loop, and reports the figures to the parent.
import autocannon from 'autocannon';

const { url, headers, connections, durationSeconds } = JSON.parse(process.argv[2]!) as {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
};
const result = await autocannon({ url, headers, connections, duration: durationSeconds });
process.send?.({
  requestsPerSecond: result.requests.average,
  p50: result.latency.p50,
  p95: result.latency.p97_5 !== undefined ? percentile(result, 95) : result.latency.p90,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  total: result.requests.total,
});

/** autocannon reports p90 and p97.5 but not p95: interpolate between them. */
function percentile(r: autocannon.Result, _p: 95): number {
  return r.latency.p90 + (r.latency.p97_5 - r.latency.p90) * (5 / 7.5);
}
