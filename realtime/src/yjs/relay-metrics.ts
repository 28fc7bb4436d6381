import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The relay's Prometheus metrics, registered once into the process registry. */
export interface RelayMetrics {
  /** Open /yjs connections by kind: writer or reader (viewer). */
  connections: Gauge<'kind'>;
  documentsLoaded: Gauge;
  /** Updates accepted, by where they came from: client, fan-out or catch-up. */
  updatesReceived: Counter<'source'>;
  /** Update messages sent to clients (one per receiving connection). */
  updatesRelayed: Counter;
  /**
   * What every relayed update adds to the two counters above, as plain numbers they take in
   * at each scrape: a counter's label lookup cost more than the rest of an update's bookkeeping.
   */
  tally: { clientUpdates: number; relayed: number };
  readOnlyWritesDropped: Counter;
  readOnlyAwarenessDropped: Counter;
  /** Awareness updates that tried to change another user's presence. */
  foreignAwarenessDropped: Counter;
  /** Writers' updates refused for a document limit, by limit (docs/document-schema.md). */
  updatesRefused: Counter<'limit'>;
  /** Connections the relay closed, by reason: malformed, oversized, rate-limited, revoked, heartbeat. */
  connectionsClosed: Counter<'reason'>;
  /** Sync frames encoded, by step; a join at a document version already answered encodes nothing. */
  syncEncodings: Counter<'step'>;
  /** Sync frames sent, by step, encoded or shared. */
  syncAnswers: Counter<'step'>;
  persistBatchUpdates: Histogram;
  persistSeconds: Histogram;
  persistFailures: Counter;
  compactions: Counter;
  fanOutDelaySeconds: Histogram;
  /** Age of the oldest accepted update not yet in Postgres, read at each scrape. */
  persistLagSeconds: Gauge;
  /** What the lag gauge reads; the persistence sets it. */
  persistLag: () => number;
}

export function createRelayMetrics(registry: Registry): RelayMetrics {
  const registers = [registry];
  const metrics: RelayMetrics = {
    connections: new Gauge({
      name: 'callboard_yjs_connections',
      help: 'Open /yjs connections by kind',
      labelNames: ['kind'],
      registers,
    }),
    documentsLoaded: new Gauge({
      name: 'callboard_yjs_documents_loaded',
      help: 'Calendar documents held in memory',
      registers,
    }),
    updatesReceived: new Counter({
      name: 'callboard_yjs_updates_received_total',
      help: 'Yjs updates applied to loaded documents, by source',
      labelNames: ['source'],
      registers,
      collect() {
        if (metrics.tally.clientUpdates === 0) return;
        this.inc({ source: 'client' }, metrics.tally.clientUpdates);
        metrics.tally.clientUpdates = 0;
      },
    }),
    updatesRelayed: new Counter({
      name: 'callboard_yjs_updates_relayed_total',
      help: 'Yjs update messages sent to clients',
      registers,
      collect() {
        if (metrics.tally.relayed === 0) return;
        this.inc(metrics.tally.relayed);
        metrics.tally.relayed = 0;
      },
    }),
    tally: { clientUpdates: 0, relayed: 0 },
    readOnlyWritesDropped: new Counter({
      name: 'callboard_yjs_read_only_writes_dropped_total',
      help: 'Updates from read-only connections that were dropped',
      registers,
    }),
    readOnlyAwarenessDropped: new Counter({
      name: 'callboard_yjs_read_only_awareness_dropped_total',
      help: 'Awareness messages from read-only connections that were not relayed',
      registers,
    }),
    foreignAwarenessDropped: new Counter({
      name: 'callboard_yjs_foreign_awareness_dropped_total',
      help: "Awareness updates dropped for touching another user's presence",
      registers,
    }),
    updatesRefused: new Counter({
      name: 'callboard_yjs_updates_refused_total',
      help: 'Updates refused for a document limit, by limit',
      labelNames: ['limit'],
      registers,
    }),
    connectionsClosed: new Counter({
      name: 'callboard_yjs_connections_closed_total',
      help: 'Connections closed by the relay, by reason',
      labelNames: ['reason'],
      registers,
    }),
    syncEncodings: new Counter({
      name: 'callboard_yjs_sync_encodings_total',
      help: 'Sync frames encoded, by step (step1: the server state vector; step2: an answer)',
      labelNames: ['step'],
      registers,
    }),
    syncAnswers: new Counter({
      name: 'callboard_yjs_sync_answers_total',
      help: 'Sync frames sent, by step, whether encoded or shared with earlier joiners',
      labelNames: ['step'],
      registers,
    }),
    persistBatchUpdates: new Histogram({
      name: 'callboard_yjs_persist_batch_updates',
      help: 'Updates written per group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    }),
    persistSeconds: new Histogram({
      name: 'callboard_yjs_persist_seconds',
      help: 'Duration of one group commit',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    persistFailures: new Counter({
      name: 'callboard_yjs_persist_failures_total',
      help: 'Group commits that failed and were retried',
      registers,
    }),
    compactions: new Counter({
      name: 'callboard_yjs_compactions_total',
      help: 'Update logs folded into a snapshot',
      registers,
    }),
    fanOutDelaySeconds: new Histogram({
      name: 'callboard_yjs_fan_out_delay_seconds',
      help: 'Delay from publishing an update on one instance to receiving it on another',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    persistLagSeconds: new Gauge({
      name: 'callboard_yjs_persist_lag_seconds',
      help: 'Age of the oldest accepted update not yet written to Postgres (0 when none waits)',
      registers,
      collect() {
        this.set(metrics.persistLag());
      },
    }),
    persistLag: () => 0,
  };
  return metrics;
}
