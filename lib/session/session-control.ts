import type { ContentToBackground } from '../messaging/protocol';
import type { Sender } from '../messaging/send';
import type { LiveMeter, MeterOptions } from './live-engine';

/** Sends a message to the background (lib/messaging's send over the page's transport); never throws. */
export type Send = Sender<ContentToBackground>;

/** One live session in this page. */
export interface LiveSession {
  sessionId: string;
  /** Frames in, live figures out (from the engine chunk). */
  meter: LiveMeter;
}

type CallStarted = Extract<ContentToBackground, { type: 'cs:call.started' }>;

export interface SessionControlDeps {
  send: Send;
  /** Loads the engine chunk and starts loading the model (once; later calls are free). */
  prepare: () => Promise<void>;
  /** A meter for the session, once the model has loaded (or failed to). */
  createMeter: (options: MeterOptions) => Promise<LiveMeter>;
  /** Commands to the MAIN-world tap. */
  postToTap: (message: { type: 'cs:tap.start'; workletUrl: string } | { type: 'cs:tap.stop' }) => void;
  workletUrl: () => string;
  /** The content script was invalidated (extension reloaded or updated): start nothing. */
  isInvalid: () => boolean;
  now?: () => number;
}

/**
 * Starting and stopping this page's live session: asks the background to start (or resume) the
 * session while the engine chunk loads, then starts the tap; on stop, stops the tap and lets the
 * engine settle its last second.
 */
export class SessionControl {
  private current: LiveSession | null = null;
  /** The session the background opened for this page, from its reply until stop: held while the meter loads. */
  private opened: string | null = null;
  private starting = false;
  private readonly now: () => number;

  constructor(private readonly deps: SessionControlDeps) {
    this.now = deps.now ?? Date.now;
  }

  get live(): LiveSession | null {
    return this.current;
  }

  /**
   * The session this page holds: the live one, or the one the background opened while its meter
   * is still loading (the model can take seconds on a busy machine, and a site may change its
   * address right after joining — the background then asks whether this page still holds it).
   */
  get heldSessionId(): string | null {
    return this.current?.sessionId ?? this.opened;
  }

  /** Starts or resumes the session of this meeting; does nothing while one runs or is starting. */
  async start(call: Omit<CallStarted, 'type'>): Promise<void> {
    if (this.current || this.starting) return;
    this.starting = true;
    try {
      // The engine chunk and the model load while the background opens the session.
      const prepared = this.deps.prepare().catch(() => undefined);
      // Not delivered (extension reloaded, service worker starting): the next tick tries again.
      const reply = await this.deps.send({ type: 'cs:call.started', ...call });
      if (!reply.ok || this.deps.isInvalid()) return;
      const { sessionId, startedAt, baseline, paused } = reply.data;
      this.opened = sessionId;
      const offsetMs = baseline ? Math.max(0, this.now() - startedAt) : 0;
      await prepared;
      const made = await this.deps.createMeter({ paused, baseline, offsetMs }).then(
        (meter) => ({ ok: true as const, meter }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (this.deps.isInvalid()) {
        this.opened = null;
        return;
      }
      if (!made.ok) {
        // The session is open but nothing can measure it: the next tick resumes it and tries again.
        console.warn('Rapport:', made.error instanceof Error ? made.error.message : made.error);
        return;
      }
      this.current = { sessionId, meter: made.meter };
      this.deps.postToTap({ type: 'cs:tap.start', workletUrl: this.deps.workletUrl() });
    } finally {
      this.starting = false;
    }
  }

  /** Stops measuring; resolves with the ended session once its engine has settled (null if none, or it failed). */
  async stop(): Promise<LiveSession | null> {
    const ending = this.current;
    this.opened = null;
    if (!ending) return null;
    this.deps.postToTap({ type: 'cs:tap.stop' });
    this.current = null;
    // The engine decides up to about 2 s behind the audio: without this the call's last words
    // would never reach the stored figures.
    const settled = await ending.meter.finish().then(
      () => true,
      () => false,
    );
    return settled ? ending : null;
  }
}
