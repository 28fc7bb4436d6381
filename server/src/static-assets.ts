import { readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import type { Logger } from '@callboard/platform';
import { lookup } from 'mrmime';

/** Answers a request the static files do not (a page, or an asset gone since start-up). */
export type StaticFallback = (status: 404 | 500) => void;

/** Precompressed copies adapter-node writes beside each asset, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br', accepted: /\b(br|brotli)\b/i },
  { name: 'gzip', suffix: '.gz', accepted: /\bgzip\b/i },
] as const;

/** Hashed file names under here never change, so browsers may keep them for a year. */
const IMMUTABLE_PREFIX = '/_app/immutable/';

/** Lists every file under `root` as a URL path, with the precompressed copies it has. */
function listFiles(root: string): Map<string, Set<string>> {
  const files = new Map<string, Set<string>>();
  const names = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  const all = new Set(names.map((name) => `/${name.split(path.sep).join('/')}`));
  for (const urlPath of all) {
    const copies = new Set(ENCODINGS.filter((e) => all.has(urlPath + e.suffix)).map((e) => e.name));
    files.set(urlPath, copies);
  }
  return files;
}

interface Candidate {
  file: string;
  /** The Content-Encoding of this copy; null for the file itself. */
  encoding: string | null;
}

async function openFirst(
  candidates: Candidate[],
): Promise<{ handle: FileHandle; encoding: string | null } | null> {
  for (const candidate of candidates) {
    try {
      return { handle: await open(candidate.file, 'r'), encoding: candidate.encoding };
    } catch (error) {
      // Gone since start-up (a redeploy): try the next copy.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return null;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
  candidates: Candidate[],
  fallback: StaticFallback,
  logger: Logger,
): Promise<void> {
  const opened = await openFirst(candidates);
  if (!opened) return fallback(404);
  const { handle, encoding } = opened;
  let streaming = false;
  try {
    const stats = await handle.stat();
    const etag = `W/"${stats.size}-${stats.mtime.getTime()}"`;
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': lookup(urlPath) ?? 'application/octet-stream',
      'Content-Length': stats.size,
      'Last-Modified': stats.mtime.toUTCString(),
      ETag: etag,
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
      ...(urlPath.startsWith(IMMUTABLE_PREFIX)
        ? { 'Cache-Control': 'public,max-age=31536000,immutable' }
        : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    streaming = true;
    // The stream closes the handle; pipeline ends only this response if a read fails.
    pipeline(handle.createReadStream(), res, (error) => {
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
        logger.warn({ err: error, path: urlPath }, 'static file read failed');
    });
  } finally {
    if (!streaming) await handle.close();
  }
}

/**
 * Serves the web build's client files, in place of adapter-node's sirv: sirv pipes a read
 * stream with no error listener, so one file deleted after start-up ended the whole process.
 * Here the file is opened before any header is sent (a missing one is a 404, an unreadable
 * one a 500, for that request only), and a read failing later only ends that response.
 */
export function createStaticAssets(root: string, logger: Logger) {
  const files = listFiles(root);

  /** Serves `req` if it names a file that was in the build at start-up; false otherwise. */
  return function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    fallback: StaticFallback,
  ): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return false;
    }
    const copies = files.get(urlPath);
    if (!copies) return false;
    const accepted = req.headers['accept-encoding'] ?? '';
    const file = path.join(root, urlPath);
    const candidates: Candidate[] = [
      ...ENCODINGS.filter((e) => copies.has(e.name) && e.accepted.test(accepted)).map((e) => ({
        file: file + e.suffix,
        encoding: e.name,
      })),
      { file, encoding: null },
    ];
    void sendFile(req, res, urlPath, candidates, fallback, logger).catch((error: unknown) => {
      logger.error({ err: error, path: urlPath }, 'static file could not be read');
      if (!res.headersSent) fallback(500);
      else res.destroy();
    });
    return true;
  };
}
