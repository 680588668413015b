import { describe, expect, it } from 'vitest';
import { type SpeechDetector, WINDOW_FRAMES } from '../../../lib/talktime/detector';
import { Channel } from '../../../lib/talktime/engine/channel';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { ModelVeto } from '../../../lib/talktime/engine/veto';
import { NUM_BINS } from '../../../lib/talktime/features';

const B = DEFAULT_CONFIG.vetoBlockFrames;

/** A row with harmonics every 8 bins (a 172 Hz voice), or a flat one. */
const row = (voiced: boolean) =>
  Float32Array.from({ length: NUM_BINS }, (_, k) => -50 + (voiced ? 8 * Math.cos((2 * Math.PI * k) / 8) : 0));

/** A channel with `blocks` blocks of candidates from a pattern ('#' candidate, voiced if `voiced`), each at `score`. */
function channelOf(pattern: string, score: number, voiced = false): Channel {
  const ch = new Channel(DEFAULT_CONFIG);
  for (const c of pattern) {
    for (let i = 0; i < B; i++) {
      ch.candidates.push(c === '#' ? 1 : 0);
      ch.candidateScores.push(score);
      ch.dbRows.push(row(voiced));
    }
  }
  for (let i = 0; i < WINDOW_FRAMES; i++) ch.dbRows.push(new Float32Array(NUM_BINS));
  return ch;
}

/** A model that answers `p` for every window (or `p(i)` for the i-th window it sees) and counts them. */
function model(p: number | ((i: number) => number)): SpeechDetector & { windows: number } {
  const m = {
    windows: 0,
    speechProbabilities: async (_input: Float32Array, n: number) => {
      const out = Float32Array.from({ length: n }, (_, i) => (typeof p === 'number' ? p : p(m.windows + i)));
      m.windows += n;
      return out;
    },
  };
  return m as SpeechDetector & { windows: number };
}

const blocks = (ch: Channel, n: number) => Array.from({ length: n }, (_, b) => (ch.candidates.at(b * B) ? '#' : '.')).join('');

describe('ModelVeto', () => {
  it('clears the candidates of blocks the model calls not speech', async () => {
    const ch = channelOf('.##.#', 3);
    await new ModelVeto(DEFAULT_CONFIG, model(0)).run([ch], true);
    expect(blocks(ch, 5)).toBe('.....');
    expect(ch.nextBlock).toBe(5);
  });

  it('keeps blocks the model calls speech, asking only where the level stage found something', async () => {
    const ch = channelOf('.##.#', 3);
    const m = model(0.9);
    await new ModelVeto(DEFAULT_CONFIG, m).run([ch], true);
    expect(blocks(ch, 5)).toBe('.##.#');
    expect(m.windows).toBe(3);
  });

  it('inside a run decides at every vetoRecheckBlocks-th block; without the follow veto the blocks between follow a "speech" verdict, yet the model gives each its P', async () => {
    expect(DEFAULT_CONFIG.vetoRecheckBlocks).toBe(3);
    const following = (ch: Channel) => Object.assign(ch, { vetoFollowThreshold: 0 });
    // Rechecks (blocks 0 and 3, seen first) say speech, the blocks between are sure there is none.
    const p = [0.9, 0.001, 0.002, 0.8, 0.003, 0.004];
    const order = [0, 3, 1, 2, 4, 5];
    const m = model((i) => p[order[i]!]!);
    const ch = following(channelOf('######', 3));
    await new ModelVeto(DEFAULT_CONFIG, m).run([ch], true);
    expect(blocks(ch, 6)).toBe('######');
    expect(m.windows).toBe(6);
    expect(Array.from({ length: 6 }, (_, b) => ch.blockProbability(b))).toEqual(p.map((v) => Math.fround(v)));
    // After "not speech" every block is judged itself.
    const no = model(0);
    const vetoed = following(channelOf('######', 3));
    await new ModelVeto(DEFAULT_CONFIG, no).run([vetoed], true);
    expect(no.windows).toBe(6);
    expect(blocks(vetoed, 6)).toBe('......');
  });

  it('keeps the P of every block it saw, in order, and NaN for a block without candidates', async () => {
    const ch = channelOf('.##.#', 3);
    await new ModelVeto(
      DEFAULT_CONFIG,
      model((i) => (i + 1) / 10),
    ).run([ch], true);
    // The runs' first blocks (1 and 4) are seen first, then block 2, which follows block 1's verdict.
    expect(Array.from({ length: 5 }, (_, b) => ch.blockProbability(b))).toEqual([NaN, 0.1, 0.3, NaN, 0.2].map((v) => Math.fround(v)));
    expect(ch.blockProbability(5)).toBeNaN();
    // No model: every block decided, none seen.
    const alone = channelOf('.##', 3);
    await new ModelVeto(DEFAULT_CONFIG, undefined).run([alone], true);
    expect(alone.nextBlock).toBe(3);
    expect([0, 1, 2].map((b) => alone.blockProbability(b))).toEqual([NaN, NaN, NaN]);
  });

  it('after a "speech" recheck vetoes a block only where the model is all but sure it holds no speech', async () => {
    expect(DEFAULT_CONFIG.vetoRecheckBlocks).toBe(3);
    const follow = DEFAULT_CONFIG.vetoFollowThreshold;
    expect(follow).toBeGreaterThan(0);
    expect(follow).toBeLessThan(DEFAULT_CONFIG.vetoThreshold);
    // Rechecks (blocks 0 and 3) say speech; block 1 is below vetoThreshold but not near-certain,
    // block 2 near-certain (music after a word), block 4 near-certain, block 5 speech.
    const p = [0.9, (follow + DEFAULT_CONFIG.vetoThreshold) / 2, follow / 2, 0.9, follow / 2, 0.9];
    // The model sees the rechecks first (blocks 0, 3), then the blocks between them (1, 2, 4, 5).
    const order = [0, 3, 1, 2, 4, 5];
    const ch = channelOf('######', 3);
    const m = model((i) => p[order[i]!]!);
    await new ModelVeto(DEFAULT_CONFIG, m).run([ch], true);
    expect(m.windows).toBe(6);
    expect(blocks(ch, 6)).toBe('##.#.#');
    // Loud and voiced: the keep rule stands over the follow veto too.
    const loud = channelOf('######', DEFAULT_CONFIG.vetoKeepScore, true);
    await new ModelVeto(
      DEFAULT_CONFIG,
      model((i) => p[order[i]!]!),
    ).run([loud], true);
    expect(blocks(loud, 6)).toBe('######');
  });

  it('follows a speech verdict from an earlier batch with the follow veto too (the live engine decides a few blocks at a time)', async () => {
    const ch = new Channel(DEFAULT_CONFIG);
    // Speech in every window but the third the model sees.
    const m = model((i) => (i === 2 ? 0 : 0.9));
    const veto = new ModelVeto(DEFAULT_CONFIG, m);
    const push = (n: number) => {
      for (let i = 0; i < n; i++) {
        ch.candidates.push(1);
        ch.candidateScores.push(3);
        ch.dbRows.push(row(false));
      }
    };
    // The first block's window is complete once half a window lies past its middle.
    push(B + WINDOW_FRAMES);
    await veto.run([ch], false);
    expect(ch.runVerdict).toBe(true);
    const decided = ch.nextBlock;
    expect(decided).toBeGreaterThanOrEqual(1);
    expect(decided).toBeLessThan(DEFAULT_CONFIG.vetoRecheckBlocks);
    // The next block in the run, in a later batch: its recheck is not due, and the model is sure.
    push(B);
    await veto.run([ch], false);
    expect(ch.nextBlock).toBe(decided + 1);
    expect(m.windows).toBe(decided + 1);
    expect(ch.candidates.at(decided * B)).toBe(0);
    expect(ch.candidates.at(decided * B - 1)).toBe(1);
  });

  it('lets only a run’s recheck govern the blocks after it, in one batch or in several', async () => {
    // The recheck (block 0) says no; block 1, judged itself, says speech; block 2 is doubtful
    // (P between the follow veto's threshold and the veto's), and is judged itself too.
    const p = [0, 0.9, 0.1];
    expect(p[2]).toBeGreaterThan(DEFAULT_CONFIG.vetoFollowThreshold);
    expect(p[2]).toBeLessThan(DEFAULT_CONFIG.vetoThreshold);
    const whole = channelOf('###', 3);
    await new ModelVeto(
      DEFAULT_CONFIG,
      model((i) => p[i]!),
    ).run([whole], true);
    expect(blocks(whole, 3)).toBe('.#.');
    // The same run a block per batch (block b's window is complete at b·B + B/2 + WINDOW_FRAMES/2).
    const ch = new Channel(DEFAULT_CONFIG);
    const veto = new ModelVeto(
      DEFAULT_CONFIG,
      model((i) => p[i]!),
    );
    const push = (n: number) => {
      for (let i = 0; i < n; i++) {
        ch.candidates.push(1);
        ch.candidateScores.push(3);
        ch.dbRows.push(row(false));
      }
    };
    push(WINDOW_FRAMES);
    for (let b = 1; b <= 3; b++) {
      await veto.run([ch], false);
      expect(ch.nextBlock).toBe(b);
      push(B);
    }
    expect(blocks(ch, 3)).toBe('.#.');
  });

  it('keeps voiced sound far above the noise floor whatever the model says', async () => {
    const ch = channelOf('.##', DEFAULT_CONFIG.vetoKeepScore, true);
    await new ModelVeto(DEFAULT_CONFIG, model(0)).run([ch], true);
    expect(blocks(ch, 3)).toBe('.##');
  });

  it('keeps at its channel’s own keep score (a suppressed microphone’s is lower)', async () => {
    const quiet = DEFAULT_CONFIG.processedVetoKeepScore;
    expect(quiet).toBeLessThan(DEFAULT_CONFIG.vetoKeepScore);
    const raw = channelOf('.##', quiet, true);
    await new ModelVeto(DEFAULT_CONFIG, model(0)).run([raw], true);
    expect(blocks(raw, 3)).toBe('...');
    const suppressed = channelOf('.##', quiet, true);
    suppressed.vetoKeepScore = quiet;
    await new ModelVeto(DEFAULT_CONFIG, model(0)).run([suppressed], true);
    expect(blocks(suppressed, 3)).toBe('.##');
  });

  it('lets the model judge loud sound with too few voiced frames (typing, knocks, a suppressor’s leaks)', async () => {
    const flat = channelOf('.##', DEFAULT_CONFIG.vetoKeepScore + 10, false);
    await new ModelVeto(DEFAULT_CONFIG, model(0)).run([flat], true);
    expect(blocks(flat, 3)).toBe('...');
    // Voiced frames below the count: still the model's. At the count: kept.
    const need = DEFAULT_CONFIG.vetoKeepVoicedFrames;
    for (const [voicedFrames, kept] of [
      [need - 1, '...'],
      [need, '.##'],
    ] as const) {
      const ch = channelOf('.##', DEFAULT_CONFIG.vetoKeepScore, false);
      for (const b of [1, 2]) for (let i = 0; i < voicedFrames; i++) ch.dbRows.set(b * B + 5 + i, row(true));
      await new ModelVeto(DEFAULT_CONFIG, model(0)).run([ch], true);
      expect(blocks(ch, 3)).toBe(kept);
    }
  });

  it('without a model only paces the blocks', async () => {
    const ch = channelOf('.##', 3);
    await new ModelVeto(DEFAULT_CONFIG, undefined).run([ch], false);
    expect(blocks(ch, 3)).toBe('.##');
    expect(ch.nextBlock).toBe(3);
  });

  it('waits for the model window to be complete unless the stream ended', async () => {
    const ch = new Channel(DEFAULT_CONFIG);
    for (let i = 0; i < B; i++) {
      ch.candidates.push(1);
      ch.candidateScores.push(3);
      ch.dbRows.push(new Float32Array(NUM_BINS));
    }
    const veto = new ModelVeto(DEFAULT_CONFIG, model(0));
    await veto.run([ch], false);
    expect(ch.nextBlock).toBe(0);
    await veto.run([ch], true);
    expect(ch.nextBlock).toBe(1);
  });
});
