/**
 * The talker gate in hindsight (`talkerHindsightFrames`): what one party's gate let count at the
 * start of a call, before it knew their voice well enough to judge, judged again the moment it
 * first does. Until then (`talkerMinFrames` of talk, and a room loud enough for the gate to
 * judge at all) every talk frame counts, so in a café the people behind the party count as them
 * for as long as the gate takes to start — through a noise suppressor, whose first seconds come
 * out near silent and hold the room's level down, 40 s and more. The gate only ever drops talk,
 * and so does this: a frame it let count is taken back if no frame of the party's near it
 * (the gate's reach) stood loud enough for the reference the gate first judges with.
 *
 * It keeps, for each frame up to the cap, the loudest level near it (4 bytes a frame), and
 * forgets them once it has judged, or at the cap if the gate has not judged by then.
 */
export class GateHindsight {
  /** The loudest level near each talk frame the gate let count unjudged, from frame 0 (NaN: not talk). */
  private loudest: Float32Array | null;
  /** Frames before this one were judged again; those taken back are marked (null: none taken back yet). */
  private takenBackFrames: Uint8Array | null = null;

  constructor(capFrames: number) {
    this.loudest = capFrames > 0 ? new Float32Array(capFrames).fill(NaN) : null;
  }

  /** Whether it still waits for the gate to judge. */
  get waiting(): boolean {
    return this.loudest !== null;
  }

  /** Entries held. */
  get size(): number {
    return (this.loudest?.length ?? 0) + (this.takenBackFrames?.length ?? 0);
  }

  /**
   * Talk frame f (frames come in order) at the gate: whether the gate judges now, the loudest
   * level near the frame (dB) and the level the gate asks of that (dB). Returns true when this
   * is the first frame the gate judges and it took back talk before it.
   */
  note(f: number, judging: boolean, loudestNear: number, threshold: number): boolean {
    const { loudest } = this;
    if (!loudest) return false;
    if (f >= loudest.length) {
      // Too late to look back that far: the call goes on as it stands.
      this.loudest = null;
      return false;
    }
    if (!judging) {
      loudest[f] = loudestNear;
      return false;
    }
    this.loudest = null;
    let any = false;
    const taken = new Uint8Array(f);
    for (let g = 0; g < f; g++) {
      // NaN (no talk there) compares false: nothing to take back.
      if (loudest[g]! < threshold) {
        taken[g] = 1;
        any = true;
      }
    }
    if (any) this.takenBackFrames = taken;
    return any;
  }

  /** Whether frame f's talk was taken back. */
  takenBack(f: number): boolean {
    const t = this.takenBackFrames;
    return t !== null && f < t.length && t[f] === 1;
  }
}
