import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TalkTimeConfig } from '../../../lib/talktime/engine';
import { TalkerGate } from '../../../lib/talktime/engine/talker-level';

const cfg = (over: Partial<TalkTimeConfig> = {}): TalkTimeConfig => ({ ...DEFAULT_CONFIG, talkerMinFrames: 50, ...over });

/** Feeds `frames` frames: every frame's level is `room` but each `talkEvery`-th, which is talk at `talk` dB. */
function feed(gate: TalkerGate, frames: number, room: number, talk: number, talkEvery = 3): void {
  for (let i = 0; i < frames; i++) {
    const isTalk = i % talkEvery === 0;
    gate.tick(isTalk ? talk : room);
    if (isTalk) gate.note(talk);
  }
}

describe('TalkerGate (talkerGateDb)', () => {
  it('stands aside until it has heard enough talk to know the voice', () => {
    const gate = new TalkerGate(cfg());
    feed(gate, 60, -45, -25);
    // 20 talk frames of 50: no reference yet, everything may count.
    expect(gate.allows(-60)).toBe(true);
  });

  it('takes, in a loud room, a sound far quieter than the voice for somebody else', () => {
    const gate = new TalkerGate(cfg());
    feed(gate, 600, -45, -25);
    expect(gate.reference).toBeCloseTo(-25, 0);
    expect(gate.allows(-27)).toBe(true);
    expect(gate.allows(-36)).toBe(true); // within 12 dB
    expect(gate.allows(-38.5)).toBe(false);
  });

  it('asks for a loud neighbour within its depth under the voice (depthDb)', () => {
    const gate = new TalkerGate(cfg());
    feed(gate, 600, -45, -25);
    gate.depthDb = 10;
    expect(gate.threshold).toBeCloseTo(gate.reference - 10, 6);
    expect(gate.allows(-34)).toBe(true);
    expect(gate.allows(-36)).toBe(false);
  });

  it('stands aside in a quiet room, where nothing else could be loud enough', () => {
    const gate = new TalkerGate(cfg());
    // The room 50 dB under the voice: further than talkerRoomWithinDb (45).
    feed(gate, 600, -75, -25);
    expect(gate.allows(-50)).toBe(true);
    // The same with the room condition off judges it.
    const always = new TalkerGate(cfg({ talkerRoomWithinDb: 0 }));
    feed(always, 600, -75, -25);
    expect(always.allows(-50)).toBe(false);
  });

  it('follows a voice that gets quieter (someone moves from the microphone, a gain control turns down)', () => {
    const gate = new TalkerGate(cfg());
    feed(gate, 3000, -45, -20);
    // The voice 15 dB softer from now, further than the gate's 12 dB: at first it is not theirs …
    expect(gate.allows(-35)).toBe(false);
    let frames = 0;
    while (!gate.allows(-35) && frames < 100000) {
      feed(gate, 43, -45, -35);
      frames += 43;
    }
    // … and within ten minutes of their talk it is (≈ 43 frames a second; 489 s here): the
    // reference is a high quantile with a long memory (a listener's voice must outlast minutes of
    // other people's talk, see the engine's test), so their louder past must weigh under 2 % of it.
    expect(frames / 43).toBeLessThan(600);
  });

  it('is off at talkerGateDb 0', () => {
    const gate = new TalkerGate(cfg({ talkerGateDb: 0 }));
    feed(gate, 600, -45, -25);
    expect(gate.on).toBe(false);
    expect(gate.allows(-100)).toBe(true);
  });

  it('keeps its weights finite over hours of audio', () => {
    const gate = new TalkerGate(cfg({ talkerHalfLifeFrames: 10 }));
    feed(gate, 20000, -45, -25);
    expect(gate.reference).toBeCloseTo(-25, 0);
    expect(gate.allows(-30)).toBe(true);
    expect(gate.allows(-40)).toBe(false);
  });
});
