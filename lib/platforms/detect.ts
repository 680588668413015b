import type { DetectionWarning, TapState } from '../messaging/protocol';
import { genericCallState } from './generic';
import type { CallDomState } from './types';

// ---- combining the adapter's DOM reading with the page tap's WebRTC signals ----

/** The call state the content script acts on, and where it came from. */
export interface Detection {
  /** The user is in the call. */
  inCall: boolean;
  /** The site's own screen says the user left or the call ended. */
  ended: boolean;
  /** The microphone is muted (muted time is never talk). */
  micMuted: boolean;
  /** The meeting's stable link, when the URL shows one. */
  meetingLink: string | null;
  /** 'adapter' when the site's page told us whether the user is in the call, 'generic' when the WebRTC signals did. */
  path: 'adapter' | 'generic';
  /** What the side panel's health indicator warns of, or null when all is well. */
  warning: DetectionWarning | null;
}

/**
 * Decides the call state from the adapter's reading of the DOM and the page tap's WebRTC counts.
 *
 * The rule: whatever the adapter answers wins; the generic signals fill in only what it left null.
 * - DOM says in call, tap says no call: in call. The tap often cannot see a real call: Zoom's web
 *   client carries no audio over RTCPeerConnection at all, a tap injected after the site opened its
 *   connection misses it, and a user waiting alone in the meeting has no remote audio yet. The
 *   site's own "Leave call" controls are the better witness of being in the call.
 * - DOM says lobby/pre-join or left, tap says in call: not in call. Pre-join previews and lobbies
 *   may already hold connections, and connections linger a moment after hanging up; measuring
 *   then would count talk that is not part of the session.
 * - An ended screen means not in call, whatever else is seen.
 * - The generic path never says "ended": one snapshot of counts cannot tell a call that ended from
 *   one that has not started, so the caller ends a session when `inCall` falls back to false.
 *
 * `adapterKnown` is true on a site that has an adapter (its page is expected to be understood);
 * false on a page the user enabled by hand, where the generic path is normal and warns of nothing.
 */
export function combineDetection(dom: CallDomState, tap: TapState | null, adapterKnown: boolean): Detection {
  const generic = tap ? genericCallState(tap) : null;
  const recognised = dom.inCall !== null || dom.ended !== null;
  const ended = dom.ended === true;
  const inCall = ended ? false : (dom.inCall ?? generic?.inCall ?? false);
  const micMuted = dom.micMuted ?? generic?.micMuted ?? false;
  let warning: DetectionWarning | null = null;
  if (adapterKnown && !recognised) warning = generic ? 'layout-lost' : 'layout-lost-no-tap';
  return { inCall, ended, micMuted, meetingLink: dom.meetingLink, path: recognised ? 'adapter' : 'generic', warning };
}

// ---- small DOM readers shared by the adapters (pure, never throw) ----

/** Lower case, one space between words, straight apostrophes, keyboard hints like "(ctrl + d)" removed. */
export function normText(raw: string | null | undefined): string {
  return (raw ?? '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\((?:ctrl|⌘|cmd|command|alt|shift)[^)]*\)/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** querySelectorAll that returns [] instead of throwing on a selector the DOM implementation rejects. */
export function all(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The first element matching any of the selectors, in the order given. */
export function first(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = all(root, selector)[0];
    if (found) return found;
  }
  return null;
}

/** What a control says about itself: its aria-label, tooltip or title, else its visible text. */
export function labelOf(el: Element): string {
  return normText(el.getAttribute('aria-label') ?? el.getAttribute('data-tooltip') ?? el.getAttribute('title') ?? el.textContent ?? '');
}

/** True when the text matches any of the patterns. */
export function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}

const CONTROL_SELECTOR = 'button, [role="button"], [role="switch"], a[href], input[type="button"], input[type="submit"]';

/** The first button-like control whose label matches one of the patterns. */
export function findControl(root: ParentNode, patterns: readonly RegExp[]): Element | null {
  for (const el of all(root, CONTROL_SELECTOR)) {
    if (matchesAny(labelOf(el), patterns) || matchesAny(normText(el.textContent), patterns)) return el;
  }
  return null;
}

/**
 * The texts a person reads as the screen's message: headings, status and alert regions, dialog
 * titles. Deliberately not the whole body, which on call sites holds scripts and translation tables.
 */
export function screenMessages(root: ParentNode): string[] {
  // Not aria-live regions in general: chat and live captions use them, and what people say must
  // not end the call.
  return all(root, 'h1, h2, h3, [role="heading"], [role="status"], [role="alert"], [role="alertdialog"]')
    .map((el) => normText(el.textContent))
    .filter((t) => t.length > 0 && t.length < 300);
}

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'TEXTAREA']);
/** Live regions and logs carry what people say (chat, captions): their words must not move the call's state. */
const SPOKEN_REGION = '[aria-live], [role="log"], [role="feed"]';
/** Stops reading a page after this many text pieces; a call page's screen text is far shorter. */
const MAX_TEXT_PIECES = 5000;

/**
 * Every short piece of text the page shows, wherever the site puts it (lobby texts sit in plain
 * divs on Meet, Zoom and Teams, not in headings or status roles), normalised. Scripts, styles,
 * chat and captions are skipped. Pieces are single text nodes, so a sentence split by markup is
 * read in parts: patterns match within one piece.
 */
export function pageTexts(root: ParentNode): string[] {
  const texts: string[] = [];
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (texts.length >= MAX_TEXT_PIECES) return;
      if (child.nodeType === 3) {
        const text = normText(child.textContent);
        if (text.length > 0 && text.length < 300) texts.push(text);
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (SKIPPED_TAGS.has(el.tagName) || el.getAttribute('aria-hidden') === 'true') continue;
        try {
          if (el.matches(SPOKEN_REGION)) continue;
        } catch {
          // a DOM without selector support: read it all
        }
        walk(el);
      }
    }
  };
  const start = (root as Document).body ?? root;
  try {
    walk(start as Node);
  } catch {
    // a strange DOM reads as no text
  }
  return texts;
}

/** True when any piece of the page's text, or any control's label, matches one of the patterns. */
export function pageSays(root: ParentNode, patterns: readonly RegExp[]): boolean {
  if (pageTexts(root).some((t) => matchesAny(t, patterns))) return true;
  return all(root, '[aria-label]').some((el) => matchesAny(normText(el.getAttribute('aria-label')), patterns));
}

/** True when one of the screen's messages matches one of the patterns. */
export function saysAny(root: ParentNode, patterns: readonly RegExp[]): boolean {
  return screenMessages(root).some((t) => matchesAny(t, patterns));
}

/** aria-pressed (toggle buttons) or aria-checked (switches) as a boolean; null when absent or "mixed". */
export function pressedState(el: Element): boolean | null {
  const value = el.getAttribute('aria-pressed') ?? el.getAttribute('aria-checked');
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** "true"/"false" attribute values as booleans; null otherwise. */
export function boolAttr(el: Element | null, name: string): boolean | null {
  const value = el?.getAttribute(name);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/**
 * Reads a mute toggle from its label. Call sites label the button with the action it performs,
 * so "Unmute" / "Turn on microphone" means the microphone is muted now.
 */
export function mutedFromLabel(label: string, muted: readonly RegExp[], unmuted: readonly RegExp[]): boolean | null {
  // Checked first: "unmute" contains "mute", and "slå på" labels contain words of "slå av" labels.
  if (matchesAny(label, muted)) return true;
  if (matchesAny(label, unmuted)) return false;
  return null;
}

/** Runs an adapter's reading, turning any surprise from a strange DOM into "don't know". */
export function safely(read: () => CallDomState, fallback: CallDomState): CallDomState {
  try {
    return read();
  } catch {
    return fallback;
  }
}
