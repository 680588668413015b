import { describe, expect, it } from 'vitest';
import { overlapSeconds } from '../../scripts/bench/record-tracks';
import { RATE } from '../../scripts/talktime/data';

/** bench:live --record says how much double talk the other party's lateness made of the script's turns. */
describe('overlapSeconds', () => {
  const s = (a: number, b: number): [number, number] => [a * RATE, b * RATE];
  // The user talks 0–2 s and 5–7 s; the other party answers 2.5–4.5 s.
  const call = { spans: { self: [s(0, 2), s(5, 7)], other: [s(2.5, 4.5)] } };

  it('counts the scripted overlap, none here', () => {
    expect(overlapSeconds(call, 0)).toBe(0);
  });

  it('turns lateness into double talk with the user’s next turn', () => {
    // 1 s late: the answer runs 3.5–5.5 s, over the user's 5–7 s turn by 0.5 s.
    expect(overlapSeconds(call, 1)).toBeCloseTo(0.5, 6);
  });

  it('and early audio into double talk with the turn before', () => {
    // 1 s early: 1.5–3.5 s, over the user's 0–2 s turn by 0.5 s.
    expect(overlapSeconds(call, -1)).toBeCloseTo(0.5, 6);
  });
});
