import type { TalkTimeConfig } from './config';

/**
 * Bridges short pauses, drops short runs and trims the ends of the runs it keeps; emits final
 * per-frame decisions in order. A run's last `edgeTrimFrames` frames are held back until it is
 * known whether the run goes on.
 */
export class Bridger {
  private inRun = false;
  private runStart = 0;
  private lastActive = -1;
  /** Frames before this are emitted. */
  private emitted = 0;
  /** Index of the next frame pushed. */
  private next = 0;
  /** Whether the open run has had a voiced frame (only asked while it is short). */
  private runVoiced = false;
  /** Longest pause bridged, in frames (`bridgeFrames`; the engine may lengthen it in a loud room). */
  bridgeFrames: number;

  constructor(
    private readonly cfg: Pick<TalkTimeConfig, 'bridgeFrames' | 'minRunFrames' | 'edgeTrimFrames' | 'unvoicedRunMaxFrames'>,
    private readonly emit: (from: number, to: number, active: boolean) => void,
    /** Whether frame f (numbered from 0 in push order) is voiced; asked only of active frames of a short run not yet voiced. */
    private readonly isVoiced: (f: number) => boolean = () => true,
  ) {
    this.bridgeFrames = cfg.bridgeFrames;
  }

  push(active: boolean): void {
    const f = this.next++;
    const trim = this.cfg.edgeTrimFrames;
    if (active) {
      if (!this.inRun) {
        if (f > this.emitted) this.emit(this.emitted, f, false);
        this.emitted = f;
        this.inRun = true;
        this.runStart = f;
        this.runVoiced = false;
      }
      this.lastActive = f;
      if (!this.runVoiced && !this.longEnough(f + 1) && this.isVoiced(f)) this.runVoiced = true;
      if (f + 1 - this.runStart >= this.cfg.minRunFrames && (this.runVoiced || this.longEnough(f + 1))) {
        // The run is kept: its first `trim` frames are not talk, its last `trim` so far may be its tail.
        const from = this.runStart + trim;
        const to = f + 1 - trim;
        if (to > from) {
          if (from > this.emitted) {
            this.emit(this.emitted, from, false);
            this.emitted = from;
          }
          if (to > this.emitted) {
            this.emit(this.emitted, to, true);
            this.emitted = to;
          }
        }
      }
    } else if (this.inRun) {
      if (f - this.lastActive > this.bridgeFrames) this.closeRun();
    } else if (f + 1 > this.emitted) {
      this.emit(this.emitted, f + 1, false);
      this.emitted = f + 1;
    }
  }

  /** Ends the stream: the open run ends at its last active frame. */
  finish(): void {
    if (this.inRun) this.closeRun();
    if (this.next > this.emitted) this.emit(this.emitted, this.next, false);
    this.emitted = this.next;
  }

  /** Whether a run ending before frame `end` is long enough to be talk without a voiced frame. */
  private longEnough(end: number): boolean {
    const max = this.cfg.unvoicedRunMaxFrames;
    return max <= 0 || end - this.runStart > max;
  }

  private closeRun(): void {
    const runEnd = this.lastActive + 1;
    const keep = runEnd - this.runStart >= this.cfg.minRunFrames && (this.runVoiced || this.longEnough(runEnd));
    const trim = this.cfg.edgeTrimFrames;
    const from = Math.max(this.emitted, this.runStart + trim);
    const to = runEnd - trim;
    if (keep && to > from) {
      if (from > this.emitted) this.emit(this.emitted, from, false);
      this.emit(from, to, true);
      this.emitted = to;
    }
    if (this.next > this.emitted) this.emit(this.emitted, this.next, false);
    this.emitted = this.next;
    this.inRun = false;
  }
}
