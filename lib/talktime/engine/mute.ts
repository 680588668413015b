/** When the user's microphone was muted, by self frame: muted time is never self talk. */
export class MuteTimeline {
  /** Self frames received so far: a change applies from the next one. */
  private received = 0;
  private muted = false;
  /** Changes in frame order; everything before the first is unmuted. */
  private readonly changes: { from: number; muted: boolean }[] = [];

  /** Counts self frames as they arrive. */
  receive(frames: number): void {
    this.received += frames;
  }

  /** Mute state from the next self frame on. */
  set(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    this.changes.push({ from: this.received, muted });
  }

  isMuted(frame: number): boolean {
    let m = false;
    for (const c of this.changes) {
      if (c.from > frame) break;
      m = c.muted;
    }
    return m;
  }

  /** History before `frame` collapses to its last state (no frame before it is asked about again). */
  settledUpTo(frame: number): void {
    while (this.changes.length > 1 && this.changes[1]!.from <= frame) this.changes.shift();
  }
}
