import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedCapture, captureKey, captureName, roomEchoDb, variantsToRender } from '../../scripts/talktime/live-calls';
import { encodeWav16 } from '../../scripts/talktime/wav';

/** bench:processed reuses a capture only when it was made from the same raw recording and lead. */
describe('processed capture cache', () => {
  let dir: string;
  const tone = (hz: number) => Float32Array.from({ length: 1600 }, (_, i) => 0.25 * Math.sin((2 * Math.PI * hz * i) / 16000));
  const store = (samples: Float32Array, meta: unknown) => {
    writeFileSync(path.join(dir, 'self-processed.wav'), encodeWav16(samples, 48000));
    writeFileSync(path.join(dir, 'self-processed.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rapport-processed-'));
    writeFileSync(path.join(dir, 'self.wav'), encodeWav16(tone(200), 16000));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the capture made from this recording with this lead', () => {
    const key = captureKey(dir, 80);
    store(tone(300), key);
    const got = cachedCapture(dir, key);
    expect(got).not.toBeNull();
    expect(got!.sampleRate).toBe(48000);
    expect(got!.samples.length).toBe(1600);
    expect(got!.samples[100]).toBeCloseTo(tone(300)[100]!, 3);
  });

  it('does not reuse a capture once the raw recording changed (calls rendered anew)', () => {
    store(tone(300), captureKey(dir, 80));
    writeFileSync(path.join(dir, 'self.wav'), encodeWav16(tone(210), 16000));
    expect(cachedCapture(dir, captureKey(dir, 80))).toBeNull();
  });

  it('does not reuse a capture made with another lead', () => {
    store(tone(300), captureKey(dir, 150));
    expect(cachedCapture(dir, captureKey(dir, 80))).toBeNull();
  });

  it('takes a capture made with any lead when the key names none (training reads what there is), but never one of other audio', () => {
    store(tone(300), captureKey(dir, 150));
    expect(cachedCapture(dir, captureKey(dir))).not.toBeNull();
    writeFileSync(path.join(dir, 'self.wav'), encodeWav16(tone(210), 16000));
    expect(cachedCapture(dir, captureKey(dir))).toBeNull();
  });

  it("keeps a room's capture apart from the recording's echo: each key finds only its own", () => {
    store(tone(300), captureKey(dir, 80, 'file'));
    expect(cachedCapture(dir, captureKey(dir, 80, 'room'))).toBeNull();
    const room = captureKey(dir, 80, 'room');
    writeFileSync(path.join(dir, `${captureName(room)}.wav`), encodeWav16(tone(400), 48000));
    writeFileSync(path.join(dir, `${captureName(room)}.json`), JSON.stringify(room));
    expect(cachedCapture(dir, room)!.samples[100]).toBeCloseTo(tone(400)[100]!, 3);
    expect(cachedCapture(dir, captureKey(dir, 80, 'file'))!.samples[100]).toBeCloseTo(tone(300)[100]!, 3);
    // A capture from before rooms has no echo in its record: it was the recording's.
    store(tone(300), captureKey(dir, 80));
    expect(cachedCapture(dir, captureKey(dir, 80, 'file'))).not.toBeNull();
  });

  it('does not reuse a capture without a record of its source (made before captures were keyed) or with a broken one', () => {
    writeFileSync(path.join(dir, 'self-processed.wav'), encodeWav16(tone(300), 48000));
    expect(cachedCapture(dir, captureKey(dir, 80))).toBeNull();
    store(tone(300), '{not json');
    expect(cachedCapture(dir, captureKey(dir, 80))).toBeNull();
  });
});

/** The room makes the echo calls' echo from the clean call's voice, so the clean call is rendered too. */
describe('room echo calls', () => {
  it('renders the clean call beside echo calls only when the room makes their echo', () => {
    expect(variantsToRender(['echo-25', 'drift15'], 'room')).toEqual(['echo-25', 'drift15', 'clean']);
    expect(variantsToRender(['echo-12', 'clean'], 'room')).toEqual(['echo-12', 'clean']);
    expect(variantsToRender(['echo-25'], 'file')).toEqual(['echo-25']);
    expect(variantsToRender(['drift15'], 'room')).toEqual(['drift15']);
  });

  it("gives the room's level for echo variants only, and none when the echo is the recording's", () => {
    expect(roomEchoDb('echo-25', 'room')).toBe(-25);
    expect(roomEchoDb('echo-12', 'room')).toBe(-12);
    expect(roomEchoDb('clean', 'room')).toBeUndefined();
    expect(roomEchoDb('echo-12', 'file')).toBeUndefined();
  });
});
