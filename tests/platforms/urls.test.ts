import { describe, expect, it } from 'vitest';
import { demoAdapter } from '../../lib/platforms/demo';
import { jitsiAdapter } from '../../lib/platforms/jitsi';
import { linkMatches } from '../../lib/platforms/link';
import { meetAdapter } from '../../lib/platforms/meet';
import { ADAPTERS, adapterFor, canonicalMeetingLink } from '../../lib/platforms/registry';
import { teamsAdapter, teamsThreadFromPage } from '../../lib/platforms/teams';
import {
  SITE_URLS,
  jitsiMeetingLink,
  meetMeetingLink,
  siteUrlsFor,
  teamsMeetingLink,
  wherebyMeetingLink,
  zoomMeetingLink,
} from '../../lib/platforms/urls';
import { wherebyAdapter } from '../../lib/platforms/whereby';
import { zoomAdapter } from '../../lib/platforms/zoom';
import { parseHtml } from './helpers';

const u = (s: string) => new URL(s);

describe('one meeting, one identity (issue 17)', () => {
  const thread = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm%40thread.v2/0';
  const threadId = '19:meeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm@thread.v2';

  it('Teams guest launcher: the thread id from the coords parameter', () => {
    const coords = btoa(JSON.stringify({ conversationId: threadId, tenantId: 't-1', messageId: '0', organizerId: 'o-1' }));
    const url = u(
      `https://teams.microsoft.com/light-meetings/launch?agent=web&version=25010000000&coords=${encodeURIComponent(coords)}&deeplinkId=abc`,
    );
    expect(teamsAdapter.isMeetingUrl(url)).toBe(true);
    expect(teamsMeetingLink(url)).toBe(thread);
    // A launcher whose coords are not base64 JSON names no meeting, and does not throw.
    expect(teamsMeetingLink(u('https://teams.microsoft.com/light-meetings/launch?coords=%%%not-base64'))).toBeNull();
    expect(teamsMeetingLink(u(`https://teams.microsoft.com/light-meetings/launch?coords=${btoa('{"conversationId":42}')}`))).toBeNull();
  });

  it('Teams: the meeting id in the hash (#/meet/<id>), on either enterprise host', () => {
    const link = 'https://teams.microsoft.com/meet/2345678901234';
    expect(teamsMeetingLink(u('https://teams.microsoft.com/v2/?meetingjoin=true#/meet/2345678901234?p=xyz&anon=true'))).toBe(link);
    expect(teamsMeetingLink(u('https://teams.cloud.microsoft/#/meet/2345678901234?p=xyz'))).toBe(link);
    expect(teamsMeetingLink(u('https://teams.cloud.microsoft/meet/2345678901234?p=xyz'))).toBe(link);
    expect(teamsAdapter.isMeetingUrl(u('https://teams.microsoft.com/v2/#/meet/2345678901234'))).toBe(true);
  });

  it('Teams on teams.cloud.microsoft: the thread id from the page, two meetings stay two', () => {
    const page = (id: string) => parseHtml(`<html><body><a href="/v2/#/l/chat/${id}/conversations">chat</a></body></html>`);
    expect(teamsThreadFromPage(page(threadId))).toBe(thread);
    expect(teamsThreadFromPage(page(encodeURIComponent(threadId)))).toBe(thread);
    const other = teamsThreadFromPage(page('19:meeting_ZmZmZmZmZmYtMTIzNC00NTY3LTg5YWItY2RlZjAxMjM0NTY3@thread.v2'));
    expect(other).not.toBe(thread);
    expect(teamsThreadFromPage(parseHtml('<html><body>No meeting here</body></html>'))).toBeNull();
    // A page naming several meeting threads (the chat list) does not say which is the call.
    const both = parseHtml(
      `<html><body><a href="/l/chat/${threadId}/x">a</a><a href="/l/chat/19:meeting_ZmZmZmZmZmYtMTIzNC00NTY3LTg5YWItY2RlZjAxMjM0NTY3@thread.v2/x">b</a></body></html>`,
    );
    expect(teamsThreadFromPage(both)).toBeNull();
    // The chat app without a call names no meeting, whatever threads it lists.
    expect(teamsAdapter.read(page(threadId), u('https://teams.cloud.microsoft/')).meetingLink).toBeNull();
  });

  it('Zoom: /wc/, /j/ and /w/ (webinars) are one meeting', () => {
    const link = 'https://zoom.us/j/85512345678';
    for (const url of [
      'https://app.zoom.us/wc/85512345678/join',
      'https://us02web.zoom.us/j/85512345678?pwd=x',
      'https://acme.zoom.us/w/85512345678?tk=y',
    ]) {
      expect(zoomMeetingLink(u(url)), url).toBe(link);
      expect(canonicalMeetingLink(url), url).toBe(link);
    }
  });
});

describe('meeting URLs and stable links', () => {
  it('Google Meet: the meeting code is the meeting', () => {
    expect(meetAdapter.isMeetingUrl(u('https://meet.google.com/abc-defg-hij'))).toBe(true);
    expect(meetAdapter.isMeetingUrl(u('https://meet.google.com/abc-defg-hij/?authuser=0&hs=122'))).toBe(true);
    expect(meetAdapter.isMeetingUrl(u('https://meet.google.com/'))).toBe(false);
    expect(meetAdapter.isMeetingUrl(u('https://meet.google.com/landing'))).toBe(false);
    expect(meetAdapter.isMeetingUrl(u('https://meet.google.com/new'))).toBe(false);
    expect(meetMeetingLink(u('https://meet.google.com/ABC-defg-hij?authuser=1#x'))).toBe('https://meet.google.com/abc-defg-hij');
    expect(meetMeetingLink(u('https://meet.google.com/landing'))).toBeNull();
  });

  it('Zoom: the meeting number, whichever host and client page', () => {
    const link = 'https://zoom.us/j/85512345678';
    for (const url of [
      'https://app.zoom.us/wc/85512345678/join?pwd=Abc123&from=pwa',
      'https://app.zoom.us/wc/85512345678/start',
      'https://zoom.us/wc/join/85512345678',
      'https://us02web.zoom.us/j/85512345678?pwd=Abc123',
      'https://acme.zoom.us/j/85512345678',
      'https://us06web.zoom.us/s/85512345678',
    ]) {
      expect(zoomAdapter.matches(u(url)), url).toBe(true);
      expect(zoomAdapter.isMeetingUrl(u(url)), url).toBe(true);
      expect(zoomMeetingLink(u(url)), url).toBe(link);
    }
    expect(zoomAdapter.isMeetingUrl(u('https://zoom.us/'))).toBe(false);
    expect(zoomAdapter.isMeetingUrl(u('https://app.zoom.us/wc/home'))).toBe(false);
    expect(zoomAdapter.isMeetingUrl(u('https://zoom.us/profile'))).toBe(false);
    expect(zoomAdapter.matches(u('https://notzoom.us/j/85512345678'))).toBe(false);
    expect(zoomAdapter.matches(u('https://zoom.us.evil.example/j/85512345678'))).toBe(false);
  });

  it('Zoom: the client pages after leaving are the end of the call', () => {
    const empty = parseHtml('<!doctype html><html><body></body></html>');
    expect(zoomAdapter.read(empty, u('https://app.zoom.us/wc/leave'))).toMatchObject({ inCall: false, ended: true });
    expect(zoomAdapter.read(empty, u('https://zoom.us/postattendee?mn=abc'))).toMatchObject({ inCall: false, ended: true });
  });

  it('Teams: the thread id, written the way invitations write it', () => {
    const canonical =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm%40thread.v2/0';
    for (const url of [
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm%40thread.v2/0?context=%7b%22Tid%22%3a%2272f9%22%7d',
      'https://teams.microsoft.com/l/meetup-join/19%3AMeeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm%40thread.v2/0',
      'https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19:meeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm@thread.v2/0?anon=true',
      'https://teams.cloud.microsoft/l/meetup-join/19%3ameeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm%40thread.v2/0',
    ]) {
      expect(teamsAdapter.matches(u(url)), url).toBe(true);
      expect(teamsAdapter.isMeetingUrl(u(url)), url).toBe(true);
      expect(teamsMeetingLink(u(url))?.toLowerCase(), url).toBe(canonical.toLowerCase());
    }
    expect(teamsMeetingLink(u('https://teams.live.com/meet/9381234567123?p=AbCdEfGhIj'))).toBe('https://teams.live.com/meet/9381234567123');
    expect(teamsMeetingLink(u('https://teams.microsoft.com/meet/2345678901234?p=xyz'))).toBe(
      'https://teams.microsoft.com/meet/2345678901234',
    );
    // The v2 client's own address during a call names no meeting.
    expect(teamsMeetingLink(u('https://teams.microsoft.com/v2/'))).toBeNull();
    expect(teamsAdapter.isMeetingUrl(u('https://teams.microsoft.com/v2/'))).toBe(false);
    // A broken escape in the URL is no reason to throw.
    expect(teamsMeetingLink(u('https://teams.microsoft.com/l/meetup-join/%E0%A4%A'))).toBeNull();
    expect(teamsAdapter.matches(u('https://teams.microsoft.com.evil.example/'))).toBe(false);
  });

  it('Jitsi: the room, case-insensitive as the server treats it, but not the static pages', () => {
    expect(jitsiAdapter.isMeetingUrl(u('https://meet.jit.si/MentoringKariOla'))).toBe(true);
    expect(jitsiMeetingLink(u('https://meet.jit.si/MentoringKariOla#config.prejoinConfig.enabled=true'))).toBe(
      'https://meet.jit.si/mentoringkariola',
    );
    expect(jitsiMeetingLink(u('https://meet.jit.si/mentoringkariola'))).toBe(jitsiMeetingLink(u('https://meet.jit.si/MENTORINGKARIOLA/')));
    // A link stored with capitals before rooms were lowercased still matches (compared canonically).
    expect(canonicalMeetingLink('meet.jit.si/MentoringKariOla')).toBe('https://meet.jit.si/mentoringkariola');
    expect(jitsiAdapter.isMeetingUrl(u('https://meet.jit.si/'))).toBe(false);
    expect(jitsiAdapter.isMeetingUrl(u('https://meet.jit.si/static/close3.html'))).toBe(false);
    expect(jitsiAdapter.isMeetingUrl(u('https://meet.jit.si/external_api.js'))).toBe(false);
    expect(jitsiAdapter.isMeetingUrl(u('https://meet.jit.si/static'))).toBe(false);
  });

  it("Whereby: the room on whereby.com or a company's subdomain, not the site's pages", () => {
    expect(wherebyAdapter.isMeetingUrl(u('https://whereby.com/mentoring-kari-ola'))).toBe(true);
    expect(wherebyAdapter.isMeetingUrl(u('https://kariola.whereby.com/mentoring?lang=nb'))).toBe(true);
    expect(wherebyMeetingLink(u('https://KariOla.whereby.com/Mentoring/'))).toBe('https://kariola.whereby.com/mentoring');
    for (const page of [
      'https://whereby.com/',
      'https://whereby.com/information/pricing',
      'https://whereby.com/user',
      'https://whereby.com/login',
    ]) {
      expect(wherebyAdapter.isMeetingUrl(u(page)), page).toBe(false);
    }
    expect(wherebyAdapter.isMeetingUrl(u('https://docs.whereby.com/guide'))).toBe(false);
    expect(wherebyAdapter.matches(u('https://notwhereby.com/room'))).toBe(false);
  });

  it('says which sites carry the remote audio over WebRTC', () => {
    expect(zoomAdapter.remoteAudio).toBe('tab-capture');
    for (const a of [meetAdapter, teamsAdapter, jitsiAdapter, wherebyAdapter, demoAdapter]) expect(a.remoteAudio).toBe('webrtc');
  });
});

describe('registry', () => {
  it('lists the five sites and the demo call, each id once', () => {
    expect(ADAPTERS.map((a) => a.id)).toEqual(['meet', 'zoom', 'teams', 'jitsi', 'whereby', 'demo']);
  });

  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://app.zoom.us/wc/85512345678/join', 'zoom'],
    ['https://us02web.zoom.us/j/85512345678', 'zoom'],
    ['https://teams.microsoft.com/v2/', 'teams'],
    ['https://teams.live.com/meet/9381234567123', 'teams'],
    ['https://meet.jit.si/MentoringKariOla', 'jitsi'],
    ['https://kariola.whereby.com/mentoring', 'whereby'],
    ['http://localhost:5174/call/demo-1', 'demo'],
  ])('%s → %s', (url, id) => {
    expect(adapterFor(u(url))?.id).toBe(id);
  });

  it('has no adapter for other sites', () => {
    expect(adapterFor(u('https://example.org/call/abc'))).toBeNull();
    expect(adapterFor(u('https://meet.example.com/abc-defg-hij'))).toBeNull();
  });

  it('no two adapters claim the same page', () => {
    for (const url of [
      'https://meet.google.com/abc-defg-hij',
      'https://us02web.zoom.us/j/1',
      'https://teams.live.com/',
      'https://meet.jit.si/x',
      'https://whereby.com/x',
    ]) {
      expect(ADAPTERS.filter((a) => a.matches(u(url))).length, url).toBe(1);
    }
  });

  it("the call-site watcher's URL rules are the adapters' own (issue 20: the watcher loads without the adapters)", () => {
    for (const adapter of ADAPTERS) {
      expect(adapter.matches, adapter.id).toBe(SITE_URLS[adapter.id].matches);
      expect(adapter.isMeetingUrl, adapter.id).toBe(SITE_URLS[adapter.id].isMeetingUrl);
    }
    for (const url of [
      'https://meet.google.com/abc-defg-hij',
      'https://meet.google.com/landing',
      'https://us02web.zoom.us/j/1234567890',
      'https://zoom.us/pricing',
      'https://teams.microsoft.com/v2/',
      'https://teams.live.com/meet/9312345678901?p=x',
      'https://meet.jit.si/MentorRoom',
      'https://meet.jit.si/static/close.html',
      'https://whereby.com/mentor-room',
      'https://whereby.com/pricing',
      'https://example.org/call/abc',
    ]) {
      const adapter = adapterFor(u(url));
      const site = siteUrlsFor(u(url));
      expect(site === null, url).toBe(adapter === null);
      expect(site?.isMeetingUrl(u(url)), url).toBe(adapter?.isMeetingUrl(u(url)));
    }
  });
});

describe('canonicalMeetingLink: a pasted invitation matches the page the call runs on', () => {
  it.each([
    ['us02web.zoom.us/j/85512345678?pwd=Abc123', 'https://app.zoom.us/wc/85512345678/join?pwd=Abc123'],
    [
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk2YzQ%40thread.v2/0?context=%7b%22Tid%22%3a%2272f9%22%7d',
      'https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19:meeting_NjQ4ZTk2YzQ@thread.v2/0?anon=true',
    ],
    ['meet.google.com/abc-defg-hij', 'https://meet.google.com/abc-defg-hij?authuser=1'],
    ['https://whereby.com/mentoring-kari-ola', 'https://whereby.com/mentoring-kari-ola?lang=nb'],
    ['https://meet.jit.si/MentoringKariOla', 'https://meet.jit.si/MentoringKariOla#config.startWithAudioMuted=true'],
  ])('%s ~ %s', (pasted, page) => {
    const stored = canonicalMeetingLink(pasted);
    const meeting = canonicalMeetingLink(page);
    expect(stored).not.toBe('');
    expect(stored).toBe(meeting);
    expect(linkMatches(stored, meeting)).toBe(true);
  });

  it('the adapters report the same link as canonicalMeetingLink gives for their URL', () => {
    const page = 'https://app.zoom.us/wc/85512345678/join?pwd=x';
    expect(zoomMeetingLink(u(page))).toBe(canonicalMeetingLink(page));
  });

  it('normalises other links as usual and rejects what is not a link', () => {
    expect(canonicalMeetingLink('https://Video.Example.org/room/7/?x=1')).toBe('https://video.example.org/room/7');
    expect(canonicalMeetingLink('https://meet.google.com/landing')).toBe('https://meet.google.com/landing');
    expect(canonicalMeetingLink('   ')).toBe('');
    expect(canonicalMeetingLink('not a link at all')).toBe('');
    expect(canonicalMeetingLink('mailto:kari@example.org')).toBe('');
  });

  it('different meetings stay different', () => {
    expect(canonicalMeetingLink('https://us02web.zoom.us/j/85512345678')).not.toBe(
      canonicalMeetingLink('https://us02web.zoom.us/j/85512345679'),
    );
    expect(canonicalMeetingLink('https://meet.google.com/abc-defg-hij')).not.toBe(
      canonicalMeetingLink('https://meet.google.com/abc-defg-hik'),
    );
  });
});
