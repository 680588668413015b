import type { TalkTimeConfig } from './config';

type DelayConfig = Pick<TalkTimeConfig, 'echoDelayMaxFrames' | 'echoDelayMinCorr'>;

/** A level step is clipped to this many dB, so one click or a call's first word does not rule the estimate. */
const STEP_CLIP_DB = 20;
/** Running averages forget with a time constant of this many frames (≈ 20 s). */
const MEMORY_FRAMES = 860;
/** No estimate before this many frames (≈ 1 s). */
const WARMUP_FRAMES = 43;
/**
 * Over n frames, a correlation must also stand this many standard errors (1/√n) above zero: a
 * strong echo is believed after its first words, a weak one only once enough steps agree.
 */
const SIGNIFICANCE = 4;

/**
 * How far the other party's voice trails into the user's microphone: a loudspeaker's echo
 * reaches the microphone 20–150 ms after the page plays it on a laptop, 150–300 ms through a
 * Bluetooth speaker or a slow audio stack. The estimate is the lag, 0…`echoDelayMaxFrames`
 * frames, at which the frame-to-frame level steps of the user's channel correlate best with the
 * other party's (running averages over ≈ 20 s, as an echo canceller's delay estimator does).
 * Talk of the user's own does not correlate with the other's steps at any lag, so without an echo
 * (headphones, or an echo canceller that removed it) the best correlation stays below
 * `echoDelayMinCorr` and there is no estimate.
 */
export class EchoDelay {
  private readonly otherSteps: Float64Array;
  private readonly cov: Float64Array;
  private varSelf = 0;
  private varOther = 0;
  private lastSelf = NaN;
  private lastOther = NaN;
  private frames = 0;
  private best = -1;

  constructor(private readonly cfg: DelayConfig) {
    this.otherSteps = new Float64Array(cfg.echoDelayMaxFrames + 1);
    this.cov = new Float64Array(cfg.echoDelayMaxFrames + 1);
  }

  /** Takes frame f's levels (dB) of both channels. */
  push(selfLevel: number, otherLevel: number): void {
    const max = this.cfg.echoDelayMaxFrames;
    if (max <= 0) return;
    const s = step(selfLevel, this.lastSelf);
    const o = step(otherLevel, this.lastOther);
    this.lastSelf = selfLevel;
    this.lastOther = otherLevel;
    const ring = this.otherSteps;
    const at = this.frames % ring.length;
    ring[at] = o;
    this.frames++;
    const a = 1 / Math.min(this.frames, MEMORY_FRAMES);
    this.varSelf += a * (s * s - this.varSelf);
    this.varOther += a * (o * o - this.varOther);
    for (let d = 0; d <= max && d < this.frames; d++) {
      const od = ring[(at - d + ring.length) % ring.length]!;
      this.cov[d]! += a * (s * od - this.cov[d]!);
    }
    this.best = this.estimate();
  }

  /** The echo's delay in frames, or −1 when there is no clear echo (yet). */
  delayFrames(): number {
    return this.best;
  }

  private estimate(): number {
    if (this.frames < WARMUP_FRAMES) return -1;
    const norm = Math.sqrt(this.varSelf * this.varOther);
    if (!(norm > 0)) return -1;
    let best = -1;
    let bestCorr = Math.max(this.cfg.echoDelayMinCorr, SIGNIFICANCE / Math.sqrt(this.frames));
    for (let d = 0; d < this.cov.length; d++) {
      const c = this.cov[d]! / norm;
      if (c >= bestCorr) {
        bestCorr = c;
        best = d;
      }
    }
    return best;
  }
}

/** A level step in dB, clipped; 0 where either level is not a number yet or is −∞ (digital silence). */
function step(level: number, last: number): number {
  const d = level - last;
  if (!Number.isFinite(d)) return 0;
  return Math.max(-STEP_CLIP_DB, Math.min(STEP_CLIP_DB, d));
}
