import { describe, expect, it } from 'vitest';
import { TalkTimeEngine } from '../../lib/talktime/engine';
import { type Frame, FrameExtractor } from '../../lib/talktime/features';
import { analyzeCall } from '../../scripts/talktime/pipeline';
import { addNoise, addVoice } from './synth';

/** A 16 s two-party call rendered at `rate` (same continuous signal at every rate). */
function call(rate: number) {
  const self = new Float32Array(rate * 16);
  const other = new Float32Array(rate * 16);
  addNoise(self, 0.001, 1);
  addNoise(other, 0.0005, 2);
  const turns: [number, number, 'self' | 'other'][] = [
    [1, 4.5, 'self'],
    [5.2, 8, 'other'],
    [7.6, 10, 'self'],
    [10.8, 13, 'other'],
    [13.5, 15.5, 'self'],
  ];
  turns.forEach(([a, b, p], i) => addVoice(p === 'self' ? self : other, rate, a, b, { f0: p === 'self' ? 190 : 115, seed: i + 1 }));
  return { self, other };
}

describe('live path vs offline analyzer', () => {
  it('agree within 2 % on talk times (48 kHz worklet in 128-sample quanta vs a 16 kHz file)', async () => {
    const offline = call(16000);
    const off = await analyzeCall({ samples: offline.self, sampleRate: 16000 }, { samples: offline.other, sampleRate: 16000 });

    // Live: two worklets at the AudioContext rate post frames as they complete; the content
    // script hands them to the engine every ~0.25 s, the other channel one message late.
    const live = call(48000);
    const xs = new FrameExtractor(48000);
    const xo = new FrameExtractor(48000);
    const engine = new TalkTimeEngine();
    let pendingSelf: Frame[] = [];
    let pendingOther: Frame[] = [];
    let lateOther: Frame[] = [];
    for (let i = 0; i < live.self.length; i += 128) {
      pendingSelf.push(...xs.push(live.self.subarray(i, i + 128)));
      pendingOther.push(...xo.push(live.other.subarray(i, i + 128)));
      if (i % 12000 === 0) {
        void engine.process(pendingSelf, lateOther);
        lateOther = pendingOther;
        pendingSelf = [];
        pendingOther = [];
      }
    }
    await engine.process(pendingSelf, [...lateOther, ...pendingOther]);
    await engine.finish();
    const on = engine.snapshot();

    expect(off.stats.selfTalkMs).toBeGreaterThan(7000);
    expect(Math.abs(on.selfTalkMs - off.stats.selfTalkMs) / off.stats.selfTalkMs).toBeLessThan(0.02);
    expect(Math.abs(on.otherTalkMs - off.stats.otherTalkMs) / off.stats.otherTalkMs).toBeLessThan(0.02);
  }, 60000);
});
