import type { ChannelHealth } from '../messaging/protocol';

/** A frame whose loudest bin is below this carries no signal (digital silence or a dead input). */
export const SIGNAL_FLOOR_DB = -110;
/** A live microphone always carries some room noise: this long without any means a dead input. */
export const SILENT_AFTER_MS = 15_000;

/** Tracks whether a channel is delivering any signal, for the side panel's health indicator. */
export class ChannelMonitor {
  private lastSignalAt: number | null = null;
  private firstFrameAt: number | null = null;

  /** Records one frame's loudest bin, at `now` ms. */
  frame(maxDb: number, now: number): void {
    this.firstFrameAt ??= now;
    if (maxDb > SIGNAL_FLOOR_DB) this.lastSignalAt = now;
  }

  health(now: number, opts: { available: boolean; muted?: boolean }): ChannelHealth {
    if (!opts.available || this.firstFrameAt === null) return { state: 'missing', silentForMs: 0 };
    if (opts.muted) return { state: 'muted', silentForMs: 0 };
    const since = this.lastSignalAt ?? this.firstFrameAt;
    const silentForMs = Math.max(0, now - since);
    return { state: silentForMs > SILENT_AFTER_MS ? 'silent' : 'listening', silentForMs };
  }
}

/** Loudest bin of a frame's dB values. */
export function maxDb(db: Float32Array, from = 0, to = db.length): number {
  let m = -Infinity;
  for (let i = from; i < to; i++) if (db[i]! > m) m = db[i]!;
  return m;
}
