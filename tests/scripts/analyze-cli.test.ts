import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../scripts/talktime/wav';

/**
 * The analyzer command (issue 20): a run with each channel framed in a worker thread gives the same
 * analysis, bit for bit, as a one-thread run, and the script's bundle is built once and reused
 * while its sources are unchanged.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'rapport-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo call's voice repeated to `seconds`, as a 16-bit WAV. */
function longWav(party: 'self' | 'other', seconds: number, name = `${party}.wav`): string {
  const src = parseWav(new Uint8Array(readFileSync(join(root, 'scripts/demo-call/public/audio', `${party}.wav`))));
  const n = seconds * src.sampleRate;
  const out = Buffer.alloc(44 + n * 2);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + n * 2, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(src.sampleRate, 24);
  out.writeUInt32LE(src.sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) out.writeInt16LE(Math.round(src.mono[i % src.mono.length]! * 32767), 44 + i * 2);
  const path = join(dir, name);
  writeFileSync(path, out);
  return path;
}

const analyze = (self: string, other: string, env: Record<string, string> = {}) =>
  execFileSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/talktime/analyze.ts', '--self', self, '--other', other, '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('npm run analyze', () => {
  it('makes the channels’ frames in worker threads with the same result as on one thread', () => {
    // Longer than the 2 minutes under which no worker is started, and more than two engine chunks.
    const self = longWav('self', 150);
    const other = longWav('other', 150);
    const two = analyze(self, other);
    const one = analyze(self, other, { RAPPORT_ANALYZE_THREADS: '1' });
    expect(JSON.parse(two).speechModel).toBe(true);
    expect(JSON.parse(two).durationMs).toBeGreaterThan(149_000);
    expect(two).toBe(one);
  }, 60_000);

  it('gives the same result in worker threads when one channel is shorter than the other', () => {
    const self = longWav('self', 100, 'self-short.wav');
    const other = longWav('other', 185, 'other-long.wav');
    const two = analyze(self, other);
    expect(JSON.parse(two).durationMs).toBeGreaterThan(184_000);
    expect(two).toBe(analyze(self, other, { RAPPORT_ANALYZE_THREADS: '1' }));
    expect(analyze(other, self)).toBe(analyze(other, self, { RAPPORT_ANALYZE_THREADS: '1' }));
  }, 60_000);

  it('reuses the cached bundle while the sources are unchanged', () => {
    const cache = join(root, '.cache', 'run');
    const bundles = () => readdirSync(cache).filter((f) => /^analyze-[0-9a-f]{16}\.mjs$/.test(f));
    analyze(longWav('self', 5), longWav('other', 5));
    const before = bundles();
    expect(before.length).toBeGreaterThan(0);
    analyze(join(dir, 'self.wav'), join(dir, 'other.wav'));
    expect(bundles()).toEqual(before);
  }, 60_000);
});
