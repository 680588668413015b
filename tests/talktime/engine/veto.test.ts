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

  it('inside a run decides at every vetoRecheckBlocks-th block, and without the follow veto asks only there and after a veto', async () => {
    const unseen = (ch: Channel) => Object.assign(ch, { vetoFollowThreshold: 0 });
    const yes = model(0.9);
    await new ModelVeto(DEFAULT_CONFIG, yes).run([unseen(channelOf('######', 3))], true);
    expect(yes.windows).toBe(6 / DEFAULT_CONFIG.vetoRecheckBlocks);
    const no = model(0);
    await new ModelVeto(DEFAULT_CONFIG, no).run([unseen(channelOf('######', 3))], true);
    expect(no.windows).toBe(6);
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
