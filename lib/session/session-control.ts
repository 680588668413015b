import type { ChannelMonitor } from '../capture/health';
import type { ContentToBackground, Reply } from '../messaging';
import type { TalkStats } from '../schema';
import type { CallStartedReply } from '../background/calls';
import { FrameIntake } from './frame-intake';
import type { LiveEngine } from './live-engine';

/** Sends a message to the background; null when it could not be delivered (the next tick retries). */
export type Send = <T>(message: ContentToBackground) => Promise<Reply<T> | null>;

/** One live session in this page. */
export interface LiveSession {
  sessionId: string;
  engine: LiveEngine;
  /** Stats saved before this page load (tab reloaded mid-call), added to the engine's. */
  baseline: TalkStats | null;
  /** Session time at which this page's engine started. */
  offsetMs: number;
  intake: FrameIntake;
}

export interface SessionControlDeps {
  send: Send;
  /** A fresh engine, with the speech model when it can run (loads the engine chunk the first time). */
  createEngine: () => Promise<LiveEngine>;
  /** Commands to the MAIN-world tap. */
  postToTap: (message: { type: 'cs:tap.start'; workletUrl: string } | { type: 'cs:tap.stop' }) => void;
  workletUrl: () => string;
  /** The content script was invalidated (extension reloaded or updated): start nothing. */
  isInvalid: () => boolean;
  monitors: { self: ChannelMonitor; other: ChannelMonitor };
  now?: () => number;
}

/**
 * Starting and stopping this page's live session: asks the background to start (or resume) the
 * session while the engine loads, then starts the tap; on stop, stops the tap and lets the
 * engine settle its last second. Frames go from the session's intake into its engine.
 */
export class SessionControl {
  private current: LiveSession | null = null;
  private starting = false;
  private readonly now: () => number;

  constructor(private readonly deps: SessionControlDeps) {
    this.now = deps.now ?? Date.now;
  }

  get live(): LiveSession | null {
    return this.current;
  }

  /** Starts or resumes the session of this meeting; does nothing while one runs or is starting. */
  async start(call: { platform: Extract<ContentToBackground, { type: 'cs:call.started' }>['platform']; meetingLink: string; title: string }): Promise<void> {
    if (this.current || this.starting) return;
    this.starting = true;
    try {
      // The engine chunk and the model load while the background opens the session.
      const engine = this.deps.createEngine().then(
        (e) => ({ ok: true as const, engine: e }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      const reply = await this.deps.send<CallStartedReply>({ type: 'cs:call.started', ...call });
      const made = await engine;
      if (!reply?.ok || this.deps.isInvalid()) return;
      if (!made.ok) {
        // The session is open but nothing can measure it: the next tick resumes it and tries again.
        console.warn('Rapport:', made.error instanceof Error ? made.error.message : made.error);
        return;
      }
      const { sessionId, startedAt, baseline, paused } = reply.data;
      const intake = new FrameIntake(
        (self, other) => void made.engine.process(self, other).catch(() => undefined),
        this.deps.monitors,
        { paused, now: this.now },
      );
      this.current = { sessionId, engine: made.engine, baseline, offsetMs: baseline ? Math.max(0, this.now() - startedAt) : 0, intake };
      this.deps.postToTap({ type: 'cs:tap.start', workletUrl: this.deps.workletUrl() });
    } finally {
      this.starting = false;
    }
  }

  /** Stops measuring; resolves with the ended session once its engine has settled (null if none, or it failed). */
  async stop(): Promise<LiveSession | null> {
    const ending = this.current;
    if (!ending) return null;
    this.deps.postToTap({ type: 'cs:tap.stop' });
    this.current = null;
    // The engine decides about 1.3 s behind the audio: without this the call's last words
    // would never reach the stored figures.
    const settled = await ending.engine.finish().then(
      () => true,
      () => false,
    );
    return settled ? ending : null;
  }
}
