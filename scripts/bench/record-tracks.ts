/**
 * `--record` for the live benchmarks (bench:live, bench:janus): the call page records what it
 * gets — its microphone track as the call site asked for it (through the browser's voice
 * processing when that is on) and the remote audio tracks — and the script writes both on the
 * page's timeline, the microphone aligned to its raw recording by their level envelopes, as
 * `self-received-<name>.wav` and `other-received-<name>.wav` beside the call's files: audio to run
 * the offline analyzer on, to tell what the browser delivered from what the extension made of it.
 * The bench's own page script; the extension records nothing.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { RATE } from '../talktime/data';
import { type LiveCall, envelopeLag, levelEnvelopeDb } from '../talktime/live-calls';
import type { SpeechDetector } from '../../lib/talktime/detector';
import type { TalkTimeOptions } from '../../lib/talktime/engine';
import { decodePcm16Base64, encodeWav16, parseWav } from '../talktime/wav';

/**
 * Page script (`--record`): taps the page's remote audio tracks and its microphone track into 48
 * kHz sample chunks, on the audio thread (an AudioWorklet): a ScriptProcessorNode runs on the
 * page's main thread, and on a busy machine it lost audio the call page did get (on d033937's
 * busy run dev-2000-echo-25's recorded microphone moved 180 ms against its recording within a
 * minute; recorded so in the next busy run, 20 ms), so the audio the analyzer was run on was not
 * what the extension's tap heard. Each chunk carries its first sample's frame on the context's clock
 * and is written where it falls; a page that forbids the worklet's blob module falls back to
 * the ScriptProcessorNode.
 */
export function recordTracks(): void {
  const w = window as unknown as {
    __benchRec: Record<string, Float32Array[]>;
    __benchStart: Record<string, number>;
    __benchCtx?: AudioContext;
    __benchModule?: Promise<boolean>;
    __benchVia?: string;
    __benchClock?: { contextS: number; wallMs: number };
  };
  w.__benchRec = {};
  w.__benchStart = {};
  const CHUNK = 4096;
  const processor = `registerProcessor('bench-rec', class extends AudioWorkletProcessor {
    constructor() { super(); this.buf = new Float32Array(${CHUNK}); this.n = 0; this.at = 0; }
    process(inputs) {
      const ch = inputs[0] && inputs[0][0];
      const q = ch ? ch.length : 128;
      if (this.n === 0) this.at = currentFrame;
      if (ch) this.buf.set(ch, this.n); else this.buf.fill(0, this.n, this.n + q);
      this.n += q;
      if (this.n >= ${CHUNK}) {
        this.port.postMessage({ at: this.at, samples: this.buf }, [this.buf.buffer]);
        this.buf = new Float32Array(${CHUNK}); this.n = 0;
      }
      return true;
    }
  });`;
  const moduleReady = (ctx: AudioContext) =>
    (w.__benchModule ??= ctx.audioWorklet
      .addModule(URL.createObjectURL(new Blob([processor], { type: 'text/javascript' })))
      .then(() => true)
      .catch(() => false));
  const viaScriptProcessor = (ctx: AudioContext, source: MediaStreamAudioSourceNode, name: string, chunks: Float32Array[]) => {
    const node = ctx.createScriptProcessor(CHUNK, 1, 1);
    node.onaudioprocess = (e) => {
      // Where the track's first sample sits on the context's clock, shared by every track.
      if (chunks.length === 0) w.__benchStart[name] = e.playbackTime;
      chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    };
    source.connect(node);
    node.connect(ctx.destination);
  };
  const tap = (track: MediaStreamTrack, name: string) => {
    if (w.__benchRec[name]) return;
    const ctx = (w.__benchCtx ??= new AudioContext({ sampleRate: 48000 }));
    void ctx.resume();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const chunks: Float32Array[] = [];
    w.__benchRec[name] = chunks;
    void moduleReady(ctx).then((worklet) => {
      w.__benchVia = worklet ? 'an AudioWorklet' : 'a ScriptProcessorNode';
      if (!worklet) return viaScriptProcessor(ctx, source, name, chunks);
      const node = new AudioWorkletNode(ctx, 'bench-rec', { numberOfOutputs: 1, outputChannelCount: [1] });
      let next = -1;
      node.port.onmessage = (e: MessageEvent<{ at: number; samples: Float32Array }>) => {
        const { at, samples } = e.data;
        if (next < 0) {
          w.__benchStart[name] = at / ctx.sampleRate;
          // The context's clock against the wall clock, once it runs: where a session's start falls on the recording.
          const stamp = ctx.getOutputTimestamp();
          if (!w.__benchClock && stamp.contextTime !== undefined && stamp.performanceTime !== undefined)
            w.__benchClock = { contextS: stamp.contextTime, wallMs: performance.timeOrigin + stamp.performanceTime };
        }
        // The audio thread renders every quantum in turn; a gap would be written as silence.
        else if (at > next) chunks.push(new Float32Array(at - next));
        chunks.push(samples);
        next = at + samples.length;
      };
      source.connect(node);
      node.connect(ctx.destination);
    });
  };
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      // Every remote audio track, each under its own name: an SFU's page may get a silent one
      // first (VideoRoom's publishing connection), the one carrying the other party later.
      this.addEventListener('track', (e) => {
        if (e.track.kind === 'audio') tap(e.track, `other${Object.keys(w.__benchRec).filter((k) => k.startsWith('other')).length}`);
      });
    }
  };
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (constraints) {
    const stream = await getUserMedia.call(this, constraints);
    const track = stream.getAudioTracks()[0];
    if (track) tap(track, 'self');
    return stream;
  };
}

type Collected = {
  tracks: Record<string, { b64: string; start: number; via: string }>;
  clock: { contextS: number; wallMs: number } | null;
};

/**
 * The recorded tracks (`--record`), as 16-bit samples in base64, each with its first sample's time
 * on the page's audio clock (s), and that clock against the wall clock (null: not kept).
 */
async function collectTracks(page: Page): Promise<Collected> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __benchRec?: Record<string, Float32Array[]>;
      __benchStart?: Record<string, number>;
      __benchVia?: string;
      __benchClock?: { contextS: number; wallMs: number };
    };
    const out: Record<string, { b64: string; start: number; via: string }> = {};
    for (const [name, chunks] of Object.entries(w.__benchRec ?? {})) {
      const n = chunks.reduce((a, c) => a + c.length, 0);
      const pcm = new Int16Array(n);
      let i = 0;
      for (const c of chunks) for (const v of c) pcm[i++] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
      const bytes = new Uint8Array(pcm.buffer);
      let bin = '';
      for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
      out[name] = { b64: btoa(bin), start: w.__benchStart?.[name] ?? 0, via: w.__benchVia ?? 'nothing' };
    }
    return { tracks: out, clock: w.__benchClock ?? null };
  });
}

/** Mean square of a track's samples. */
function meanSquare(x: Float32Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return x.length ? sum / x.length : 0;
}

/** Where a recorded track (48 kHz) best matches the raw recording it carries, by their 10 ms level envelopes (within ±15 s), ms. */
function lagOf(rec: Float32Array, raw: Float32Array, rawRate: number): number {
  return envelopeLag(levelEnvelopeDb(rec, 48000), levelEnvelopeDb(raw, rawRate), 15000).lagMs;
}

/**
 * Seconds both parties talk at once when the other party's truth comes `shiftS` later than
 * scripted. Scripted voices do not wait for each other as people do: audio that reaches the page
 * late turns the script's turns into double talk it did not have.
 */
export function overlapSeconds(call: Pick<LiveCall, 'spans'>, shiftS: number): number {
  const shift = shiftS * RATE;
  let n = 0;
  for (const [a, b] of call.spans.self)
    for (const [c, d] of call.spans.other) n += Math.max(0, Math.min(b, d + shift) - Math.max(a, c + shift));
  return n / RATE;
}

/** Where a call's recorded track is written: `<party>-received-<name>.wav` beside the call's files. */
export const receivedTrackPath = (dir: string, party: 'self' | 'other', name: string) => path.join(dir, `${party}-received-${name}.wav`);

/** Where the wall-clock time of a call's recorded tracks' first sample is kept (`{ wallMs }`). */
const receivedStartPath = (dir: string, name: string) => path.join(dir, `received-${name}.json`);

/** Removes a call's recorded tracks of `name`, so that a recording that fails is not read as the one before. */
export function removeReceivedTracks(dir: string, name: string): void {
  for (const party of ['self', 'other'] as const) rmSync(receivedTrackPath(dir, party, name), { force: true });
  rmSync(receivedStartPath(dir, name), { force: true });
}

/**
 * How far into a call's recorded tracks of `name` a wall-clock moment falls (s; null when the
 * recording kept no clock): where the live engine began, for the analyzer to begin there too.
 */
export function receivedOffsetS(dir: string, name: string, wallMs: number): number | null {
  try {
    const { wallMs: at } = JSON.parse(readFileSync(receivedStartPath(dir, name), 'utf8')) as { wallMs: number };
    return Number.isFinite(at) ? (wallMs - at) / 1000 : null;
  } catch {
    return null;
  }
}

/** A call's recorded tracks of `name` (null when either is missing or unreadable). */
export function readReceivedTracks(
  dir: string,
  name: string,
): { self: { samples: Float32Array; sampleRate: number }; other: { samples: Float32Array; sampleRate: number } } | null {
  const read = (party: 'self' | 'other') => {
    try {
      const wav = parseWav(readFileSync(receivedTrackPath(dir, party, name)));
      return { samples: wav.mono, sampleRate: wav.sampleRate };
    } catch {
      return null;
    }
  };
  const self = read('self');
  const other = read('other');
  return self && other ? { self, other } : null;
}

/**
 * The engine's options as the live meter runs it: the other party's channel judged as received
 * from a call, and the microphone's processing as a call site asks for it (`getUserMedia({audio:
 * true})` gives the canceller and the suppressor) when it is on.
 */
export function liveMeterOptions(detector: SpeechDetector | undefined, processing: 'on' | 'off'): TalkTimeOptions {
  return {
    detector,
    otherReceived: true,
    ...(processing === 'on' ? { selfProcessing: { echoCancelled: true, noiseSuppressed: true } } : {}),
  };
}

/** Writes a recorded track (48 kHz) from sample `shift` on, as long as the raw recording; returns its length (s). */
function writeShifted(file: string, rec: Float32Array, shift: number, raw: Float32Array, rawRate: number): number {
  const out = new Float32Array(Math.round((raw.length / rawRate) * 48000));
  for (let i = 0; i < out.length; i++) out[i] = rec[i + shift] ?? 0;
  writeFileSync(file, encodeWav16(out, 48000));
  return rec.length / 48000;
}

/**
 * Collects the page's recorded tracks and writes the microphone's and the loudest remote track's
 * (an SFU's page may get a silent one first) as `<party>-received-<name>.wav` beside the call's files.
 */
export async function saveRecordedTracks(page: Page, call: LiveCall, name: string, log: (line: string) => void): Promise<void> {
  const collected = await collectTracks(page);
  const tracks = Object.entries(collected.tracks).map(([track, { b64, start, via }]) => ({
    name: track,
    start,
    via,
    samples: decodePcm16Base64(b64),
  }));
  const remote = tracks.filter((t) => t.name.startsWith('other')).map((t) => ({ ...t, loudness: meanSquare(t.samples) }));
  if (remote.length > 1) log(`${call.id} ${remote.length} remote audio tracks; recorded the loudest`);
  const loudest = remote.reduce<(typeof remote)[number] | null>(
    (best, t) => (best === null || t.loudness > best.loudness ? t : best),
    null,
  );
  // Both tracks are written on one timeline, the page's: the microphone's aligned to its raw
  // recording, the other party's as far from it as it was at the page. Aligned each to its own
  // recording, they lost how late the other party's audio came (up to 2.5 s either way under
  // load), and with it where the echo in the microphone stood against its source.
  const recorded = [...tracks.filter((t) => t.name === 'self'), ...(loudest ? [loudest] : [])].map((t) => {
    const party = t.name === 'self' ? ('self' as const) : ('other' as const);
    const raw = party === 'self' ? call.self : call.other;
    const lagMs = lagOf(t.samples, raw, call.sampleRate);
    // Where the track's source recording starts, on the page's audio clock (s).
    return { ...t, party, raw, lagMs, sourceAt: t.start + lagMs / 1000 };
  });
  const micAt = recorded.find((t) => t.party === 'self')?.sourceAt;
  for (const { party, raw, samples, start, lagMs, sourceAt, via } of recorded) {
    const at = micAt ?? sourceAt;
    const seconds = writeShifted(receivedTrackPath(call.dir, party, name), samples, Math.round((at - start) * 48000), raw, call.sampleRate);
    log(
      `${call.id} recorded ${party} with ${via} (${seconds.toFixed(1)} s), ${lagMs} ms behind the recording's start; ${Math.round((sourceAt - at) * 1000)} ms behind its source's place on the microphone's timeline` +
        (party === 'other' && micAt !== undefined
          ? `; double talk ${overlapSeconds(call, 0).toFixed(1)} s as scripted, ${overlapSeconds(call, sourceAt - at).toFixed(1)} s at the page`
          : ''),
    );
  }
  // Where the written tracks' first sample falls on the wall clock: the analyzer can start where the session did.
  const fileAt = micAt ?? recorded[0]?.sourceAt;
  if (collected.clock && fileAt !== undefined)
    writeFileSync(
      receivedStartPath(call.dir, name),
      JSON.stringify({ wallMs: collected.clock.wallMs + (fileAt - collected.clock.contextS) * 1000 }),
    );
}
