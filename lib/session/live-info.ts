import { mergeCoverage } from '../capture/coverage';
import type { ChannelMonitor } from '../capture/health';
import type { LiveInfo, TapState } from '../messaging/protocol';
import type { Detection } from '../platforms/detect';
import type { TalkStats } from '../schema';
import type { TalkTimeEngine } from '../talktime/engine';
import type { FrameIntake } from './frame-intake';
import { mergeTalkStats } from './merge';

/** After this long in a call without any remote audio track, the side panel offers tab capture. */
export const SUGGEST_TAB_CAPTURE_AFTER_MS = 5000;

/** What the page and its audio look like now, besides the session itself. */
export interface LiveInfoContext {
  detection: Detection | null;
  tap: TapState | null;
  monitors: { self: ChannelMonitor; other: ChannelMonitor };
  /** The site carries the other party outside WebRTC (Zoom's web client). */
  tabCaptureSite: boolean;
  /** Since when the tap has seen no remote audio track during this session (null: it has one). */
  noRemoteSince: number | null;
  now: number;
}

/**
 * The live figures the side panel shows and the background stores: this page's engine added to
 * what was saved before a reload, coverage, channel health, detection path and tab capture.
 */
export function buildLiveInfo(
  l: {
    engine: Pick<TalkTimeEngine, 'snapshot' | 'recent' | 'currentSpeaker' | 'settledFrames' | 'hasModel'>;
    intake: Pick<FrameIntake, 'coverage' | 'tabCapture'>;
    /** Stats saved before this page load (tab reloaded mid-call). */
    baseline: TalkStats | null;
    /** Session time at which this page's engine started. */
    offsetMs: number;
  },
  c: LiveInfoContext,
): LiveInfo {
  const { engine, intake } = l;
  const current = engine.snapshot();
  const merged = l.baseline ? mergeTalkStats(l.baseline, current, l.offsetMs) : current;
  const stats = { ...merged, capture: mergeCoverage(l.baseline?.capture, intake.coverage.report(c.now, engine.settledFrames)) };
  const selfMuted = c.detection?.micMuted ?? false;
  const capturing = c.tap?.capturing ?? false;
  const tabCapture = intake.tabCapture;
  return {
    stats,
    recent: engine.recent(5 * 60_000),
    currentSpeaker: engine.currentSpeaker(),
    selfMuted,
    health: {
      self: c.monitors.self.health(c.now, { available: (c.tap?.micTracks ?? 0) > 0 && capturing, muted: selfMuted }),
      other: c.monitors.other.health(c.now, {
        available: tabCapture.state === 'listening' || ((c.tap?.remoteAudioTracks ?? 0) > 0 && capturing),
      }),
    },
    detection: c.detection?.path ?? 'generic',
    warning: c.detection?.warning ?? null,
    // The engine is made once the model has loaded (or failed to), so there is no "loading" here.
    model: engine.hasModel ? 'loaded' : 'unavailable',
    tabCapture: {
      suggested: c.tabCaptureSite || (c.noRemoteSince !== null && c.now - c.noRemoteSince >= SUGGEST_TAB_CAPTURE_AFTER_MS),
      state: tabCapture.state,
      error: tabCapture.error,
    },
  };
}
