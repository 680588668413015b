import type { TalkStats } from '../../schema/talk';
import { FEATURE_SAMPLE_RATE, FRAME_HOP, type Frame, type FrameBlock } from '../features';
import type { Party, SelfProcessing, Speaker, TalkTimeEngine } from './index';

/**
 * Samples of silence that put a second framing half a hop after the first, at an input rate:
 * an extractor fed this many zeros before the audio makes frames whose windows fall halfway
 * between the first extractor's.
 */
export function halfHopDelay(sampleRate: number): number {
  return Math.round((FRAME_HOP / 2) * (sampleRate / FEATURE_SAMPLE_RATE));
}

/** Both channels' frames of the second framing, made by extractors fed `halfHopDelay` zeros first. */
export interface HalfFrames {
  self: readonly Frame[] | FrameBlock;
  other: readonly Frame[] | FrameBlock;
}

/**
 * One call measured on two framings of the same audio, half a hop apart, each by an engine of its
 * own; the talk figures are their mean. The engine's decisions near its thresholds turn on where
 * the frames fall: the same audio started a fraction of a hop later moved a party's total by up to
 * a tenth of their talk in a drifting room (BENCHMARKS, "Two framings"), and a live call's
 * framing is wherever its audio graph started. Two framings half a hop apart cancel most of that
 * (a framing and the one half a hop from it err in opposite directions more often than not).
 *
 * The first framing is the call's own: its settled frames, segments, timeline minutes, who talks
 * now and the turn metrics are the figures' (a mean of two timelines is not a timeline); the
 * talk, overlap and silence totals, each minute's and the recent ones are the two engines' mean.
 * When the second framing's frames stop coming (a source that makes one framing only, e.g. the
 * tab capture), its engine is dropped and the first one's figures stand alone from then on.
 */
export class TwoFramings {
  private second: TalkTimeEngine | null;

  constructor(
    readonly first: TalkTimeEngine,
    second: TalkTimeEngine | null,
  ) {
    this.second = second;
  }

  /** Engines still measuring (2 while the second framing keeps up, 1 after). */
  get framings(): 1 | 2 {
    return this.second ? 2 : 1;
  }

  get hasModel(): boolean {
    return this.first.hasModel;
  }

  get settledFrames(): number {
    return this.first.settledFrames;
  }

  /** Frames of both channels; `half` the same stretch on the second framing (none: it is dropped). */
  process(self: readonly Frame[] | FrameBlock, other: readonly Frame[] | FrameBlock, half?: HalfFrames): Promise<void> {
    const second = this.second;
    if (second && half && count(half.self) === count(self) && count(half.other) === count(other)) {
      return Promise.all([this.first.process(self, other), second.process(half.self, half.other)]).then(() => undefined);
    }
    this.second = null;
    return this.first.process(self, other);
  }

  setSelfMuted(muted: boolean): void {
    this.first.setSelfMuted(muted);
    this.second?.setSelfMuted(muted);
  }

  setSelfProcessing(processing: SelfProcessing): void {
    this.first.setSelfProcessing(processing);
    this.second?.setSelfProcessing(processing);
  }

  async finish(): Promise<void> {
    await Promise.all([this.first.finish(), this.second?.finish()]);
  }

  /** The first framing's stats with the talk figures the two framings' mean. */
  snapshot(): TalkStats {
    const a = this.first.snapshot();
    if (!this.second) return a;
    return meanStats(a, this.second.snapshot());
  }

  recent(windowMs: number): { selfMs: number; otherMs: number; selfShare: number | null } {
    const a = this.first.recent(windowMs);
    if (!this.second) return a;
    const b = this.second.recent(windowMs);
    const selfMs = (a.selfMs + b.selfMs) / 2;
    const otherMs = (a.otherMs + b.otherMs) / 2;
    return { selfMs, otherMs, selfShare: share(selfMs, otherMs) };
  }

  currentSpeaker(): Speaker {
    return this.first.currentSpeaker();
  }

  /** The first framing's segments. */
  segments(): Record<Party, [number, number][]> {
    return this.first.segments();
  }
}

/** `a` (the first framing's) with its talk, overlap and silence totals, and each minute's, averaged with `b`'s. */
export function meanStats(a: TalkStats, b: TalkStats): TalkStats {
  const selfTalkMs = (a.selfTalkMs + b.selfTalkMs) / 2;
  const otherTalkMs = (a.otherTalkMs + b.otherTalkMs) / 2;
  const minutes = new Map(b.metrics.timeline.map((m) => [m.minute, m]));
  return {
    ...a,
    selfTalkMs,
    otherTalkMs,
    overlapMs: (a.overlapMs + b.overlapMs) / 2,
    silenceMs: (a.silenceMs + b.silenceMs) / 2,
    selfShare: share(selfTalkMs, otherTalkMs),
    metrics: {
      ...a.metrics,
      timeline: a.metrics.timeline.map((m) => {
        const o = minutes.get(m.minute);
        return o
          ? {
              minute: m.minute,
              selfMs: (m.selfMs + o.selfMs) / 2,
              otherMs: (m.otherMs + o.otherMs) / 2,
              overlapMs: (m.overlapMs + o.overlapMs) / 2,
            }
          : m;
      }),
    },
  };
}

const share = (self: number, other: number) => (self + other > 0 ? self / (self + other) : null);
const count = (frames: readonly Frame[] | FrameBlock) => ('count' in frames ? frames.count : frames.length);
