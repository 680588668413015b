import { z } from 'zod';
import { IdSchema, PlatformSchema } from '../schema/common';
import { TalkStatsSchema } from '../schema/talk';

/**
 * Every message between Rapport's contexts, named by direction and domain:
 * `tap:` page (MAIN world) → content script, untrusted;
 * `cs:` content script → background / extension pages, untrusted (a page can drive it);
 * `ui:` extension page → background, privileged (accepted only from the extension's own pages);
 * `bg:` background → extension pages.
 */

/** Number of spectral bins per frame (speech-commands BROWSER_FFT: 0–5 kHz). */
export const FRAME_BINS = 232;
/** At most this many frames in one `tap:frames` message (≈ 1.5 s). */
export const MAX_FRAMES_PER_MESSAGE = 64;
/** Longest base64 text of one tab-capture batch: MAX_FRAMES_PER_MESSAGE frames of float32. */
export const TAB_FRAMES_BASE64_MAX = Math.ceil((MAX_FRAMES_PER_MESSAGE * FRAME_BINS * 4) / 3) * 4;

const ChannelHealthSchema = z.object({
  /** listening: frames with signal arrive; silent: frames arrive but carry no signal; missing: no source. */
  state: z.enum(['listening', 'silent', 'missing', 'muted']),
  /** How long the channel has had no signal, ms. */
  silentForMs: z.number().nonnegative().max(1e9),
});
export type ChannelHealth = z.infer<typeof ChannelHealthSchema>;

// ---- page (MAIN-world tap) → content script: untrusted, size-limited ----

/** What the tap sees of the call on the page. */
export const TapStateSchema = z.object({
  peerConnections: z.number().int().min(0).max(100),
  remoteAudioTracks: z.number().int().min(0).max(100),
  micTracks: z.number().int().min(0).max(100),
  /** The microphone track the call sends is enabled and live. */
  micEnabled: z.boolean(),
  capturing: z.boolean(),
  /** Why capture could not start, in words. */
  error: z.string().max(300).nullable(),
  /**
   * Remote audio tracks that are live, unmuted (RTP arrives) and belong to a connected peer
   * connection: the other party's audio reaches this page. Absent from an older tap.
   */
  receivingRemoteAudio: z.number().int().min(0).max(100).optional(),
});
export type TapState = z.infer<typeof TapStateSchema>;

/**
 * A Float32Array from the page of at most one batch's size, as an array of the content script's
 * own realm. In Firefox the content script sees the page's message through Xray wrappers: the
 * array belongs to the page's realm, so `instanceof Float32Array` is false there and the array
 * is copied (the page could still change its own after posting it). Chromium hands the isolated
 * world its own structured clone, which is kept as it is. The size is checked before any copy.
 */
const PageFloat32Schema = z
  .custom<Float32Array>(
    (v) =>
      (v instanceof Float32Array || Object.prototype.toString.call(v) === '[object Float32Array]') &&
      (v as Float32Array).length <= MAX_FRAMES_PER_MESSAGE * FRAME_BINS,
    { message: 'expected a Float32Array of at most one batch' },
  )
  // An array of our own realm is already the content script's own clone (Chromium): kept as is.
  .transform((v) => (v instanceof Float32Array ? v : new Float32Array(v)));

export const PageToContentSchema = z.discriminatedUnion('type', [
  z.object({ source: z.literal('rapport-tap'), type: z.literal('tap:state'), state: TapStateSchema }),
  z
    .object({
      source: z.literal('rapport-tap'),
      type: z.literal('tap:frames'),
      /** Index of the first frame in this batch; frames are consecutive. */
      startIndex: z.number().int().nonnegative().max(1e9),
      count: z.number().int().min(1).max(MAX_FRAMES_PER_MESSAGE),
      /** count × FRAME_BINS dB values of the microphone, frame after frame. */
      self: PageFloat32Schema,
      /** count × FRAME_BINS dB values of the remote party. */
      other: PageFloat32Schema,
    })
    .refine(
      (m) => m.self.length === m.count * FRAME_BINS && m.other.length === m.count * FRAME_BINS,
      'frame data does not match its count',
    ),
]);
export type PageToContent = z.infer<typeof PageToContentSchema>;

/** content script → page: commands to the tap. The page could forge these; they only start/stop its own analysis. */
export const ContentToPageSchema = z.discriminatedUnion('type', [
  z.object({ source: z.literal('rapport-cs'), type: z.literal('cs:tap.start'), workletUrl: z.string().max(500) }),
  z.object({ source: z.literal('rapport-cs'), type: z.literal('cs:tap.stop') }),
]);
export type ContentToPage = z.infer<typeof ContentToPageSchema>;

// ---- content script → background / pages: untrusted, tied to sender.tab ----

export const LiveInfoSchema = z.object({
  stats: TalkStatsSchema,
  /** Talk in the last five minutes. */
  recent: z.object({ selfMs: z.number().nonnegative(), otherMs: z.number().nonnegative(), selfShare: z.number().min(0).max(1).nullable() }),
  currentSpeaker: z.enum(['self', 'other', 'both', 'none']),
  selfMuted: z.boolean(),
  health: z.object({ self: ChannelHealthSchema, other: ChannelHealthSchema }),
  /** Which detection path the page is on: the site's own adapter or the generic WebRTC signals. */
  detection: z.enum(['adapter', 'generic']),
  /** Why detection fell back to the generic path, in words (shown in the side panel). */
  warning: z.string().max(300).nullable(),
  /** Speech model loaded, or energy stage only. */
  model: z.enum(['loaded', 'loading', 'unavailable']),
  /**
   * Tab capture of the call's own audio, for sites whose remote party the page tap cannot hear.
   * Optional: absent means "not offered, not running".
   */
  tabCapture: z
    .object({
      /** The tap cannot hear the other party here (a tab-capture site, or no remote audio track for a while). */
      suggested: z.boolean(),
      /** listening: the other party's frames come from the tab's audio; failed: capture stopped with `error`. */
      state: z.enum(['off', 'listening', 'failed']),
      error: z.string().max(300).nullable(),
    })
    .optional(),
});
export type LiveInfo = z.infer<typeof LiveInfoSchema>;

/**
 * What a call tab's companion sees before a session starts, for the side panel:
 * no-call: nothing to follow (not a meeting page, or the call was left);
 * waiting: a pre-join screen, lobby or "asking to be let in" — not call time;
 * joined-no-media: the page shows the call, but the other party's audio has not reached the page yet;
 * unrecognised: a meeting page of a known site whose layout Rapport does not recognise;
 * guessing: an unrecognised page where the call's audio alone says a call is on (a session starts shortly).
 */
export const CallStatusSchema = z.enum(['no-call', 'waiting', 'joined-no-media', 'unrecognised', 'guessing']);
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const ContentToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cs:call.started'),
    platform: PlatformSchema,
    meetingLink: z.string().max(2048),
    title: z.string().max(300),
  }),
  z.object({ type: z.literal('cs:call.ended'), reason: z.enum(['left', 'navigated', 'closed']) }),
  z.object({ type: z.literal('cs:talk.update'), sessionId: IdSchema, live: LiveInfoSchema }),
  /** The bundled speech model: content scripts may not read extension files themselves. */
  z.object({ type: z.literal('cs:model.get') }),
  /**
   * Load the talk-time engine chunk into the sender's frame: on a site the user enabled by hand it
   * is not web-accessible, so the content script cannot import it itself (a call is starting).
   */
  z.object({ type: z.literal('cs:engine.inject') }),
  /** Before a session: what the page shows (the side panel says it plainly). */
  z.object({ type: z.literal('cs:call.status'), status: CallStatusSchema }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;

// ---- extension pages → background: privileged ----

export const UiToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui:session.end'), sessionId: IdSchema }),
  z.object({ type: z.literal('ui:session.discard'), sessionId: IdSchema }),
  z.object({ type: z.literal('ui:session.pause'), sessionId: IdSchema, paused: z.boolean() }),
  z.object({ type: z.literal('ui:note.open'), sessionId: IdSchema }),
  z.object({ type: z.literal('ui:sidepanel.open'), tabId: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('ui:live.query'), tabId: z.number().int().nonnegative() }),
  /** Hear the call tab's own audio as the other party; `streamId` from tabCapture.getMediaStreamId in the panel's click. */
  z.object({
    type: z.literal('ui:tabcapture.start'),
    tabId: z.number().int().nonnegative(),
    sessionId: IdSchema,
    streamId: z.string().min(1).max(500),
  }),
]);
export type UiToBackground = z.infer<typeof UiToBackgroundSchema>;

// ---- background → extension pages ----

export const BackgroundToUiSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bg:live.update'), tabId: z.number().int().nonnegative(), sessionId: IdSchema, live: LiveInfoSchema }),
  z.object({ type: z.literal('bg:note.prompt'), sessionId: IdSchema }),
]);
export type BackgroundToUi = z.infer<typeof BackgroundToUiSchema>;

/** background → content script of one tab. */
export const BackgroundToContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bg:session.stop'), sessionId: IdSchema }),
  /**
   * Does this page still hold the live session? Asked when the tab's address changed: Chromium
   * reports an address change inside the page (pushState, hash) exactly as it reports a new page.
   * The content script answers `{ holds: boolean }`.
   */
  z.object({ type: z.literal('bg:session.ping'), sessionId: IdSchema }),
  z.object({ type: z.literal('bg:session.pause'), sessionId: IdSchema, paused: z.boolean() }),
  /** The other party's frames from tab capture (offscreen document → background → this tab). */
  z.object({
    type: z.literal('bg:tab.frames'),
    sessionId: IdSchema,
    startIndex: z.number().int().nonnegative().max(1e9),
    count: z.number().int().min(1).max(MAX_FRAMES_PER_MESSAGE),
    /** count × FRAME_BINS float32 dB values, little-endian, base64 (runtime messaging is JSON). */
    other: z.string().max(TAB_FRAMES_BASE64_MAX),
  }),
  z.object({
    type: z.literal('bg:tab.state'),
    sessionId: IdSchema,
    state: z.enum(['listening', 'stopped', 'failed']),
    error: z.string().max(300).nullable(),
  }),
]);
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;

// ---- offscreen document (tab capture) ↔ background: extension-internal, still parsed ----

/** background → offscreen document. */
export const BackgroundToOffscreenSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bg:capture.start'),
    tabId: z.number().int().nonnegative(),
    sessionId: IdSchema,
    streamId: z.string().min(1).max(500),
  }),
  z.object({ type: z.literal('bg:capture.stop'), tabId: z.number().int().nonnegative() }),
  /** What runs, and whether the user still hears it (diagnostics; used by the E2E suite). */
  z.object({ type: z.literal('bg:capture.status') }),
]);
export type BackgroundToOffscreen = z.infer<typeof BackgroundToOffscreenSchema>;

/** offscreen document → background. */
export const OffscreenToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('off:frames'),
    tabId: z.number().int().nonnegative(),
    sessionId: IdSchema,
    startIndex: z.number().int().nonnegative().max(1e9),
    count: z.number().int().min(1).max(MAX_FRAMES_PER_MESSAGE),
    other: z.string().max(TAB_FRAMES_BASE64_MAX),
  }),
  z.object({
    type: z.literal('off:state'),
    tabId: z.number().int().nonnegative(),
    sessionId: IdSchema,
    state: z.enum(['listening', 'stopped', 'failed']),
    error: z.string().max(300).nullable(),
    /** Captures still running in the offscreen document; 0 lets the background close it. */
    active: z.number().int().min(0).max(100),
  }),
]);
export type OffscreenToBackground = z.infer<typeof OffscreenToBackgroundSchema>;
