/**
 * `npm run bench:processed` — what Chromium's voice processing does to the talk-time figures,
 * offline, on the live benchmark's calls (talktime/live-calls.ts).
 *
 * Each call's microphone recording goes through Chromium's fake capture device and is asked for
 * as call sites ask (`getUserMedia({audio: true})`: echo canceller, noise suppressor, automatic
 * gain control), while the page plays the other party aloud a little ahead of the microphone
 * (the echo canceller's reference, and the source of the echo baked into the recording). The page
 * records the track it gets and the script writes it as `self-processed.wav`, aligned to the raw
 * recording by its level envelope. Then the offline analyzer runs on the raw and on the processed
 * microphone against the same other party, and both are scored against the truth.
 *
 *   npm run bench:processed -- [--calls 6] [--variants clean,drift15,echo-25,echo-12] [--lead 150] [--recapture] [--config JSON] [--model DIR]
 *     [--split dev|train] [--echo file|room]
 *
 * `--echo room`: the echo calls' echo is made from what the page plays, as in bench:live's room
 * (scripts/sound-server.mjs): the microphone is a PulseAudio source that hears the clean call's
 * recording plus the page's own output 40 ms later at the variant's level, instead of the fake
 * capture device playing the echo baked into the recording. The capture is aligned to the clean
 * recording and kept apart from a file-echo capture (its key says which).
 *
 * A capture is kept beside the raw recording with the raw file's SHA-256 and the lead it was made
 * with (`self-processed.json`); when the raw recording changes (the calls are rendered anew, e.g.
 * under another truth rule) or the lead differs, the call is captured again. `--split train`
 * renders and captures the training split's calls (seeds 500…, as tune.ts): processed audio on
 * which rules may be chosen, where the dev set's may not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { TalkStats } from '../../lib/schema/talk';
import type { TalkTimeConfig } from '../../lib/talktime/engine';
import type { Variant } from './calls';
import { type SoundServer, startSoundServer } from '../sound-server.mjs';
import {
  type LiveCall,
  cachedCapture,
  captureKey,
  captureName,
  roomEchoDb,
  roomMicOf,
  variantsToRender,
  writeLiveCalls,
} from './live-calls';
import { analyzeCall, loadModelFromDir } from './pipeline';
import { decodePcm16Base64, encodeWav16, parseWav } from './wav';

const { values: opts } = parseArgs({
  options: {
    calls: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '60' },
    variants: { type: 'string', default: 'clean,drift15,echo-25,echo-12' },
    lead: { type: 'string', default: '150' },
    recapture: { type: 'boolean', default: false },
    /** Score the raw recordings only (no browser): for calls not yet captured, or a quick look. */
    'raw-only': { type: 'boolean', default: false },
    /** The first call's seed offset: --from 3 --calls 3 takes calls 3–5. */
    from: { type: 'string', default: '0' },
    /** Engine configuration overrides, JSON (as bench:talktime's --config). */
    config: { type: 'string', default: '{}' },
    /** A model folder other than public/model/ (as bench:talktime's --model). */
    model: { type: 'string' },
    /** Whose calls: the dev set's live calls (default) or the training split's. */
    split: { type: 'string', default: 'dev' },
    /** The echo calls' echo: baked into the recording (file) or made from what the page plays (room). */
    echo: { type: 'string', default: 'file' },
  },
  strict: true,
});
const RECORD_RATE = 48_000;

/** The recorder worklet: posts each render quantum's first channel. */
const RECORDER = `registerProcessor('rec', class extends AudioWorkletProcessor {
  process(inputs) { const x = inputs[0] && inputs[0][0]; if (x) this.port.postMessage(x.slice()); return true; }
});`;

/**
 * Records the microphone as the page gets it with voice processing on; returns its samples at
 * RECORD_RATE (the page hands them over as 16-bit PCM, base64). `room`: the sound server whose
 * room makes this call's echo (null: the fake capture device and the recording's echo).
 */
async function capture(call: LiveCall, leadMs: number, room: SoundServer | null): Promise<Float32Array> {
  const echoDb = room ? roomEchoDb(call.variant, 'room') : undefined;
  const inTheRoom = room !== null && echoDb !== undefined;
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    permissions: ['microphone'],
    ignoreDefaultArgs: ['--mute-audio'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(inTheRoom
        ? []
        : ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${path.join(call.dir, 'self.wav')}%noloop`]),
    ],
    ...(inTheRoom ? { env: { ...process.env, ...room.env } } : {}),
  });
  try {
    const page = await context.newPage();
    if (inTheRoom) {
      room.setEcho(echoDb);
      // The room's microphone starts its recording when the page opens it, as the fake device does.
      await page.exposeFunction('rapportMicOpened', () => void room.speak(roomMicOf(call)));
    }
    // A page at a secure origin, served from memory: no server, nothing leaves the machine.
    await page.route('http://localhost:4999/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/other.wav')
        return route.fulfill({ body: readFileSync(path.join(call.dir, 'other.wav')), contentType: 'audio/wav' });
      return route.fulfill({
        body: '<!doctype html><title>capture</title><audio id="other" src="/other.wav" preload="auto"></audio>',
        contentType: 'text/html',
      });
    });
    await page.goto('http://localhost:4999/');
    const base64 = await page.evaluate(
      async ({ durationMs, leadMs, rate, recorder }) => {
        const file = document.getElementById('other') as HTMLAudioElement;
        if (file.readyState < 4) await new Promise((r) => file.addEventListener('canplaythrough', r, { once: true }));
        const ctx = new AudioContext({ sampleRate: rate });
        // A worklet's module is not fetched through the page's routes: a blob of the recorder.
        await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([recorder], { type: 'text/javascript' })));
        // The other party arrives as a call's does, over WebRTC (a loopback pair in this page), and
        // plays aloud through a media element: the echo canceller takes what plays as its reference.
        const send = new RTCPeerConnection();
        const receive = new RTCPeerConnection();
        send.onicecandidate = (e) => e.candidate && void receive.addIceCandidate(e.candidate);
        receive.onicecandidate = (e) => e.candidate && void send.addIceCandidate(e.candidate);
        const source = ctx.createMediaElementSource(file);
        const out = ctx.createMediaStreamDestination();
        source.connect(out);
        for (const t of out.stream.getAudioTracks()) send.addTrack(t, out.stream);
        const remote = new Promise<MediaStream>((r) => (receive.ontrack = (e) => r(e.streams[0] ?? new MediaStream([e.track]))));
        await send.setLocalDescription(await send.createOffer());
        await receive.setRemoteDescription(send.localDescription!);
        await receive.setLocalDescription(await receive.createAnswer());
        await send.setRemoteDescription(receive.localDescription!);
        const player = new Audio();
        player.srcObject = await remote;
        await player.play();
        await new Promise<void>((r) =>
          receive.connectionState === 'connected'
            ? r()
            : (receive.onconnectionstatechange = () => receive.connectionState === 'connected' && r()),
        );
        const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
        const opened = (window as unknown as { rapportMicOpened?: () => Promise<void> }).rapportMicOpened;
        if (opened) await opened();
        const node = new AudioWorkletNode(ctx, 'rec');
        const chunks: Float32Array[] = [];
        node.port.onmessage = (e: MessageEvent<Float32Array>) => chunks.push(e.data);
        ctx.createMediaStreamSource(mic).connect(node).connect(ctx.destination);
        // The other party plays from where the microphone's recording is, a little ahead, so that
        // the echo in the recording follows its source as a loudspeaker's does.
        file.currentTime = leadMs / 1000;
        await file.play();
        await new Promise((r) => setTimeout(r, durationMs + 800));
        for (const t of mic.getTracks()) t.stop();
        send.close();
        receive.close();
        await ctx.close();
        const n = chunks.reduce((a, c) => a + c.length, 0);
        const pcm = new Int16Array(n);
        let o = 0;
        for (const c of chunks) for (let i = 0; i < c.length; i++) pcm[o++] = Math.max(-32768, Math.min(32767, Math.round(c[i]! * 32767)));
        let binary = '';
        const bytes = new Uint8Array(pcm.buffer);
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      { durationMs: call.truth.durationMs, leadMs, rate: RECORD_RATE, recorder: RECORDER },
    );
    return decodePcm16Base64(base64);
  } finally {
    await context.close();
    if (inTheRoom) room.setEcho(null);
  }
}

/** Level envelope in 10 ms steps (dB), for aligning the processed track with the raw recording. */
function envelope(x: Float32Array, rate: number): Float64Array {
  const hop = Math.round(rate / 100);
  const out = new Float64Array(Math.floor(x.length / hop));
  for (let f = 0; f < out.length; f++) {
    let s = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) s += x[i]! * x[i]!;
    out[f] = 10 * Math.log10(s / hop + 1e-10);
  }
  return out;
}

/** The processed track shifted so that it lines up with the raw one (best envelope correlation within ±1 s). */
function align(processed: Float32Array, raw: Float32Array, rawRate: number): { samples: Float32Array; lagMs: number } {
  const a = envelope(processed, RECORD_RATE);
  const b = envelope(raw, rawRate);
  const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = -100; lag <= 100; lag++) {
    let s = 0;
    for (let i = 0; i < b.length; i++) {
      const j = i + lag;
      if (j >= 0 && j < a.length) s += (a[j]! - ma) * (b[i]! - mb);
    }
    if (s > bestScore) {
      bestScore = s;
      best = lag;
    }
  }
  // Processed frame i + best is raw frame i: drop (or pad) `best` steps at the start.
  const shift = best * (RECORD_RATE / 100);
  const length = Math.round((raw.length / rawRate) * RECORD_RATE);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const j = i + shift;
    if (j >= 0 && j < processed.length) out[i] = processed[j]!;
  }
  return { samples: out, lagMs: best * 10 };
}

type Score = { shareErrPp: number; selfRatio: number; otherRatio: number };
const score = (c: LiveCall, t: TalkStats): Score => ({
  shareErrPp: ((t.selfShare ?? 0) - c.truth.share) * 100,
  selfRatio: t.selfTalkMs / c.truth.selfMs,
  otherRatio: t.otherTalkMs / c.truth.otherMs,
});

async function main(): Promise<void> {
  if (opts.split !== 'dev' && opts.split !== 'train') {
    console.error(`bench:processed: --split must be dev or train, not ${opts.split}`);
    process.exit(2);
  }
  const echo = opts.echo;
  if (echo !== 'file' && echo !== 'room') {
    console.error(`bench:processed: --echo must be file or room, not ${echo}`);
    process.exit(2);
  }
  const variants = opts.variants.split(',') as Variant[];
  // In the room an echo call's microphone plays the clean call's recording: render it too.
  const written = variantsToRender(variants, echo);
  const calls = writeLiveCalls(Number(opts.from) + Number(opts.calls), Number(opts.seconds), written, opts.split)
    .slice(Number(opts.from) * written.length)
    .filter((c) => variants.includes(c.variant));
  const detector = await loadModelFromDir(opts.model);
  const config = JSON.parse(opts.config) as Partial<TalkTimeConfig>;
  const rows: { call: LiveCall; raw: Score; processed: Score; lagMs: number | null; gainDb: number }[] = [];
  let room: SoundServer | null = null;
  for (const call of calls) {
    const inTheRoom = roomEchoDb(call.variant, echo) !== undefined;
    if (inTheRoom && !room && !opts['raw-only']) {
      room = startSoundServer({ room: true });
      if (!room) throw new Error('--echo room needs PulseAudio (apt-get install pulseaudio pulseaudio-utils)');
      await room.ready();
    }
    const key = opts['raw-only'] ? null : captureKey(call.dir, Number(opts.lead), inTheRoom ? 'room' : 'file');
    const cached = key && !opts.recapture ? cachedCapture(call.dir, key) : null;
    let processed: Float32Array;
    let processedRate = RECORD_RATE;
    // The microphone's lag behind the raw recording (null: no capture, or one that did not keep it).
    let lagMs: number | null = null;
    if (!key) {
      processed = call.self;
    } else if (cached) {
      processed = cached.samples;
      processedRate = cached.sampleRate;
      lagMs = cached.lagMs;
    } else {
      // In the room the microphone played the clean recording: the capture lines up with that.
      const voice = inTheRoom ? parseWav(readFileSync(roomMicOf(call))).mono : call.self;
      const aligned = align(await capture(call, Number(opts.lead), inTheRoom ? room : null), voice, call.sampleRate);
      processed = aligned.samples;
      lagMs = aligned.lagMs;
      writeFileSync(path.join(call.dir, `${captureName(key)}.wav`), encodeWav16(processed, RECORD_RATE));
      writeFileSync(path.join(call.dir, `${captureName(key)}.json`), JSON.stringify({ ...key, lagMs }));
    }
    const other = { samples: call.other, sampleRate: call.sampleRate };
    const raw = await analyzeCall({ samples: call.self, sampleRate: call.sampleRate }, other, { detector, config });
    // The processed microphone went through Chromium's echo canceller, as a call site's does; the
    // engine is told so, as the live one is by the microphone track's settings.
    const proc = opts['raw-only']
      ? raw
      : await analyzeCall({ samples: processed, sampleRate: processedRate }, other, {
          detector,
          config,
          selfProcessing: { echoCancelled: true, noiseSuppressed: true },
        });
    const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
    const gainDb = opts['raw-only'] ? 0 : 20 * Math.log10(rms(processed) / rms(call.self));
    rows.push({ call, raw: score(call, raw.stats), processed: score(call, proc.stats), lagMs, gainDb });
    const r = rows[rows.length - 1]!;
    console.error(
      `${call.id}: raw ${r.raw.shareErrPp.toFixed(1)} pp (self ×${r.raw.selfRatio.toFixed(2)}), processed ${r.processed.shareErrPp.toFixed(1)} pp (self ×${r.processed.selfRatio.toFixed(2)}, other ×${r.processed.otherRatio.toFixed(2)}); gain ${gainDb.toFixed(1)} dB, lag ${lagMs === null ? '—' : `${lagMs} ms`}`,
    );
  }
  room?.stop();
  console.log(
    '| variant | calls | raw: mean abs / max share err (pp) | processed: mean abs / max | self / truth raw (median) | processed (median) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
  for (const v of [...new Set(rows.map((r) => r.call.variant)), 'all']) {
    const rs = rows.filter((r) => v === 'all' || r.call.variant === v);
    const stat = (k: 'raw' | 'processed') => {
      const e = rs.map((r) => Math.abs(r[k].shareErrPp));
      return `${(e.reduce((a, b) => a + b, 0) / e.length).toFixed(2)} / ${Math.max(...e).toFixed(1)}`;
    };
    console.log(
      `| ${v} | ${rs.length} | ${stat('raw')} | ${stat('processed')} | ${median(rs.map((r) => r.raw.selfRatio)).toFixed(2)} | ${median(rs.map((r) => r.processed.selfRatio)).toFixed(2)} |`,
    );
  }
}

await main();
