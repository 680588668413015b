import { describe, expect, it } from 'vitest';
import { allLiveTabs, forgetTabOfSession, liveTabOf, liveTabOfSession, setReconnectBy } from '../../lib/db/live-tabs';
import { startSession } from '../../lib/db/sessions';
import { call, useFreshDb } from './helpers';

describe('live tabs: which call tab holds which live session', () => {
  useFreshDb();

  it('finds a started session’s tab both ways, and forgets it', async () => {
    const session = await startSession(call(null, { tabId: 7 }));
    expect(await liveTabOf(7)).toMatchObject({ tabId: 7, sessionId: session.id });
    expect((await liveTabOfSession(session.id))?.tabId).toBe(7);
    expect(await allLiveTabs()).toHaveLength(1);
    await forgetTabOfSession(session.id);
    expect(await liveTabOf(7)).toBeUndefined();
    expect(await allLiveTabs()).toEqual([]);
  });

  it('marks and clears a pending reconnect; a tab without a session has none to mark', async () => {
    await startSession(call(null, { tabId: 3 }));
    expect(await setReconnectBy(3, 12_345)).toBe(true);
    expect((await liveTabOf(3))?.reconnectBy).toBe(12_345);
    expect(await setReconnectBy(3, null)).toBe(true);
    expect((await liveTabOf(3))?.reconnectBy).toBeUndefined();
    expect(await setReconnectBy(4, 1)).toBe(false);
  });
});
