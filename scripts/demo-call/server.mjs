// Static server for the demo call. The call page is served on http://localhost:PORT and the far
// end (the "other" party) on http://127.0.0.1:PORT, a different origin, so the call page holds
// exactly one peer connection — microphone out, other party in — like a real call, and the
// extension's content scripts never run inside the far end.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('./public/', import.meta.url).pathname;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wav': 'audio/wav',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Requests to /hang, never answered (until the server closes): a subresource that keeps a page's load event from coming. */
const hanging = new Set();

async function handle(req, res, audioDir) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let path = decodeURIComponent(url.pathname);
  if (path === '/hang') {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return;
  }
  // Meeting rooms look like /call/<room-id>, as on real call sites.
  if (path === '/' || path.startsWith('/call/')) path = '/call.html';
  // The live benchmark's calls: /bench-audio/<call>/other.wav from a folder it wrote.
  const base = audioDir && path.startsWith('/bench-audio/') ? audioDir : ROOT;
  const file = normalize(join(base, base === ROOT ? path : path.slice('/bench-audio/'.length)));
  if (!file.startsWith(base)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/**
 * Starts the demo server on loopback only; resolves with the port and a close function.
 * `audioDir` (the live benchmark's) is served under /bench-audio/.
 */
export async function startDemoServer(port = Number(process.env.RAPPORT_DEMO_PORT ?? 4823), { audioDir = null } = {}) {
  const servers = [];
  const dir = audioDir ? normalize(audioDir + '/') : null;
  for (const host of ['127.0.0.1', '::1']) {
    const server = createServer((req, res) => void handle(req, res, dir));
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, resolve);
      });
      servers.push(server);
    } catch (error) {
      if (host === '127.0.0.1') throw error; // IPv6 loopback is optional
    }
  }
  const actualPort = servers[0].address().port;
  return {
    port: actualPort,
    callUrl: `http://localhost:${actualPort}/call/demo-mentoring-room`,
    close: () => {
      for (const res of hanging) res.destroy();
      return Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  parseArgs({ options: {} }); // takes no arguments; a stray one is an error
  const { callUrl } = await startDemoServer();
  console.log(`Demo call at ${callUrl}`);
}
