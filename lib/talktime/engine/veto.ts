import { type SpeechDetector, WINDOW_FRAMES, WINDOW_SIZE, normaliseWindow } from '../detector';
import type { Channel } from './channel';
import type { TalkTimeConfig } from './config';

interface VetoRequest {
  channel: Channel;
  block: number;
  /** First frame of the model's window. */
  windowStart: number;
  /** A run's recheck (every `vetoRecheckBlocks`-th block of it), whose verdict the blocks up to the next one follow. */
  recheck: boolean;
}

/** A block between rechecks and what governs it: its run's recheck in the same batch, or (true) a "speech" verdict from an earlier batch. */
interface Deferred {
  req: VetoRequest;
  governor: VetoRequest | true;
}

type VetoConfig = Pick<TalkTimeConfig, 'vetoBlockFrames' | 'vetoThreshold' | 'vetoRecheckBlocks' | 'vetoKeepVoicedFrames'>;

/**
 * The speech model's veto over the level stage's candidates, block by block (≈ 0.5 s): a block
 * whose model window says "not speech" loses its candidates, unless it stands its channel's
 * `vetoKeepScore` above the noise floor. The model only looks where the level stage found
 * something, and inside one continuous run decides at every `vetoRecheckBlocks`-th block;
 * blocks in between are checked themselves after a "not speech", and after a "speech" vetoed
 * only where the model is all but sure (the channel's `vetoFollowThreshold`). Every block it
 * sees leaves its P in the channel's `blockProbabilities`, for the edge judge.
 */
export class ModelVeto {
  /** Model windows evaluated so far (cost accounting). */
  windowsUsed = 0;
  /** The windows of a batch, normalised (reused). */
  private input = new Float32Array(0);

  constructor(
    private readonly cfg: VetoConfig,
    /** None: the level stage decides alone, and blocks only pace the decisions. */
    private readonly detector: SpeechDetector | undefined,
  ) {}

  /** Decides the blocks whose model window is complete (all of them when final). */
  async run(channels: readonly Channel[], final: boolean): Promise<void> {
    const requests: VetoRequest[] = [];
    const deferred: Deferred[] = [];
    for (const ch of channels) this.plan(ch, final, requests, deferred);
    if (!this.detector) return;
    const verdicts = await this.classify(requests);
    // Only a recheck's verdict governs the blocks after it: a block judged itself after a "not
    // speech" (asked alone, in a later batch than its recheck) does not, as it does not in one batch.
    for (const ch of channels) {
      const last = requests.filter((r) => r.channel === ch && r.recheck).pop();
      if (last) ch.runVerdict = verdicts.get(last)!;
    }
    // After "not speech" a block between rechecks is judged as any other; after "speech" only
    // the model's near-certain "not speech" vetoes it (its channel's `vetoFollowThreshold`; 0: it
    // follows, and the model is still asked: the edge judge reads every block's P).
    const speech = (d: Deferred) => d.governor === true || verdicts.get(d.governor)!;
    const thresholds = deferred.map((d) => (speech(d) ? d.req.channel.vetoFollowThreshold : this.cfg.vetoThreshold));
    await this.classify(
      deferred.map((d) => d.req),
      thresholds,
    );
  }

  /** Advances `ch.nextBlock` over the decidable blocks, listing the ones the model must see now or after their governor. */
  private plan(ch: Channel, final: boolean, requests: VetoRequest[], deferred: Deferred[]): void {
    const B = this.cfg.vetoBlockFrames;
    const total = ch.candidates.end;
    let governor: VetoRequest | null = null;
    for (; ; ch.nextBlock++) {
      const start = ch.nextBlock * B;
      if (start >= total) break;
      const end = Math.min(start + B, total);
      if (end < start + B && !final) break;
      let any = false;
      for (let i = start; i < end; i++) if (ch.candidates.at(i)) any = true;
      if (!any || !this.detector) {
        ch.runPos = -1;
        ch.blockProbabilities.push(NaN);
        continue;
      }
      let ws = Math.max(0, start + Math.floor(B / 2) - Math.floor(WINDOW_FRAMES / 2));
      if (ws + WINDOW_FRAMES > total) {
        if (!final) break;
        ws = Math.max(0, total - WINDOW_FRAMES);
      }
      ch.blockProbabilities.push(NaN);
      if (ws + WINDOW_FRAMES > total) {
        ch.runPos = -1;
        continue;
      }
      // Continuous by the candidates as the level stage left them: a veto of the block before
      // (decided in an earlier batch when the call comes in batches) does not end the run.
      const continuous = ch.runPos >= 0 && ch.runEndsInCandidate && ch.candidates.at(start) === 1;
      ch.runPos = continuous ? ch.runPos + 1 : 0;
      ch.runEndsInCandidate = ch.candidates.at(end - 1) === 1;
      const recheck = ch.runPos % this.cfg.vetoRecheckBlocks === 0;
      const req: VetoRequest = { channel: ch, block: ch.nextBlock, windowStart: ws, recheck };
      if (recheck) {
        requests.push(req);
        governor = req;
      } else if (governor) deferred.push({ req, governor });
      else if (ch.runVerdict === false) requests.push(req);
      else if (ch.runVerdict === true) deferred.push({ req, governor: true });
    }
  }

  /** Runs the model on blocks in one batch and clears the candidates of "not speech" ones (P below the block's threshold, `vetoThreshold` unless given). */
  private async classify(requests: VetoRequest[], thresholds?: readonly number[]): Promise<Map<VetoRequest, boolean>> {
    const verdicts = new Map<VetoRequest, boolean>();
    if (requests.length === 0 || !this.detector) return verdicts;
    const B = this.cfg.vetoBlockFrames;
    // One buffer for every batch (grown when a batch is larger): a fresh one of several MB per
    // batch cost more in page faults than normalising the windows into it. The detector is done
    // with it when its promise settles, and batches never overlap.
    if (this.input.length < requests.length * WINDOW_SIZE) this.input = new Float32Array(requests.length * WINDOW_SIZE);
    const input = this.input.subarray(0, requests.length * WINDOW_SIZE);
    const rows: Float32Array[] = [];
    requests.forEach((r, i) => {
      rows.length = 0;
      for (let k = 0; k < WINDOW_FRAMES; k++) rows.push(r.channel.dbRows.at(r.windowStart + k));
      normaliseWindow(rows, input, i * WINDOW_SIZE);
    });
    const p = await this.detector.speechProbabilities(input, requests.length);
    this.windowsUsed += requests.length;
    requests.forEach((r, i) => {
      r.channel.blockProbabilities.set(r.block, p[i]!);
      const start = r.block * B;
      const end = Math.min(start + B, r.channel.candidates.end);
      const speech = p[i]! >= (thresholds?.[i] ?? this.cfg.vetoThreshold) || this.clearlyAboveNoise(r.channel, start, end);
      verdicts.set(r, speech);
      if (!speech) for (let k = start; k < end; k++) r.channel.candidates.set(k, 0);
    });
    return verdicts;
  }

  /** Whether the block's candidate frames stand the channel's `vetoKeepScore` above the noise floor on average. */
  private clearlyAboveNoise(ch: Channel, start: number, end: number): boolean {
    const keep = ch.vetoKeepScore;
    if (keep <= 0) return false;
    let sum = 0;
    let n = 0;
    for (let k = start; k < end; k++) {
      if (ch.candidates.at(k) !== 1) continue;
      sum += ch.candidateScores.at(k);
      n++;
    }
    if (!(n > 0 && sum / n >= keep)) return false;
    const need = this.cfg.vetoKeepVoicedFrames;
    if (need <= 0) return true;
    let voiced = 0;
    for (let k = start; k < end && voiced < need; k++) if (ch.candidates.at(k) === 1 && ch.isVoiced(k)) voiced++;
    return voiced >= need;
  }
}
