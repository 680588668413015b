import { z } from 'zod';
import { IdSchema, PlatformSchema } from '../schema/common';
import { TalkStatsSchema, type TalkStats } from '../schema/talk';
import { MAX_FRAMES_PER_MESSAGE, TAB_FRAMES_BASE64_MAX } from './frames';
import type { BackgroundToContent } from './to-content';

/**
 * Every message between Rapport's contexts, named by direction and domain:
 * `tap:` page (MAIN world) → content script, untrusted;
 * `cs:` content script → background / extension pages, untrusted (a page can drive it);
 * `ui:` extension page → background, privileged (accepted only from the extension's own pages);
 * `bg:` background → extension pages.
 */

export { FRAME_BANDS, FRAME_BINS, MAX_FRAMES_PER_MESSAGE, TAB_FRAMES_BASE64_MAX } from './frames';
export { BackgroundToContentSchema, PageToContentSchema, TapStateSchema } from './to-content';
export type { BackgroundToContent, PageToContent, TapState } from './to-content';

const ChannelHealthSchema = z.object({
  /** listening: frames with signal arrive; silent: frames arrive but carry no signal; missing: no source. */
  state: z.enum(['listening', 'silent', 'missing', 'muted']),
  /** How long the channel has had no signal, ms. */
  silentForMs: z.number().nonnegative().max(1e9),
});
export type ChannelHealth = z.infer<typeof ChannelHealthSchema>;

/** content script → page: commands to the tap. The page could forge these; they only start/stop its own analysis. */
export const ContentToPageSchema = z.discriminatedUnion('type', [
  z.object({ source: z.literal('rapport-cs'), type: z.literal('cs:tap.start'), workletUrl: z.string().max(500) }),
  z.object({ source: z.literal('rapport-cs'), type: z.literal('cs:tap.stop') }),
  /** The companion just loaded: post your state now (the tap posts it only when it changes). */
  z.object({ source: z.literal('rapport-cs'), type: z.literal('cs:tap.state') }),
]);
export type ContentToPage = z.infer<typeof ContentToPageSchema>;

// ---- content script → background / pages: untrusted, tied to sender.tab ----

/**
 * Why the companion follows a known site's call through its audio connections instead of its page:
 * layout-lost: the page's layout is not recognised any more, the audio connections are followed instead;
 * layout-lost-no-tap: not recognised, and no audio connection seen yet either.
 */
export const DetectionWarningSchema = z.enum(['layout-lost', 'layout-lost-no-tap']);
export type DetectionWarning = z.infer<typeof DetectionWarningSchema>;

export const LiveInfoSchema = z.object({
  stats: TalkStatsSchema,
  /** Talk in the last five minutes. */
  recent: z.object({ selfMs: z.number().nonnegative(), otherMs: z.number().nonnegative(), selfShare: z.number().min(0).max(1).nullable() }),
  currentSpeaker: z.enum(['self', 'other', 'both', 'none']),
  selfMuted: z.boolean(),
  health: z.object({ self: ChannelHealthSchema, other: ChannelHealthSchema }),
  /** Which detection path the page is on: the site's own adapter or the generic WebRTC signals. */
  detection: z.enum(['adapter', 'generic']),
  /** Why detection fell back to the generic path, as a code the side panel words in the user's language. */
  warning: DetectionWarningSchema.nullable(),
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
   * Load one of the companion's chunks into the sender's frame (lib/session/live-engine.ts): on a
   * site the user enabled by hand they are not web-accessible, so the content script cannot import
   * them itself.
   */
  z.object({ type: z.literal('cs:chunk.inject'), chunk: z.enum(['companion', 'engine']) }),
  /** Before a session: what the page shows (the side panel says it plainly). */
  z.object({ type: z.literal('cs:call.status'), status: CallStatusSchema }),
  /**
   * From the relay on a call site's page that is not a meeting's (lib/background/watcher.ts): the
   * tap shows a call, so the page should get its watcher.
   */
  z.object({ type: z.literal('cs:watcher.wake') }),
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

// ---- replies: what each request is answered with ----

/** The background's answer to `cs:call.started`: the session the call belongs to, new or resumed. */
export type CallStarted = {
  sessionId: string;
  resumed: boolean;
  startedAt: number;
  /** The talk saved before a reload, which the restarted engine adds to; null for a new session. */
  baseline: TalkStats | null;
  paused: boolean;
};

/** The bundled speech model, handed to a content script (which may not read extension files). */
export type BundledModel = { modelJson: unknown; metadata: unknown; weightsBase64: string };

/** What the offscreen document's start/stop requests get back: captures still running. */
export type CaptureCount = { active: number };

/** One capture as the offscreen document's status request reports it. */
export type CaptureStatus = {
  tabId: number;
  /** The AudioContext's state: 'running' when audio flows. */
  audio: AudioContextState;
  /** Level of what is played back to the user right now (dB full scale, RMS; −Infinity in silence). */
  playbackDb: number;
};

/** Every request sent with runtime.sendMessage (to the background, the offscreen document or the pages). */
export type RuntimeRequest = ContentToBackground | UiToBackground | OffscreenToBackground | BackgroundToOffscreen | BackgroundToUi;
/** Every request sent to one tab's content script with tabs.sendMessage. */
export type TabRequest = BackgroundToContent;

type RequestType = RuntimeRequest['type'] | TabRequest['type'];

/**
 * The data of the `ok` reply to each request, by its type; null where the answer only says it was
 * done. Broadcasts no context answers (`bg:note.prompt`, `bg:live.update`) and requests a content
 * script takes without answering are `undefined`. The key set is checked: a new message type
 * does not compile until its reply is written here.
 */
export type ReplyTo = CompleteMap<{
  'cs:call.started': CallStarted;
  'cs:call.ended': null;
  'cs:talk.update': null;
  'cs:model.get': BundledModel;
  'cs:call.status': null;
  'cs:chunk.inject': null;
  'cs:watcher.wake': null;
  'ui:session.end': null;
  'ui:session.discard': null;
  'ui:session.pause': null;
  'ui:note.open': null;
  'ui:sidepanel.open': never;
  'ui:live.query': never;
  'ui:tabcapture.start': null;
  'off:frames': null;
  'off:state': null;
  'bg:capture.start': CaptureCount;
  'bg:capture.stop': CaptureCount;
  'bg:capture.status': CaptureCount & { captures: CaptureStatus[] };
  'bg:live.update': undefined;
  'bg:note.prompt': undefined;
  'bg:session.ping': { holds: boolean };
  'bg:session.stop': undefined;
  'bg:session.pause': undefined;
  'bg:tab.frames': undefined;
  'bg:tab.state': undefined;
}>;

type CompleteMap<T extends Record<RequestType, unknown> & Record<Exclude<keyof T, RequestType>, never>> = T;
