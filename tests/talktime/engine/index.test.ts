import { describe, expect, it } from 'vitest';
import { TalkStatsSchema } from '../../../lib/schema/talk';
import { type SpeechDetector, WINDOW_FRAMES, WINDOW_SIZE } from '../../../lib/talktime/detector';
import { DEFAULT_CONFIG, type Party, type SelfProcessing, type TalkTimeConfig, TalkTimeEngine } from '../../../lib/talktime/engine';
import { spectralShape } from '../../../lib/talktime/engine/echo';
import { FRAME_MS, type Frame, FrameExtractor, NUM_BINS, frameBlock } from '../../../lib/talktime/features';
import { LOUD, QUIET, framesFrom, levelFrame, rep } from '../helpers';
import { addNoise, addVoice, lcg } from '../synth';

/**
 * Long noise memory and no stationary-noise check, so that hand-built steady "speech" is not
 * absorbed into the floor; no score smoothing and no edge trim, since hand-built frames have
 * sharp edges.
 */
const steady = {
  noiseSubBlocks: 100000,
  priorSubBlocks: 100000,
  scoreSpan: 0,
  edgeTrimFrames: 0,
  stationaryFrames: 0,
  edgeKeepProbability: 0,
  // Hand-built talk a few dB over a quiet floor is, to the talker gate, someone far quieter than
  // the loud frames beside it; its own tests are in "people talking at a distance".
  talkerGateDb: 0,
  ...shapeOff(),
};

/**
 * The shape rule off (`shapeReach`), for tests of the other stages: their sounds are hand-built
 * frames whose bands all move together, or noise standing in for a sound (a whisper, a click, a
 * suppressor's leak) with the room's own spectrum, which the shape rule takes for the room. Its
 * own tests are in "a room whose noise swells".
 */
function shapeOff(): Partial<TalkTimeConfig> {
  return { shapeReach: 0 };
}

/**
 * The far end's rule off (`farEndVoicedReach`; it judges only a channel received from a call,
 * which these engines' are not, and stays off here should they be), for tests of other rules on
 * the other party's channel whose sounds (a whisper, a held synthetic vowel) it would judge too.
 * Its own tests are in "the other party's voice as a call receives it".
 */
function farEndOff(): Partial<TalkTimeConfig> {
  return { farEndVoicedReach: 0 };
}

/** An engine with `config` fed both channels whole (16 kHz) and finished. */
async function engineOf(self: Float32Array, other: Float32Array, config: Partial<TalkTimeConfig> = {}) {
  const e = new TalkTimeEngine({ config });
  await e.process(new FrameExtractor(16000).push(self), new FrameExtractor(16000).push(other));
  await e.finish();
  return e;
}

/** Both channels' audio (16 kHz) through an engine with `config`: its totals. */
async function snapshotOf(self: Float32Array, other: Float32Array, config: Partial<TalkTimeConfig> = {}) {
  return (await engineOf(self, other, config)).snapshot();
}

/** 14 s of a quiet room's hiss (16 kHz). */
function quietRoom(): Float32Array {
  const quiet = new Float32Array(16000 * 14);
  addNoise(quiet, 0.0005, 3);
  return quiet;
}

async function run(selfPat: string, otherPat: string, opts: ConstructorParameters<typeof TalkTimeEngine>[0] = { config: steady }) {
  const e = new TalkTimeEngine(opts);
  await e.process(framesFrom(selfPat), framesFrom(otherPat));
  await e.finish();
  return e;
}

const ms = (frames: number) => frames * FRAME_MS;

describe('level stage', () => {
  it('finds talk on one channel and nothing in silence', async () => {
    const e = await run(rep('.', 50) + rep('#', 100) + rep('.', 50), rep('.', 200));
    const s = e.snapshot();
    expect(TalkStatsSchema.parse(s)).toEqual(s);
    expect(s.durationMs).toBeCloseTo(ms(200), 6);
    expect(s.selfTalkMs).toBeCloseTo(ms(100), 6);
    expect(s.otherTalkMs).toBe(0);
    expect(s.selfShare).toBe(1);
    expect(s.silenceMs).toBeCloseTo(ms(100), 6);
    expect(e.segments().self).toEqual([[Math.round(50.5 * FRAME_MS * 10) / 10, Math.round(150.5 * FRAME_MS * 10) / 10]]);
  });

  it('treats steady noise as noise once the floor has adapted', async () => {
    // Default config: a constant level from the first frame on is the floor.
    const e = await run(rep('#', 1000), rep('.', 1000), {});
    expect(e.snapshot().selfTalkMs).toBe(0);
    // With a start-up prior it counts only until the prior ends (8 frames per sub-block).
    const p = await run(rep('#', 1000), rep('.', 1000), { config: { priorSubBlocks: 2 } });
    expect(p.snapshot().selfTalkMs).toBeGreaterThan(ms(10));
    expect(p.snapshot().selfTalkMs).toBeLessThan(ms(24));
  });

  it('follows a rise of the noise floor within a few seconds', async () => {
    const frames = [...framesFrom(rep('.', 100)), ...framesFrom(rep('#', 500), 100)];
    const e = new TalkTimeEngine();
    await e.process(frames, framesFrom(rep('.', 600)));
    // (quiet start: the floor is known before the rise)
    await e.finish();
    // A steady sound is noise once it has held for ≈ 1 s (stationaryFrames): the floor jumps to it.
    expect(e.snapshot().selfTalkMs).toBeLessThan(1200);
    expect(e.snapshot().selfTalkMs).toBeGreaterThan(0);
    // Without that check the floor catches up only after the ≈ 3 s running-minimum window.
    const slow = new TalkTimeEngine({ config: { stationaryFrames: 0 } });
    await slow.process(frames, framesFrom(rep('.', 600)));
    await slow.finish();
    expect(slow.snapshot().selfTalkMs).toBeGreaterThan(2500);
    expect(slow.snapshot().selfTalkMs).toBeLessThan(3500);
  });

  it('keeps counting speech as loud and as long as that noise, because its level rises and falls', async () => {
    // Syllables: ±6 dB at ≈ 4 Hz around the same level as the steady sound above.
    const speech = Array.from({ length: 500 }, (_, i) => levelFrame(100 + i, LOUD + 6 * Math.sin((2 * Math.PI * i) / 10), 'speechy'));
    // (Its bands rise and fall together, as no voice's do: the shape rule would take it for the room.)
    const e = new TalkTimeEngine({ config: shapeOff() });
    await e.process([...framesFrom(rep('.', 100)), ...speech], framesFrom(rep('.', 600)));
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBeGreaterThan(ms(490));
  });

  it('does not learn its noise floor from digital silence or a fading-in start', async () => {
    // Room noise (±3 dB per band and frame) after a stream that opens with zeros and one frame
    // holding half zeros, as Chromium's microphone and a remote track start: before the floor
    // ignored them, the zeros taught it "−100 dB" and ≈ 3 s of this noise counted as talk.
    let seed = 7;
    const jitter = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 6 - 3;
    const noisy = (i: number, db: number) => {
      const f = levelFrame(i, db);
      for (let b = 0; b < f.bands!.length; b++) f.bands![b] = db + jitter();
      return f;
    };
    for (const zeros of [0, 1, 5, 40]) {
      const frames = [
        ...Array.from({ length: zeros }, (_, i) => levelFrame(i, -400)),
        noisy(zeros, -80),
        ...Array.from({ length: 400 }, (_, i) => noisy(zeros + 1 + i, -70)),
      ];
      const e = new TalkTimeEngine();
      await e.process(frames, framesFrom(rep('.', frames.length)));
      await e.finish();
      expect(e.snapshot().selfTalkMs, `${zeros} frames of zeros first`).toBe(0);
    }
  });

  it('does not let a click in a quiet room hold the detector on', async () => {
    // Quiet pink-ish room noise: its lowest bands have 4–5 bins each and swing so widely that
    // the running minimum sits far below their mean, and noise alone can keep the score over
    // the off-threshold once a click has started a run (up to 1.5 s a click before).
    const rate = 16000;
    const n = rate * 60;
    const room = new Float32Array(n);
    const far = new Float32Array(n);
    const rnd = lcg(3);
    let slow = 0;
    let fast = 0;
    for (let i = 0; i < n; i++) {
      const w = rnd() + rnd() + rnd() - 1.5;
      slow = 0.997 * slow + 0.05 * w;
      fast = 0.9 * fast + 0.3 * w;
      room[i] = 0.0005 * (slow + fast + 0.2 * w);
      far[i] = 0.0005 * (rnd() + rnd() + rnd() - 1.5);
    }
    for (let k = 0; k < 12; k++) {
      const at = Math.floor((k + 0.5) * 5 * rate);
      for (let i = 0; i < 800; i++) room[at + i]! += 0.05 * (rnd() * 2 - 1) * Math.exp(-i / 40);
    }
    const talk = async (config: Partial<TalkTimeConfig>) => {
      const e = new TalkTimeEngine({ config });
      await e.process(new FrameExtractor(rate).push(room), new FrameExtractor(rate).push(far));
      await e.finish();
      return { total: e.snapshot().selfTalkMs, longest: Math.max(...e.segments().self.map(([a, b]) => b - a)) };
    };
    // The shape rule and the edge judge off: they would drop the held noise too, and this is the
    // short-run rule's test.
    const held = await talk({ shortRunFrames: 0, edgeKeepProbability: 0, ...shapeOff() });
    const now = await talk({ edgeKeepProbability: 0, ...shapeOff() });
    expect(held.longest).toBeGreaterThan(1000);
    expect(now.longest).toBeLessThan(250);
    expect(now.total).toBeLessThan(held.total / 2);
  });

  it('holds a run with speech in it through soft stretches, and a short burst only briefly', async () => {
    // Loud frames, then 30 frames between the off- and on-thresholds.
    const run = async (loud: number) => {
      const frames = [
        ...framesFrom(rep('.', 100)),
        ...framesFrom(rep('#', loud), 100),
        ...Array.from({ length: 30 }, (_, i) => levelFrame(100 + loud + i, -87)),
        ...framesFrom(rep('.', 100), 130 + loud),
      ];
      const e = new TalkTimeEngine({ config: steady });
      await e.process(frames, framesFrom(rep('.', frames.length)));
      await e.finish();
      return e.snapshot().selfTalkMs;
    };
    expect(await run(20)).toBeGreaterThanOrEqual(ms(50));
    expect(await run(6)).toBeLessThanOrEqual(ms(6 + 3));
  });

  describe('on what the browser’s voice processing delivers', () => {
    let seed = 11;
    const jitter = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 6 - 3;
    /** Room noise at `db` (±3 dB per band and frame). */
    const noisy = (i: number, db: number) => {
      const f = levelFrame(i, db);
      for (let b = 0; b < f.bands!.length; b++) f.bands![b] = db + jitter();
      return f;
    };
    const selfOnly = async (frames: ReturnType<typeof levelFrame>[]) => {
      const e = new TalkTimeEngine();
      await e.process(frames, framesFrom(rep('.', frames.length)));
      await e.finish();
      return e.snapshot();
    };

    it('recovers within about a second from a gain jump in room noise (automatic gain control)', async () => {
      // 10 s of room noise, then the gain control lifts everything by 10 dB for 10 s.
      const frames = Array.from({ length: 860 }, (_, i) => noisy(i, i < 430 ? -70 : -60));
      const s = await selfOnly(frames);
      // The running minimum would take its whole 3 s window; the steady-noise check jumps the floor.
      expect(s.selfTalkMs).toBeLessThan(1500);
    });

    it('counts speech, not the noise around it, when the noise suppressor holds the pauses down', async () => {
      // Chromium's suppressor, as measured on the live benchmark's calls: the room's noise 17 dB
      // lower in the pauses (−74 → −91 dB), back at its own level for ≈ 100 ms either side of a
      // word. Ten 700 ms words at −40 dB in 20 s.
      const frames = Array.from({ length: 860 }, (_, i) => {
        const t = i % 86;
        if (t >= 30 && t < 60) return levelFrame(i, -40, 'speechy');
        if (t >= 26 && t < 64) return noisy(i, -74);
        return noisy(i, -91);
      });
      const s = await selfOnly(frames);
      const words = ms(10 * 30);
      expect(s.selfTalkMs).toBeGreaterThan(words * 0.9);
      // The 100 ms of noise let through either side of a word stands 17 dB above the held-down
      // pauses, so it counts with the word, and no more than that: not the 1.3 s pauses.
      expect(s.selfTalkMs).toBeLessThan(words + ms(10 * 12));
    });

    it('does not count the bursts a suppressor lets through when room noise swells', async () => {
      // Measured on the live benchmark's drifting-noise calls: the suppressor holds the room at
      // ≈ −64 dB, and as the noise swells it lets bursts of 0.1–0.3 s through, 10–15 dB up. They
      // have the noise's spectrum, no harmonics. One real word among them still counts.
      const x = new Float32Array(16000 * 20);
      addNoise(x, 0.0006, 5);
      const burst = new Float32Array(x.length);
      addNoise(burst, 0.006, 6);
      for (let s = 2; s < 18; s += 2.3) {
        const len = 0.1 + ((s * 7) % 3) / 10;
        for (let i = Math.floor(s * 16000); i < (s + len) * 16000; i++) x[i]! += burst[i]!;
      }
      addVoice(x, 16000, 12.3, 12.7, { gain: 0.05 });
      const e = new TalkTimeEngine();
      const frames = new FrameExtractor(16000).push(x);
      await e.process(frames, framesFrom(rep('.', frames.length)));
      await e.finish();
      const s = e.snapshot();
      expect(s.selfTalkMs).toBeGreaterThan(250);
      expect(s.selfTalkMs).toBeLessThan(600);
    });

    it('counts the noise let through around words as talk when a suppressor gates hard (a known limit)', async () => {
      // A gate 30 dB deep that stays open 300 ms either side of each word: the floor learnt in
      // the gated pauses is far below the room, and the noise in the open gate reads as talk.
      // Not what Chromium's suppressor does (the test above); pinned so a fix shows.
      const frames = Array.from({ length: 860 }, (_, i) => {
        const t = i % 86;
        if (t >= 30 && t < 60) return levelFrame(i, -40, 'speechy');
        if (t >= 17 && t < 73) return noisy(i, -65);
        return noisy(i, -95);
      });
      const s = await selfOnly(frames);
      expect(s.selfTalkMs).toBeGreaterThan(ms(10 * 30) * 1.5);
    });
  });

  it('does not treat faint sound over digital silence as talk', async () => {
    const frames = Array.from({ length: 100 }, (_, i) => levelFrame(i, i >= 20 && i < 60 ? -130 : -400));
    const e = new TalkTimeEngine({ config: steady });
    await e.process(frames, framesFrom(rep('.', 100)));
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBe(0);
  });
});

describe('a room whose noise swells (shapeReach)', () => {
  const RATE = 16000;
  /** 14 s of a quiet room's hiss that swells `upDb` over 1.5 s from `at` and stays up; nobody talks. */
  const swelling = (at: number, upDb = 14, seed = 4) => {
    const x = new Float32Array(RATE * 14);
    addNoise(x, 0.001, seed);
    for (let i = 0; i < x.length; i++) {
      const t = i / RATE;
      x[i]! *= Math.pow(10, (t < at ? 0 : Math.min(upDb, ((t - at) / 1.5) * upDb)) / 20);
    }
    return x;
  };
  const quiet = quietRoom;
  /** Noise through two resonances of a vocal tract (≈ 600 Hz and 1.8 kHz) at 4 syllables a second: a whisper. */
  const whisper = (x: Float32Array, from: number, to: number, gain: number) => {
    const rnd = lcg(11);
    const poles = [600, 1800].map((hz) => ({ a1: 2 * 0.97 * Math.cos((2 * Math.PI * hz) / RATE), a2: -0.97 * 0.97, y1: 0, y2: 0 }));
    for (let i = Math.floor(from * RATE); i < to * RATE; i++) {
      const n = rnd() - 0.5;
      let v = 0;
      for (const p of poles) {
        const y = n + p.a1 * p.y1 + p.a2 * p.y2;
        p.y2 = p.y1;
        p.y1 = y;
        v += y;
      }
      x[i]! += gain * v * (0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * (i / RATE - from)));
    }
  };
  const talk = (self: Float32Array, other: Float32Array, config: Partial<TalkTimeConfig> = {}) =>
    snapshotOf(self, other, { ...farEndOff(), ...config });

  it('does not count the swell on either side, with nobody talking', async () => {
    for (const [self, other] of [
      [swelling(5), quiet()],
      [quiet(), swelling(5)],
    ]) {
      // Without the rule the level stage takes the swell for talk (its floor lags behind it).
      const off = await talk(self!, other!, shapeOff());
      expect(off.selfTalkMs + off.otherTalkMs).toBeGreaterThan(700);
      // With it, only the swell's first ≈ 0.2 s, while it rises over the floor by less than
      // `shapeMinRiseDb` and its lowest bands' chance swings still look uneven.
      const on = await talk(self!, other!);
      expect(on.selfTalkMs + on.otherTalkMs).toBeLessThan(300);
    }
  });

  it('counts a voice in the swell, and a whisper (its spectrum is not the room’s)', async () => {
    const voiced = swelling(4);
    addVoice(voiced, RATE, 8, 9.4, { gain: 0.08, f0: 210, seed: 5 });
    addVoice(voiced, RATE, 9.6, 11, { gain: 0.08, f0: 210, seed: 6 });
    const v = await talk(quiet(), voiced);
    expect(v.otherTalkMs).toBeGreaterThan(2700);
    expect(v.otherTalkMs).toBeLessThan(3400);
    const whispered = quiet();
    whisper(whispered, 3, 5.5, 0.004);
    const w = await talk(quiet(), whispered);
    expect(w.otherTalkMs).toBeGreaterThan(2200);
    expect(w.otherTalkMs).toBeLessThan(2900);
  });

  it('counts words in loud steady noise, where the voice stands out in a few bands only', async () => {
    // Hiss 6 dB below the voice's peak: the floor sits on the hiss, the voice's bands barely over it.
    const loud = new Float32Array(RATE * 14);
    addNoise(loud, 0.03, 8);
    for (const [a, b] of [
      [3, 4.2],
      [4.5, 6],
      [8, 9.5],
    ] as const)
      addVoice(loud, RATE, a, b, { gain: 0.08, f0: 150, seed: a });
    const on = await talk(quiet(), loud);
    const off = await talk(quiet(), loud, shapeOff());
    expect(off.otherTalkMs).toBeGreaterThan(3500);
    expect(on.otherTalkMs).toBeGreaterThan(off.otherTalkMs - 100);
  });

  it('drops a sound with the room’s own spectrum, only louder (a known limit: a whisper as white as the room)', async () => {
    const x = quiet();
    const rnd = lcg(8);
    for (let i = 3 * RATE; i < 6 * RATE; i++) x[i]! += 0.01 * (rnd() - 0.5) * (0.55 + 0.45 * Math.sin((2 * Math.PI * 4 * i) / RATE));
    const off = await talk(quiet(), x, shapeOff());
    expect(off.otherTalkMs).toBeGreaterThan(2500);
    expect((await talk(quiet(), x)).otherTalkMs).toBeLessThan(off.otherTalkMs / 2);
  });
});

describe('the other party’s voice as a call receives it from their browser’s suppressor (farEndVoicedReach, otherReceived)', () => {
  // The reach as shipped, written out so that the expected figures follow from it.
  const ON = { farEndVoicedReach: 24 };
  /** An engine whose other channel is a call's received audio, as the live meter's is. */
  const received = (config: Partial<TalkTimeConfig>) => new TalkTimeEngine({ config, otherReceived: true });
  // Their words (voiced), then 100 frames of sound with no vowel in it — what their suppressor
  // lets through of their room as it swells — then quiet; the user quiet.
  const otherPat = rep('.', 50) + rep('#', 200) + rep('t', 100) + rep('.', 50);
  const selfPat = rep('.', otherPat.length);
  const REACH = ON.farEndVoicedReach;
  const talkOf = async (config: Partial<TalkTimeConfig>, level = LOUD, pattern = otherPat) => {
    const e = received({ ...steady, ...ON, ...config });
    await e.process(framesFrom(rep('.', pattern.length)), framesFrom(pattern, 0, level));
    await e.finish();
    return e.snapshot().otherTalkMs;
  };

  it('counts their sound only near a vowel of theirs while their talk stands clear of their floor', async () => {
    // The words, and the frames within reach of their last vowel.
    expect(await talkOf({})).toBeCloseTo(ms(200 + REACH), 6);
    expect(await talkOf({ farEndVoicedReach: 0 })).toBeCloseTo(ms(300), 6);
    // The user's channel is not judged by it.
    const e = received({ ...steady, ...ON });
    await e.process(framesFrom(otherPat), framesFrom(selfPat));
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBeCloseTo(ms(300), 6);
  });

  it('does not judge a recording made at their microphone: only a channel received from a call', async () => {
    // Nothing of a far end's suppressor is in such a recording (the offline benchmarks' calls);
    // the rule could only lose words there (BENCHMARKS, "The far end's rule").
    const e = new TalkTimeEngine({ config: { ...steady, ...ON } });
    await e.process(framesFrom(rep('.', otherPat.length)), framesFrom(otherPat, 0, LOUD));
    await e.finish();
    expect(e.snapshot().otherTalkMs).toBeCloseTo(ms(300), 6);
    expect(await talkOf({})).toBeCloseTo(ms(200 + REACH), 6);
  });

  it('stands aside where their talk does not stand clear of the floor: vowels hide in a loud room', async () => {
    // 10 dB over the floor (its rise), not farEndClearRiseDb: a room sent as it is, loud.
    expect(await talkOf({}, QUIET + 10)).toBeCloseTo(ms(300), 6);
    expect(await talkOf({ farEndClearRiseDb: 8 }, QUIET + 10)).toBeCloseTo(ms(200 + REACH), 6);
  });

  it('does not judge by vowels a party whose vowels are seldom seen (farEndMinVoicedShare)', async () => {
    // 498 frames of talk with one vowel in 83: the rule stands aside once ≈ 2 s of it was seen.
    const sparse = rep('.', 20) + rep('#' + rep('t', 82), 6) + rep('.', 20);
    const judged = await talkOf({}, LOUD, sparse);
    const strict = await talkOf({ farEndMinVoicedShare: 0 }, LOUD, sparse);
    expect(strict).toBeLessThan(judged - ms(50));
    // Judged until then (its first vowel among few samples keeps the share up a while): the
    // sound far from a vowel in the first two of six cycles is lost, no more.
    expect(judged).toBeGreaterThan(ms(498 - 2 * (83 - 1 - 2 * REACH)) - 1e-6);
  });

  it('goes on judging them however much unvoiced sound it lets through: their vowels are counted on their clear talk', async () => {
    // 8 cycles of 30 frames of their words (clear of the floor, voiced) and 90 of a suppressor's
    // leftovers 10 dB over the floor (not clear, unvoiced): a quarter of their "talk" is voiced,
    // all of their clear talk.
    const frames = Array.from({ length: 8 }, (_, c) => [
      ...framesFrom(rep('#', 30), c * 120),
      ...framesFrom(rep('t', 90), c * 120 + 30, QUIET + 10),
    ]).flat();
    const other = [...framesFrom(rep('.', 50)), ...frames.map((f) => ({ ...f, index: f.index + 50 })), ...framesFrom(rep('.', 50), 1010)];
    const talk = async (config: Partial<TalkTimeConfig>) => {
      const e = received({ ...steady, ...ON, ...config });
      await e.process(framesFrom(rep('.', other.length)), other);
      await e.finish();
      return e.snapshot().otherTalkMs;
    };
    expect(await talk({ farEndVoicedReach: 0 })).toBeCloseTo(ms(960), 6);
    // Once ≈ 2 s of their talk and 80 clear frames were seen, the leftovers more than 16 frames
    // from their words are dropped: 58 of 90 frames per cycle, 74 in the last.
    const judged = await talk({});
    expect(judged).toBeLessThan(ms(960 - 4 * 58 - 74));
    expect(judged).toBeGreaterThan(ms(960 - 7 * 58 - 74));
  });

  it('asks more of their sound’s shape while it judges them (farEndShapeMinDb)', async () => {
    // Their voice (bands 8 dB either side of its level: spread 8 dB) for 2.8 s, then 60 frames of
    // a suppressor's leftovers whose bands stand 5 dB apart (spread 5 dB), then quiet.
    const banded = (from: number, n: number, level: number, apart: number) =>
      Array.from({ length: n }, (_, i) => {
        const f = levelFrame(from + i, level, 'speechy');
        for (let b = 0; b < f.bands!.length; b++) f.bands![b] = level + (b % 2 === 0 ? apart : -apart);
        return f;
      });
    const other = [
      ...framesFrom(rep('.', 50)),
      ...banded(50, 120, -40, 8),
      ...framesFrom(rep('.', 100), 170),
      ...banded(270, 60, -70, 5),
      ...framesFrom(rep('.', 100), 330),
    ];
    // Both voiced (their dB rows are a voice's), so that the shape alone decides.
    const config = { ...steady, ...ON, shapeReach: 12 };
    const talk = async (extra: Partial<TalkTimeConfig>) => {
      const e = received({ ...config, ...extra });
      await e.process(framesFrom(rep('.', other.length)), other);
      await e.finish();
      return e.snapshot().otherTalkMs;
    };
    expect(await talk({})).toBeCloseTo(ms(120), 6);
    expect(await talk({ farEndShapeMinDb: 4 })).toBeCloseTo(ms(180), 6);
    expect(await talk({ farEndVoicedReach: 0 })).toBeCloseTo(ms(180), 6);
  });

  it('holds the frames it looks back at, in a call sent in pieces, whatever its reach', async () => {
    const long = rep(otherPat, 3);
    const e = received({ ...steady, farEndVoicedReach: 80 });
    for (let i = 0; i < long.length; i += 43)
      await e.process(framesFrom(rep('.', Math.min(43, long.length - i)), i), framesFrom(long.slice(i, i + 43), i));
    await e.finish();
    expect(e.snapshot().otherTalkMs).toBeCloseTo(ms(3 * 280), 6);
  });
});

describe('the stage probe (stageProbe)', () => {
  it("reports each party's decision on every frame once at every stage, in order, and changes nothing", async () => {
    const self = quietRoom();
    const other = quietRoom();
    addVoice(self, 16000, 1, 4.5, { seed: 1 });
    addVoice(other, 16000, 6, 9, { f0: 190, seed: 2 });
    addVoice(self, 16000, 10, 12, { seed: 3 });
    const seen = new Map<string, number[]>();
    const feed = async (e: TalkTimeEngine) => {
      const s = new FrameExtractor(16000).push(self);
      const o = new FrameExtractor(16000).push(other);
      // In the live meter's small batches, so that stages run ahead of one another.
      for (let i = 0; i < s.length; i += 7) await e.process(s.slice(i, i + 7), o.slice(i, i + 7));
      await e.finish();
      return e;
    };
    const probed = await feed(
      new TalkTimeEngine({
        stageProbe: (party, stage, frame, talk) => {
          const key = `${party} ${stage}`;
          const frames = seen.get(key) ?? [];
          seen.set(key, frames);
          expect(frame).toBe(frames.length);
          frames.push(talk ? 1 : 0);
        },
      }),
    );
    const plain = await feed(new TalkTimeEngine());
    expect(probed.snapshot()).toEqual(plain.snapshot());
    const n = new FrameExtractor(16000).push(self).length;
    for (const party of ['self', 'other'] as const)
      for (const stage of ['level', 'veto', 'bridged', 'rules', 'gate', 'judged']) expect(seen.get(`${party} ${stage}`)?.length).toBe(n);
    // The edge judge's decisions are the totals (nothing here for the gate's hindsight to take back).
    const talk = (key: string) => seen.get(key)!.reduce((a, b) => a + b, 0) * FRAME_MS;
    expect(talk('self judged')).toBeCloseTo(plain.snapshot().selfTalkMs, 6);
    expect(talk('other judged')).toBeCloseTo(plain.snapshot().otherTalkMs, 6);
    expect(talk('self judged')).toBeGreaterThan(4000);
    expect(talk('other judged')).toBeGreaterThan(2000);
    // Bridging fills the pauses inside words that the level stage left.
    expect(talk('self bridged')).toBeGreaterThanOrEqual(talk('self level') * 0.9);
  });
});

describe('segmenting', () => {
  it('bridges pauses up to ≈ 300 ms and splits longer ones', async () => {
    const e = await run(
      rep('.', 10) + rep('#', 40) + rep('.', 12) + rep('#', 40) + rep('.', 20) + rep('#', 40) + rep('.', 10),
      rep('.', 172),
    );
    expect(e.segments().self.length).toBe(2);
    expect(e.snapshot().selfTalkMs).toBeCloseTo(ms(40 + 12 + 40 + 40), 6);
  });

  it('trims the window and smoothing spread off both ends of every kept run, and only there', async () => {
    const trim = { ...steady, edgeTrimFrames: 2 };
    // Two runs bridged into one (12-frame pause), a separate run, and a 5-frame blip.
    const pat =
      rep('.', 10) + rep('#', 40) + rep('.', 12) + rep('#', 40) + rep('.', 20) + rep('#', 40) + rep('.', 20) + rep('#', 5) + rep('.', 20);
    const e = await run(pat, rep('.', pat.length), { config: trim });
    expect(e.snapshot().selfTalkMs).toBeCloseTo(ms(40 + 12 + 40 - 4 + (40 - 4) + (5 - 4)), 6);
    const at = (f: number) => Math.round((f + 0.5) * FRAME_MS * 10) / 10;
    expect(e.segments().self).toEqual([
      [at(12), at(100)],
      [at(124), at(160)],
      [at(184), at(185)],
    ]);
    // Frames held back as a possible tail are not counted until the run goes on or ends.
    const live = new TalkTimeEngine({ config: trim });
    await live.process(framesFrom(rep('.', 10) + rep('#', 30)), framesFrom(rep('.', 40)));
    const during = live.snapshot().selfTalkMs;
    expect(during).toBeLessThanOrEqual(ms(30 - 4));
    await live.process(framesFrom(rep('#', 10) + rep('.', 30)), framesFrom(rep('.', 40)));
    await live.finish();
    expect(live.snapshot().selfTalkMs).toBeCloseTo(ms(40 - 4), 6);
  });

  it('drops clicks shorter than the minimum run', async () => {
    const e = await run(rep('.', 30) + '##' + rep('.', 30) + '#' + rep('.', 30), rep('.', 93));
    expect(e.snapshot().selfTalkMs).toBe(0);
    expect(e.segments().self).toEqual([]);
  });

  it('gives sorted, non-overlapping segments', async () => {
    let pat = '';
    for (let i = 0; i < 30; i++) pat += rep('#', 5 + ((i * 7) % 23)) + rep('.', 3 + ((i * 11) % 29));
    const e = await run(pat, rep('.', pat.length));
    const segs = e.segments().self;
    for (let i = 0; i < segs.length; i++) {
      expect(segs[i]![0]).toBeLessThan(segs[i]![1]);
      if (i > 0) expect(segs[i]![0]).toBeGreaterThan(segs[i - 1]![1]);
    }
    const total = segs.reduce((a, [x, y]) => a + y - x, 0);
    expect(Math.abs(total - e.snapshot().selfTalkMs)).toBeLessThan(segs.length * 0.1 + 0.01);
  });
});

describe('two channels', () => {
  it('drops echo of the other party in the microphone', async () => {
    const n = 200;
    const other = framesFrom(rep('.', 20) + rep('#', 160) + rep('.', 20));
    // Self hears the other 12 dB down, two frames late.
    const self = other.map((f, i) => levelFrame(i, other[Math.max(0, i - 2)]!.bands![0]! === LOUD ? LOUD - 12 : -90, 'speechy'));
    const e = new TalkTimeEngine({ config: steady });
    await e.process(self, other);
    await e.finish();
    const s = e.snapshot();
    expect(s.otherTalkMs).toBeCloseTo(ms(160), 6);
    expect(s.selfTalkMs).toBe(0);
    expect(n).toBe(other.length);
  });

  it("keeps the user's speech over a loud sound from the other side that is not in the microphone", async () => {
    // The user talks for 100 frames; the other side sends ≈ 0.5 s of a loud noise-like sound
    // (flat spectrum, 25 dB above the user's speech) in the middle of it. The level rule alone
    // takes the user's frames during it for its echo; their spectrum does not match it.
    const self = framesFrom(rep('.', 50) + rep('#', 100) + rep('.', 50));
    const other = framesFrom(rep('.', 90) + rep('t', 20) + rep('.', 90), 0, LOUD + 25);
    const e = new TalkTimeEngine({ config: steady });
    await e.process(self, other);
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBeCloseTo(ms(100), 6);
    const levelOnly = new TalkTimeEngine({ config: { ...steady, echoMatch: -2 } });
    await levelOnly.process(self, other);
    await levelOnly.finish();
    expect(levelOnly.snapshot().selfTalkMs).toBeLessThan(ms(90));
  });

  it('drops an echo that room noise lifts to within the level margin, by its matching spectrum', async () => {
    // The other party's speech reaches the microphone 5 dB down (noise and echo together), two
    // frames late and with the same spectral shape: too loud for the 10 dB level rule.
    const other = framesFrom(rep('.', 20) + rep('#', 160) + rep('.', 20));
    const self = other.map((_, i) => levelFrame(i, other[Math.max(0, i - 2)]!.level! === LOUD + 10 ? LOUD - 5 : -90, 'speechy'));
    const e = new TalkTimeEngine({ config: steady });
    await e.process(self, other);
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBe(0);
    const noStrong = new TalkTimeEngine({ config: { ...steady, echoStrongMatch: 2 } });
    await noStrong.process(self, other);
    await noStrong.finish();
    expect(noStrong.snapshot().selfTalkMs).toBeGreaterThan(ms(150));
  });

  it("keeps the user's words while the other side sends only their room: it is no source of echo (the shape rule)", async () => {
    // The other side's room swells 10 dB over the user's words for 100 frames, with a spectrum
    // like the user's (the level rule and a weak match would take the words for its echo), but
    // all its bands rise together: the shape rule's room, not a voice.
    const self = framesFrom(rep('.', 50) + rep('#', 100) + rep('.', 50));
    const room = (i: number, uneven: boolean) => {
      const f = levelFrame(i, LOUD + 10, 'speechy');
      if (!uneven) f.bands!.fill(LOUD + 10);
      return f;
    };
    const otherOf = (uneven: boolean) => [
      ...framesFrom(rep('.', 50)),
      ...Array.from({ length: 100 }, (_, i) => room(50 + i, uneven)),
      ...framesFrom(rep('.', 50), 150),
    ];
    const talk = async (other: Frame[]) => {
      const e = new TalkTimeEngine({ config: { ...steady, shapeReach: 12 } });
      await e.process(self, other);
      await e.finish();
      return e.snapshot();
    };
    const flat = await talk(otherOf(false));
    expect(flat.selfTalkMs).toBeCloseTo(ms(100), 6);
    expect(flat.otherTalkMs).toBe(0);
    // The same sound with its bands standing apart as a voice's do is a source, and the words its echo.
    const voice = await talk(otherOf(true));
    expect(voice.selfTalkMs).toBeLessThan(ms(20));
    expect(voice.otherTalkMs).toBeCloseTo(ms(100), 6);
  });

  /**
   * The other party talks for 400 frames, 20 dB over LOUD; the microphone hears only the user's
   * room (QUIET) while they do (headphones), then the user talks over them for 100 frames at
   * `userLevel` in a voice of another pitch (harmonics every 11 bins), whose spectrum matches
   * theirs loosely.
   */
  function talkingOver(userLevel: number) {
    const other = framesFrom(rep('.', 20) + rep('#', 400) + rep('.', 20), 0, LOUD + 20);
    const voice = (i: number) => {
      const f = levelFrame(i, userLevel, 'speechy');
      for (let k = 0; k < f.db.length; k++) f.db[k] = userLevel + (k < 60 ? 10 : -10) + 8 * Math.cos((2 * Math.PI * k) / 11);
      return f;
    };
    const self = [...framesFrom(rep('.', 280)), ...Array.from({ length: 100 }, (_, i) => voice(280 + i)), ...framesFrom(rep('.', 60), 380)];
    /** The user's talk found with `config` (over `steady`), the microphone through an echo canceller or not. */
    const talk = async (config: Partial<TalkTimeConfig>, echoCancelled = false) => {
      const e = new TalkTimeEngine({ config: { ...steady, ...config } });
      e.setSelfProcessing({ echoCancelled, noiseSuppressed: false });
      await e.process(self, other);
      await e.finish();
      return e.snapshot().selfTalkMs;
    };
    return { self, other, talk };
  }

  it('keeps a quiet user talking over a loud other party whose voice does not come back in the microphone (echoCouplingMarginDb)', async () => {
    // The user 20 dB under the other party, 50 dB over their room.
    const { self, other, talk } = talkingOver(LOUD);
    const a = spectralShape(self[300]!.db);
    const b = spectralShape(other[300]!.db);
    const match = a.reduce((m, v, i) => m + v * b[i]!, 0);
    expect(match).toBeGreaterThan(DEFAULT_CONFIG.echoMatch);
    expect(match).toBeLessThan(DEFAULT_CONFIG.echoStrongMatch);
    expect(await talk({})).toBeCloseTo(ms(100), 6);
    // The coupling test keeps them alone (the audibility test off) …
    expect(await talk({ echoAudibleScore: 0 })).toBeCloseTo(ms(100), 6);
    // … and so does the audibility test alone: the microphone showed nothing while the other talked.
    expect(await talk({ echoCouplingMarginDb: 999 })).toBeCloseTo(ms(100), 6);
    // The level rule alone (20 dB under the other's level, a loose match) takes them for echo.
    expect(await talk({ echoCouplingMarginDb: 999, echoAudibleScore: 0 })).toBeLessThan(ms(20));
  });

  it('keeps a user talking over the other party too close to their room for the coupling test to tell them from an echo (echoAudibleScore)', async () => {
    // The user 10 dB over their room (a level-stage score of 8.5 dB), 70 dB under the other
    // party: the coupling median is the room's, and the coupling test keeps only frames 12 dB
    // over it. No echo ever shows in the microphone.
    const { talk } = talkingOver(QUIET + 10);
    expect(await talk({})).toBeCloseTo(ms(100), 6);
    // The coupling test alone takes the words for echo, and so does the rule through an echo
    // canceller, where the audibility test stands aside.
    expect(await talk({ echoAudibleScore: 0 })).toBeLessThan(ms(20));
    expect(await talk({}, true)).toBeLessThan(ms(20));
  });

  it('bridges a longer pause in a room loud against the voice (noisyBridgeFrames)', async () => {
    // Two words 15 frames apart: longer than bridgeFrames (13), within noisyBridgeFrames (17).
    const words = rep('.', 250) + rep('#', 40) + rep('.', 15) + rep('#', 40) + rep('.', 55);
    const talk = async (voice: number, config: Partial<TalkTimeConfig> = {}) => {
      const e = new TalkTimeEngine({ config: { ...steady, ...config } });
      await e.process(framesFrom(words, 0, voice), framesFrom(rep('.', words.length)));
      await e.finish();
      return e.snapshot().selfTalkMs;
    };
    // The voice 50 dB over the room: the pause is a pause.
    expect(await talk(LOUD)).toBeCloseTo(ms(80), 6);
    // 30 dB over it (under noisyBridgeHeadroomDb, 36): the pause is bridged …
    expect(await talk(QUIET + 30)).toBeCloseTo(ms(95), 6);
    // … unless the rule is off.
    expect(await talk(QUIET + 30, { noisyBridgeFrames: 0 })).toBeCloseTo(ms(80), 6);
  });

  it('keeps real double talk', async () => {
    const e = await run(rep('.', 100) + rep('#', 60) + rep('.', 40), rep('.', 20) + rep('#', 160) + rep('.', 20));
    const s = e.snapshot();
    expect(s.selfTalkMs).toBeCloseTo(ms(60), 6);
    expect(s.overlapMs).toBeCloseTo(ms(60), 6);
  });

  describe('while one party talks (crossTalkVoicedReach)', () => {
    const RATE = 16000;
    /** 14 s of quiet room on both sides; the user talks (voiced) from 2 s to 12 s. */
    const userTalks = () => {
      const self = new Float32Array(RATE * 14);
      addNoise(self, 0.0005, 3);
      addVoice(self, RATE, 2, 12, { gain: 0.08, f0: 120, seed: 2 });
      return self;
    };
    /** The other room's noise, swelling 14 dB over 1.5 s from `at` and staying up: nobody there speaks. */
    const swellingRoom = (at: number) => {
      const other = new Float32Array(RATE * 14);
      const hiss = new Float32Array(other.length);
      addNoise(hiss, 0.001, 4);
      for (let i = 0; i < other.length; i++) {
        const t = i / RATE;
        const db = t < at ? 0 : Math.min(14, ((t - at) / 1.5) * 14);
        other[i] = hiss[i]! * Math.pow(10, db / 20);
      }
      return other;
    };
    /** A whisper from 1 s to 13 s in a quiet room: syllable-rate bursts of noise, no harmonics. */
    const whispering = (roomSeed: number) => {
      const whisper = new Float32Array(RATE * 14);
      addNoise(whisper, 0.0005, roomSeed);
      const rnd = lcg(8);
      for (let i = RATE; i < RATE * 13; i++) whisper[i]! += 0.05 * (rnd() - 0.5) * (0.5 + 0.5 * Math.sin((2 * Math.PI * 4 * i) / RATE));
      return whisper;
    };
    const analyse = async (self: Float32Array, other: Float32Array, reach?: number) => {
      // The shape rule off: this synthetic voice never pauses, so over 10 s the floor learns its
      // troughs and its bands then rise and fall together, as the shape rule's room does.
      const e = new TalkTimeEngine({
        config: { ...shapeOff(), ...farEndOff(), ...(reach === undefined ? {} : { crossTalkVoicedReach: reach }) },
      });
      await e.process(new FrameExtractor(RATE).push(self), new FrameExtractor(RATE).push(other));
      await e.finish();
      return e.snapshot();
    };

    it("does not count the other room's swelling noise while the user talks, but does count their voiced backchannel", async () => {
      const other = swellingRoom(5);
      // Without the rule the level stage takes the swell for talk (its floor lags behind it).
      const without = await analyse(userTalks(), other, 0);
      expect(without.otherTalkMs).toBeGreaterThan(700);
      const s = await analyse(userTalks(), other);
      expect(s.otherTalkMs).toBeLessThan(200);
      expect(s.selfTalkMs).toBeGreaterThan(9500);
      // A voiced "mm-hmm" from the other side in the middle of the swell still counts.
      const withBackchannel = swellingRoom(5);
      addVoice(withBackchannel, RATE, 8, 8.5, { gain: 0.08, f0: 210, seed: 5 });
      const b = await analyse(userTalks(), withBackchannel);
      expect(b.otherTalkMs).toBeGreaterThan(350);
      expect(b.otherTalkMs).toBeLessThan(without.otherTalkMs + 500);
    });

    it('does not judge by vowels a party whose vowels are seldom seen (a whisper over the user’s talk)', async () => {
      // The other party whispers (syllable-rate bursts of noise, no harmonics) from 1 s to 13 s,
      // over the user's voiced talk from 2 s to 12 s: after ≈ 2 s of it the rule stops judging them.
      const whisper = whispering(4);
      const off = await analyse(userTalks(), whisper, 0);
      expect(off.otherTalkMs).toBeGreaterThan(10000);
      const s = await analyse(userTalks(), whisper);
      expect(s.otherTalkMs).toBeGreaterThan(off.otherTalkMs - 2500);
      const e = new TalkTimeEngine({ config: { crossTalkMinVoicedShare: 0 } });
      await e.process(new FrameExtractor(RATE).push(userTalks()), new FrameExtractor(RATE).push(whisper));
      await e.finish();
      expect(e.snapshot().otherTalkMs).toBeLessThan(3000);
    });

    it('keeps voiced double talk on both sides, and leaves a party alone when the other is silent', async () => {
      const other = swellingRoom(20);
      addVoice(other, RATE, 6, 8, { gain: 0.08, f0: 210, seed: 5 });
      const s = await analyse(userTalks(), other);
      expect(s.otherTalkMs).toBeGreaterThan(1800);
      expect(s.overlapMs).toBeGreaterThan(1700);
      // The same swell with nobody talking on the user's side: the rule does not apply.
      const quiet = new Float32Array(RATE * 14);
      addNoise(quiet, 0.0005, 3);
      const alone = await analyse(quiet, swellingRoom(5));
      const aloneWithout = await analyse(quiet, swellingRoom(5), 0);
      expect(alone.otherTalkMs).toBe(aloneWithout.otherTalkMs);
    });

    describe('whoever talks, when switched on: a party’s sound counts only near a vowel of theirs (talkVoicedReach)', () => {
      // Off as shipped (BENCHMARKS: it cost words in loud steady noise); the values it was tried at.
      const ON = { talkVoicedReach: 22, talkMinVoicedShare: 0.15 };
      const talkOf = (self: Float32Array, other: Float32Array, config: Partial<TalkTimeConfig>) =>
        snapshotOf(self, other, { ...shapeOff(), ...farEndOff(), ...config });

      it("does not count a room's swelling noise on either side, with nobody talking", async () => {
        for (const [self, other] of [
          [swellingRoom(5), quietRoom()],
          [quietRoom(), swellingRoom(5)],
        ]) {
          const off = await talkOf(self!, other!, {});
          expect(off.selfTalkMs + off.otherTalkMs).toBeGreaterThan(700);
          const on = await talkOf(self!, other!, ON);
          expect(on.selfTalkMs + on.otherTalkMs).toBeLessThan(200);
        }
      });

      it('keeps voiced words in the swell, with their ends, and drops the swell away from them', async () => {
        const other = swellingRoom(4);
        addVoice(other, RATE, 8, 10, { gain: 0.08, f0: 210, seed: 5 });
        const off = await talkOf(quietRoom(), other, {});
        const on = await talkOf(quietRoom(), other, ON);
        expect(on.otherTalkMs).toBeGreaterThan(1900);
        // At most the words and ≈ 0.5 s either side of them.
        expect(on.otherTalkMs).toBeLessThan(3200);
        expect(off.otherTalkMs).toBeGreaterThan(on.otherTalkMs + 700);
      });

      it('does not judge by vowels a party whose vowels are seldom seen (talkMinVoicedShare)', async () => {
        // A whisper (syllable-rate bursts of noise, no harmonics) from 1 s to 13 s, nobody else talking.
        const whisper = whispering(3);
        const off = await talkOf(quietRoom(), whisper, {});
        expect(off.otherTalkMs).toBeGreaterThan(10000);
        const on = await talkOf(quietRoom(), whisper, ON);
        // Judged until ≈ 2 s of their clear talk (vowelShareClearRiseDb) was seen: the whisper's
        // first 2.6 s here, as its floor learns its troughs from 4 s on.
        expect(on.otherTalkMs).toBeGreaterThan(off.otherTalkMs - 3000);
        const strict = await talkOf(quietRoom(), whisper, { ...ON, talkMinVoicedShare: 0 });
        expect(strict.otherTalkMs).toBeLessThan(2500);
      });
    });
  });

  it('asks more of the user’s sound’s shape while the microphone goes through a suppressor (processedShapeMinDb)', async () => {
    // 60 frames (longer than an unvoiced run may be) 20 dB over a quiet floor whose bands stand
    // 5 dB apart (spread 5 dB): as uneven as a suppressor's leftovers of a swelling room, which it
    // attenuates band by band.
    const leftovers = (from: number) =>
      Array.from({ length: 60 }, (_, i) => {
        const f = levelFrame(from + i, -70);
        for (let b = 0; b < f.bands!.length; b++) f.bands![b] = b % 2 === 0 ? -65 : -75;
        return f;
      });
    const self = [...framesFrom(rep('.', 100)), ...leftovers(100), ...framesFrom(rep('.', 100), 160)];
    const other = framesFrom(rep('.', 260));
    // The vowel rule off, so that the shape alone decides.
    const config = { ...steady, shapeReach: 12, processedVoicedReach: 0 };
    const talk = async (selfProcessing?: { echoCancelled: boolean; noiseSuppressed: boolean }) => {
      const e = new TalkTimeEngine({ config, selfProcessing });
      await e.process(self, other);
      await e.finish();
      return e.snapshot().selfTalkMs;
    };
    expect(await talk()).toBeCloseTo(ms(60), 6);
    expect(await talk({ echoCancelled: false, noiseSuppressed: true })).toBe(0);
  });

  describe('a microphone through the browser’s noise suppressor (processedVoicedReach)', () => {
    const suppressed = { echoCancelled: false, noiseSuppressed: true };
    // The user's words (voiced), then 100 frames of loud sound with no vowel in it — what a
    // suppressor lets through of a swelling room until its estimate catches up — then quiet.
    const selfPat = rep('.', 50) + rep('#', 100) + rep('t', 100) + rep('.', 50);
    const otherPat = rep('.', 300);

    it('counts the user’s sound only near a vowel of theirs, and only while the microphone goes through a suppressor', async () => {
      const raw = await run(selfPat, otherPat);
      expect(raw.snapshot().selfTalkMs).toBeCloseTo(ms(200), 6);
      const judged = await run(selfPat, otherPat, { config: steady, selfProcessing: suppressed });
      // The words, and the frames within reach of their last vowel.
      expect(DEFAULT_CONFIG.processedVoicedReach).toBe(24);
      expect(judged.snapshot().selfTalkMs).toBeCloseTo(ms(124), 6);
      // A canceller alone changes nothing here; nor does the rule switched off.
      const cancelled = await run(selfPat, otherPat, { config: steady, selfProcessing: { echoCancelled: true, noiseSuppressed: false } });
      expect(cancelled.snapshot().selfTalkMs).toBeCloseTo(ms(200), 6);
      const off = await run(selfPat, otherPat, { config: { ...steady, processedVoicedReach: 0 }, selfProcessing: suppressed });
      expect(off.snapshot().selfTalkMs).toBeCloseTo(ms(200), 6);
    });

    it('does not judge by vowels a user whose vowels are seldom seen (processedMinVoicedShare)', async () => {
      // 600 frames of talk with one vowel in 60: the rule stands aside once ≈ 2 s of it was seen.
      const sparse = rep('.', 20) + rep('#' + rep('t', 59), 10) + rep('.', 20);
      const config = { ...steady, processedMinVoicedShare: 0.3 };
      const judged = await run(sparse, rep('.', sparse.length), { config, selfProcessing: suppressed });
      const strict = await run(sparse, rep('.', sparse.length), {
        config: { ...config, processedMinVoicedShare: 0 },
        selfProcessing: suppressed,
      });
      expect(judged.snapshot().selfTalkMs).toBeGreaterThan(strict.snapshot().selfTalkMs + ms(50));
      expect(strict.snapshot().selfTalkMs).toBeLessThanOrEqual(ms(10 * 49));
    });

    it('is not talked out of judging by the leftovers it judges: their voiced share is of their clear frames (vowelShareClearRiseDb)', async () => {
      // Sixteen seconds of a suppressor's leftovers (6 dB over the floor, no vowel) with a word
      // every 70 frames: on all talk frames the voiced share would fall under
      // processedMinVoicedShare within ≈ 2 s, and the rule would stand aside for the leftovers.
      const leftover = (i: number) => levelFrame(i, QUIET + 6);
      const group = (from: number) => [...framesFrom('###', from), ...Array.from({ length: 67 }, (_, i) => leftover(from + 3 + i))];
      const self = [
        ...framesFrom(rep('.', 20)),
        ...Array.from({ length: 10 }, (_, g) => group(20 + g * 70)).flat(),
        ...framesFrom(rep('.', 20), 720),
      ];
      const other = framesFrom(rep('.', self.length));
      const talk = async (config: Partial<TalkTimeConfig>) => {
        const e = new TalkTimeEngine({ config: { ...steady, ...config }, selfProcessing: suppressed });
        await e.process(self, other);
        await e.finish();
        return e.snapshot().selfTalkMs;
      };
      const judged = await talk({});
      // Each word and the leftovers within reach of it (24 frames either side): 510 of 700 frames.
      expect(judged).toBeLessThanOrEqual(ms(10 * (3 + 48)) + 1e-6);
      expect(judged).toBeGreaterThanOrEqual(ms(10 * 3));
      // Measured on every talk frame, the share stood aside for them.
      expect(await talk({ vowelShareClearRiseDb: -Infinity })).toBeGreaterThan(judged + ms(60));
    });

    it('asks more of a frame over the floor behind a suppressor, whose leftovers of a room swing from frame to frame (processedSnrBiasDb)', async () => {
      // Twenty seconds of a room as a suppressor leaves it: each frame's level somewhere in the
      // 6 dB over its quietest (a burst let through, then held down), no vowel and no talk.
      const rnd = lcg(7);
      const swing = Array.from({ length: 860 }, (_, i) => levelFrame(i, QUIET + 6 * rnd()));
      const quiet = framesFrom(rep('.', swing.length));
      const talk = async (selfProcessing?: SelfProcessing, config: Partial<TalkTimeConfig> = {}) => {
        // The level stage alone: the near-vowel rule would judge these frames too.
        const e = new TalkTimeEngine({ config: { ...steady, noiseSubBlocks: 16, processedVoicedReach: 0, ...config }, selfProcessing });
        await e.process(swing, quiet);
        await e.finish();
        return e.snapshot().selfTalkMs;
      };
      const raw = await talk();
      const suppressed = await talk({ echoCancelled: false, noiseSuppressed: true });
      // A raw microphone's bias lets the swings' tops through as talk; a suppressed one's keeps
      // the room a room; with the raw bias the suppressed microphone does as the raw one.
      expect(raw).toBeGreaterThan(ms(400));
      expect(suppressed).toBe(0);
      expect(await talk({ echoCancelled: false, noiseSuppressed: true }, { processedSnrBiasDb: DEFAULT_CONFIG.snrBiasDb })).toBeCloseTo(
        raw,
        6,
      );
    });

    it('can be switched on late in a long call (the frames it looks back at are still held)', async () => {
      // Judged as raw audio in one-second pieces, as the live path sends them, then the tap reports
      // a suppressor: after every number of pieces up to ≈ 30 s, so the switch also comes right
      // after the engine has let go of old frames.
      const long = rep(selfPat, 5);
      for (let pieces = 12; pieces * 43 <= long.length; pieces++) {
        const e = new TalkTimeEngine({ config: steady });
        const n = pieces * 43;
        for (let i = 0; i < n; i += 43) await e.process(framesFrom(long.slice(i, i + 43), i), framesFrom(rep('.', 43), i));
        e.setSelfProcessing(suppressed);
        await e.process(framesFrom(long.slice(n), n), framesFrom(rep('.', long.length - n), n));
        await e.finish();
        expect(e.snapshot().selfTalkMs).toBeGreaterThanOrEqual(ms(5 * 116) - 1e-6);
        expect(e.snapshot().selfTalkMs).toBeLessThanOrEqual(ms(5 * 200) + 1e-6);
      }
    });

    it('follows the microphone’s settings as they change during the call', async () => {
      const pat = selfPat + selfPat;
      const e = new TalkTimeEngine({ config: steady, selfProcessing: suppressed });
      await e.process(framesFrom(pat.slice(0, 300)), framesFrom(rep('.', 300)));
      e.setSelfProcessing({ echoCancelled: false, noiseSuppressed: false });
      await e.process(framesFrom(pat.slice(300), 300), framesFrom(rep('.', 300), 300));
      await e.finish();
      // Judged up to the switch (less what was not yet settled then), as raw audio after it.
      expect(e.snapshot().selfTalkMs).toBeGreaterThan(ms(116 + 200 - 20));
      expect(e.snapshot().selfTalkMs).toBeLessThanOrEqual(ms(200 + 200));
    });
  });

  it('never counts muted self time', async () => {
    const e = new TalkTimeEngine({ config: steady });
    await e.process(framesFrom(rep('#', 100)), framesFrom(rep('.', 100)));
    e.setSelfMuted(true);
    await e.process(framesFrom(rep('#', 100), 100), framesFrom(rep('.', 100), 100));
    e.setSelfMuted(false);
    await e.process(framesFrom(rep('#', 50), 200), framesFrom(rep('.', 50), 200));
    await e.finish();
    expect(e.snapshot().selfTalkMs).toBeCloseTo(ms(150), 6);
    expect(e.segments().self.length).toBe(2);
  });

  it('copes with channels arriving in different chunks', async () => {
    const selfPat = rep('.', 30) + rep('#', 80) + rep('.', 50) + rep('#', 40);
    const otherPat = rep('#', 60) + rep('.', 80) + rep('#', 60);
    const whole = await run(selfPat, otherPat);
    const e = new TalkTimeEngine({ config: steady });
    const sf = framesFrom(selfPat);
    const of = framesFrom(otherPat);
    await e.process(sf.slice(0, 7), of.slice(0, 50));
    await e.process(sf.slice(7, 120), []);
    void e.process(sf.slice(120), of.slice(50, 199)); // not awaited: order is kept
    await e.process([], of.slice(199));
    await e.finish();
    expect(e.snapshot()).toEqual(whole.snapshot());
    expect(e.segments()).toEqual(whole.segments());
  });

  it('decides the same on packed blocks as on frame objects, mixed in any chunking', async () => {
    const talk = (seconds: number, seed: number) => {
      const x = new Float32Array(16000 * seconds);
      addNoise(x, 0.002, seed);
      for (let s = 0.5 + seed; s + 1.5 < seconds; s += 3.5) addVoice(x, 16000, s, s + 1.5, { f0: 120 + 10 * seed, seed });
      return x;
    };
    const self = talk(12, 1);
    const other = talk(10, 2);
    const frames = (x: Float32Array) => new FrameExtractor(16000).push(x);
    const whole = new TalkTimeEngine();
    await whole.process(frames(self), frames(other));
    await whole.finish();
    expect(whole.snapshot().selfTalkMs).toBeGreaterThan(2000);
    expect(whole.snapshot().otherTalkMs).toBeGreaterThan(2000);
    const e = new TalkTimeEngine();
    const xs = new FrameExtractor(16000);
    const xo = new FrameExtractor(16000);
    for (let t = 0; t < 12; t += 3) {
      const s = frameBlock(4);
      xs.pushInto(self.subarray(t * 16000, (t + 3) * 16000), s);
      // The other channel as objects in one call, as a block in the next.
      const part = other.subarray(t * 16000, (t + 3) * 16000);
      if (t % 2) await e.process(s, xo.push(part));
      else {
        const o = frameBlock(1);
        xo.pushInto(part, o);
        await e.process(s, o);
      }
    }
    await e.finish();
    expect(e.snapshot()).toEqual(whole.snapshot());
    expect(e.segments()).toEqual(whole.segments());
  });
});

describe('metrics on hand-built timelines', () => {
  // self:  talks 0–99, again 150–249 (interrupting other), other: 110–199.
  const selfPat = rep('#', 100) + rep('.', 50) + rep('#', 100) + rep('.', 50);
  const otherPat = rep('.', 110) + rep('#', 90) + rep('.', 100);

  it('counts totals, overlap, silence and share', async () => {
    const s = (await run(selfPat, otherPat)).snapshot();
    expect(s.selfTalkMs).toBeCloseTo(ms(200), 6);
    expect(s.otherTalkMs).toBeCloseTo(ms(90), 6);
    expect(s.overlapMs).toBeCloseTo(ms(50), 6);
    expect(s.silenceMs).toBeCloseTo(ms(10 + 50), 6);
    expect(s.selfShare).toBeCloseTo(200 / 290, 9);
  });

  it('finds turns, gaps, monologues and interruptions', async () => {
    const s = (await run(selfPat, otherPat)).snapshot();
    expect(s.metrics.longestMonologueMs.self).toBeCloseTo(ms(100), 6);
    expect(s.metrics.longestMonologueMs.other).toBeCloseTo(ms(90), 6);
    // Solo runs: self, other (110–149), self (200–249): two switches.
    expect(s.metrics.turnSwitchesPerMin).toBeCloseTo(2 / (ms(300) / 60000), 6);
    // Other answered after a 10-frame pause; self "answered" by talking over other: gap 0.
    expect(s.metrics.meanResponseGapMs.other).toBeCloseTo(ms(10), 6);
    expect(s.metrics.meanResponseGapMs.self).toBe(0);
    // Self started at 150 while other had talked 40 frames and went on ≥ 1 s: one interruption.
    expect(s.metrics.interruptions).toEqual({ self: 1, other: 0 });
  });

  it('does not call a short backchannel an interruption', async () => {
    const s = (await run(rep('.', 60) + rep('#', 10) + rep('.', 130), rep('#', 150) + rep('.', 50))).snapshot();
    expect(s.metrics.interruptions).toEqual({ self: 0, other: 0 });
    expect(s.metrics.meanResponseGapMs).toEqual({ self: null, other: null });
  });

  it('builds a per-minute timeline', async () => {
    const perMin = Math.ceil(60000 / FRAME_MS);
    const e = await run(rep('#', perMin + 100) + rep('.', 200), rep('.', perMin + 300));
    const t = e.snapshot().metrics.timeline;
    expect(t.map((r) => r.minute)).toEqual([0, 1]);
    expect(t[0]!.selfMs + t[1]!.selfMs).toBeCloseTo(e.snapshot().selfTalkMs, 6);
    expect(t[0]!.selfMs).toBeGreaterThan(59000);
    expect(t[1]!.otherMs).toBe(0);
  });

  it('reports recent talk and the current speaker', async () => {
    const e = new TalkTimeEngine({ config: steady });
    await e.process(framesFrom(rep('#', 300) + rep('.', 400)), framesFrom(rep('.', 300) + rep('#', 400)));
    // The newest frames are not settled yet; the latest settled one is the other talking.
    expect(e.currentSpeaker()).toBe('other');
    const r = e.recent(ms(200));
    expect(r.selfMs).toBe(0);
    expect(r.selfShare).toBe(0);
    const all = e.recent(1e9);
    expect(all.selfMs).toBeCloseTo(ms(300), 6);
    expect(e.settledFrames).toBeGreaterThan(600);
    await e.finish();
    expect(e.currentSpeaker()).toBe('other');
    expect(new TalkTimeEngine().currentSpeaker()).toBe('none');
  });

  it('is empty before any audio', () => {
    const s = new TalkTimeEngine().snapshot();
    expect(s.selfShare).toBeNull();
    expect(s.durationMs).toBe(0);
  });
});

describe('model veto', () => {
  /** The model decides alone (no keeping of sound far above the floor): the veto's own mechanics. */
  const modelAlone = { ...steady, vetoKeepScore: 0 };
  /** Says "speech" when low bins dominate high bins in the (normalised) window. */
  const fake: SpeechDetector & { calls: number; windows: number } = {
    calls: 0,
    windows: 0,
    async speechProbabilities(x, count) {
      this.calls++;
      this.windows += count;
      const p = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        let low = 0;
        let high = 0;
        for (let f = 0; f < 43; f++)
          for (let k = 0; k < NUM_BINS; k++) {
            const v = x[i * WINDOW_SIZE + f * NUM_BINS + k]!;
            if (k < 60) low += v;
            else high += v;
          }
        p[i] = low / 60 - high / 172 > 0.5 ? 0.9 : 0.05;
      }
      return p;
    },
  };

  it('vetoes loud non-speech and keeps speech, running only on candidate blocks', async () => {
    const e = await run(rep('.', 100) + rep('t', 100) + rep('.', 100) + rep('#', 100) + rep('.', 100), rep('.', 500), {
      config: modelAlone,
      detector: fake,
    });
    const s = e.snapshot();
    expect(s.selfTalkMs).toBeGreaterThan(ms(95));
    expect(s.selfTalkMs).toBeLessThan(ms(105));
    // 500 frames = 24 blocks per channel, only ≈ 12 hold candidates.
    expect(fake.windows).toBeLessThan(16);
    expect(e.hasModel).toBe(true);
  });

  it('decides a call fed in the worklet’s batches as it decides it fed whole (runs, rechecks and the judge’s look at the model)', async () => {
    // Runs of speech and typing without a gap between them, so that the veto clears blocks inside
    // a run, and a quiet gap after every four.
    const rnd = lcg(11);
    let self = rep('.', 40);
    for (let k = 0; k < 40; k++) {
      const n = 15 + Math.floor(rnd() * 50);
      self += rep(k % 5 === 4 ? '.' : rnd() < 0.5 ? '#' : 't', n);
    }
    self += rep('.', 60);
    const other = rep('.', self.length);
    // P: the square of the share of the window's frames that are speech-like, so that a window
    // across speech and typing gets one between the follow veto's threshold and the veto's.
    const graded: SpeechDetector = {
      async speechProbabilities(x, count) {
        return Float32Array.from({ length: count }, (_, i) => {
          let speechy = 0;
          for (let f = 0; f < WINDOW_FRAMES; f++) {
            let low = 0;
            let high = 0;
            for (let k = 0; k < NUM_BINS; k++) {
              const v = x[i * WINDOW_SIZE + f * NUM_BINS + k]!;
              if (k < 60) low += v;
              else high += v;
            }
            if (low / 60 - high / 172 > 0.1) speechy++;
          }
          return (speechy / WINDOW_FRAMES) ** 2;
        });
      },
    };
    const config = { ...modelAlone, edgeKeepProbability: DEFAULT_CONFIG.edgeKeepProbability };
    // And what the edge judge saw of each frame, the model’s P of the blocks around it included.
    const feed = async (batch: number) => {
      const seen: string[] = [];
      const e = new TalkTimeEngine({ config, detector: graded, edgeProbe: (party, f, x) => seen.push(`${party} ${f} ${x.join(' ')}`) });
      const [s, o] = [framesFrom(self), framesFrom(other)];
      for (let k = 0; k < s.length; k += batch) await e.process(s.slice(k, k + batch), o.slice(k, k + batch));
      await e.finish();
      return { segments: e.segments(), seen };
    };
    const whole = await feed(self.length);
    expect(whole.segments.self.length).toBeGreaterThan(5);
    for (const batch of [43, 21, 5]) {
      const batched = await feed(batch);
      expect(batched.segments).toEqual(whole.segments);
      expect(batched.seen).toEqual(whole.seen);
    }
  });

  it('hands the edge judge the model’s P of each talk frame’s block and of the blocks either side (1 without a model)', async () => {
    // Speech on the user's side (P 0.9), a flat sound the model doubts (P 0.05) on the other's,
    // which a veto threshold under it lets through to the judge.
    const seen: Record<Party, Map<number, number[]>> = { self: new Map(), other: new Map() };
    const edgeProbe = (party: Party, frame: number, x: Float64Array) => seen[party].set(frame, [x[16]!, x[17]!, x[18]!]);
    const self = rep('.', 100) + rep('#', 200) + rep('.', 400);
    const other = rep('.', 400) + rep('t', 200) + rep('.', 100);
    await run(self, other, { config: { ...modelAlone, vetoThreshold: 0.01, vetoFollowThreshold: 0.001 }, detector: fake, edgeProbe });
    const mid = (party: Party) => {
      const from = party === 'self' ? 150 : 450;
      return [...seen[party]].filter(([f]) => f >= from && f < from + 100).map(([, x]) => x);
    };
    expect(mid('self')).toHaveLength(100);
    for (const x of mid('self')) expect(x).toEqual(new Array(3).fill(Math.log10(Math.fround(0.9))));
    expect(mid('other')).toHaveLength(100);
    for (const x of mid('other')) expect(x).toEqual(new Array(3).fill(Math.log10(Math.fround(0.05))));
    const alone = { self: new Map(), other: new Map() } as typeof seen;
    await run(self, other, {
      config: modelAlone,
      edgeProbe: (party, frame, x) => alone[party].set(frame, [x[16]!, x[17]!, x[18]!]),
    });
    expect(alone.self.size).toBeGreaterThan(150);
    for (const x of alone.self.values()) expect(x).toEqual([0, 0, 0]);
  });

  it('holds a bounded number of frames however long the call runs', async () => {
    const speech: SpeechDetector = { speechProbabilities: async (_x, count) => new Float32Array(count).fill(0.9) };
    const e = new TalkTimeEngine({ config: steady, detector: speech });
    // 12 minutes in 1 s chunks (43 frames): 8 s of self, a pause, 8 s of the other party, a pause.
    const selfTurns = rep('#', 8 * 43) + rep('.', 10 * 43);
    const otherTurns = rep('.', 9 * 43) + rep('#', 8 * 43) + rep('.', 43);
    const most = [0, 0];
    for (let sec = 0; sec < 12 * 60; sec++) {
      const at = (sec * 43) % selfTurns.length;
      await e.process(framesFrom(selfTurns.slice(at, at + 43), sec * 43), framesFrom(otherTurns.slice(at, at + 43), sec * 43));
      if (sec >= 60) most[sec < 6 * 60 ? 0 : 1] = Math.max(most[sec < 6 * 60 ? 0 : 1]!, e.retainedFrames);
    }
    await e.finish();
    // Windows drop what is consumed in batches of ≈ 512 frames, so the count saws up and down
    // but is as high in minutes 7–12 as in minutes 2–6, no higher, and far below the 31,000
    // frames of the call: at most fifteen of a channel's windows (dB rows, spreads, rises,
    // candidates, decisions, voicing; the edge judge's scores, spreads, rises, levels, voicings,
    // steadiness, decisions, voice and room levels) each a batch and a few chunks long.
    expect(most[1]).toBeLessThanOrEqual(most[0]! * 1.1);
    expect(most[1]).toBeLessThan(2 * 15 * (512 + 3 * 43));
    expect(e.snapshot().selfTalkMs).toBeGreaterThan(ms(40 * 8 * 43) * 0.95);
    expect(e.snapshot().otherTalkMs).toBeGreaterThan(ms(40 * 8 * 43) * 0.95);
  }, 30_000);

  it('shows the model every block of a long speech run (with the follow veto or without) and vetoes long non-speech runs whole', async () => {
    fake.windows = 0;
    const speech = await run(rep('.', 50) + rep('#', 630) + rep('.', 50), rep('.', 730), { config: modelAlone, detector: fake });
    expect(speech.snapshot().selfTalkMs).toBeCloseTo(ms(630), 6);
    // 30 blocks of speech: each one seen, the blocks between rechecks for the follow veto.
    expect(fake.windows).toBeGreaterThanOrEqual(30);
    expect(fake.windows).toBeLessThanOrEqual(32);
    expect(speech.modelWindowsUsed).toBe(fake.windows);
    fake.windows = 0;
    const following = await run(rep('.', 50) + rep('#', 630) + rep('.', 50), rep('.', 730), {
      config: { ...modelAlone, vetoFollowThreshold: 0 },
      detector: fake,
    });
    expect(following.snapshot().selfTalkMs).toBeCloseTo(ms(630), 6);
    // Without it, too: the edge judge reads every block's P.
    expect(fake.windows).toBeGreaterThanOrEqual(30);
    expect(fake.windows).toBeLessThanOrEqual(32);
    const typing = await run(rep('.', 50) + rep('t', 630) + rep('.', 50), rep('.', 730), { config: modelAlone, detector: fake });
    expect(typing.snapshot().selfTalkMs).toBe(0);
  });

  it('keeps a word’s tail or onset that a block boundary left in a block of pause the model vetoed, up to vetoEdgeRunFrames, and nothing apart from the word', async () => {
    // A model that judges a window by most of it: speech where most of its frames are loud. A
    // window centred on a block of pause holds a word's edge in a minority of its frames.
    const majority: SpeechDetector = {
      async speechProbabilities(x, count) {
        const p = new Float32Array(count);
        for (let i = 0; i < count; i++) {
          let loud = 0;
          for (let f = 0; f < WINDOW_FRAMES; f++) {
            let sum = 0;
            for (let k = 0; k < NUM_BINS; k++) sum += x[i * WINDOW_SIZE + f * NUM_BINS + k]!;
            if (sum > 0) loud++;
          }
          p[i] = loud > WINDOW_FRAMES / 2 ? 0.9 : 0.001;
        }
        return p;
      },
    };
    const B = DEFAULT_CONFIG.vetoBlockFrames;
    // Word one runs 5 frames into block 8, a block of pause; a blip of 3 frames stands apart from
    // it in the same block (a click: bridged to the tail were it kept); word two starts 7 frames
    // before block 9 ends, block 9 being pause before it.
    const self =
      rep('.', 4 * B) + rep('#', 4 * B + 5) + rep('.', 4) + rep('#', 3) + rep('.', B - 12 + 14) + rep('#', 5 * B - 14) + rep('.', 3 * B);
    const words = 4 * B + 5 + 5 * B - 14;
    const talk = async (vetoEdgeRunFrames: number) =>
      (await run(self, rep('.', self.length), { config: { ...modelAlone, vetoEdgeRunFrames }, detector: majority })).snapshot().selfTalkMs;
    // Without it the veto takes the tail and the onset with the pause around them.
    expect(await talk(0)).toBeCloseTo(ms(words - 5 - 7), 6);
    // With it both edges count (the default reaches past either), and the blip does not.
    expect(DEFAULT_CONFIG.vetoEdgeRunFrames).toBeGreaterThanOrEqual(7);
    expect(await talk(DEFAULT_CONFIG.vetoEdgeRunFrames)).toBeCloseTo(ms(words), 6);
    // Only `vetoEdgeRunFrames` from the kept block: 3 of the tail's 5 frames, 3 of the onset's 7.
    expect(await talk(3)).toBeCloseTo(ms(words - 2 - 4), 6);
  });

  it('vetoes the blocks between rechecks where the model is all but sure there is no speech, but not through a noise suppressor', async () => {
    // The model hears speech in the run's first window and, all but sure, none after it (a word, then music).
    const wordThenMusic = (): SpeechDetector => {
      let seen = 0;
      return { speechProbabilities: async (_x, count) => Float32Array.from({ length: count }, () => (seen++ === 0 ? 0.9 : 0.001)) };
    };
    const config = { ...modelAlone, processedVetoKeepScore: 0 };
    const pattern = rep('.', 50) + rep('#', 200) + rep('.', 50);
    const raw = await run(pattern, rep('.', 300), { config, detector: wordThenMusic() });
    const suppressed = await run(pattern, rep('.', 300), {
      config,
      detector: wordThenMusic(),
      selfProcessing: { echoCancelled: true, noiseSuppressed: true },
    });
    const B = DEFAULT_CONFIG.vetoBlockFrames;
    // Raw: what is left is the first block's part of the run and the edge of it that goes on into
    // the next (vetoEdgeRunFrames); the rest of the two blocks that followed its verdict is gone.
    const edge = DEFAULT_CONFIG.vetoEdgeRunFrames;
    expect(raw.snapshot().selfTalkMs).toBeLessThanOrEqual(ms(B + edge));
    // Through a suppressor they follow it (processedVetoFollowThreshold 0): two blocks more.
    expect(DEFAULT_CONFIG.processedVetoFollowThreshold).toBe(0);
    expect(suppressed.snapshot().selfTalkMs).toBeGreaterThanOrEqual(raw.snapshot().selfTalkMs + ms(2 * B - 2 - edge));
  });

  it('keeps a voiced sound far above the room’s noise whatever the model says; a loud unvoiced one and a faint one are the model’s to judge', async () => {
    // A voice the model has never heard: it calls every window non-speech.
    const deaf: SpeechDetector = { speechProbabilities: async (_x, count) => new Float32Array(count).fill(0.001) };
    const voice = rep('.', 100) + rep('#', 200) + rep('.', 100);
    const noise = rep('.', 100) + rep('t', 200) + rep('.', 100);
    // 50 dB above the floor (the score clamps at 25 dB) with harmonics: kept.
    const clear = await run(voice, rep('.', 400), { config: steady, detector: deaf });
    expect(clear.snapshot().selfTalkMs).toBeGreaterThan(ms(195));
    // As loud but without harmonics (typing, a knock, a noise suppressor's leak): the model's verdict stands.
    const loudFlat = await run(noise, rep('.', 400), { config: steady, detector: deaf });
    expect(loudFlat.snapshot().selfTalkMs).toBe(0);
    // Voiced but 8 dB above the floor (mean score below vetoKeepScore): the model's verdict stands.
    const faint = new TalkTimeEngine({ config: steady, detector: deaf });
    await faint.process(framesFrom(voice, 0, QUIET + 8), framesFrom(rep('.', 400)));
    await faint.finish();
    expect(faint.snapshot().selfTalkMs).toBe(0);
    // The same sound from a microphone through a noise suppressor is kept a little louder: the
    // model never heard what a suppressor leaves of a voice (processedVetoKeepScore), and this
    // stands 10 dB over the floor, its score that less the suppressor's bias (processedSnrBiasDb).
    expect(DEFAULT_CONFIG.processedVetoKeepScore + DEFAULT_CONFIG.processedSnrBiasDb).toBeLessThanOrEqual(10);
    const suppressed = new TalkTimeEngine({
      config: steady,
      detector: deaf,
      selfProcessing: { echoCancelled: true, noiseSuppressed: true },
    });
    await suppressed.process(framesFrom(voice, 0, QUIET + 10), framesFrom(rep('.', 400)));
    await suppressed.finish();
    expect(suppressed.snapshot().selfTalkMs).toBeGreaterThan(ms(150));
    // Both would have counted without the model: it is the veto that removed them.
    for (const [pattern, loud] of [
      [noise, LOUD],
      [voice, QUIET + 8],
    ] as const) {
      const levelOnly = new TalkTimeEngine({ config: steady });
      await levelOnly.process(framesFrom(pattern, 0, loud), framesFrom(rep('.', 400)));
      await levelOnly.finish();
      expect(levelOnly.snapshot().selfTalkMs).toBeGreaterThan(ms(150));
    }
  });
});

describe('people talking at a distance behind a party (talkerGateDb)', () => {
  const RATE = 16000;
  const SECONDS = 40;
  /** The party's own voice: four 4-s turns (16 s), as loud as a voice at a microphone. */
  const nearTurns: [number, number][] = [
    [2, 6],
    [11, 15],
    [21, 25],
    [31, 35],
  ];
  /** A café: six distant talkers, each talking on and off with pauses, together `underDb` (17) under the voice, and the room's hiss. */
  const cafe = (underDb = 17) => {
    const seconds = SECONDS;
    const x = new Float32Array(RATE * seconds);
    addNoise(x, 0.0005, 3);
    for (let k = 0; k < 6; k++) {
      const rnd = lcg(100 + k);
      let t = rnd() * 0.5;
      while (t < seconds) {
        const len = 0.8 + rnd() * 2;
        addVoice(x, RATE, t, Math.min(seconds, t + len), {
          f0: 95 + k * 23,
          gain: (0.1 * Math.pow(10, -underDb / 20)) / Math.sqrt(6),
          seed: 7 + k,
        });
        t += len + 0.1 + rnd() * 0.6;
      }
    }
    return x;
  };
  /** The party's turns in a quiet room, through the same engine: what of them it counts with nobody behind them (ms). */
  const turnsAloneMs = async () => {
    const alone = new Float32Array(RATE * SECONDS);
    addNoise(alone, 0.0005, 3);
    for (const [a, b] of nearTurns) addVoice(alone, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    return (await snapshotOf(alone, quietOther(), farEndOff())).selfTalkMs;
  };
  /** The party's channel against a quiet other one, through an engine with `config` (the far end's rule off), finished. */
  const decided = (self: Float32Array, config: Partial<TalkTimeConfig>) => engineOf(self, quietOther(), { ...farEndOff(), ...config });
  const quietOther = (seconds = SECONDS) => {
    const x = new Float32Array(RATE * seconds);
    addNoise(x, 0.0005, 5);
    return x;
  };

  it("counts the party's own turns, not the talk behind them", async () => {
    const self = cafe();
    for (const [a, b] of nearTurns) addVoice(self, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    const truthMs = 16000;
    // The synthetic turns' soft ends: ≈ 89 % of them count with nobody behind them.
    const alone = await turnsAloneMs();
    expect(alone).toBeGreaterThan(truthMs * 0.85);
    const off = await snapshotOf(self, quietOther(), { ...farEndOff(), talkerGateDb: 0 });
    const on = await snapshotOf(self, quietOther(), farEndOff());
    // Without the gate the distant talkers count as the party's talk most of the call.
    expect(off.selfTalkMs).toBeGreaterThan(truthMs * 1.25);
    // With it, their own turns and little more: the talk between the turns is dropped once the
    // voice is known (its first turn's level, and in hindsight before it), bar what lies within
    // the gate's reach of a word.
    expect(on.selfTalkMs).toBeGreaterThan(alone * 0.98);
    expect(on.selfTalkMs).toBeLessThan(alone * 1.1);
  });

  it('takes back the talk behind the party it counted before it knew their voice (talkerHindsightFrames)', async () => {
    // The café from the start; the party's first word only at 2 s, so the gate has heard enough
    // talk to judge (talkerMinFrames) only well into their first turn.
    const self = cafe();
    for (const [a, b] of nearTurns) addVoice(self, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    const withHindsight = async (talkerHindsightFrames: number, batch: number) => {
      const e = new TalkTimeEngine({ config: { ...farEndOff(), talkerHindsightFrames } });
      const s = new FrameExtractor(16000).push(self);
      const o = new FrameExtractor(16000).push(quietOther());
      // The live meter's figure as it moves: the talk counted so far, once a batch.
      const shown: number[] = [];
      for (let k = 0; k < s.length; k += batch) {
        await e.process(s.slice(k, k + batch), o.slice(k, k + batch));
        shown.push(e.snapshot().selfTalkMs);
      }
      await e.finish();
      const before = e.segments().self.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, 1900) - a), 0);
      return { before, total: e.snapshot().selfTalkMs, segments: e.segments(), shown };
    };
    const off = await withHindsight(0, 43);
    const on = await withHindsight(DEFAULT_CONFIG.talkerHindsightFrames, 43);
    // Without hindsight the talkers before the first word count as the party's.
    expect(off.before).toBeGreaterThan(1200);
    // With it they are taken back once the gate judges …
    expect(on.before).toBeLessThan(300);
    // … but not the turns themselves.
    expect(on.total).toBeLessThan(off.total - 1000);
    expect(on.total).toBeGreaterThan((await turnsAloneMs()) * 0.98);
    // The figure shown falls once, when the talk is taken back; else it only grows.
    const falls = on.shown.filter((v, i) => i > 0 && v < on.shown[i - 1]!).length;
    expect(falls).toBe(1);
    expect(off.shown.every((v, i) => i === 0 || v >= off.shown[i - 1]!)).toBe(true);
    // Fed in the worklet's batches or whole, the call is decided alike.
    for (const batch of [self.length, 5])
      expect((await withHindsight(DEFAULT_CONFIG.talkerHindsightFrames, batch)).segments).toEqual(on.segments);
  });

  it('takes back the talk behind the party it took for their voice before their first word (talkerHindsightStepDb)', async () => {
    // The café alone for the first 8 s: the gate learns its talkers as the voice and judges
    // with their level; then the party speaks, 17 dB louder.
    const late: [number, number][] = nearTurns.map(([a, b]) => [a + 6, Math.min(SECONDS, b + 6)]);
    const self = cafe();
    for (const [a, b] of late) addVoice(self, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    const counted = async (config: Partial<TalkTimeConfig>) =>
      (await decided(self, config)).segments().self.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, 7900) - a), 0);
    const none = await counted({ talkerHindsightFrames: 0 });
    const firstOnly = await counted({ talkerHindsightStepDb: Infinity });
    const stepped = await counted({});
    // Judged again only when the gate first judges, with the talkers' own level, they stay …
    expect(none).toBeGreaterThan(4000);
    expect(firstOnly).toBeGreaterThan(none * 0.8);
    // … judged again as the level it asks for climbs to the party's voice, they go.
    expect(stepped).toBeLessThan(500);
  });

  it('does not count the talkers just before a word as its start (talkerGateAhead)', async () => {
    const self = cafe();
    for (const [a, b] of nearTurns) addVoice(self, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    const countedBeforeTurns = async (config: Partial<TalkTimeConfig>) => {
      const e = await decided(self, config);
      // The 0.6 s before each turn after the first (the voice is known by then).
      let ms = 0;
      for (const [a] of nearTurns.slice(1))
        for (const [x, y] of e.segments().self) ms += Math.max(0, Math.min(y, a * 1000) - Math.max(x, a * 1000 - 600));
      return { before: ms, total: e.snapshot().selfTalkMs };
    };
    // The longer bridge of a loud room (noisyBridgeFrames; the café's voice stands < 36 dB over
    // it) off, to see the gate's reach alone.
    const ahead8 = await countedBeforeTurns({ noisyBridgeFrames: 0 });
    const ahead24 = await countedBeforeTurns({ noisyBridgeFrames: 0, talkerGateAhead: 24 });
    // A word's start rises to its loud part within a few frames: 8 frames ahead keep ≈ 0.14 s of
    // the talkers before each turn, 24 kept ≈ 0.3 s of them.
    expect(ahead8.before).toBeLessThan(500);
    expect(ahead24.before).toBeGreaterThan(800);
    // With it, a pause of up to 17 frames between the talkers' sound the gate lets through and the
    // word is bridged: a little more, still well under the longer reach.
    expect((await countedBeforeTurns({})).before).toBeLessThan(650);
    // The turns themselves are still counted.
    expect(ahead8.total).toBeGreaterThan((await turnsAloneMs()) * 0.98);
    expect(ahead8.total).toBeLessThan(ahead24.total - 400);
  });

  it('keeps knowing a listener’s voice while they listen for minutes', async () => {
    // A mentor who talks for the first 40 s, then listens for 4 minutes, then talks again.
    const seconds = 320;
    // The café's 40 s over and over (synthesising 5 minutes of six talkers would take half a minute).
    const loop = cafe();
    const self = new Float32Array(RATE * seconds);
    for (let at = 0; at < self.length; at += loop.length) self.set(loop.subarray(0, Math.min(loop.length, self.length - at)), at);
    const turns: [number, number][] = [...nearTurns, [300, 304], [310, 314]];
    for (const [a, b] of turns) addVoice(self, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    const e = new TalkTimeEngine({ config: farEndOff() });
    await e.process(new FrameExtractor(16000).push(self), new FrameExtractor(16000).push(quietOther(seconds)));
    await e.finish();
    const within = (from: number, to: number) =>
      e.segments().self.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to * 1000) - Math.max(a, from * 1000)), 0);
    // The talkers behind them are not taken for their talk as the minutes of listening go by
    // (with a reference that halved every 30 s they were again after 2.5 minutes: 11 s a minute) …
    expect(within(60, 300)).toBeLessThan(1000);
    // … and their words when they speak again are counted.
    expect(within(300, 320)).toBeGreaterThan(8000 * 0.85);
  }, 60_000);

  it("judges the other party's talkers behind them with a shallower gate (otherTalkerGateDb)", async () => {
    // A café close behind the party, 12 dB under the voice: its loud moments reach within the
    // user's 12 dB of the voice, not within the other party's 10.
    const x = cafe(12);
    for (const [a, b] of nearTurns) addVoice(x, RATE, a, b, { f0: 140, gain: 0.1, seed: 1 });
    const talk = (e: TalkTimeEngine, party: 'self' | 'other') => e.segments()[party].reduce((sum, [a, b]) => sum + b - a, 0);
    const asUser = talk(await decided(x, {}), 'self');
    const asOther = talk(await engineOf(quietOther(), x, farEndOff()), 'other');
    const asOtherAt12 = talk(await engineOf(quietOther(), x, { ...farEndOff(), otherTalkerGateDb: 12 }), 'other');
    const alone = await turnsAloneMs();
    // The user's raw microphone keeps more than a second of the café …
    expect(asUser).toBeGreaterThan(alone + 800);
    // … the other party's channel drops it, and keeps their turns …
    expect(asOther).toBeLessThan(asUser - 1000);
    expect(asOther).toBeGreaterThan(alone * 0.97);
    // … and the depth is all that differs between the two.
    expect(asOtherAt12).toBe(asUser);
  });

  it('leaves a quiet room alone: a voice that turns 15 dB softer with no one behind it is counted as before', async () => {
    const self = new Float32Array(RATE * SECONDS);
    addNoise(self, 0.0005, 3);
    // Loud turns, then the same voice 15 dB softer (further than the gate's 12 dB).
    for (const [i, [a, b]] of nearTurns.entries())
      addVoice(self, RATE, a, b, { f0: 140, gain: i < 2 ? 0.1 : 0.1 * Math.pow(10, -15 / 20), seed: 1 });
    const off = await snapshotOf(self, quietOther(), { ...farEndOff(), talkerGateDb: 0 });
    const on = await snapshotOf(self, quietOther(), farEndOff());
    expect(on.selfTalkMs).toBe(off.selfTalkMs);
    expect(on.selfTalkMs).toBeGreaterThan(16000 * 0.85);
  });
});
