import type { TalkStats } from '../../schema/talk';
import { FRAME_MS } from '../features';
import type { TalkTimeConfig } from './config';

export type Party = 'self' | 'other';
/** Who is talking at one moment. */
export type Speaker = 'self' | 'other' | 'both' | 'none';

const msOf = (frames: number) => frames * FRAME_MS;

/** Frame f is placed at the middle hop of its window: [(f + 0.5)·hop, (f + 1.5)·hop). */
const segmentMs = ([a, b]: [number, number]): [number, number] => [
  Math.round((a + 0.5) * FRAME_MS * 10) / 10,
  Math.round((b + 0.5) * FRAME_MS * 10) / 10,
];

const otherParty = (p: Party): Party => (p === 'self' ? 'other' : 'self');

/** Conversation metrics, kept up to date frame by frame from the final decisions of both parties. */
export class ConversationMetrics {
  /** Frames pushed so far. */
  frames = 0;
  private readonly talk = { self: 0, other: 0 };
  private overlap = 0;
  private silence = 0;
  private switches = 0;
  /** Closed talk segments per party, in frames [start, end). */
  private readonly segments: Record<Party, [number, number][]> = { self: [], other: [] };
  /** Start frame of each party's open segment (−1: not talking). */
  private readonly openStart: Record<Party, number> = { self: -1, other: -1 };
  private readonly lastEnd: Record<Party, number> = { self: -1, other: -1 };
  private readonly longest = { self: 0, other: 0 };
  /** Sum and count of the silences before each party took over from the other. */
  private readonly gapSum = { self: 0, other: 0 };
  private readonly gapCount = { self: 0, other: 0 };
  private readonly interruptions = { self: 0, other: 0 };
  /** A party started over the other's long turn; it counts once the new turn lasts. */
  private readonly pendingInterrupt = { self: false, other: false };
  /** Who last talked alone. */
  private lastSolo: Party | null = null;
  private readonly timeline: { minute: number; self: number; other: number; overlap: number }[] = [];

  constructor(private readonly cfg: Pick<TalkTimeConfig, 'interruptAfterFrames' | 'interruptMinFrames'>) {}

  push(self: boolean, other: boolean): void {
    const f = this.frames++;
    // Starts first, so a simultaneous start sees the other's state before this frame.
    const wasSelf = this.openStart.self >= 0;
    const wasOther = this.openStart.other >= 0;
    this.edge('self', self, wasOther, f);
    this.edge('other', other, wasSelf, f);
    if (self) this.talk.self++;
    if (other) this.talk.other++;
    if (self && other) this.overlap++;
    if (!self && !other) this.silence++;
    this.addToTimeline(f, self, other);
    const solo: Party | null = self && !other ? 'self' : other && !self ? 'other' : null;
    if (solo && solo !== this.lastSolo) {
      if (this.lastSolo) {
        this.switches++;
        this.gapSum[solo] += Math.max(0, this.openStart[solo] - this.lastEnd[this.lastSolo]);
        this.gapCount[solo]++;
      }
      this.lastSolo = solo;
    }
    for (const p of ['self', 'other'] as const) {
      const start = this.openStart[p];
      if (start >= 0 && this.pendingInterrupt[p] && f + 1 - start >= this.cfg.interruptMinFrames) {
        this.interruptions[p]++;
        this.pendingInterrupt[p] = false;
      }
    }
  }

  private addToTimeline(f: number, self: boolean, other: boolean): void {
    const minute = Math.floor(((f + 1) * FRAME_MS) / 60000);
    let row = this.timeline[this.timeline.length - 1];
    if (!row || row.minute !== minute) {
      row = { minute, self: 0, other: 0, overlap: 0 };
      this.timeline.push(row);
    }
    if (self) row.self++;
    if (other) row.other++;
    if (self && other) row.overlap++;
  }

  private edge(p: Party, active: boolean, otherWasActive: boolean, f: number): void {
    const start = this.openStart[p];
    if (active && start < 0) {
      this.openStart[p] = f;
      this.pendingInterrupt[p] = otherWasActive && f - this.openStart[otherParty(p)] >= this.cfg.interruptAfterFrames;
    } else if (!active && start >= 0) {
      this.segments[p].push([start, f]);
      this.longest[p] = Math.max(this.longest[p], f - start);
      this.lastEnd[p] = f;
      this.openStart[p] = -1;
      this.pendingInterrupt[p] = false;
    }
  }

  /** Totals and conversation metrics over every frame pushed. */
  stats(): TalkStats {
    const durationMs = msOf(this.frames);
    const self = msOf(this.talk.self);
    const other = msOf(this.talk.other);
    const longest = (p: Party) => Math.max(this.longest[p], this.openStart[p] >= 0 ? this.frames - this.openStart[p] : 0);
    const gap = (p: Party) => (this.gapCount[p] > 0 ? msOf(this.gapSum[p] / this.gapCount[p]) : null);
    return {
      durationMs,
      selfTalkMs: self,
      otherTalkMs: other,
      overlapMs: msOf(this.overlap),
      silenceMs: msOf(this.silence),
      selfShare: self + other > 0 ? self / (self + other) : null,
      metrics: {
        longestMonologueMs: { self: msOf(longest('self')), other: msOf(longest('other')) },
        turnSwitchesPerMin: durationMs > 0 ? this.switches / (durationMs / 60000) : 0,
        meanResponseGapMs: { self: gap('self'), other: gap('other') },
        interruptions: { self: this.interruptions.self, other: this.interruptions.other },
        timeline: this.timeline.map((r) => ({
          minute: r.minute,
          selfMs: msOf(r.self),
          otherMs: msOf(r.other),
          overlapMs: msOf(r.overlap),
        })),
      },
    };
  }

  /** Talk in the last `windowMs` ("last 5 minutes"). */
  recent(windowMs: number): { selfMs: number; otherMs: number; selfShare: number | null } {
    const from = Math.max(0, this.frames - Math.ceil(windowMs / FRAME_MS));
    const selfMs = msOf(this.activeSince('self', from));
    const otherMs = msOf(this.activeSince('other', from));
    return { selfMs, otherMs, selfShare: selfMs + otherMs > 0 ? selfMs / (selfMs + otherMs) : null };
  }

  /** Who talks in the latest frame. */
  currentSpeaker(): Speaker {
    const s = this.openStart.self >= 0;
    const o = this.openStart.other >= 0;
    return s && o ? 'both' : s ? 'self' : o ? 'other' : 'none';
  }

  /** Talk segments in ms, the open one cut at the latest frame; frame f spans [(f+0.5)·hop, (f+1.5)·hop). */
  segmentsMs(p: Party): [number, number][] {
    const out = this.segments[p].slice();
    if (this.openStart[p] >= 0) out.push([this.openStart[p], this.frames]);
    return out.map(segmentMs);
  }

  /** Active frames of party p in [from, frames). */
  private activeSince(p: Party, from: number): number {
    let n = 0;
    if (this.openStart[p] >= 0) n += this.frames - Math.max(from, this.openStart[p]);
    const segs = this.segments[p];
    for (let i = segs.length - 1; i >= 0; i--) {
      const [a, b] = segs[i]!;
      if (b <= from) break;
      n += b - Math.max(a, from);
    }
    return n;
  }
}
