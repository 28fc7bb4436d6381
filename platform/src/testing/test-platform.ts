import { Writable } from 'node:stream';
import { loadPlatformConfig } from '../config/platform.config.js';
import { createLogger } from '../logging/logger.js';
import { closePlatform, openPlatform, preparePlatform, type Platform } from '../platform.js';

export interface TestPlatform {
  platform: Platform;
  /** Every log line the platform wrote, for assertions that secrets never appear. */
  logs(): string;
  close(): Promise<void>;
}

/** A migrated platform on a test database, logging JSON into memory. */
export async function openTestPlatform(
  env: Record<string, string | undefined>,
): Promise<TestPlatform> {
  let captured = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      captured += chunk.toString();
      callback();
    },
  });
  const config = loadPlatformConfig({ LOG_LEVEL: 'debug', ...env });
  const logger = createLogger({ level: config.LOG_LEVEL, format: 'json', destination });
  const platform = await openPlatform(config, logger);
  await preparePlatform(platform);
  return { platform, logs: () => captured, close: () => closePlatform(platform) };
}
