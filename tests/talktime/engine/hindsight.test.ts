import { describe, expect, it } from 'vitest';
import { GateHindsight } from '../../../lib/talktime/engine/hindsight';

/** Notes frames [from, to) as talk whose loudest neighbour is `loudest` dB, the gate not judging. */
function unjudged(h: GateHindsight, from: number, to: number, loudest: number): void {
  for (let f = from; f < to; f++) expect(h.note(f, true, false, loudest, NaN)).toBe(false);
}

describe('GateHindsight (talkerHindsightFrames)', () => {
  it('takes back, when the gate first judges, the talk frames whose loudest neighbour falls short of its threshold', () => {
    const h = new GateHindsight(100, 3);
    // Frames 0–9: the talkers behind the party (−50 dB); 10–19: not talk; 20–29: the party (−25 dB).
    unjudged(h, 0, 10, -50);
    for (let f = 10; f < 20; f++) h.note(f, false, false, NaN, NaN);
    unjudged(h, 20, 30, -25);
    // The gate judges from frame 30 with a threshold of −37 dB (a −25 dB voice, 12 dB deep).
    expect(h.note(30, true, true, -25, -37)).toBe(true);
    for (let f = 0; f < 10; f++) expect(h.takenBack(f)).toBe(true);
    for (let f = 10; f < 40; f++) expect(h.takenBack(f)).toBe(false);
    // The threshold as it was, or risen less than 3 dB: nothing judged again.
    expect(h.note(31, true, true, -60, -37)).toBe(false);
    expect(h.note(32, true, true, -25, -35)).toBe(false);
    expect(h.takenBack(31)).toBe(false);
  });

  it('judges the frames before again each time the threshold has risen a step: talkers behind the party heard before their first word', () => {
    const h = new GateHindsight(1000, 3);
    // The talkers behind from the start (−40 dB): the gate learns them as the voice and judges with −52 dB.
    unjudged(h, 0, 50, -40);
    expect(h.note(50, true, true, -40, -52)).toBe(false);
    for (let f = 51; f < 100; f++) h.note(f, true, true, -40, -52);
    // The party speaks (−22 dB): the threshold climbs to −34 dB.
    expect(h.note(100, true, true, -22, -50)).toBe(false); // 2 dB: not a step yet
    // A step, but nothing before stands under −49 dB; then −34 dB, another.
    expect(h.note(101, true, true, -22, -49)).toBe(false);
    expect(h.takenBack(0)).toBe(false);
    expect(h.note(102, true, true, -22, -34)).toBe(true);
    for (let f = 0; f < 100; f++) expect(h.takenBack(f)).toBe(true);
    expect(h.takenBack(100)).toBe(false);
    expect(h.takenBack(101)).toBe(false);
  });

  it('says so when nothing was taken back', () => {
    const h = new GateHindsight(100, 3);
    unjudged(h, 0, 20, -25);
    expect(h.note(20, true, true, -25, -37)).toBe(false);
    expect(h.takenBack(5)).toBe(false);
    expect(h.waiting).toBe(true);
  });

  it('lets the call stand as it is from the cap on, and forgets the levels it kept', () => {
    const h = new GateHindsight(50, 3);
    expect(h.size).toBe(50);
    unjudged(h, 0, 50, -50);
    expect(h.note(50, false, false, NaN, NaN)).toBe(false);
    expect(h.waiting).toBe(false);
    expect(h.size).toBe(0);
    expect(h.note(60, true, true, -25, -37)).toBe(false);
    expect(h.takenBack(10)).toBe(false);
  });

  it('keeps nothing and takes nothing back at a cap of 0 (off)', () => {
    const h = new GateHindsight(0, 3);
    expect(h.waiting).toBe(false);
    expect(h.size).toBe(0);
    expect(h.note(0, true, false, -50, NaN)).toBe(false);
    expect(h.note(1, true, true, -50, -37)).toBe(false);
    expect(h.takenBack(0)).toBe(false);
  });
});
