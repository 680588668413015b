import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOW_FRAMES, WINDOW_SIZE, normaliseWindow } from '../../lib/talktime/detector';
import { TalkTimeEngine } from '../../lib/talktime/engine';
import { FrameExtractor } from '../../lib/talktime/features';
import { type ModelJson, SPEECH_LABELS, artifactsFromModelJson } from '../../lib/talktime/model';
import { MODEL_DIR, loadModelFromDir } from '../../scripts/talktime/pipeline';
import { addNoise } from './synth';

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
    for (let t = 0; t < clicks.length; t += 2000) for (let i = 0; i < 300; i++) clicks[t + i] = Math.exp(-i / 40) * (i % 2 ? 0.5 : -0.5);
    const a = windowOf(noise);
    const b = windowOf(clicks);
    const both = new Float32Array(2 * WINDOW_SIZE);
    both.set(a, 0);
    both.set(b, WINDOW_SIZE);
    const pBoth = await detector.speechProbabilities(both, 2);
    const pA = await detector.speechProbabilities(a, 1);
    expect(pBoth[0]).toBeCloseTo(pA[0]!, 5);
    for (const p of pBoth) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    // Steady noise and clicks are not speech.
    expect(pBoth[0]).toBeLessThan(0.5);
    expect(pBoth[1]).toBeLessThan(0.5);
    // And the engine runs with it.
    const e = new TalkTimeEngine({ detector });
    const x = new FrameExtractor(16000);
    await e.process(x.push(clicks), new FrameExtractor(16000).push(noise));
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBe(0);
  }, 30000);
});
