import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleContentMessage, handleTabRemoved, recoverSessions } from '../../lib/background/calls';
import {
  expireReconnect,
  handleTabUpdated,
  navigationVerdict,
  RECONNECT_GRACE_MS,
  resetNavigationState,
} from '../../lib/background/navigation';
import { useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const CALL = 'http://localhost:4823/call/demo-mentoring-room';
const page = (tabId: number) => ({ id: 'test-extension-id', url: CALL, tab: { id: tabId } });
const started = { type: 'cs:call.started', platform: 'demo', meetingLink: CALL, title: 'Demo' };

let windowsOpened = 0;
beforeEach(() => {
  fakeBrowser.reset();
  resetNavigationState();
  windowsOpened = 0;
  (fakeBrowser.runtime as unknown as { getContexts: () => Promise<unknown[]> }).getContexts = async () => [];
  // By default no page answers the background's ping: the tab holds a new page.
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
  vi.spyOn(fakeBrowser.windows, 'create').mockImplementation(() => {
    windowsOpened++;
    return Promise.resolve({}) as never;
  });
});
afterEach(() => {
  resetNavigationState();
  vi.restoreAllMocks();
});

async function startCall(tabId = 5) {
  await handleContentMessage(started, page(tabId));
  return (await db().sessions.toArray())[0]!;
}

describe('navigationVerdict: a page load in a call tab', () => {
  const MEET = 'https://meet.google.com/abc-defg-hij';
  it('is the same meeting coming back on a reload or another address of the meeting', () => {
    expect(navigationVerdict(MEET, MEET, false)).toBe('reconnect');
    expect(navigationVerdict(MEET, `${MEET}?authuser=1`, true)).toBe('reconnect');
    expect(navigationVerdict('https://meet.jit.si/mentorroom', 'https://meet.jit.si/MentorRoom', true)).toBe('reconnect');
    expect(navigationVerdict('https://zoom.us/j/85512345678', 'https://app.zoom.us/wc/85512345678/join', true)).toBe('reconnect');
    // Teams' /v2/ shows no meeting id: a reload there is judged by the new page.
    expect(
      navigationVerdict(
        'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
        'https://teams.microsoft.com/v2/',
        false,
      ),
    ).toBe('reconnect');
  });
  it('is leaving on the site\u2019s close, welcome or post-attendee page, another meeting or another site', () => {
    expect(navigationVerdict('https://meet.jit.si/mentorroom', 'https://meet.jit.si/static/close3.html', true)).toBe('left');
    expect(navigationVerdict('https://meet.jit.si/mentorroom', 'https://meet.jit.si/', true)).toBe('left');
    expect(navigationVerdict('https://zoom.us/j/85512345678', 'https://us02web.zoom.us/postattendee?mn=85512345678', true)).toBe('left');
    expect(navigationVerdict(MEET, 'https://meet.google.com/xyz-abcd-efg', true)).toBe('left');
    expect(navigationVerdict(MEET, 'https://example.com/', true)).toBe('left');
    // A page Rapport may not read (no host access) is not the call.
    expect(navigationVerdict(MEET, undefined, true)).toBe('left');
    expect(navigationVerdict(CALL, 'http://localhost:4823/left.html?room=demo-mentoring-room', true)).toBe('left');
  });
});

describe('background: leaving by page load', () => {
  it('ends the session when the tab loads a page that is not the meeting, and asks for the note once', async () => {
    const session = await startCall();
    await handleTabUpdated(
      5,
      { status: 'loading', url: 'http://localhost:4823/left.html' },
      { url: 'http://localhost:4823/left.html' },
      1000,
    );
    const ended = await db().sessions.get(session.id);
    expect(ended).toMatchObject({ status: 'ended', endedAt: 1000 });
    expect(await db().liveTabs.count()).toBe(0);
    expect(windowsOpened).toBe(1);
    // The page's own "ended" that raced the load, and the tab closing later, change nothing.
    expect(await handleContentMessage({ type: 'cs:call.ended', reason: 'left' }, page(5))).toEqual({ ok: true, data: null });
    await handleTabRemoved(5);
    expect(windowsOpened).toBe(1);
    expect((await db().sessions.get(session.id))?.endedAt).toBe(1000);
  });

  it('the page\u2019s "ended" and the load arriving together end the session once', async () => {
    const session = await startCall();
    await Promise.all([
      handleContentMessage({ type: 'cs:call.ended', reason: 'left' }, page(5)),
      handleTabUpdated(5, { status: 'loading', url: 'http://localhost:4823/left.html' }, {}),
    ]);
    expect((await db().sessions.get(session.id))?.status).toBe('ended');
    expect(windowsOpened).toBe(1);
  });

  it('ignores loads of tabs without a live session, and address changes inside a page', async () => {
    await handleTabUpdated(9, { status: 'loading', url: 'https://example.com/' }, {});
    const session = await startCall();
    await handleTabUpdated(5, { url: 'http://localhost:4823/somewhere-else' }, { url: 'http://localhost:4823/somewhere-else' });
    await handleTabUpdated(5, { status: 'complete' }, { url: CALL });
    expect((await db().sessions.get(session.id))?.status).toBe('live');
    expect(windowsOpened).toBe(0);
  });

  it('an address change inside the page (pushState, hash) that Chromium reports as "loading" ends nothing', async () => {
    const session = await startCall();
    const ping = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, data: { holds: true } } as never);
    await handleTabUpdated(
      5,
      { status: 'loading', url: 'http://localhost:4823/call/joined' },
      { url: 'http://localhost:4823/call/joined' },
    );
    expect(ping).toHaveBeenCalledWith(5, { type: 'bg:session.ping', sessionId: session.id }, { frameId: 0 });
    expect((await db().sessions.get(session.id))?.status).toBe('live');
    expect((await db().liveTabs.get(5))?.reconnectBy).toBeUndefined();
    // A page that answers but holds no session (a new page of the site) is a new page.
    ping.mockResolvedValue({ ok: true, data: { holds: false } } as never);
    await handleTabUpdated(5, { status: 'loading', url: 'http://localhost:4823/left.html' }, {});
    expect((await db().sessions.get(session.id))?.status).toBe('ended');
    expect(windowsOpened).toBe(1);
  });

  it('a reload that rejoins within the grace continues the same session', async () => {
    const session = await startCall();
    await handleTabUpdated(5, { status: 'loading' }, { url: CALL });
    expect((await db().liveTabs.get(5))?.reconnectBy).toBeGreaterThan(Date.now());
    const again = await handleContentMessage(started, page(5));
    expect(again).toMatchObject({ ok: true, data: { resumed: true, sessionId: session.id } });
    expect((await db().liveTabs.get(5))?.reconnectBy).toBeUndefined();
    await expireReconnect(5, Date.now() + RECONNECT_GRACE_MS + 1);
    expect((await db().sessions.get(session.id))?.status).toBe('live');
    expect(windowsOpened).toBe(0);
  });

  it('a reloaded page that no longer sees the meeting id (Zoom, Teams /v2/) rejoins the same session; another meeting does not', async () => {
    const zoom = (link: string) => ({ type: 'cs:call.started', platform: 'zoom', meetingLink: link, title: 'Zoom' });
    await handleContentMessage(zoom('https://zoom.us/j/85512345678'), page(7));
    const [session] = await db().sessions.toArray();
    await handleTabUpdated(7, { status: 'loading' }, { url: 'https://app.zoom.us/wc/join' });
    expect(await handleContentMessage(zoom('https://app.zoom.us/wc/join'), page(7))).toMatchObject({
      ok: true,
      data: { resumed: true, sessionId: session!.id },
    });
    expect(await handleContentMessage(zoom('https://us02web.zoom.us/j/85512345678?pwd=x'), page(7))).toMatchObject({
      data: { resumed: true, sessionId: session!.id },
    });
    expect(await handleContentMessage(zoom('https://zoom.us/j/99912345678'), page(7))).toMatchObject({ data: { resumed: false } });
    expect((await db().sessions.get(session!.id))?.status).toBe('ended');
  });

  it('a reload that does not rejoin ends the session at its last save and asks for the note', async () => {
    const session = await startCall();
    const loadedAt = Date.now();
    await handleTabUpdated(5, { status: 'loading' }, { url: CALL }, loadedAt);
    await expireReconnect(5, loadedAt + 1000);
    expect((await db().sessions.get(session.id))?.status).toBe('live'); // not yet
    await expireReconnect(5, loadedAt + RECONNECT_GRACE_MS + 1);
    const ended = await db().sessions.get(session.id);
    expect(ended).toMatchObject({ status: 'ended', endedAt: session.lastSavedAt });
    expect(windowsOpened).toBe(1);
  });

  it('a load whose address arrives after "loading" is judged by that address', async () => {
    const session = await startCall();
    await handleTabUpdated(5, { status: 'loading' }, { url: CALL });
    await handleTabUpdated(5, { url: 'http://localhost:4823/left.html' }, { url: 'http://localhost:4823/left.html' });
    expect((await db().sessions.get(session.id))?.status).toBe('ended');
    expect(windowsOpened).toBe(1);
  });

  it('a restarted worker ends reloads whose grace ran out while it was stopped', async () => {
    const session = await startCall();
    await handleTabUpdated(5, { status: 'loading' }, { url: CALL }, Date.now() - RECONNECT_GRACE_MS - 5000);
    resetNavigationState(); // the worker stopped: its timers are gone, the database remembers
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5 }] as never);
    await recoverSessions(false);
    expect((await db().sessions.get(session.id))?.status).toBe('ended');
    expect(windowsOpened).toBe(1);
  });
});
