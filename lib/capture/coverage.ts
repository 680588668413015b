import type { CaptureCoverage } from '../schema';
import { FRAME_MS } from '../talktime/features';

/**
 * Below this share of the call's time heard, the live figure is called incomplete: the page's
 * audio thread fell behind (a busy computer), frames were dropped on the way, or the engine
 * could not keep up. Above it the loss is within what a rounding of the figure hides.
 */
export const COMPLETE_SHARE = 0.9;
/** Engine lag (frames received but not yet decided) beyond the ≈ 1–2 s its look-ahead needs. */
export const LAG_LIMIT_MS = 10_000;
/** Coverage is judged only after this much of the call, so start-up does not count as loss. */
const JUDGE_AFTER_MS = 15_000;

/**
 * Counts where the call's audio went between the page's audio thread and the engine, against
 * the wall clock: frames that arrived and were analysed, frames dropped by the rate limit or as
 * replays, frames that arrived while measurement was paused. Audio the page's audio thread never
 * rendered (its clock fell behind real time under load) shows as wall time with no frames.
 *
 * One meter per live session in a page; `now` is wall-clock ms.
 */
export class CoverageMeter {
  /** Wall time when the first frame of this page's capture arrived, less that batch's span. */
  private startedAt: number | null = null;
  private heardFrames = 0;
  private droppedFrames = 0;
  private pausedFrames = 0;

  /** A batch of `count` frames reached the content script. */
  arrived(count: number, now: number): void {
    this.startedAt ??= now - count * FRAME_MS;
  }

  /** Frames that went to the engine. */
  heard(count: number): void {
    this.heardFrames += count;
  }

  /** Frames refused (rate limit, replay, malformed): audio the engine never saw. */
  dropped(count: number): void {
    this.droppedFrames += count;
  }

  /** Frames that arrived while the user had paused measurement: not missing, not heard. */
  paused(count: number): void {
    this.pausedFrames += count;
  }

  /**
   * The coverage so far. `decidedFrames` is how many frames the engine has settled, so the lag
   * is what it has been given and not yet decided.
   */
  report(now: number, decidedFrames: number): CaptureCoverage {
    const wallMs = this.startedAt === null ? 0 : Math.max(0, now - this.startedAt - this.pausedFrames * FRAME_MS);
    const heardMs = this.heardFrames * FRAME_MS;
    const lagMs = Math.max(0, (this.heardFrames - decidedFrames) * FRAME_MS);
    return {
      wallMs: Math.round(wallMs),
      heardMs: Math.round(heardMs),
      droppedMs: Math.round(this.droppedFrames * FRAME_MS),
      lagMs: Math.round(lagMs),
    };
  }
}

/**
 * Whether a figure built on this coverage can be shown as complete. The share of time heard is
 * judged once the call is long enough; the engine's lag at any time.
 */
export function coverageComplete(c: CaptureCoverage): boolean {
  if (c.lagMs > LAG_LIMIT_MS) return false;
  if (c.wallMs < JUDGE_AFTER_MS) return true;
  return c.heardMs >= COMPLETE_SHARE * c.wallMs;
}

/** Adds the coverage of a page load to what was saved before it (a reload mid-call). */
export function mergeCoverage(base: CaptureCoverage | undefined, next: CaptureCoverage | undefined): CaptureCoverage | undefined {
  if (!base) return next;
  if (!next) return base;
  return {
    wallMs: base.wallMs + next.wallMs,
    heardMs: base.heardMs + next.heardMs,
    droppedMs: base.droppedMs + next.droppedMs,
    lagMs: next.lagMs,
  };
}
