import type { TalkStats } from '../../schema/talk';
import type { Frame, FrameBlock } from '../features';
import type { Party, SelfProcessing, Speaker, TalkTimeEngine } from './index';

/**
 * How many framings of the same audio the live meter and the analyzer measure on, a
 * 1/FRAMINGS of a hop apart (BENCHMARKS, "Four framings a quarter hop apart").
 */
export const FRAMINGS = 4;

/** Both channels' frames of a later framing (an extractor's `framing: { k, of }`, lib/talktime/features). */
export interface FramingFrames {
  self: readonly Frame[] | FrameBlock;
  other: readonly Frame[] | FrameBlock;
}

/**
 * One call measured on several framings of the same audio, a fraction of a hop apart, each by an
 * engine of its own; the talk figures are their mean. The engine's decisions near its thresholds
 * turn on where the frames fall: the same audio started a fraction of a hop later moved a party's
 * total by up to a tenth of their talk in a drifting room (BENCHMARKS, "Two framings"), and a live
 * call's framing is wherever its audio graph started. Framings spread over a hop err in different
 * directions, and their mean holds far stiller than any one of them.
 *
 * The first framing is the call's own: its settled frames, segments, timeline minutes, who talks
 * now and the turn metrics are the figures' (a mean of timelines is not a timeline); the talk,
 * overlap and silence totals, each minute's and the recent ones are all engines' mean. When the
 * later framings' frames stop coming (a source that makes one framing only, e.g. the tab capture,
 * or a batch short of some of them), their engines are dropped and the first one's figures stand
 * alone from then on.
 */
export class Framings {
  private more: readonly TalkTimeEngine[];

  constructor(
    readonly first: TalkTimeEngine,
    more: readonly TalkTimeEngine[] = [],
  ) {
    this.more = more;
  }

  /** Engines still measuring (all while the later framings keep up, 1 after). */
  get framings(): number {
    return 1 + this.more.length;
  }

  get hasModel(): boolean {
    return this.first.hasModel;
  }

  get settledFrames(): number {
    return this.first.settledFrames;
  }

  /** Frames of both channels; `more` the same stretch on each later framing, in order (short of any: they are dropped). */
  process(self: readonly Frame[] | FrameBlock, other: readonly Frame[] | FrameBlock, more?: readonly FramingFrames[]): Promise<void> {
    const engines = this.more;
    if (
      engines.length > 0 &&
      more?.length === engines.length &&
      more.every((m) => count(m.self) === count(self) && count(m.other) === count(other))
    ) {
      return Promise.all([this.first.process(self, other), ...engines.map((e, i) => e.process(more[i]!.self, more[i]!.other))]).then(
        () => undefined,
      );
    }
    this.more = [];
    return this.first.process(self, other);
  }

  setSelfMuted(muted: boolean): void {
    this.first.setSelfMuted(muted);
    for (const e of this.more) e.setSelfMuted(muted);
  }

  setSelfProcessing(processing: SelfProcessing): void {
    this.first.setSelfProcessing(processing);
    for (const e of this.more) e.setSelfProcessing(processing);
  }

  async finish(): Promise<void> {
    await Promise.all([this.first.finish(), ...this.more.map((e) => e.finish())]);
  }

  /** The first framing's stats with the talk figures all framings' mean. */
  snapshot(): TalkStats {
    return meanStats(
      this.first.snapshot(),
      this.more.map((e) => e.snapshot()),
    );
  }

  recent(windowMs: number): { selfMs: number; otherMs: number; selfShare: number | null } {
    const a = this.first.recent(windowMs);
    if (!this.more.length) return a;
    const all = [a, ...this.more.map((e) => e.recent(windowMs))];
    const selfMs = mean(all.map((r) => r.selfMs));
    const otherMs = mean(all.map((r) => r.otherMs));
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

/**
 * `first` (the first framing's) with its talk, overlap and silence totals averaged with `others'`,
 * and each of its minutes with the others' same minute where they have it.
 */
export function meanStats(first: TalkStats, others: readonly TalkStats[]): TalkStats {
  if (!others.length) return first;
  const all = [first, ...others];
  const selfTalkMs = mean(all.map((s) => s.selfTalkMs));
  const otherTalkMs = mean(all.map((s) => s.otherTalkMs));
  const minutes = others.map((s) => new Map(s.metrics.timeline.map((m) => [m.minute, m])));
  return {
    ...first,
    selfTalkMs,
    otherTalkMs,
    overlapMs: mean(all.map((s) => s.overlapMs)),
    silenceMs: mean(all.map((s) => s.silenceMs)),
    selfShare: share(selfTalkMs, otherTalkMs),
    metrics: {
      ...first.metrics,
      timeline: first.metrics.timeline.map((m) => {
        const same = [m, ...minutes.flatMap((byMinute) => byMinute.get(m.minute) ?? [])];
        return same.length === 1
          ? m
          : {
              minute: m.minute,
              selfMs: mean(same.map((x) => x.selfMs)),
              otherMs: mean(same.map((x) => x.otherMs)),
              overlapMs: mean(same.map((x) => x.overlapMs)),
            };
      }),
    },
  };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const share = (self: number, other: number) => (self + other > 0 ? self / (self + other) : null);
const count = (frames: readonly Frame[] | FrameBlock) => ('count' in frames ? frames.count : frames.length);
