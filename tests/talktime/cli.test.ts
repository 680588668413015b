import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../scripts/talktime/wav';
import { addNoise, addVoice, lcg } from './synth';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'talktime-cli-'));
const p = (name: string) => join(dir, name);

async function analyze(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(root, 'scripts/run-ts.mjs'), join(root, 'scripts/talktime/analyze.ts'), ...args],
      { cwd: root },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  // 10 s call: self talks 1–4 s, other 5–9 s in one turn with two pauses of 0.4 s, which the
  // engine bridges (the voice here keeps one spectrum, and held for seconds it teaches the noise
  // floor its troughs, as speech that changes its vowels does not: with a pause only at 7 s the
  // shape rule of the far end's (farEndShapeMinDb) took its last 0.5 s); self's mic is 16 kHz, the
  // other 48 kHz.
  const self = new Float32Array(16000 * 10);
  addNoise(self, 0.002, 1);
  addVoice(self, 16000, 1, 4, { f0: 180, seed: 2 });
  const other = new Float32Array(48000 * 10);
  addNoise(other, 0.001, 3);
  for (const [a, b] of [
    [5, 6.2],
    [6.6, 7.8],
    [8.2, 9],
  ] as const)
    addVoice(other, 48000, a, b, { f0: 110, seed: 4 });
  writeFileSync(p('self.wav'), encodeWav16(self, 16000));
  writeFileSync(p('other.wav'), encodeWav16(other, 48000));
  // What a call received from the other party: their words (4–6.5 s), then 1.8 s of what their
  // noise suppressor let through of a swelling room (unvoiced, uneven across bands: 7–8.8 s).
  const received = new Float32Array(16000 * 10);
  addNoise(received, 0.001, 3);
  addVoice(received, 16000, 4, 6.5, { f0: 110, seed: 4 });
  const rnd = lcg(5);
  let low = 0;
  for (let i = 7 * 16000; i < 8.8 * 16000; i++) {
    low = 0.9 * low + (rnd() - 0.5);
    received[i]! += 0.02 * low * (0.6 + 0.4 * Math.sin((2 * Math.PI * 3 * i) / 16000));
  }
  writeFileSync(p('received.wav'), encodeWav16(received, 16000));
  writeFileSync(p('text.wav'), 'not a wav file');
  writeFileSync(p('truncated.wav'), encodeWav16(self, 16000).subarray(0, 5000));
});

describe('analyze CLI', () => {
  it('prints one JSON object with talk times, segments and metrics', async () => {
    const r = await analyze('--self', p('self.wav'), '--other', p('other.wav'), '--json', '--no-model');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      segments: { self: [number, number][]; other: [number, number][] };
      selfTalkMs: number;
      otherTalkMs: number;
      selfShare: number;
    };
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['selfTalkMs', 'otherTalkMs', 'overlapMs', 'silenceMs', 'selfShare', 'segments', 'metrics']),
    );
    expect(out.selfTalkMs).toBeGreaterThan(2800);
    expect(out.selfTalkMs).toBeLessThan(3200);
    expect(out.otherTalkMs).toBeGreaterThan(3800);
    expect(out.otherTalkMs).toBeLessThan(4200);
    expect(out.selfShare).toBeCloseTo(3 / 7, 1);
    expect(out.segments.self).toHaveLength(1);
    expect(out.segments.self[0]![0]).toBeGreaterThan(900);
    expect(out.segments.self[0]![0]).toBeLessThan(1100);
  }, 30000);

  it('prints a readable summary without --json', async () => {
    const r = await analyze('--self', p('self.wav'), '--other', p('other.wav'), '--no-model');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Self talked\s+0:03/);
    expect(r.stdout).toMatch(/Other talked\s+0:04/);
  }, 30000);

  it('judges the other file as received from a call with --other-received (the far end’s rule)', async () => {
    const talk = async (...extra: string[]) => {
      const r = await analyze('--self', p('self.wav'), '--other', p('received.wav'), '--json', '--no-model', ...extra);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { otherTalkMs: number }).otherTalkMs;
    };
    // As a recording at their microphone, the room's sound counts (nothing says a suppressor left it) …
    expect(await talk()).toBeGreaterThan(4000);
    // … as received from a call, it counts only within reach of their last vowel.
    const received = await talk('--other-received');
    expect(received).toBeGreaterThan(2400);
    expect(received).toBeLessThan(2900);
  }, 30000);

  const broken: [string, string[], RegExp][] = [
    ['a missing file', ['--self', p('missing.wav'), '--other', p('other.wav')], /missing\.wav: file not found/],
    ['a non-WAV file', ['--self', p('self.wav'), '--other', p('text.wav')], /text\.wav: not a WAV file/],
    ['a truncated file', ['--self', p('truncated.wav'), '--other', p('other.wav')], /truncated\.wav: truncated WAV/],
    ['missing arguments', ['--self', p('self.wav')], /--other are required/],
  ];
  for (const [name, args, msg] of broken) {
    it(`fails cleanly on ${name}`, async () => {
      const r = await analyze(...args, '--json');
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^analyze: /);
    }, 30000);
  }
});
