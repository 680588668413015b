import { describe, expect, it } from 'vitest';
import { GateHindsight } from '../../../lib/talktime/engine/hindsight';

describe('GateHindsight (talkerHindsightFrames)', () => {
  it('takes back, when the gate first judges, the talk frames whose loudest neighbour falls short of its threshold', () => {
    const h = new GateHindsight(100);
    // Frames 0–9: the talkers behind the party (−50 dB); 10–19: not talk; 20–29: the party (−25 dB).
    for (let f = 0; f < 30; f++) if (f < 10 || f >= 20) expect(h.note(f, false, f < 10 ? -50 : -25, NaN)).toBe(false);
    expect(h.waiting).toBe(true);
    // The gate judges from frame 30 with a threshold of −37 dB (a −25 dB voice, 12 dB deep).
    expect(h.note(30, true, -25, -37)).toBe(true);
    expect(h.waiting).toBe(false);
    for (let f = 0; f < 10; f++) expect(h.takenBack(f)).toBe(true);
    for (let f = 10; f < 40; f++) expect(h.takenBack(f)).toBe(false);
    // Done: later frames are the gate's own to judge.
    expect(h.note(31, true, -60, -37)).toBe(false);
    expect(h.takenBack(31)).toBe(false);
  });

  it('says so when nothing was taken back', () => {
    const h = new GateHindsight(100);
    for (let f = 0; f < 20; f++) h.note(f, false, -25, NaN);
    expect(h.note(20, true, -25, -37)).toBe(false);
    expect(h.takenBack(5)).toBe(false);
    expect(h.size).toBe(0);
  });

  it('lets the call stand as it is when the gate first judges after the cap, and forgets what it kept', () => {
    const h = new GateHindsight(50);
    expect(h.size).toBe(50);
    for (let f = 0; f < 50; f++) h.note(f, false, -50, NaN);
    expect(h.note(60, true, -25, -37)).toBe(false);
    expect(h.waiting).toBe(false);
    expect(h.size).toBe(0);
    expect(h.takenBack(10)).toBe(false);
  });

  it('keeps nothing and takes nothing back at a cap of 0 (off)', () => {
    const h = new GateHindsight(0);
    expect(h.waiting).toBe(false);
    expect(h.size).toBe(0);
    expect(h.note(0, false, -50, NaN)).toBe(false);
    expect(h.note(1, true, -50, -37)).toBe(false);
    expect(h.takenBack(0)).toBe(false);
  });
});
