/**
 * The talker gate in hindsight (`talkerHindsightFrames`): what one party's gate let count at the
 * start of a call, judged again with the voice it has come to know. Until the gate judges
 * (`talkerMinFrames` of talk, and a room loud enough for it to judge at all) every talk frame
 * counts, so in a café the people behind the party count as them for as long as the gate takes
 * to start — through a noise suppressor, whose first seconds come out near silent and hold the
 * room's level down, 40 s and more; and when the people behind are heard before the party's first
 * word, the gate first learns their level as the voice and lets them through until the party
 * speaks. So when the gate first judges, and again each time the level it asks for has risen
 * `talkerHindsightStepDb` since, every talk frame before is judged again: one with no frame of
 * the party's near it (the gate's reach) loud enough is taken back. The gate only ever drops
 * talk, and so does this.
 *
 * It keeps, for each frame up to the cap, the loudest level near it (4 bytes a frame) and whether
 * it was taken back (1 byte), and forgets the levels at the cap: after that the call goes on as
 * it stands.
 */
export class GateHindsight {
  /** The loudest level near each talk frame, from frame 0 (NaN: not talk). */
  private loudest: Float32Array | null;
  /** The frames taken back (null: none yet). */
  private taken: Uint8Array | null = null;
  /** The level the gate asked for when it last judged the frames before again (−∞: not yet). */
  private applied = -Infinity;

  constructor(
    private readonly capFrames: number,
    private readonly stepDb: number,
  ) {
    this.loudest = capFrames > 0 ? new Float32Array(capFrames).fill(NaN) : null;
  }

  /** Whether it may still take back talk. */
  get waiting(): boolean {
    return this.loudest !== null;
  }

  /** Entries held. */
  get size(): number {
    return (this.loudest?.length ?? 0) + (this.taken?.length ?? 0);
  }

  /**
   * Frame f (every frame, in order) at the gate: whether it reached the gate as talk, whether the
   * gate judges now, the loudest level near the frame (dB) and the level the gate asks of that
   * (dB). Returns true when talk before it was taken back just now.
   */
  note(f: number, talk: boolean, judging: boolean, loudestNear: number, threshold: number): boolean {
    const { loudest } = this;
    if (!loudest) return false;
    if (f >= this.capFrames) {
      this.loudest = null;
      return false;
    }
    if (!talk) return false;
    loudest[f] = loudestNear;
    if (!judging || (this.applied > -Infinity && !(threshold >= this.applied + this.stepDb))) return false;
    this.applied = threshold;
    let any = false;
    for (let g = 0; g < f; g++) {
      // NaN (no talk there) compares false: nothing to take back.
      if (loudest[g]! < threshold && this.taken?.[g] !== 1) {
        this.taken ??= new Uint8Array(this.capFrames);
        this.taken[g] = 1;
        any = true;
      }
    }
    return any;
  }

  /** Whether frame f's talk was taken back. */
  takenBack(f: number): boolean {
    const t = this.taken;
    return t !== null && f < t.length && t[f] === 1;
  }
}
