import { normalizeMeetingLink } from './link';
import type { PlatformAdapter } from './types';

// Which addresses of each call site are meetings, and each meeting's stable link: rules on the URL
// alone, no page reading. The watcher every call-site page loads needs only these, so they live
// apart from the adapters (which read the page, and load with the companion on meeting pages only).
// The sources each rule rests on are named in the site's adapter file.

// ---- Google Meet ----
const CODE_PATH = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/i;

/** The meeting's stable link from its code (meet.google.com/abc-defg-hij), or null. */
export function meetMeetingLink(url: URL): string | null {
  const code = CODE_PATH.exec(url.pathname)?.[1];
  return code ? normalizeMeetingLink(`https://meet.google.com/${code.toLowerCase()}`) : null;
}

// ---- Zoom ----
const NUMBER_PATHS = [/^\/wc\/(\d{9,12})(?:\/|$)/, /^\/wc\/join\/(\d{9,12})(?:\/|$)/, /^\/[jsw]\/(\d{9,12})(?:\/|$)/];

/**
 * The meeting's stable link: https://zoom.us/j/<number>, whichever Zoom host or client page the
 * URL is on (an invitation's us02web.zoom.us/j/… and the web client's app.zoom.us/wc/… give the same).
 */
export function zoomMeetingLink(url: URL): string | null {
  for (const pattern of NUMBER_PATHS) {
    const number = pattern.exec(url.pathname)?.[1];
    if (number) return normalizeMeetingLink(`https://zoom.us/j/${number}`);
  }
  return null;
}

// ---- Microsoft Teams ----
const TEAMS_HOSTS = new Set(['teams.microsoft.com', 'teams.live.com', 'teams.cloud.microsoft']);

// A scheduled meeting's thread id: 19:meeting_<id>@thread.v2 (channel meetings: @thread.tacv2).
const THREAD_ID = /19:([\w-]+)@thread\.(v2|tacv2|skype)/i;
// Meeting-id links: teams.live.com/meet/<digits>?p=… and teams.microsoft.com/meet/<digits>?p=….
const MEET_ID_PATH = /^\/meet\/(\d{9,16})\/?$/;
const MEET_ID_HASH = /^#\/meet\/(\d{9,16})(?:[/?]|$)/;

function decoded(url: URL): string {
  try {
    return decodeURIComponent(url.href);
  } catch {
    return url.href;
  }
}

/**
 * The meeting's stable link. Join links are long and carry a context blob that differs between
 * invitations; the thread id in them is what names the meeting, written the way Teams writes it in
 * invitations (…/meetup-join/19%3ameeting_…%40thread.v2/0). Null on pages whose URL names no
 * meeting (the v2 client's own /v2/ address during a call).
 */
export function teamsMeetingLink(url: URL): string | null {
  const thread = THREAD_ID.exec(decoded(url)) ?? THREAD_ID.exec(coordsThread(url) ?? '');
  if (thread) return teamsThreadLink(thread[1]!, thread[2] ?? 'v2');
  const meetId = MEET_ID_PATH.exec(url.pathname)?.[1] ?? MEET_ID_HASH.exec(url.hash)?.[1];
  // teams.microsoft.com and teams.cloud.microsoft serve the same meetings; Teams free is its own.
  const host = url.hostname === 'teams.live.com' ? 'teams.live.com' : 'teams.microsoft.com';
  return meetId ? `https://${host}/meet/${meetId}` : null;
}

/** The invitation form of a thread id: …/l/meetup-join/19%3ameeting_…%40thread.v2/0. */
export function teamsThreadLink(id: string, kind: string): string {
  const encoded = encodeURIComponent(`19:${id}@thread.${kind.toLowerCase()}`).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  return `https://teams.microsoft.com/l/meetup-join/${encoded}/0`;
}

/** The guest launcher's coords parameter: base64 of JSON whose conversationId is the thread id. */
function coordsThread(url: URL): string | null {
  if (!url.pathname.startsWith('/light-meetings/')) return null;
  const coords = url.searchParams.get('coords');
  if (!coords || coords.length > 8000) return null;
  // URL-safe base64 of URL-encoded JSON, or failing that plain base64 of JSON.
  try {
    return conversationIdIn(decodeURIComponent(atob(coords.replace(/-/g, '+').replace(/_/g, '/'))));
  } catch {
    try {
      return conversationIdIn(atob(coords));
    } catch {
      return null;
    }
  }
}

/** The string `conversationId` of a JSON object (null without one); throws on text that is not JSON. */
function conversationIdIn(text: string): string | null {
  const json: unknown = JSON.parse(text);
  const id = typeof json === 'object' && json !== null && 'conversationId' in json ? json.conversationId : null;
  return typeof id === 'string' ? id : null;
}

// ---- Jitsi Meet ----
// Paths on meet.jit.si that are not rooms: static pages (the close page among them) and assets.
const JITSI_NOT_ROOMS = new Set(['static', 'libs', 'sounds', 'images', 'css', 'fonts', 'lang', 'connection_optimization']);
const JITSI_ROOM_PATH = /^\/([^/.]+)\/?$/;

function jitsiRoomOf(url: URL): string | null {
  const room = JITSI_ROOM_PATH.exec(url.pathname)?.[1];
  return room && !JITSI_NOT_ROOMS.has(room.toLowerCase()) ? room : null;
}

/** The room's stable link (meet.jit.si/<Room>), or null on pages that are not a room. */
export function jitsiMeetingLink(url: URL): string | null {
  const room = jitsiRoomOf(url);
  // The server lowercases room names: MentorRoom and mentorroom are one meeting.
  return room ? normalizeMeetingLink(`https://${url.hostname}/${room.toLowerCase()}`) : null;
}

// ---- Whereby ----
// First path segments of whereby.com that are the site, not rooms.
const WHEREBY_NOT_ROOMS = new Set([
  'user',
  'information',
  'org',
  'login',
  'signup',
  'sign-up',
  'pricing',
  'blog',
  'about',
  'support',
  'legal',
  'features',
  'careers',
  'download',
  'embed',
  'api',
  'developers',
  'business',
  'customers',
]);
const WHEREBY_ROOM_PATH = /^\/([a-z0-9][a-z0-9-]*)\/?$/i;
const NOT_ROOM_HOSTS = new Set(['docs.whereby.com', 'status.whereby.com', 'blog.whereby.com']);

function wherebyRoomOf(url: URL): string | null {
  if (NOT_ROOM_HOSTS.has(url.hostname)) return null;
  const room = WHEREBY_ROOM_PATH.exec(url.pathname)?.[1];
  return room && !WHEREBY_NOT_ROOMS.has(room.toLowerCase()) ? room : null;
}

/** The room's stable link (host and room name), or null on the site's other pages. */
export function wherebyMeetingLink(url: URL): string | null {
  const room = wherebyRoomOf(url);
  return room ? normalizeMeetingLink(`https://${url.hostname}/${room.toLowerCase()}`) : null;
}

/** How each site's addresses are told apart: the part of an adapter the call-site watcher needs. */
export type SiteUrls = Pick<PlatformAdapter, 'matches' | 'isMeetingUrl'>;

export const SITE_URLS: Record<PlatformAdapter['id'], SiteUrls> = {
  meet: {
    matches: (url) => url.hostname === 'meet.google.com',
    isMeetingUrl: (url) => CODE_PATH.test(url.pathname),
  },
  zoom: {
    matches: (url) => url.hostname === 'zoom.us' || url.hostname.endsWith('.zoom.us'),
    isMeetingUrl: (url) => zoomMeetingLink(url) !== null,
  },
  teams: {
    matches: (url) => TEAMS_HOSTS.has(url.hostname),
    // The v2 client keeps its own address (/v2/) during a call, so there a call is recognised from
    // the page, not the URL: this only says whether the URL itself names a meeting.
    isMeetingUrl: (url) =>
      teamsMeetingLink(url) !== null ||
      url.pathname.startsWith('/light-meetings/') ||
      /meetingjoin=true|pre-join-calling|modern-calling/i.test(url.href),
  },
  jitsi: {
    matches: (url) => url.hostname === 'meet.jit.si',
    isMeetingUrl: (url) => jitsiRoomOf(url) !== null,
  },
  whereby: {
    matches: (url) => url.hostname === 'whereby.com' || url.hostname.endsWith('.whereby.com'),
    isMeetingUrl: (url) => wherebyRoomOf(url) !== null,
  },
  // Rapport's own demo call, served on localhost in test and demo builds.
  demo: {
    matches: (url) => (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && url.pathname.startsWith('/call/'),
    isMeetingUrl: (url) => /^\/call\/[\w-]+$/.test(url.pathname),
  },
};

/** The URL rules of the site at `url`, or null on sites Rapport has no adapter for. */
export function siteUrlsFor(url: URL): SiteUrls | null {
  return Object.values(SITE_URLS).find((site) => site.matches(url)) ?? null;
}
