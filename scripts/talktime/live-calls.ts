/**
 * The calls the live benchmark plays through the browser, written as WAV files with their truth:
 * two real voices of the dev split (the synthetic espeak/flite voices left out), rendered as a
 * variant, with room tone before and after so that a session starts before anyone speaks, as a
 * real one does. Shared by `bench:live` and `talktime/processed.ts`; the latter also writes the
 * training split's calls (`train-500-…`, the seeds tune.ts uses), so that rules for processed
 * audio can be chosen on calls that are not the dev set's.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Call, type Variant, makeCall, render } from './calls';
import { RATE, listClips, loadMusic, missingPackages } from './data';
import { encodeWav16, parseWav } from './wav';

export const LIVE_CALLS_DIR = path.join(import.meta.dirname, '..', '..', '.cache', 'bench-live');
const LEAD_IN_S = 3;
const TAIL_S = 3;

/** Talk of each party in the truth, and the length of the files. */
export type Truth = { selfMs: number; otherMs: number; share: number; durationMs: number };

export interface LiveCall {
  id: string;
  variant: Variant;
  /** Folder holding self.wav, other.wav (16 kHz mono) and truth.json. */
  dir: string;
  truth: Truth;
  /** Truth intervals in samples at RATE. */
  spans: Call['truth'];
  self: Float32Array;
  other: Float32Array;
  sampleRate: number;
}

const sumMs = (spans: [number, number][]) => (spans.reduce((n, [a, b]) => n + (b - a), 0) / RATE) * 1000;

function padded(call: Call): Call {
  const pad = (x: Float32Array) => {
    const out = new Float32Array(x.length + (LEAD_IN_S + TAIL_S) * RATE);
    out.set(x, LEAD_IN_S * RATE);
    return out;
  };
  const shift = (spans: [number, number][]) => spans.map(([a, b]): [number, number] => [a + LEAD_IN_S * RATE, b + LEAD_IN_S * RATE]);
  return { ...call, self: pad(call.self), other: pad(call.other), truth: { self: shift(call.truth.self), other: shift(call.truth.other) } };
}

/** Seed of a split's first live call: the dev set's live calls, or the training calls tune.ts uses. */
const FIRST_SEED = { dev: 2000, train: 500 } as const;

/** Renders and writes `calls` × `variants`; exits with the install command when data packages are missing. */
export function writeLiveCalls(calls: number, seconds: number, variants: Variant[], split: 'dev' | 'train' = 'dev'): LiveCall[] {
  const missing = missingPackages();
  if (missing.length) {
    console.error(`missing allowed data packages; install with: apt-get install --no-install-recommends ${missing.join(' ')}`);
    process.exit(1);
  }
  const clips = listClips().filter((c) => c.source !== 'espeak-ng' && c.source !== 'flite');
  const music = loadMusic(split);
  const out: LiveCall[] = [];
  for (let i = 0; i < calls; i++) {
    const call = padded(makeCall(clips, split, FIRST_SEED[split] + i, seconds));
    for (const variant of variants) {
      const x = render(call, variant, music);
      const id = `${call.id}-${variant}`;
      const dir = path.join(LIVE_CALLS_DIR, id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'self.wav'), encodeWav16(x.self, x.sampleRate));
      writeFileSync(path.join(dir, 'other.wav'), encodeWav16(x.other, x.sampleRate));
      const selfMs = sumMs(call.truth.self);
      const otherMs = sumMs(call.truth.other);
      const truth = { selfMs, otherMs, share: selfMs / (selfMs + otherMs), durationMs: (x.self.length / x.sampleRate) * 1000 };
      writeFileSync(path.join(dir, 'truth.json'), JSON.stringify({ sampleRate: RATE, spans: call.truth, ...truth }));
      out.push({ id, variant, dir, truth, spans: call.truth, self: x.self, other: x.other, sampleRate: x.sampleRate });
    }
  }
  return out;
}

/** 10 ms level envelope in dB of a signal (what `demo-call/public/lag-probe.js` keeps at the page). */
export function levelEnvelopeDb(x: Float32Array, sampleRate: number): number[] {
  const hop = Math.round(sampleRate / 100);
  const e: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let s = 0;
    for (let k = i; k < i + hop; k++) s += x[k]! * x[k]!;
    e.push(10 * Math.log10(s / hop + 1e-10));
  }
  return e;
}

/**
 * How far envelope `self` trails (+) or leads (−) envelope `other` where they match best within
 * ±`maxMs`, and how well (10 ms envelopes in dB, floored 50 dB below their peak, cross-correlated).
 * On an echo call it is the echo's delay: bench:live measures it on the files and on the
 * envelopes the call page kept, to see what the call's path added.
 */
export function envelopeLag(self: number[], other: number[], maxMs = 600): { lagMs: number; corr: number } {
  const centred = (e: number[]) => {
    const floor = Math.max(...e) - 50;
    const v = e.map((d) => Math.max(d, floor));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return v.map((d) => d - mean);
  };
  const m = centred(self);
  const r = centred(other);
  const len = Math.min(m.length, r.length);
  const maxLag = Math.round(maxMs / 10);
  let best = { lagMs: 0, corr: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let s = 0;
    let sm = 0;
    let sr = 0;
    for (let t = maxLag; t < len - maxLag; t++) {
      s += m[t]! * r[t - lag]!;
      sm += m[t]! * m[t]!;
      sr += r[t - lag]! * r[t - lag]!;
    }
    const c = s / Math.sqrt(sm * sr + 1e-20);
    if (c > best.corr) best = { lagMs: lag * 10, corr: Math.round(c * 1000) / 1000 };
  }
  return best;
}

/**
 * The echo variants' level, where the live benchmark and bench:processed make the echo in a room
 * (scripts/sound-server.mjs) from what the page plays, instead of playing the one baked into the
 * recording: the microphone then plays the clean call's recording (`roomMicOf`).
 */
export const ROOM_ECHO_DB: Partial<Record<Variant, number>> = { 'echo-25': -25, 'echo-12': -12 };

/** The room's echo level of a variant, when `echo` says the room makes the echo (undefined otherwise). */
export function roomEchoDb(variant: Variant, echo: 'file' | 'room'): number | undefined {
  return echo === 'room' ? ROOM_ECHO_DB[variant] : undefined;
}

/** The variants to render: `variants`, and the clean one too when a room needs its voice (`roomMicOf`). */
export function variantsToRender(variants: Variant[], echo: 'file' | 'room'): Variant[] {
  const room = variants.some((v) => roomEchoDb(v, echo) !== undefined);
  return room && !variants.includes('clean') ? [...variants, 'clean'] : variants;
}

/** The clean recording of the same call, the microphone's voice in a room that adds the echo itself. */
export function roomMicOf(call: Pick<LiveCall, 'id' | 'variant' | 'dir'>): string {
  return path.join(path.dirname(call.dir), `${call.id.slice(0, -call.variant.length)}clean`, 'self.wav');
}

/**
 * What a processed capture (`self-processed.wav`, bench:processed) was made from: the raw
 * recording's hash, the lead it was played with, and whether its echo was the recording's or the
 * room's (left out: any lead, any echo; captures from before rooms were the recording's).
 */
export interface CaptureKey {
  rawSha256: string;
  leadMs?: number;
  echo?: 'file' | 'room';
}

/** What a capture's JSON holds: its key and the lag found when it was made (older ones lack it). */
type StoredCapture = Partial<CaptureKey> & { lagMs?: unknown };

/** The cached capture of a call, or null when there is none or it was made from other audio or with another lead (when the key names one). */
export function cachedCapture(dir: string, key: CaptureKey): { samples: Float32Array; sampleRate: number; lagMs: number | null } | null {
  const wav = path.join(dir, `${captureName(key)}.wav`);
  const meta = path.join(dir, `${captureName(key)}.json`);
  if (!existsSync(wav) || !existsSync(meta)) return null;
  let stored: StoredCapture;
  try {
    stored = JSON.parse(readFileSync(meta, 'utf8')) as StoredCapture;
  } catch {
    return null;
  }
  if (stored.rawSha256 !== key.rawSha256 || (key.leadMs !== undefined && stored.leadMs !== key.leadMs)) return null;
  if (key.echo !== undefined && (stored.echo ?? 'file') !== key.echo) return null;
  const parsed = parseWav(readFileSync(wav));
  return { samples: parsed.mono, sampleRate: parsed.sampleRate, lagMs: typeof stored.lagMs === 'number' ? stored.lagMs : null };
}

/** The files (.wav, .json) a capture is kept in: a room's apart from the recording's echo. */
export function captureName(key: Pick<CaptureKey, 'echo'>): string {
  return key.echo === 'room' ? 'self-processed-room' : 'self-processed';
}

/** The key of a call's capture as it would be made now (with `leadMs` and `echo`), or of one made with any. */
export function captureKey(dir: string, leadMs?: number, echo?: 'file' | 'room'): CaptureKey {
  return {
    rawSha256: createHash('sha256')
      .update(readFileSync(path.join(dir, 'self.wav')))
      .digest('hex'),
    ...(leadMs === undefined ? {} : { leadMs }),
    ...(echo === undefined ? {} : { echo }),
  };
}
