// Loaded into every server under test (with --expose-gc): on request it collects garbage and
// reports the memory its JavaScript holds for data, its compiled code left out. Resident memory could not be compared within a run:
// our relay's start-up code (its TypeScript is compiled at start) was released mid-run and hid
// the documents' memory. Plain JavaScript: our relay runs from its build, with no TypeScript
// loader to read this.
import { getHeapCodeStatistics, writeHeapSnapshot } from 'node:v8';
import path from 'node:path';

// BENCH_HEAP_SNAPSHOTS=<dir>: each reading also writes a heap snapshot there, to compare.
const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
let readings = 0;

process.on('message', (message) => {
  if (message !== 'collect-garbage') return;
  globalThis.gc?.();
  // Buffers freed by the collection leave `external` only once swept, which runs after it:
  // a second collection a moment later reads them gone (a server that allocates a buffer per
  // joiner was otherwise charged for buffers it had already dropped).
  setTimeout(() => {
    globalThis.gc?.();
    const { heapUsed, external } = process.memoryUsage();
    // Code comes and goes on its own schedule (compiled when hot, bytecode flushed when idle),
    // by hundreds of KiB between two readings a few seconds apart, whatever the clients did:
    // counted, it swamped what 1,000 connections hold. Neither documents nor connections own it.
    const code = getHeapCodeStatistics();
    const codeBytes = code.code_and_metadata_size + code.bytecode_and_metadata_size;
    if (snapshots)
      writeHeapSnapshot(path.join(snapshots, `${process.pid}-${readings++}.heapsnapshot`));
    process.send?.({ type: 'held-bytes', bytes: heapUsed + external - codeBytes });
  }, 200);
});
// The channel must not keep a server alive once it has been told to stop.
process.channel?.unref();
