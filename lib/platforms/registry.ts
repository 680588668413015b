import { demoAdapter } from './demo';
import { jitsiAdapter } from './jitsi';
import { normalizeMeetingLink } from './link';
import { meetAdapter } from './meet';
import { teamsAdapter } from './teams';
import type { PlatformAdapter } from './types';
import { jitsiMeetingLink, meetMeetingLink, teamsMeetingLink, wherebyMeetingLink, zoomMeetingLink } from './urls';
import { wherebyAdapter } from './whereby';
import { zoomAdapter } from './zoom';

/** Every call site Rapport understands. The demo adapter matches only localhost, which only test builds inject into. */
export const ADAPTERS: readonly PlatformAdapter[] = [meetAdapter, zoomAdapter, teamsAdapter, jitsiAdapter, wherebyAdapter, demoAdapter];

/** The adapter for the page at `url`, or null on sites Rapport has no adapter for (the generic path). */
export function adapterFor(url: URL): PlatformAdapter | null {
  return ADAPTERS.find((adapter) => adapter.matches(url)) ?? null;
}

const LINK_FROM_URL: Record<PlatformAdapter['id'], (url: URL) => string | null> = {
  meet: meetMeetingLink,
  zoom: zoomMeetingLink,
  teams: teamsMeetingLink,
  jitsi: jitsiMeetingLink,
  whereby: wherebyMeetingLink,
  demo: (url) => normalizeMeetingLink(url.href) || null,
};

/**
 * The stable link of a meeting URL in the same form the adapters report, so a link the user pasted
 * into a relationship (a Zoom invitation on us02web.zoom.us/j/…, a Teams join link with its context
 * blob) compares equal to the page the call runs on (app.zoom.us/wc/…, the meetup-join thread id).
 * Other URLs are normalised as usual; text that is not a URL gives ''.
 */
export function canonicalMeetingLink(raw: string): string {
  const text = raw.trim();
  // "mailto:…" is a scheme, "localhost:5174/…" a host and port, "meet.google.com/…" a link without one.
  const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  const adapter = adapterFor(url);
  return (adapter && LINK_FROM_URL[adapter.id](url)) || normalizeMeetingLink(url.href);
}

/**
 * True when a stable link names one meeting: a meeting page of a known site, or any page of a site
 * Rapport has no adapter for (there the page's address is all there is). A known site's other
 * pages (Teams' /v2/ or teams.cloud.microsoft without a thread id, a Zoom client page without its
 * number) name no meeting: remembering one would match every call on that site.
 */
export function identifiesMeeting(link: string): boolean {
  const url = URL.parse(link);
  if (!url) return false;
  const adapter = adapterFor(url);
  return adapter ? adapter.isMeetingUrl(url) : true;
}
