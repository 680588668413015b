import { describe, expect, it } from 'vitest';
import { babbleRoom, makeCall, render } from '../../scripts/talktime/calls';
import { type Clip, RATE } from '../../scripts/talktime/data';
import { addVoice } from '../talktime/synth';

/** Voice groups of synthesised voices (a clip: 1.5 s of one voice at its own pitch). */
function voices(groups: number, perGroup = 3, split: Clip['split'] = 'train'): Clip[] {
  const clips: Clip[] = [];
  for (let g = 0; g < groups; g++)
    for (let k = 0; k < perGroup; k++)
      clips.push({
        id: `synth-${g}-${k}`,
        group: `synth-${g}`,
        split,
        source: 'test',
        load: () => {
          const x = new Float32Array(RATE * 2);
          addVoice(x, RATE, 0.2, 1.7, { f0: 90 + g * 17 + k * 3, gain: 0.1, seed: g * 10 + k });
          return x;
        },
      });
  return clips;
}

const rms = (x: Float32Array, from = 0, to = x.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
};

describe('babbleRoom: people talking at a distance (the babble15 variant)', () => {
  it('is deterministic, unit-RMS, and talk that seldom stops', () => {
    const pool = voices(6);
    const n = RATE * 30;
    const a = babbleRoom(pool, n, 7);
    expect(babbleRoom(pool, n, 7)).toEqual(a);
    expect(babbleRoom(pool, n, 8)).not.toEqual(a);
    expect(rms(a)).toBeCloseTo(1, 3);
    // Several talkers at once: hardly a second of the room is much quieter than the rest.
    const seconds = Array.from({ length: 30 }, (_, k) => 20 * Math.log10(rms(a, k * RATE, (k + 1) * RATE) + 1e-12));
    expect(seconds.filter((db) => db < -12).length).toBeLessThanOrEqual(2);
  });

  it("is made of voices of the call's split that are neither party's, 15 dB under each party", () => {
    const call = makeCall(voices(8), 'train', 3, 20);
    const clean = render(call, 'clean', []);
    const noisy = render(call, 'babble15', []);
    for (const party of ['self', 'other'] as const) {
      const added = noisy[party].map((v, i) => v - clean[party][i]!);
      const speech = party === 'self' ? call.selfRms : call.otherRms;
      expect(20 * Math.log10(rms(added) / speech)).toBeCloseTo(-15, 0);
    }
    // Neither party's voice nor another split's is in the room: with only the parties' own voices
    // and another split's to draw on, there is no room to make.
    const devVoices = voices(4, 3, 'dev').map((c) => ({ ...c, group: `dev-${c.group}` }));
    const onlyParties = makeCall([...voices(2), ...devVoices], 'train', 3, 20);
    expect(() => render(onlyParties, 'babble15', [])).toThrow(/no voices/);
  });
});
