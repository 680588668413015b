/**
 * `npm run bench:analyze`: the whole analyzer command as a user runs it (`npm run --silent
 * analyze -- --self … --other … --json`, a fresh process each time, wall clock) on a 20-minute
 * two-channel call, against the peer VADs of `npm run bench:talktime` over the same audio in the
 * same run (in-process, as bench:talktime times them: only their VAD calls, both channels).
 * Runs alternate (analyzer, peers, analyzer, …) so both see the same moments of a shared machine.
 *
 * The call: the demo call's two recorded voices (scripts/demo-call/public/audio, 16 kHz), repeated
 * to 20 minutes, written once to .cache/bench-analyze/. Peers need `npm run bench:setup`.
 * Options (env): BENCH_RUNS (default 5), BENCH_MINUTES (default 20).
 * Targets (issue 20): analyzer ≥ 5.6× Silero VAD v5's speed and ≤ 2× WebRTC VAD's time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseWav } from '../talktime/wav';
import { median, root } from './popup-browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 20);
const RATE = 16000;
const dir = join(root, '.cache', 'bench-analyze');
mkdirSync(dir, { recursive: true });

/** A 16-bit mono WAV of `samples`. */
function wav(samples: Float32Array): Buffer {
  const out = Buffer.alloc(44 + samples.length * 2);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + samples.length * 2, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(RATE, 24);
  out.writeUInt32LE(RATE * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767))), 44 + i * 2);
  return out;
}

const files = { self: join(dir, `self-${MINUTES}min.wav`), other: join(dir, `other-${MINUTES}min.wav`) };
const channels: Record<'self' | 'other', Float32Array> = { self: new Float32Array(0), other: new Float32Array(0) };
for (const party of ['self', 'other'] as const) {
  const source = parseWav(new Uint8Array(readFileSync(join(root, 'scripts/demo-call/public/audio', `${party}.wav`))));
  if (source.sampleRate !== RATE) throw new Error(`demo ${party}.wav is not ${RATE} Hz`);
  const long = new Float32Array(MINUTES * 60 * RATE);
  for (let o = 0; o < long.length; o += source.mono.length)
    long.set(source.mono.subarray(0, Math.min(source.mono.length, long.length - o)), o);
  channels[party] = long;
  if (!existsSync(files[party])) writeFileSync(files[party], wav(long));
}
const seconds = MINUTES * 60;

type Peer = { name: string; vad(x: Float32Array, rate: number): Promise<[number, number][]> };
const peersDir = join(root, 'scripts/talktime/peers');
if (!existsSync(join(peersDir, 'node_modules'))) {
  console.error('bench:analyze: peers not installed; run `npm run bench:setup` first');
  process.exit(2);
}
const peers = await ((await import(join(peersDir, 'peers.mjs'))) as { createPeers(): Promise<Peer[]> }).createPeers();

/** The analyzer as a user runs it: npm, Node, the cached bundle, tfjs and the model, both channels. */
function analyzerOnce(): number {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '--silent', 'analyze', '--', '--self', files.self, '--other', files.other, '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`analyze failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { speechModel: boolean; durationMs: number };
  if (!out.speechModel) throw new Error('analyze ran without the speech model');
  return ms;
}

async function peerOnce(peer: Peer): Promise<number> {
  const t0 = performance.now();
  await peer.vad(channels.self, RATE);
  await peer.vad(channels.other, RATE);
  return performance.now() - t0;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
console.log(
  `${MINUTES}-minute two-channel call (${files.self}, ${files.other}); ${RUNS} runs each after 1; load average at start ${load()}`,
);
analyzerOnce(); // warms the bundle cache and the file cache, as a second run by a user would
for (const p of peers) await peerOnce(p);
const times: Record<string, number[]> = { analyzer: [] };
for (let i = 0; i < RUNS; i++) {
  times.analyzer!.push(analyzerOnce());
  for (const p of peers) (times[p.name] ??= []).push(await peerOnce(p));
}
const row = (name: string, ms: number) =>
  `  ${name.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(seconds / (ms / 1000)).toFixed(0).padStart(5)}× realtime`;
const a = median(times.analyzer!);
console.log(`\nmedian wall time over ${RUNS} runs:`);
console.log(row('Rapport: npm run analyze (whole)', a));
for (const p of peers) console.log(row(`${p.name} (in-process)`, median(times[p.name]!)));
const silero = peers.find((p) => /silero/i.test(p.name));
const webrtc = peers.find((p) => /webrtc/i.test(p.name));
if (silero) console.log(`\nspeed against Silero VAD v5: ${(median(times[silero.name]!) / a).toFixed(2)}× (target ≥ 5.6×)`);
if (webrtc) console.log(`time against WebRTC VAD: ${(a / median(times[webrtc.name]!)).toFixed(2)}× (target ≤ 2×)`);
console.log(`analyzer runs: ${times.analyzer!.map((t) => (t / 1000).toFixed(2)).join(', ')} s; load average at end ${load()}`);
