/** The share samples one talk frame in this many (a voicing test costs ≈ 4 µs). */
const SAMPLE_EVERY = 16;
/** Talk frames over which the share decays (≈ 30 s). */
const MEMORY_FRAMES = 1290;
/** Talk frames seen before the share is believed (≈ 2 s). */
const MIN_FRAMES = 80;

/**
 * The share of a party's recent talk frames that pass a test, sampled and decaying. Voiced: a
 * voice whose vowels the voicing measure seldom finds (a loud room, a voice outside its pitch
 * range) cannot be judged by them, and the rules that ask for a vowel nearby stand aside for it.
 * Clear of the noise floor: the far end's rule (`farEndVoicedReach`) judges only a party whose
 * talk stands well over their floor.
 */
export class TalkShare {
  constructor(
    /** One talk frame in this many is sampled … */
    private readonly sampleEvery = SAMPLE_EVERY,
    /** … and the share believed after this many were noted. */
    private readonly minFrames = MIN_FRAMES,
  ) {}

  /** Sampled talk frames, and how many passed (both decaying) … */
  private samples = 0;
  private passed = 0;
  /** … and talk frames seen, sampled or not. */
  private seen = 0;

  /** The share; null until about `minFrames` talk frames were noted (≈ 2 s of talk by default). */
  get share(): number | null {
    return this.samples < this.minFrames / this.sampleEvery ? null : this.passed / this.samples;
  }

  /** Notes one talk frame; `passes` is asked only for the sampled ones. */
  note(passes: () => boolean): void {
    if (this.seen++ % this.sampleEvery !== 0) return;
    const keep = 1 - this.sampleEvery / MEMORY_FRAMES;
    this.samples = this.samples * keep + 1;
    this.passed = this.passed * keep + (passes() ? 1 : 0);
  }
}
