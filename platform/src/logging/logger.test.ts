import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logUnhandledRejections } from './logger.js';

describe('logUnhandledRejections', () => {
  it('logs an unhandled rejection as an error instead of ending the process', () => {
    let written = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.toString();
        callback();
      },
    });
    const logger = createLogger({ level: 'info', format: 'json', destination });
    const fakeProcess = new EventEmitter();
    logUnhandledRejections(logger, fakeProcess as unknown as NodeJS.Process);

    fakeProcess.emit('unhandledRejection', new Error('Connection is closed.'));

    const line = JSON.parse(written) as { level: number; msg: string; err: { message: string } };
    expect(line).toMatchObject({ level: 50, msg: 'unhandled promise rejection' });
    expect(line.err.message).toBe('Connection is closed.');
  });
});
