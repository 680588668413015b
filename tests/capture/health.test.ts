import { describe, expect, it } from 'vitest';
import { ChannelMonitor, maxDb, SIGNAL_FLOOR_DB, SILENT_AFTER_MS } from '../../lib/capture/health';

describe('channel health: is each side of the call heard at all', () => {
  it('missing before any frame or without a source; muted when muted', () => {
    const m = new ChannelMonitor();
    expect(m.health(0, { available: true })).toEqual({ state: 'missing', silentForMs: 0 });
    m.frame(-40, 1_000);
    expect(m.health(1_000, { available: false })).toEqual({ state: 'missing', silentForMs: 0 });
    expect(m.health(1_000, { available: true, muted: true })).toEqual({ state: 'muted', silentForMs: 0 });
  });

  it('listening while frames carry signal; silent once none has for SILENT_AFTER_MS', () => {
    const m = new ChannelMonitor();
    m.frame(-40, 0);
    m.frame(SIGNAL_FLOOR_DB - 1, 5_000); // digital silence
    expect(m.health(5_000, { available: true })).toEqual({ state: 'listening', silentForMs: 5_000 });
    expect(m.health(SILENT_AFTER_MS + 1, { available: true })).toEqual({ state: 'silent', silentForMs: SILENT_AFTER_MS + 1 });
    m.frame(-60, 20_000);
    expect(m.health(20_000, { available: true }).state).toBe('listening');
  });

  it('a dead input from the start counts from its first frame', () => {
    const m = new ChannelMonitor();
    m.frame(-Infinity, 2_000);
    expect(m.health(2_000 + SILENT_AFTER_MS + 1, { available: true }).state).toBe('silent');
  });

  it('maxDb: the loudest bin in a range', () => {
    const db = new Float32Array([-90, -20, -70, -10]);
    expect(maxDb(db)).toBe(-10);
    expect(maxDb(db, 0, 3)).toBe(-20);
    expect(maxDb(new Float32Array(0))).toBe(-Infinity);
  });
});
