import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleContentMessage, handleTabRemoved, recoverSessions } from '../../lib/background/calls';
import { handleUiMessage } from '../../lib/background/ui';
import { createRelationship, saveSettings } from '../../lib/db';
import { emptyTalkStats } from '../../lib/schema';
import { relationshipInput, useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const ORIGIN = 'chrome-extension://test-extension-id';
const page = (tabId: number, url = 'http://localhost:4823/call/demo-mentoring-room') => ({
  id: 'test-extension-id',
  url,
  tab: { id: tabId },
});
const extensionPage = { id: 'test-extension-id', url: `${ORIGIN}/sidepanel.html` };
const started = { type: 'cs:call.started', platform: 'demo', meetingLink: 'http://localhost:4823/call/demo-mentoring-room', title: 'Demo' };

beforeEach(() => {
  fakeBrowser.reset();
  // No side panel is open in these tests: the note prompt opens as a window.
  (fakeBrowser.runtime as unknown as { getContexts: () => Promise<unknown[]> }).getContexts = async () => [];
});

describe('background: content-script messages are untrusted', () => {
  it('starts a session matched to its relationship by meeting link, and resumes it after a reload', async () => {
    const rel = await createRelationship(relationshipInput);
    const first = await handleContentMessage(started, page(5));
    expect(first).toMatchObject({ ok: true, data: { resumed: false } });
    const session = (await db().sessions.toArray())[0]!;
    expect(session).toMatchObject({ relationshipId: rel.id, status: 'live', stage: 'first-meeting', plannedLengthMin: 45 });
    expect(session.agenda.length).toBeGreaterThan(0);
    const again = await handleContentMessage(started, page(5));
    expect(again).toMatchObject({ ok: true, data: { resumed: true, sessionId: session.id } });
    expect(await db().sessions.count()).toBe(1);
  });

  it('uses the agenda prepared on the options page once, then drafts afresh', async () => {
    const nextAgenda = [{ id: 'a1', title: 'Rehearsal feedback', timeboxMin: 20, goalIds: [], done: false, spentMs: 0 }];
    const rel = await createRelationship({ ...relationshipInput, nextAgenda });
    await handleContentMessage(started, page(5));
    const session = (await db().sessions.toArray())[0]!;
    expect(session.agenda.map((i) => i.title)).toEqual(['Rehearsal feedback']);
    expect((await db().relationships.get(rel.id))?.nextAgenda).toBeNull();
  });

  it('drafts the template agenda in the user’s language', async () => {
    await saveSettings({ language: 'nb' });
    await createRelationship(relationshipInput);
    await handleContentMessage(started, page(5));
    expect((await db().sessions.toArray())[0]!.agenda[0]?.title).toBe('Bli kjent med hverandre');
  });

  it('refuses talk updates for a session of another tab, and writes nothing', async () => {
    await handleContentMessage(started, page(5));
    const session = (await db().sessions.toArray())[0]!;
    const forged = {
      type: 'cs:talk.update',
      sessionId: session.id,
      live: {
        stats: { ...emptyTalkStats(), selfTalkMs: 99_000 },
        recent: { selfMs: 0, otherMs: 0, selfShare: null },
        currentSpeaker: 'none',
        selfMuted: false,
        health: { self: { state: 'listening', silentForMs: 0 }, other: { state: 'listening', silentForMs: 0 } },
        detection: 'adapter',
        warning: null,
        model: 'loaded',
      },
    };
    expect(await handleContentMessage(forged, page(6))).toEqual({
      ok: false,
      error: 'not the live session of this tab',
      code: 'not-live-here',
    });
    expect((await db().sessions.get(session.id))?.talk).toBeNull();
    expect(await handleContentMessage(forged, page(5))).toEqual({ ok: true, data: null });
    expect((await db().sessions.get(session.id))?.talk?.selfTalkMs).toBe(99_000);
  });

  it('rejects malformed messages and messages from outside a tab', async () => {
    expect(await handleContentMessage({ type: 'cs:call.started', platform: 'demo' }, page(5))).toMatchObject({ ok: false });
    expect(await handleContentMessage(started, extensionPage)).toEqual({ ok: false, error: 'not a content script' });
    expect(await db().sessions.count()).toBe(0);
  });

  it('a relay’s wake brings the watcher only into a call site’s top frame', async () => {
    const injected: unknown[] = [];
    Object.assign(fakeBrowser, {
      scripting: {
        executeScript: async (i: { func?: unknown; files?: string[]; target: unknown }) => {
          if (i.func) return [{ frameId: 0, result: false }]; // no watcher there yet
          injected.push({ files: i.files, target: i.target });
          return [{ frameId: 0, result: undefined }];
        },
      },
    });
    const wake = { type: 'cs:watcher.wake' };
    const landing = 'https://meet.google.com/landing';
    expect(await handleContentMessage(wake, { ...page(5, landing), frameId: 3 })).toEqual({ ok: false, error: 'not a call site page' });
    expect(await handleContentMessage(wake, page(5, 'https://example.org/'))).toEqual({ ok: false, error: 'not a call site page' });
    expect(await handleContentMessage(wake, extensionPage)).toEqual({ ok: false, error: 'not a content script' });
    expect(injected).toEqual([]);
    expect(await handleContentMessage(wake, { ...page(5, landing), frameId: 0 })).toEqual({ ok: true, data: null });
    expect(injected).toEqual([{ files: ['/content-scripts/call.js'], target: { tabId: 5, frameIds: [0] } }]);
  });

  it('a page cannot use privileged messages: it cannot end, discard or pause a session', async () => {
    await handleContentMessage(started, page(5));
    const session = (await db().sessions.toArray())[0]!;
    for (const message of [
      { type: 'ui:session.end', sessionId: session.id },
      { type: 'ui:session.discard', sessionId: session.id },
      { type: 'ui:session.pause', sessionId: session.id, paused: true },
    ]) {
      expect(await handleUiMessage(message, page(5))).toEqual({ ok: false, error: 'not an extension page' });
    }
    expect((await db().sessions.get(session.id))?.status).toBe('live');
  });

  it('ending the call ends the session and opens the note prompt', async () => {
    await handleContentMessage(started, page(5));
    const session = (await db().sessions.toArray())[0]!;
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    expect(await handleContentMessage({ type: 'cs:call.ended', reason: 'left' }, page(5))).toEqual({ ok: true, data: null });
    expect((await db().sessions.get(session.id))?.status).toBe('ended');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ type: 'popup', url: `${ORIGIN}/note.html?session=${session.id}` }));
  });

  it('a closed call tab ends its session at the last save', async () => {
    await handleContentMessage(started, page(7));
    const session = (await db().sessions.toArray())[0]!;
    await handleTabRemoved(7);
    expect(await db().sessions.get(session.id)).toMatchObject({ status: 'ended', endedAt: session.lastSavedAt });
  });

  it('after a browser restart, live sessions are kept as interrupted', async () => {
    await handleContentMessage(started, page(8));
    await recoverSessions(true);
    expect((await db().sessions.toArray())[0]?.status).toBe('interrupted');
  });

  it('the UI may end a session from an extension page', async () => {
    await handleContentMessage(started, page(9));
    const session = (await db().sessions.toArray())[0]!;
    expect(await handleUiMessage({ type: 'ui:session.pause', sessionId: session.id, paused: true }, extensionPage)).toEqual({
      ok: true,
      data: null,
    });
    expect((await db().sessions.get(session.id))?.pausedAt).not.toBeNull();
    expect(await handleUiMessage({ type: 'ui:session.end', sessionId: session.id }, extensionPage)).toEqual({ ok: true, data: null });
    const ended = await db().sessions.get(session.id);
    expect(ended).toMatchObject({ status: 'ended', pausedAt: null });
  });
});
