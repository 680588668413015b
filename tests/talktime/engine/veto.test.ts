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

/** A model that answers `p` for every window and counts them. */
function model(p: number): SpeechDetector & { windows: number } {
  const m = {
    windows: 0,
    speechProbabilities: async (_input: Float32Array, n: number) => {
      m.windows += n;
      return new Float32Array(n).fill(p);
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
    expect(m.windows).toBe(2);
  });

  it('inside a run asks every vetoRecheckBlocks-th block, and the rest when that one was vetoed', async () => {
    const yes = model(0.9);
    await new ModelVeto(DEFAULT_CONFIG, yes).run([channelOf('######', 3)], true);
    expect(yes.windows).toBe(6 / DEFAULT_CONFIG.vetoRecheckBlocks);
    const no = model(0);
    await new ModelVeto(DEFAULT_CONFIG, no).run([channelOf('######', 3)], true);
    expect(no.windows).toBe(6);
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
