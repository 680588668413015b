import type { LiveInfo } from '../messaging/protocol';
import type { TalkStats } from '../schema';
import type { SelfProcessing } from '../talktime/engine';
import type { CompanionContext } from './companion';
import type { FrameIntake } from './frame-intake';
import type { LiveInfoContext } from './live-info';

/**
 * The contract between the call page's content script and the engine chunk. Types only: the
 * engine, tfjs, the speech model and everything that only runs during a live session (frame
 * intake, coverage, channel health, the live figures) are in a separate chunk
 * (`entrypoints/call-engine.ts`) that the call page loads when a call starts, so the content
 * script on every call-site page stays small.
 */

/** How a live session's measuring starts in this page. */
export interface MeterOptions {
  /** Measuring is paused (the user paused it before a reload). */
  paused: boolean;
  /** Stats saved before this page load (tab reloaded mid-call), added to the engine's. */
  baseline: TalkStats | null;
  /** Session time at which this page's engine starts. */
  offsetMs: number;
}

/** One live session's measuring: frames in, live figures out. */
export interface LiveMeter {
  /** Where the tap's and the tab capture's frames go. */
  readonly intake: Pick<FrameIntake, 'tapFrames' | 'tabFrames' | 'tabState' | 'paused'>;
  /** Muted self time is never self talk. */
  setSelfMuted(muted: boolean): void;
  /** What of the browser's voice processing the microphone goes through (its track's settings say). */
  setSelfProcessing(processing: SelfProcessing): void;
  /** Settles the engine's last seconds (it decides up to ≈ 2 s behind the audio). */
  finish(): Promise<void>;
  /** The live figures, with what the page and the tap show now. */
  info(context: Omit<LiveInfoContext, 'monitors'>): LiveInfo;
}

/** What the engine chunk hands the content script once loaded. */
export interface CallEngineModule {
  /** Starts loading the speech model, so measuring can start at once when the session does. */
  prepare(): Promise<void>;
  /** A meter for a session, with the speech model when it can run (level stage only otherwise). */
  createMeter(options: MeterOptions): Promise<LiveMeter>;
}

/** What the companion chunk hands the call page's content script once loaded. */
export interface CompanionModule {
  /** Starts the companion in this page; `pageMessages` are the tap's messages the watcher saw before (its last state). */
  startCompanion(ctx: CompanionContext, pageMessages: readonly unknown[]): void;
}

/**
 * The parts the call page loads only when needed. Each is a classic script (an IIFE), so the same
 * file works when the content script imports it and when the background injects it (sites the
 * user enabled by hand, where it is not web-accessible). Either way it runs in the content
 * script's isolated world and leaves its module on that world's global — which the page cannot
 * see or write.
 */
export const CHUNKS = {
  /** The companion (session start/stop, the admission gate, live figures' wiring), once the page may hold a call. */
  companion: { path: '/call-companion.js', global: '__rapportCallCompanion' },
  /** The talk-time engine, tfjs and the speech model, once a call starts. */
  engine: { path: '/call-engine.js', global: '__rapportCallEngine' },
} as const;
export type ChunkName = keyof typeof CHUNKS;
