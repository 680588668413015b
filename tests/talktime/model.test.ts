import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOW_FRAMES, WINDOW_SIZE, normaliseWindow } from '../../lib/talktime/detector';
import { TalkTimeEngine } from '../../lib/talktime/engine';
import { FrameExtractor } from '../../lib/talktime/features';
import { type ModelJson, SPEECH_LABELS, artifactsFromModelJson } from '../../lib/talktime/model';
import { MODEL_DIR, loadModelFromDir } from '../../scripts/talktime/pipeline';
import { addNoise, lcg } from './synth';

const json = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')) as ModelJson;

function windowOf(signal: Float32Array): Float32Array {
  const frames = new FrameExtractor(16000).push(signal).slice(0, WINDOW_FRAMES);
  const out = new Float32Array(WINDOW_SIZE);
  normaliseWindow(
    frames.map((f) => f.db),
    out,
    0,
  );
  return out;
}

describe('shipped speech model', () => {
  it('is a speech-commands-compatible layers model within the size budget', () => {
    const files = ['model.json', 'metadata.json', ...json.weightsManifest.flatMap((g) => g.paths)];
    const bytes = files.reduce((n, f) => n + statSync(join(MODEL_DIR, f)).size, 0);
    expect(bytes).toBeLessThanOrEqual(200 * 1024);
    const meta = JSON.parse(readFileSync(join(MODEL_DIR, 'metadata.json'), 'utf8')) as { wordLabels: string[] };
    expect(meta.wordLabels).toEqual([...SPEECH_LABELS]);
    const topology = JSON.stringify(json.modelTopology);
    expect(topology).toContain('[null,43,232,1]');
  });

  it('builds in-memory artifacts from model.json and weight bytes', () => {
    const a = artifactsFromModelJson(json, new ArrayBuffer(8));
    expect(a.weightSpecs?.length).toBe(json.weightsManifest[0]!.weights.length);
    expect(a.weightData).toBeInstanceOf(ArrayBuffer);
  });

  it('loads through speech-commands and scores batches like single windows', async () => {
    const detector = await loadModelFromDir();
    const noise = new Float32Array(16000 * 1.2);
    addNoise(noise, 0.05, 3);
    const clicks = new Float32Array(16000 * 1.2);
    // Typing: broadband bursts decaying in ≈ 5 ms, 8 per second, over a quiet room.
    addNoise(clicks, 0.0005, 5);
    const burst = new Float32Array(400);
    addNoise(burst, 0.3, 7);
    for (let t = 0; t + 400 < clicks.length; t += 2000) for (let i = 0; i < 400; i++) clicks[t + i]! += burst[i]! * Math.exp(-i / 80);
    const a = windowOf(noise);
    const b = windowOf(clicks);
    const both = new Float32Array(2 * WINDOW_SIZE);
    both.set(a, 0);
    both.set(b, WINDOW_SIZE);
    const pBoth = await detector.speechProbabilities(both, 2);
    const pA = await detector.speechProbabilities(a, 1);
    expect(pBoth[0]).toBeCloseTo(pA[0]!, 5);
    // Scoring keeps no tensors behind (speech-commands' recognize() leaks a Float32Array input's).
    const tf = await import('@tensorflow/tfjs');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await detector.speechProbabilities(both, 2);
    expect(tf.memory().numTensors).toBe(before);
    for (const p of pBoth) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    // Typing is not speech. (Steady noise never reaches the model: the level stage's noise
    // floor absorbs it, so the model is not trained on it — checked through the engine below.)
    expect(pBoth[1]).toBeLessThan(0.5);
    const long = (x: Float32Array) => {
      const y = new Float32Array(x.length * 4);
      for (let k = 0; k < 4; k++) y.set(x, k * x.length);
      return y;
    };
    const e = new TalkTimeEngine({ detector });
    await e.process(new FrameExtractor(16000).push(long(clicks)), new FrameExtractor(16000).push(long(noise)));
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBeLessThan(500);
    expect(e.snapshot().otherTalkMs).toBeLessThan(600);
    expect(e.modelWindowsUsed).toBeGreaterThan(0);
  }, 30000);

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`scores a window of a batch of any size exactly as in batches of 32 (${backend})`, async () => {
      // The detector runs a batch through the model whole; speech-commands' recognize() cut it
      // into slices of 32 windows (predict's default). A window's scores must not depend on that.
      const detector = await loadModelFromDir(MODEL_DIR, backend);
      const count = 70;
      const windows = new Float32Array(count * WINDOW_SIZE);
      const rnd = lcg(17);
      for (let i = 0; i < windows.length; i++) windows[i] = 3 * (rnd() - 0.5) + Math.sin(i / 97);
      const whole = await detector.speechProbabilities(windows, count);
      const sliced = new Float32Array(count);
      for (let i = 0; i < count; i += 32) {
        const n = Math.min(32, count - i);
        sliced.set(await detector.speechProbabilities(windows.subarray(i * WINDOW_SIZE, (i + n) * WINDOW_SIZE), n), i);
      }
      expect(Array.from(whole)).toEqual(Array.from(sliced));
    }, 30000);
  }

  it("scores the same on the WebAssembly backend the analyzer uses as on the extension's cpu backend", async () => {
    const windows = new Float32Array(3 * WINDOW_SIZE);
    const speechLike = new Float32Array(16000 * 1.2);
    addNoise(speechLike, 0.02, 11);
    for (let i = 0; i < speechLike.length; i++)
      speechLike[i]! += 0.3 * Math.sin((2 * Math.PI * 180 * i) / 16000) * (1 + Math.sin((2 * Math.PI * 4 * i) / 16000));
    const noise = new Float32Array(16000 * 1.2);
    addNoise(noise, 0.05, 13);
    windows.set(windowOf(speechLike), 0);
    windows.set(windowOf(noise), WINDOW_SIZE);
    windows.set(windowOf(new Float32Array(16000 * 1.2)), 2 * WINDOW_SIZE);
    const onCpu = await (await loadModelFromDir(MODEL_DIR, 'cpu')).speechProbabilities(windows, 3);
    const onWasm = await (await loadModelFromDir(MODEL_DIR, 'wasm')).speechProbabilities(windows, 3);
    const tf = await import('@tensorflow/tfjs');
    expect(tf.getBackend()).toBe('wasm');
    for (let i = 0; i < 3; i++) expect(Math.abs(onWasm[i]! - onCpu[i]!)).toBeLessThan(1e-5);
  }, 30000);
});
