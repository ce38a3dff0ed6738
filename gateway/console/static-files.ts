import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves a file of `root` for a URL path below it; false when there is no such file. A path that would leave the
 * folder (`..`, encoded or not) is never served. Vite's hashed files under assets/ are cached for good, the rest
 * revalidated, so a new build is picked up at the next page load.
 */
export async function serveStaticFile(root: string, relativePath: string, response: ServerResponse): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const base = normalize(root + sep);
  const file = normalize(join(base, decoded));
  if (!file.startsWith(base)) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': decoded.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  await new Promise<void>((resolve, reject) => createReadStream(file).on('error', reject).on('end', resolve).pipe(response));
  return true;
}
