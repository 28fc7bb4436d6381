// Loaded into every server under test (with --expose-gc), so the bench can take each server's
// memory after a full collection rather than whenever V8 last happened to collect: our relay's
// start-up garbage (its TypeScript is compiled at start) was freed mid-run and hid the documents.
process.on('message', (message) => {
  if (message !== 'collect-garbage') return;
  globalThis.gc?.();
  process.send?.('garbage-collected');
});
// The channel must not keep a server alive once it has been told to stop.
process.channel?.unref();
