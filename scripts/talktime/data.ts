/**
 * Audio sources for training and the benchmark dev set — ALLOWED SOURCES ONLY (issue 8):
 * espeak-ng and flite speech made here; real voices from the Debian packages
 * asterisk-core-sounds-it-wav, asterisk-prompt-es-co, asterisk-prompt-fr-armelle,
 * klettres-data, ktuberling-data; music from asterisk-moh-opsound-wav; noise and events
 * synthesised below. Files are taken only from `dpkg -L` of those packages, never from
 * directory globs: asterisk-prompt-es-co and -fr-armelle install into the same folders as
 * the evaluation-only asterisk-core-sounds-es/-fr packages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RATE = 16000;
/** Decoded clips and synthesised speech (`RAPPORT_TALKTIME_CACHE`: another folder, e.g. to check that a fresh cache renders the same calls). */
export const CACHE = process.env.RAPPORT_TALKTIME_CACHE ?? join(import.meta.dirname, '..', '..', '.cache', 'talktime');

/** Debian packages this project may train and tune on. */
export const ALLOWED_PACKAGES = {
  speech: ['asterisk-core-sounds-it-wav', 'asterisk-prompt-es-co', 'asterisk-prompt-fr-armelle', 'klettres-data', 'ktuberling-data'],
  music: ['asterisk-moh-opsound-wav'],
  tools: ['espeak-ng', 'flite', 'sox', 'libsox-fmt-all'],
} as const;

/** Packages reserved for independent evaluation: never read. */
export const RESERVED = /pocketsphinx-testdata|alsa-utils|asterisk-core-sounds-(en|es|fr|ru)|asterisk-prompt-it-menardi|codec2-examples/;

export interface Clip {
  /** Stable id (path or TTS recipe). */
  id: string;
  /** Speaker/voice group: a party of a call uses one group. */
  group: string;
  /**
   * 'train' or 'dev', fixed per group so dev voices are unseen in training where possible;
   * 'test' only for the frozen test split's voices (test-split.ts), which nothing is chosen on.
   */
  split: 'train' | 'dev' | 'test';
  /** Source kind, for DATA-SOURCES.md accounting. */
  source: string;
  load(): Float32Array;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const hash = (s: string) => createHash('sha1').update(s).digest('hex');
/** A stable 32-bit number from a string (group splits, per-group seeds). */
export const hashInt = (s: string) => parseInt(hash(s).slice(0, 8), 16);

function packageFiles(pkg: string): string[] {
  if (RESERVED.test(pkg)) throw new Error(`${pkg} is reserved for evaluation`);
  const r = spawnSync('dpkg', ['-L', pkg], { encoding: 'utf8' });
  if (r.status !== 0) return [];
  return r.stdout.split('\n').filter((p) => /\.(wav|ogg|gsm)$/.test(p));
}

/** Tells which allowed packages are missing (the scripts print how to install them). */
export function missingPackages(): string[] {
  return [...ALLOWED_PACKAGES.speech, ...ALLOWED_PACKAGES.music].filter(
    (p) => spawnSync('dpkg', ['-s', p], { encoding: 'utf8' }).status !== 0,
  );
}

function readRaw16(path: string): Float32Array {
  const b = readFileSync(path);
  const v = new Int16Array(b.buffer, b.byteOffset, b.byteLength / 2);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / 32768;
  return out;
}

/**
 * Decodes any sox-readable file to 16 kHz mono, cached. `-R`: sox dithers what it writes at 16
 * bits, from a random seed unless told to repeat itself, so every fresh cache (a new machine, CI)
 * held clips that differed by a bit or two and calls whose truth moved by a few ms; on dev-2005
 * the balance moved by 0.1 pp between two fresh caches (2026-12-06).
 */
function decode(path: string, extra: string[] = []): Float32Array {
  const out = decodedPath(path, extra);
  if (!existsSync(out)) {
    mkdirSync(join(CACHE, 'clips'), { recursive: true });
    execFileSync('sox', ['-R', path, '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-c', '1', '-r', String(RATE), out, ...extra], {
      stdio: 'ignore',
    });
  }
  return readRaw16(out);
}

/** Where `decode` keeps a file's samples. The key names -R: a cache decoded before it is not reused. */
function decodedPath(path: string, extra: readonly string[]): string {
  return join(CACHE, 'clips', `${hash(`${path}${extra.join(' ')}|R`)}.raw`);
}

/**
 * Speech made by `make` (which writes a WAV file), decoded to 16 kHz mono and cached by `id`.
 * Made only when its decoded samples are not cached (it used to look for them under another
 * name, so every benchmark run synthesised its voices again).
 */
export function tts(id: string, make: (wav: string) => void): Float32Array {
  const wav = join(CACHE, 'tts', `${hash(id)}.wav`);
  if (!existsSync(decodedPath(wav, []))) {
    mkdirSync(join(CACHE, 'tts'), { recursive: true });
    make(wav);
  }
  return decode(wav);
}

const WORDS = [
  'project',
  'meeting',
  'question',
  'goal',
  'week',
  'plan',
  'idea',
  'review',
  'team',
  'progress',
  'feedback',
  'career',
  'skill',
  'time',
  'next',
  'step',
  'problem',
  'answer',
  'really',
  'think',
  'maybe',
  'because',
  'interesting',
  'learned',
  'tried',
  'would',
  'could',
  'should',
  'today',
  'yesterday',
  'tomorrow',
  'important',
  'difficult',
  'simple',
  'together',
  'manager',
  'customer',
  'release',
  'design',
  'code',
];

/** A sentence of 4–15 words drawn from `words` (English by default). */
export function sentence(r: () => number, words: readonly string[] = WORDS): string {
  const n = 4 + Math.floor(r() * 12);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(words[Math.floor(r() * words.length)]!);
  return w.join(' ') + (r() < 0.3 ? '?' : '.');
}

const ESPEAK_VOICES = [
  'en-us',
  'en-gb',
  'de',
  'fr-fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'ru',
  'sv',
  'cs',
  'hu',
  'fi',
  'tr',
  'hi',
  'cmn',
  'ja',
  'ko',
  'vi',
  'id',
  'ro',
  'el',
  'da',
];
const ESPEAK_VARIANTS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm7', 'f1', 'f2', 'f3', 'f4', 'f5', 'klatt2', 'klatt4'];
const FLITE_VOICES = ['kal', 'awb', 'rms', 'slt', 'kal16'];

/** Every allowed clip, deterministic order. `perGroup` caps clips per group. */
export function listClips(perGroup = 40): Clip[] {
  const clips: Clip[] = [];
  const add = (
    files: string[],
    source: string,
    groupOf: (p: string) => string,
    devGroups: (g: string) => boolean,
    extra: string[] = [],
  ) => {
    const byGroup = new Map<string, string[]>();
    for (const f of files) {
      const g = groupOf(f);
      byGroup.set(g, [...(byGroup.get(g) ?? []), f]);
    }
    for (const [g, fs] of byGroup) {
      const picked = fs.sort((a, b) => hashInt(a) - hashInt(b)).slice(0, perGroup);
      for (const f of picked) clips.push({ id: f, group: g, split: devGroups(g) ? 'dev' : 'train', source, load: () => decode(f, extra) });
    }
  };
  // Real narrow-band voices: one speaker each, so files are split into two pseudo-groups.
  const halves = (p: string, name: string) => `${name}-${hashInt(p) % 4 === 0 ? 'b' : 'a'}`;
  const isB = (g: string) => g.endsWith('-b');
  add(packageFiles('asterisk-core-sounds-it-wav'), 'asterisk-core-sounds-it-wav', (p) => halves(p, 'it-carlo'), isB);
  add(packageFiles('asterisk-prompt-es-co'), 'asterisk-prompt-es-co', (p) => halves(p, 'es-co'), isB);
  add(packageFiles('asterisk-prompt-fr-armelle'), 'asterisk-prompt-fr-armelle', (p) => halves(p, 'fr-armelle'), isB);
  // Wide-band volunteer voices: group per language; some languages are dev-only.
  const langOf = (re: RegExp) => (p: string) => re.exec(p)?.[1] ?? 'x';
  add(
    packageFiles('klettres-data'),
    'klettres-data',
    (p) => `klettres-${langOf(/klettres\/([^/]+)\//)(p)}`,
    (g) => hashInt(g) % 4 === 0,
  );
  add(
    packageFiles('ktuberling-data'),
    'ktuberling-data',
    (p) => `ktuberling-${langOf(/sounds\/([^/]+)\//)(p)}`,
    (g) => hashInt(g) % 4 === 0,
  );
  // Synthetic voices.
  for (const v of ESPEAK_VOICES)
    for (const variant of ESPEAK_VARIANTS.filter((_, i) => (i + v.length) % 3 === 0)) {
      const group = `espeak-${v}+${variant}`;
      for (let k = 0; k < 6; k++) {
        const r = rng(hashInt(group) + k);
        const text = sentence(r);
        const pitch = String(30 + Math.floor(r() * 50));
        const speed = String(130 + Math.floor(r() * 60));
        const id = `espeak:${group}:${pitch}:${speed}:${text}`;
        clips.push({
          id,
          group,
          split: hashInt(group) % 5 === 0 ? 'dev' : 'train',
          source: 'espeak-ng',
          load: () =>
            tts(id, (wav) =>
              execFileSync('espeak-ng', ['-v', `${v}+${variant}`, '-p', pitch, '-s', speed, '-w', wav, text], { stdio: 'ignore' }),
            ),
        });
      }
    }
  for (const v of FLITE_VOICES) {
    const group = `flite-${v}`;
    for (let k = 0; k < 8; k++) {
      const text = sentence(rng(hashInt(group) + k));
      const id = `flite:${v}:${text}`;
      clips.push({
        id,
        group,
        split: v === 'rms' ? 'dev' : 'train',
        source: 'flite',
        load: () => tts(id, (wav) => execFileSync('flite', ['-voice', v, '-t', text, '-o', wav], { stdio: 'ignore' })),
      });
    }
  }
  return clips;
}

/** Music from asterisk-moh-opsound-wav: the first 60 % of each track trains, the rest is dev. */
export function loadMusic(split: 'train' | 'dev'): Float32Array[] {
  return packageFiles('asterisk-moh-opsound-wav')
    .filter((p) => p.endsWith('.wav'))
    .sort()
    .map((p) => {
      const x = decode(p);
      const cut = Math.floor(x.length * 0.6);
      return split === 'train' ? x.slice(0, cut) : x.slice(cut);
    });
}

/** 10-ms RMS in dB. */
function frameDb(x: Float32Array): Float32Array {
  const n = Math.floor(x.length / 160);
  const out = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    let s = 0;
    for (let i = f * 160; i < f * 160 + 160; i++) s += x[i]! * x[i]!;
    out[f] = 10 * Math.log10(s / 160 + 1e-12);
  }
  return out;
}

export interface PreparedClip {
  audio: Float32Array;
  /** Speech intervals in samples within `audio` (pauses ≤ 300 ms bridged). */
  speech: [number, number][];
  /** RMS over the speech intervals. */
  rms: number;
}

/**
 * How far above its recording's background a 10 ms frame must be to be talk in the truth: the
 * backgrounds swing ±6 dB (chosen on training-split clips' level contours: at 10 dB their rustle
 * still joined the words).
 */
export const TRUTH_ABOVE_BACKGROUND_DB = 15;
/** The truth's levels are measured above this (Hz; a 2nd-order high-pass, as WebRTC's audio processing). */
export const SPEECH_BAND_LOW_HZ = 100;

/**
 * Which truth rule prepareClip applies: `current`, or `legacy` (within 35 dB of the peak only,
 * the recording's background counted as talk), which the shipped model was trained on (see
 * train.ts) and `bench:talktime --legacy-truth` scores against.
 */
let rule: 'current' | 'legacy' = 'current';
export function setTruthRule(next: 'current' | 'legacy'): void {
  rule = next;
}
export const truthRule = (): 'current' | 'legacy' => rule;

/** Trims a clean clip and finds its speech intervals (see the rule below; 300 ms bridging). */
export function prepareClip(raw: Float32Array): PreparedClip | null {
  // Levels as a call hears them: every call's microphone goes through WebRTC's audio processing,
  // whose first stage is a 2nd-order Butterworth high-pass at 100 Hz (modules/audio_processing/
  // high_pass_filter.cc: butter(2, 100/8000, 'high')), and Opus cuts what lies below too. Measured
  // broadband, mains hum and rumble under 100 Hz in a volunteer recording were talk: one dev
  // call's user had 1.5 s of 60 Hz hum 20 dB under their words counted (and the engine, seeing
  // what the call transmits, could never find it), and a low thump as a clip's peak pushed the
  // threshold over its soft words. The clip's audio keeps its hum; only the truth ignores it.
  const db = frameDb(rule === 'legacy' ? raw : biquad(raw, 'hp', SPEECH_BAND_LOW_HZ));
  if (db.length < 10) return null;
  let peak = -Infinity;
  for (const v of db) peak = Math.max(peak, v);
  if (peak < -50) return null;
  // Within 35 dB of the loudest 10 ms: quieter tails and breaths are not heard as talk in a call.
  // And clearly above the recording's own background: many volunteer and prompt recordings have
  // hiss, rustle or room noise 20–35 dB below their peak, which is not talk however close to the
  // voice it is (it was counted: up to half of one speaker's "talk" in a call was their
  // recording's background, and the model learnt it as speech). The background is the 10th
  // percentile of the clip's 10 ms levels (digital silence included: a clip with enough of it has
  // no background, and its soft tails stay talk); the threshold stays at least 20 dB below the
  // peak, so a clip without pauses (whose 10th percentile is soft speech) keeps its soft sounds.
  const background = Float32Array.from(db).sort()[Math.floor(db.length * 0.1)]!;
  const aboveBackground = rule === 'legacy' ? -Infinity : Math.min(background + TRUTH_ABOVE_BACKGROUND_DB, peak - 20);
  const thr = Math.max(peak - 35, aboveBackground, -65);
  const runs: [number, number][] = [];
  let start = -1;
  for (let f = 0; f <= db.length; f++) {
    const on = f < db.length && db[f]! > thr;
    if (on && start < 0) start = f;
    if (!on && start >= 0) {
      const last = runs[runs.length - 1];
      if (last && start - last[1] <= 30) last[1] = f;
      else runs.push([start, f]);
      start = -1;
    }
  }
  const kept = runs.filter(([a, b]) => b - a >= 5);
  if (kept.length === 0) return null;
  const a0 = Math.max(0, kept[0]![0] - 2) * 160;
  const b0 = Math.min(db.length, kept[kept.length - 1]![1] + 2) * 160;
  const audio = raw.slice(a0, b0);
  const speech = kept.map(([a, b]) => [Math.max(0, a * 160 - a0), Math.min(audio.length, b * 160 - a0)] as [number, number]);
  // Silence the recording's own room noise outside speech (20 ms fades): the call's noise
  // comes from the channel, and a clip's noise popping in and out is not speech.
  const gate = new Float32Array(audio.length);
  for (const [a, b] of speech)
    for (let i = Math.max(0, a - 320); i < Math.min(audio.length, b + 320); i++)
      gate[i] = Math.max(gate[i]!, Math.min(1, (i - (a - 320)) / 320, (b + 320 - i) / 320));
  for (let i = 0; i < audio.length; i++) audio[i]! *= gate[i]!;
  let s = 0;
  let n = 0;
  for (const [a, b] of speech)
    for (let i = a; i < b; i++) {
      s += audio[i]! * audio[i]!;
      n++;
    }
  return { audio, speech, rms: Math.sqrt(s / Math.max(1, n)) };
}

// ---------------------------------------------------------------- synthetic noise and events

export type NoiseKind = 'white' | 'pink' | 'brown' | 'hum' | 'fan' | 'babble-free-office';
export const NOISE_KINDS: NoiseKind[] = ['white', 'pink', 'brown', 'hum', 'fan', 'babble-free-office'];

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

/** Unit-RMS stationary noise of a kind. */
export function noise(kind: NoiseKind, n: number, r: () => number): Float32Array {
  const x = new Float32Array(n);
  let b0 = 0,
    b1 = 0,
    b2 = 0,
    lp = 0,
    lp2 = 0;
  const hz = r() < 0.5 ? 50 : 60;
  for (let i = 0; i < n; i++) {
    const w = gauss(r);
    let v: number;
    switch (kind) {
      case 'white':
        v = w;
        break;
      case 'pink':
        b0 = 0.99765 * b0 + w * 0.099046;
        b1 = 0.963 * b1 + w * 0.2965164;
        b2 = 0.57 * b2 + w * 1.0526913;
        v = b0 + b1 + b2 + w * 0.1848;
        break;
      case 'brown':
        lp = 0.995 * lp + w * 0.1;
        v = lp;
        break;
      case 'hum': {
        const t = i / RATE;
        v = 0;
        for (let h = 1; h <= 7; h++) v += Math.sin(2 * Math.PI * hz * h * t + h) / h;
        v += 0.05 * w;
        break;
      }
      case 'fan': {
        lp = 0.9 * lp + 0.1 * w;
        const t = i / RATE;
        v = lp * 3 + 0.3 * Math.sin(2 * Math.PI * 120 * t) + 0.15 * Math.sin(2 * Math.PI * 240 * t);
        break;
      }
      default: {
        // Office air: pink-ish with slow level drift.
        b0 = 0.99765 * b0 + w * 0.099046;
        b1 = 0.963 * b1 + w * 0.2965164;
        lp2 = 0.99995 * lp2 + 0.00005 * (r() * 2);
        v = (b0 + b1 + w * 0.3) * (0.7 + 0.6 * lp2);
      }
    }
    x[i] = v;
  }
  return normaliseRms(x);
}

function normaliseRms(x: Float32Array): Float32Array {
  let s = 0;
  for (const v of x) s += v * v;
  const k = 1 / Math.sqrt(s / x.length + 1e-20);
  for (let i = 0; i < x.length; i++) x[i]! *= k;
  return x;
}

/**
 * Unit-RMS room noise whose level drifts and swells, as HVAC, office murmur or a fan that changes
 * speed does: a stationary kind under a slow random envelope (±6 dB over tens of seconds) with a
 * few swells (a fan or air handling kicking in for 3–10 s, up to +9 dB). A per-band noise floor
 * that assumes stationary noise mistakes the swells for speech.
 */
export function driftingNoise(n: number, r: () => number): Float32Array {
  const kinds: NoiseKind[] = ['pink', 'brown', 'fan', 'babble-free-office'];
  const x = noise(kinds[Math.floor(r() * kinds.length)]!, n, r);
  const slow = Array.from({ length: 3 }, () => ({ hz: 0.01 + r() * 0.08, phase: r() * 2 * Math.PI, db: 1 + r() * 2 }));
  const swells = Array.from({ length: 1 + Math.floor((n / RATE / 60) * (1 + r() * 2)) }, () => ({
    at: Math.floor(r() * n),
    len: Math.floor(RATE * (3 + r() * 7)),
    db: 4 + r() * 5,
  }));
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    let db = 0;
    for (const s of slow) db += s.db * Math.sin(2 * Math.PI * s.hz * t + s.phase);
    for (const s of swells) {
      const k = i - s.at;
      // A raised-cosine swell: rises over its first third, holds, falls over its last third.
      if (k >= 0 && k < s.len) db += s.db * Math.min(1, Math.sin((Math.PI * k) / s.len) * 2);
    }
    x[i]! *= Math.pow(10, db / 20);
  }
  return normaliseRms(x);
}

/**
 * Unit-RMS noise under a level envelope unlike driftingNoise's: a random walk in dB (±8 dB at
 * most) with linear ramps of 3–12 dB over 0.5–4 s that hold, then fall, over any stationary kind.
 * It renders the swell15 variant, on which rules are chosen (training split, tune.ts), so the dev
 * set's drift15 stays a generator nothing was chosen on.
 */
export function modulatedNoise(n: number, r: () => number): Float32Array {
  const x = noise(NOISE_KINDS[Math.floor(r() * NOISE_KINDS.length)]!, n, r);
  const step = Math.floor(RATE / 100);
  const env = new Float32Array(Math.ceil(n / step) + 1);
  let walk = 0;
  for (let j = 0; j < env.length; j++) {
    walk = Math.max(-8, Math.min(8, walk + (r() - 0.5) * 0.6));
    env[j] = walk;
  }
  const ramps = 1 + Math.floor(r() * 3);
  for (let k = 0; k < ramps; k++) {
    const at = Math.floor(r() * env.length);
    const rise = Math.floor(50 + r() * 350);
    const hold = Math.floor(r() * 300);
    const db = 3 + r() * 9;
    for (let j = at; j < env.length; j++) {
      const t = j - at;
      const v = t < rise ? (db * t) / rise : t < rise + hold ? db : db * Math.max(0, 1 - (t - rise - hold) / rise);
      if (v <= 0 && t >= rise + hold) break;
      env[j]! += v;
    }
  }
  for (let i = 0; i < n; i++) x[i]! *= Math.pow(10, env[Math.floor(i / step)]! / 20);
  return normaliseRms(x);
}

/**
 * Unit-RMS room noise for the frozen TEST split only (variants `cycle15` and `far-cycle`): no rule
 * or threshold was chosen on it. Unlike driftingNoise and modulatedNoise it is built from parts,
 * not a stationary kind under an envelope: an air handler that cycles on and off (states of
 * 6–25 s, 8–14 dB apart, 0.3–2 s transitions), a fan whose blade tone glides as its speed changes
 * (60–180 Hz with harmonics, louder when faster) and distant murmur (speech-band noise under a
 * 2–6 Hz syllable-like envelope, present in stretches).
 */
export function cyclingNoise(n: number, r: () => number): Float32Array {
  const x = new Float32Array(n);
  const step = Math.floor(RATE / 100);
  const frames = Math.ceil(n / step) + 1;
  // Air handler state in dB, with ramps between states.
  const air = new Float32Array(frames);
  let on = r() < 0.5;
  let j = 0;
  let level = on ? 0 : -10;
  while (j < frames) {
    const len = Math.floor(100 * (6 + r() * 19));
    const target = on ? 0 : -(8 + r() * 6);
    const ramp = Math.floor(100 * (0.3 + r() * 1.7));
    const from = level;
    for (let k = 0; k < len && j < frames; k++, j++) air[j] = k < ramp ? from + ((target - from) * k) / ramp : target;
    level = target;
    on = !on;
  }
  // Fan speed (Hz of the blade tone), gliding between set points.
  const fan = new Float32Array(frames);
  let hz = 60 + r() * 120;
  j = 0;
  while (j < frames) {
    const next = 60 + r() * 120;
    const glide = Math.floor(100 * (1 + r() * 2));
    const hold = Math.floor(100 * (5 + r() * 15));
    for (let k = 0; k < glide + hold && j < frames; k++, j++) fan[j] = k < glide ? hz + ((next - hz) * k) / glide : next;
    hz = next;
  }
  // Murmur envelope: stretches of distant talk with a syllable-rate envelope.
  const murmur = new Float32Array(frames);
  j = 0;
  while (j < frames) {
    const talking = r() < 0.5;
    const len = Math.floor(100 * (2 + r() * 8));
    const rate = 2 + r() * 4;
    const phase = r() * 2 * Math.PI;
    for (let k = 0; k < len && j < frames; k++, j++) murmur[j] = talking ? 0.5 + 0.5 * Math.sin(phase + (2 * Math.PI * rate * k) / 100) : 0;
  }
  let brown = 0;
  let pinkA = 0;
  let pinkB = 0;
  let hp = 0;
  let lastW2 = 0;
  let bp = 0;
  let fanPhase = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.floor(i / step);
    const w = gauss(r);
    brown = 0.996 * brown + 0.09 * w;
    pinkA = 0.99765 * pinkA + w * 0.099046;
    pinkB = 0.963 * pinkB + w * 0.2965164;
    const airPart = (brown * 2 + pinkA + pinkB) * Math.pow(10, air[f]! / 20);
    fanPhase += (2 * Math.PI * fan[f]!) / RATE;
    const fanGain = 0.15 * Math.pow(10, ((fan[f]! - 120) / 60) * (4 / 20));
    const fanPart = fanGain * (Math.sin(fanPhase) + 0.5 * Math.sin(2 * fanPhase) + 0.25 * Math.sin(3 * fanPhase));
    // Speech band (≈ 300–3400 Hz): a high-pass then a low-pass, one pole each.
    const w2 = gauss(r);
    hp = 0.8946 * (hp + w2 - lastW2);
    lastW2 = w2;
    bp += 0.572 * (hp - bp);
    const murmurPart = 0.4 * murmur[f]! * bp;
    x[i] = airPart + fanPart + murmurPart;
  }
  return normaliseRms(x);
}

export type EventKind = 'typing' | 'click' | 'music' | 'beep' | 'knock' | 'tap';
export const EVENT_KINDS: EventKind[] = ['typing', 'click', 'music', 'beep', 'knock', 'tap'];

/** A non-speech event, peak-ish level about 1 (caller scales). */
export function event(kind: EventKind, r: () => number, music: Float32Array[]): Float32Array {
  const dur =
    kind === 'typing'
      ? 1.5 + r() * 3
      : kind === 'music'
        ? 2 + r() * 4
        : kind === 'beep'
          ? 0.15 + r() * 0.5
          : kind === 'knock'
            ? 0.6 + r() * 0.6
            : 0.08 + r() * 0.3;
  const n = Math.floor(dur * RATE);
  const x = new Float32Array(n);
  const burst = (at: number, len: number, decay: number, color: number, amp: number) => {
    let lp = 0;
    for (let i = 0; i < len && at + i < n; i++) {
      lp = color * lp + (1 - color) * gauss(r);
      x[at + i]! += amp * lp * Math.exp(-i / decay);
    }
  };
  switch (kind) {
    case 'typing': {
      let t = 0;
      while (t < n) {
        burst(t, 600, 60 + r() * 120, r() * 0.6, 0.5 + r() * 0.5);
        if (r() < 0.5) burst(t + 400 + Math.floor(r() * 300), 500, 80, 0.3, 0.3);
        t += Math.floor(RATE * (0.07 + r() * 0.2));
      }
      break;
    }
    case 'click':
    case 'tap':
      burst(0, 800, kind === 'click' ? 40 : 150, kind === 'click' ? 0.1 : 0.8, 1);
      if (r() < 0.5) burst(Math.floor(RATE * 0.12), 800, 40, 0.1, 0.8);
      break;
    case 'knock':
      for (let k = 0; k < 3; k++) burst(Math.floor(k * RATE * 0.18), 2000, 400, 0.97, 3);
      break;
    case 'beep': {
      const f = [440, 800, 1000, 1400][Math.floor(r() * 4)]!;
      for (let i = 0; i < n; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * f * i) / RATE) * Math.min(1, i / 80, (n - i) / 80);
      break;
    }
    case 'music': {
      const track = music[Math.floor(r() * music.length)]!;
      const at = Math.floor(r() * Math.max(1, track.length - n));
      for (let i = 0; i < n; i++) x[i] = (track[at + i] ?? 0) * Math.min(1, i / 800, (n - i) / 800);
      normaliseRms(x);
      for (let i = 0; i < n; i++) x[i]! *= 0.3;
      break;
    }
  }
  return x;
}

// ---------------------------------------------------------------- channel effects

/** Biquad band-pass-ish telephone channel + 8 kHz + G.711 µ-law. Returns 8 kHz audio. */
export function telephone(x: Float32Array): Float32Array {
  const hp = biquad(x, 'hp', 300);
  const bp = biquad(biquad(hp, 'lp', 3400), 'lp', 3400);
  const out = new Float32Array(Math.floor(bp.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = mulaw(bp[2 * i]!);
  return out;
}

function mulaw(v: number): number {
  const mu = 255;
  const c = Math.max(-1, Math.min(1, v));
  const y = (Math.sign(c) * Math.log(1 + mu * Math.abs(c))) / Math.log(1 + mu);
  const q = Math.round(y * 127) / 127;
  return (Math.sign(q) * (Math.pow(1 + mu, Math.abs(q)) - 1)) / mu;
}

export function biquad(x: Float32Array, type: 'lp' | 'hp', f: number, q = Math.SQRT1_2, rate = RATE): Float32Array {
  const w = (2 * Math.PI * f) / rate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const b = type === 'lp' ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2] : [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
  const a0 = 1 + alpha;
  const a1 = -2 * cos;
  const a2 = 1 - alpha;
  const out = new Float32Array(x.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const y = (b[0]! * x[i]! + b[1]! * x1 + b[2]! * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1;
    x1 = x[i]!;
    y2 = y1;
    y1 = y;
    out[i] = y;
  }
  return out;
}

/** Loudspeaker-to-microphone path: delay, a few reflections, a gentle low-pass. Unit gain at the direct path. */
export function echoPath(x: Float32Array, r: () => number, delayS: readonly [number, number] = [0.03, 0.12]): Float32Array {
  const d = Math.floor(RATE * (delayS[0] + r() * (delayS[1] - delayS[0])));
  const taps: [number, number][] = [
    [d, 1],
    [d + Math.floor(RATE * 0.007), 0.45],
    [d + Math.floor(RATE * 0.019), 0.25],
    [d + Math.floor(RATE * 0.041), 0.12],
  ];
  const out = new Float32Array(x.length);
  for (const [delay, g] of taps) for (let i = delay; i < x.length; i++) out[i]! += g * x[i - delay]!;
  return biquad(out, 'lp', 3500);
}

export function rms(x: Float32Array, spans?: [number, number][]): number {
  let s = 0;
  let n = 0;
  for (const [a, b] of spans ?? [[0, x.length] as [number, number]])
    for (let i = a; i < Math.min(b, x.length); i++) {
      s += x[i]! * x[i]!;
      n++;
    }
  return Math.sqrt(s / Math.max(1, n));
}

export function writeJson(path: string, v: unknown): void {
  writeFileSync(path, JSON.stringify(v, null, 2) + '\n');
}
