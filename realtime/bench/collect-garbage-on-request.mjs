// Loaded into every server under test (with --expose-gc): on request it collects garbage and
// reports the memory its JavaScript holds. Resident memory could not be compared within a run:
// our relay's start-up code (its TypeScript is compiled at start) was released mid-run and hid
// the documents' memory. Plain JavaScript: our relay runs from its build, with no TypeScript
// loader to read this.
process.on('message', (message) => {
  if (message !== 'collect-garbage') return;
  globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  process.send?.({ type: 'held-bytes', bytes: heapUsed + external });
});
// The channel must not keep a server alive once it has been told to stop.
process.channel?.unref();
