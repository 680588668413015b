import { describe, expect, it } from 'vitest';
import { combineDetection } from '../../lib/platforms/detect';
import { jitsiAdapter } from '../../lib/platforms/jitsi';
import { meetAdapter } from '../../lib/platforms/meet';
import { teamsAdapter } from '../../lib/platforms/teams';
import type { CallDomState, PlatformAdapter } from '../../lib/platforms/types';
import { wherebyAdapter } from '../../lib/platforms/whereby';
import { zoomAdapter } from '../../lib/platforms/zoom';
import { fixture, parseHtml } from './helpers';

interface Case {
  adapter: PlatformAdapter;
  site: string;
  file: string;
  url: string;
  expected: CallDomState;
}

const MEET = 'https://meet.google.com/abc-defg-hij';
const ZOOM_WC = 'https://app.zoom.us/wc/85512345678/join?pwd=Abc123&from=pwa';
const ZOOM_LINK = 'https://zoom.us/j/85512345678';
const TEAMS_JOIN =
  'https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19:meeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm@thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%22a1b2%22%7d&anon=true';
const TEAMS_LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm%40thread.v2/0';
const JITSI = 'https://meet.jit.si/MentoringKariOla';
// The server lowercases room names, and so does the meeting's link.
const JITSI_LINK = 'https://meet.jit.si/mentoringkariola';
const WHEREBY = 'https://whereby.com/mentoring-kari-ola';

const unknown = (meetingLink: string | null): CallDomState => ({ inCall: null, ended: null, micMuted: null, meetingLink, title: null });

const CASES: Case[] = [
  // Google Meet
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'prejoin',
    url: MEET,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: MEET, title: null },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'lobby-nb',
    url: MEET,
    expected: { inCall: false, ended: false, micMuted: true, meetingLink: MEET, title: null },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'in-call',
    url: `${MEET}?authuser=1`,
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: MEET, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'in-call-muted-nb',
    url: MEET,
    expected: { inCall: true, ended: false, micMuted: true, meetingLink: MEET, title: null },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'left',
    url: MEET,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: MEET, title: null },
  },
  { adapter: meetAdapter, site: 'meet', file: 'redesigned', url: MEET, expected: unknown(MEET) },
  // Zoom
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'prejoin',
    url: ZOOM_WC,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: ZOOM_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'launch',
    url: 'https://us02web.zoom.us/j/85512345678?pwd=Abc123',
    expected: { inCall: false, ended: false, micMuted: null, meetingLink: ZOOM_LINK, title: null },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'in-call',
    url: ZOOM_WC,
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: ZOOM_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'in-call-muted',
    url: ZOOM_WC,
    expected: { inCall: true, ended: false, micMuted: true, meetingLink: ZOOM_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'in-call-no-audio',
    url: 'https://zoom.us/wc/join/85512345678',
    expected: { inCall: true, ended: false, micMuted: true, meetingLink: ZOOM_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'left',
    url: ZOOM_WC,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: ZOOM_LINK, title: null },
  },
  { adapter: zoomAdapter, site: 'zoom', file: 'redesigned', url: ZOOM_WC, expected: unknown(ZOOM_LINK) },
  // Microsoft Teams
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'prejoin',
    url: TEAMS_JOIN,
    expected: { inCall: false, ended: false, micMuted: true, meetingLink: TEAMS_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'in-call',
    url: 'https://teams.microsoft.com/v2/',
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: null, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'in-call-muted-nb',
    url: 'https://teams.live.com/meet/9381234567123?p=AbCdEfGhIj',
    expected: { inCall: true, ended: false, micMuted: true, meetingLink: 'https://teams.live.com/meet/9381234567123', title: null },
  },
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'left',
    url: TEAMS_JOIN,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: TEAMS_LINK, title: null },
  },
  { adapter: teamsAdapter, site: 'teams', file: 'redesigned', url: TEAMS_JOIN, expected: unknown(TEAMS_LINK) },
  // Jitsi Meet
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'prejoin',
    url: JITSI,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: JITSI_LINK, title: null },
  },
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'in-call',
    url: `${JITSI}#config.startWithAudioMuted=false`,
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: JITSI_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'in-call-muted-nb',
    url: JITSI,
    expected: { inCall: true, ended: false, micMuted: true, meetingLink: JITSI_LINK, title: 'Mentoring: Kari and Ola' },
  },
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'left',
    url: 'https://meet.jit.si/static/close3.html?guest=true',
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: null, title: null },
  },
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'left-in-room',
    url: JITSI,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: JITSI_LINK, title: null },
  },
  { adapter: jitsiAdapter, site: 'jitsi', file: 'redesigned', url: JITSI, expected: unknown(JITSI_LINK) },
  // Whereby
  {
    adapter: wherebyAdapter,
    site: 'whereby',
    file: 'prejoin',
    url: WHEREBY,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: WHEREBY, title: null },
  },
  {
    adapter: wherebyAdapter,
    site: 'whereby',
    file: 'in-call',
    url: `${WHEREBY}?lang=en`,
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: WHEREBY, title: null },
  },
  {
    adapter: wherebyAdapter,
    site: 'whereby',
    file: 'in-call-muted-nb',
    url: 'https://KariOla.whereby.com/mentoring',
    expected: { inCall: true, ended: false, micMuted: true, meetingLink: 'https://kariola.whereby.com/mentoring', title: null },
  },
  {
    adapter: wherebyAdapter,
    site: 'whereby',
    file: 'left',
    url: WHEREBY,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: WHEREBY, title: null },
  },
  { adapter: wherebyAdapter, site: 'whereby', file: 'redesigned', url: WHEREBY, expected: unknown(WHEREBY) },
  // Issue 17: lobby / in call / left, rebuilt from what meeting bots and Jitsi's source show.
  // Meet's lobby shows the call's controls and an effects tile: only its words tell.
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'lobby-asking',
    url: MEET,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: MEET, title: null },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'lobby-host-wait',
    url: MEET,
    expected: { inCall: false, ended: false, micMuted: true, meetingLink: MEET, title: null },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'lobby-asking-nb',
    url: MEET,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: MEET, title: null },
  },
  {
    adapter: meetAdapter,
    site: 'meet',
    file: 'denied',
    url: MEET,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: MEET, title: null },
  },
  // A members-only Jitsi room waiting for its moderator already shows the conference page.
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'members-only-wait',
    url: JITSI,
    expected: { inCall: false, ended: false, micMuted: null, meetingLink: JITSI_LINK, title: null },
  },
  {
    adapter: jitsiAdapter,
    site: 'jitsi',
    file: 'lobby',
    url: JITSI,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: JITSI_LINK, title: null },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'in-call-footer-base',
    url: 'https://app.zoom.us/wc/85512345678/start',
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: ZOOM_LINK, title: null },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'waiting-room',
    url: ZOOM_WC,
    expected: { inCall: false, ended: false, micMuted: null, meetingLink: ZOOM_LINK, title: null },
  },
  {
    adapter: zoomAdapter,
    site: 'zoom',
    file: 'ended-by-host',
    url: 'https://app.zoom.us/wc/85512345678/start',
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: ZOOM_LINK, title: null },
  },
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'lobby',
    url: TEAMS_JOIN,
    expected: { inCall: false, ended: false, micMuted: false, meetingLink: TEAMS_LINK, title: 'Mentoring: Kari and Ola' },
  },
  // teams.cloud.microsoft: no id in the address; the thread id comes from the page.
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'in-call-group',
    url: 'https://teams.cloud.microsoft/',
    expected: { inCall: true, ended: false, micMuted: false, meetingLink: TEAMS_LINK, title: null },
  },
  {
    adapter: teamsAdapter,
    site: 'teams',
    file: 'denied',
    url: TEAMS_JOIN,
    expected: { inCall: false, ended: true, micMuted: null, meetingLink: TEAMS_LINK, title: null },
  },
];

describe('call-site adapters on their saved pages', () => {
  it.each(CASES.map((c) => [`${c.site}/${c.file}`, c] as const))('%s', (_name, c) => {
    const url = new URL(c.url);
    expect(c.adapter.matches(url)).toBe(true);
    expect(c.adapter.read(fixture(c.site, c.file), url)).toEqual(c.expected);
  });

  it('covers every site with pre-join, in call (mic on and muted), left and redesigned pages', () => {
    for (const site of ['meet', 'zoom', 'teams', 'jitsi', 'whereby']) {
      const files = CASES.filter((c) => c.site === site).map((c) => c.file);
      expect(files).toContain('prejoin');
      expect(files).toContain('redesigned');
      expect(files.some((f) => f.startsWith('left'))).toBe(true);
      const inCall = CASES.filter((c) => c.site === site && c.expected.inCall === true);
      expect(inCall.map((c) => c.expected.micMuted).sort()).toEqual(expect.arrayContaining([false, true]));
    }
  });
});

describe('page changed beyond recognition', () => {
  const tapInCall = { peerConnections: 1, remoteAudioTracks: 1, micTracks: 1, micEnabled: true, capturing: true, error: null };
  const redesigned = CASES.filter((c) => c.file === 'redesigned');

  it.each(redesigned.map((c) => [c.site, c] as const))('%s: falls back to the generic path and warns', (_site, c) => {
    const dom = c.adapter.read(fixture(c.site, c.file), new URL(c.url));
    const detection = combineDetection(dom, tapInCall, true);
    expect(detection).toEqual({
      inCall: true,
      ended: false,
      micMuted: false,
      meetingLink: c.expected.meetingLink,
      path: 'generic',
      warning: 'layout-lost',
    });
  });

  it.each(CASES.filter((c) => c.file !== 'redesigned').map((c) => [`${c.site}/${c.file}`, c] as const))(
    '%s is recognised: the adapter path, no warning',
    (_name, c) => {
      const detection = combineDetection(c.adapter.read(fixture(c.site, c.file), new URL(c.url)), tapInCall, true);
      expect(detection.path).toBe('adapter');
      expect(detection.warning).toBeNull();
    },
  );
});

describe('reading never throws', () => {
  const adapters = [meetAdapter, zoomAdapter, teamsAdapter, jitsiAdapter, wherebyAdapter];

  it.each(adapters.map((a) => [a.id, a] as const))('%s: an empty page is "don\'t know"', (_id, adapter) => {
    const state = adapter.read(parseHtml('<!doctype html><html><body></body></html>'), new URL('https://example.org/x'));
    expect(state.inCall).toBeNull();
    expect(state.ended).toBeNull();
    expect(state.micMuted).toBeNull();
  });

  it.each(adapters.map((a) => [a.id, a] as const))('%s: a document whose queries throw is "don\'t know"', (_id, adapter) => {
    const hostile = {
      querySelector: () => {
        throw new Error('boom');
      },
      querySelectorAll: () => {
        throw new Error('boom');
      },
      get body(): never {
        throw new Error('boom');
      },
    } as unknown as Document;
    const state = adapter.read(hostile, new URL(MEET));
    expect(state.inCall).toBeNull();
    expect(state.ended).toBeNull();
  });
});

describe('script text is not the screen', () => {
  it('Meet pre-join carries "You left the meeting" in a script and is still pre-join', () => {
    const state = meetAdapter.read(fixture('meet', 'prejoin'), new URL(MEET));
    expect(state.ended).toBe(false);
  });

  it('a chat line saying "you left the meeting" does not end a Meet call', () => {
    const state = meetAdapter.read(fixture('meet', 'in-call'), new URL(MEET));
    expect(state.inCall).toBe(true);
    expect(state.ended).toBe(false);
  });
});

describe('Zoom client inside the app shell', () => {
  it('reads the same-origin #webclient frame when the shell holds one', () => {
    const shell = parseHtml('<!doctype html><html><body><div id="root"><iframe id="webclient" title="Zoom"></iframe></div></body></html>');
    const frame = shell.querySelector('iframe#webclient');
    Object.defineProperty(frame, 'contentDocument', { value: fixture('zoom', 'in-call-muted') });
    expect(zoomAdapter.read(shell, new URL(ZOOM_WC))).toMatchObject({ inCall: true, ended: false, micMuted: true });
  });

  it('reads the shell itself when the frame cannot be reached', () => {
    const shell = parseHtml('<!doctype html><html><body><iframe id="webclient"></iframe></body></html>');
    Object.defineProperty(shell.querySelector('iframe#webclient'), 'contentDocument', {
      get() {
        throw new Error('SecurityError: cross-origin frame');
      },
    });
    expect(zoomAdapter.read(shell, new URL(ZOOM_WC))).toEqual(unknown(ZOOM_LINK));
  });
});

describe('what else a call page shows does not end the call', () => {
  function withExtra(site: string, file: string, html: string): Document {
    const doc = fixture(site, file);
    const extra = doc.createElement('div');
    extra.innerHTML = html;
    doc.body.appendChild(extra);
    return doc;
  }

  it('Teams: a reminder to join the next meeting during a call', () => {
    const doc = withExtra(
      'teams',
      'in-call',
      '<div role="alert"><h2>Weekly planning is starting</h2><p>Someone will let you in soon</p><button>Join now</button></div>',
    );
    expect(teamsAdapter.read(doc, new URL('https://teams.microsoft.com/v2/'))).toMatchObject({ inCall: true, ended: false });
  });

  it('Teams: the quality survey of an earlier call, or a Rejoin offer in chat', () => {
    const doc = withExtra('teams', 'in-call', '<div role="dialog"><h2>How was the call quality?</h2><button>Rejoin</button></div>');
    expect(teamsAdapter.read(doc, new URL('https://teams.microsoft.com/v2/'))).toMatchObject({ inCall: true, ended: false });
  });

  it('Meet: lobby words said in the chat or captions, or sitting in a script, do not put the user back in the lobby', () => {
    const doc = withExtra(
      'meet',
      'in-call',
      '<div aria-live="polite"><span>Kari: I was asking to be let in for ages</span></div>' +
        '<div role="log"><div>You\'ll join the call when someone lets you in</div></div>' +
        '<script>var t = "Asking to be let in";</script>',
    );
    expect(meetAdapter.read(doc, new URL(MEET))).toMatchObject({ inCall: true, ended: false });
    // The same words in a plain element are the lobby's own.
    const lobby = withExtra('meet', 'in-call', '<div><div>Asking to be let in…</div></div>');
    expect(meetAdapter.read(lobby, new URL(MEET))).toMatchObject({ inCall: false, ended: false });
  });

  it('Meet: a "Join now" offer (breakout room) during a call', () => {
    const doc = withExtra(
      'meet',
      'in-call',
      '<div role="dialog"><p>You have been invited to a breakout room</p><button>Join now</button></div>',
    );
    expect(meetAdapter.read(doc, new URL(MEET))).toMatchObject({ inCall: true, ended: false });
  });

  it('Zoom: preview elements left behind once the meeting footer is there', () => {
    const doc = withExtra(
      'zoom',
      'in-call',
      '<div hidden><input id="input-for-name" /><button class="preview-join-button">Join</button></div>',
    );
    expect(zoomAdapter.read(doc, new URL(ZOOM_WC))).toMatchObject({ inCall: true, ended: false, micMuted: false });
  });

  it('Whereby: a chat message with a Join button for another room', () => {
    const doc = withExtra('whereby', 'in-call', '<div role="log"><p>Kari: join my other room later</p><button>Join</button></div>');
    expect(wherebyAdapter.read(doc, new URL(WHEREBY))).toMatchObject({ inCall: true, ended: false });
  });

  it('Jitsi: feedback given during the call (the toolbar offers it) does not end the call', () => {
    const doc = withExtra('jitsi', 'in-call', '<div class="modal-dialog feedback-dialog" role="dialog"><h1>How was your call?</h1></div>');
    expect(jitsiAdapter.read(doc, new URL(JITSI))).toMatchObject({ inCall: true, ended: false });
  });

  it('Jitsi: a participant named "Thank you for using" does not end the call', () => {
    const doc = withExtra('jitsi', 'in-call', '<span class="displayname">Thank you for using Jitsi</span>');
    expect(jitsiAdapter.read(doc, new URL(JITSI))).toMatchObject({ inCall: true, ended: false });
  });
});

describe('every fixture says where its markup comes from (issue 17)', () => {
  it('Meet, Zoom, Teams and Jitsi fixtures name the code they were built from or checked against', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', 'fixtures', 'platforms');
    for (const site of ['meet', 'zoom', 'teams', 'jitsi']) {
      for (const file of readdirSync(join(root, site))) {
        const head = readFileSync(join(root, site, file), 'utf8').split('-->')[0] ?? '';
        expect(/Markup source:|Checked for issue 17 against/.test(head), `${site}/${file}`).toBe(true);
        expect(/Vexa|attendee|meeting-bot|jitsi\/jitsi-meet/.test(head), `${site}/${file}`).toBe(true);
      }
    }
  });
});
