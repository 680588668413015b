import * as z from 'zod/mini';
import { FRAME_BANDS, FRAME_BINS, MAX_FRAMES_PER_MESSAGE, MAX_FRAMINGS, TAB_FRAMES_BASE64_MAX } from './frames';

/**
 * The messages the call page's content script receives, written with zod's tree-shakable `mini`
 * build: this script is injected on every page of every call site, and the full zod would be
 * most of its weight. The other schemas (protocol.ts) re-export these, so there is one definition.
 */

const count = () => z.number().check(z.int(), z.minimum(1), z.maximum(MAX_FRAMES_PER_MESSAGE));
const small = () => z.number().check(z.int(), z.minimum(0), z.maximum(100));
/** Same rule as `IdSchema` (schema/common.ts). */
const SessionIdSchema = z.string().check(z.minLength(1, 'is missing'), z.maxLength(64, 'is too long'));
const StartIndexSchema = z.number().check(z.int(), z.minimum(0), z.maximum(1e9));

// ---- page (MAIN-world tap) → content script: untrusted, size-limited ----

/** What the tap sees of the call on the page. */
export const TapStateSchema = z.object({
  peerConnections: small(),
  remoteAudioTracks: small(),
  micTracks: small(),
  /** The microphone track the call sends is enabled and live. */
  micEnabled: z.boolean(),
  /** The microphone track's settings say it goes through the browser's echo canceller (null: unknown). Absent from an older tap. */
  micEchoCancelled: z.optional(z.nullable(z.boolean())),
  /** … and through its noise suppressor. */
  micNoiseSuppressed: z.optional(z.nullable(z.boolean())),
  capturing: z.boolean(),
  /** Why capture could not start, in words. */
  error: z.nullable(z.string().check(z.maxLength(300))),
  /**
   * Remote audio tracks that are live, unmuted (RTP arrives) and belong to a connected peer
   * connection: the other party's audio reaches this page. Absent from an older tap.
   */
  receivingRemoteAudio: z.optional(small()),
});
export type TapState = z.infer<typeof TapStateSchema>;

type PageArray = Float32Array | Float64Array;

/**
 * A Float32Array (or Float64Array) from the page of at most `max` values, as an array of the
 * content script's own realm. In Firefox the content script sees the page's message through Xray
 * wrappers: the array belongs to the page's realm, so `instanceof` is false there and the array
 * is copied (the page could still change its own after posting it). Chromium hands the isolated
 * world its own structured clone, which is kept as it is. The size is checked before any copy.
 */
function pageArray<T extends PageArray>(Ctor: { new (values: ArrayLike<number>): T; readonly name: string }, max: number) {
  const tag = `[object ${Ctor.name}]`;
  return z.pipe(
    z.custom<T>((v) => (v instanceof Ctor || Object.prototype.toString.call(v) === tag) && (v as T).length <= max, {
      message: `expected a ${Ctor.name} of at most one batch`,
    }),
    // An array of our own realm is already the content script's own clone (Chromium): kept as is.
    z.transform((v: T) => (v instanceof Ctor ? v : new Ctor(v))),
  );
}
const PageRowsSchema = pageArray(Float32Array, MAX_FRAMES_PER_MESSAGE * FRAME_BINS);
const PageLevelsSchema = pageArray(Float64Array, 2 * MAX_FRAMES_PER_MESSAGE);
const PageBandsSchema = pageArray(Float32Array, 2 * MAX_FRAMES_PER_MESSAGE * FRAME_BANDS);

export const PageToContentSchema = z.discriminatedUnion('type', [
  z.object({ source: z.literal('rapport-tap'), type: z.literal('tap:state'), state: TapStateSchema }),
  z
    .object({
      source: z.literal('rapport-tap'),
      type: z.literal('tap:frames'),
      /** Index of the first frame in this batch; frames are consecutive. */
      startIndex: StartIndexSchema,
      count: count(),
      /** count × FRAME_BINS dB values of the microphone, frame after frame. */
      self: PageRowsSchema,
      /** count × FRAME_BINS dB values of the remote party. */
      other: PageRowsSchema,
      /**
       * Each frame's level (the microphone's `count`, then the other party's) and band levels
       * (`count × FRAME_BANDS` each, in the same order), as the tap's extractor computed them:
       * both or neither (an older tap sends neither; they are then computed from the dB rows).
       */
      levels: z.optional(PageLevelsSchema),
      bands: z.optional(PageBandsSchema),
      /**
       * The same frames on each later framing, k/n of a hop after the first
       * (lib/talktime/engine/framings.ts), laid out alike, levels and bands included: at most
       * MAX_FRAMINGS − 1. An older tap, or one that makes one framing, sends none.
       */
      more: z.optional(
        z
          .array(z.object({ self: PageRowsSchema, other: PageRowsSchema, levels: PageLevelsSchema, bands: PageBandsSchema }))
          .check(z.maxLength(MAX_FRAMINGS - 1)),
      ),
    })
    .check(
      z.refine(
        (m) => m.self.length === m.count * FRAME_BINS && m.other.length === m.count * FRAME_BINS,
        'frame data does not match its count',
      ),
      z.refine(
        (m) =>
          m.levels === undefined && m.bands === undefined
            ? true
            : m.levels?.length === 2 * m.count && m.bands?.length === 2 * m.count * FRAME_BANDS,
        'frame levels do not match their count',
      ),
      z.refine(
        (m) =>
          m.more === undefined ||
          (m.levels !== undefined &&
            m.more.every(
              (f) =>
                f.self.length === m.count * FRAME_BINS &&
                f.other.length === m.count * FRAME_BINS &&
                f.levels.length === 2 * m.count &&
                f.bands.length === 2 * m.count * FRAME_BANDS,
            )),
        'a later framing does not match its count',
      ),
    ),
]);
export type PageToContent = z.infer<typeof PageToContentSchema>;

// ---- background → content script ----

export const BackgroundToContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bg:session.stop'), sessionId: SessionIdSchema }),
  /**
   * Does this page still hold the live session? Asked when the tab's address changed: Chromium
   * reports an address change inside the page (pushState, hash) exactly as it reports a new page.
   * The content script answers `{ holds: boolean }`.
   */
  z.object({ type: z.literal('bg:session.ping'), sessionId: SessionIdSchema }),
  z.object({ type: z.literal('bg:session.pause'), sessionId: SessionIdSchema, paused: z.boolean() }),
  /** The other party's frames from tab capture (offscreen document → background → this tab). */
  z.object({
    type: z.literal('bg:tab.frames'),
    sessionId: SessionIdSchema,
    startIndex: StartIndexSchema,
    count: count(),
    /** count × FRAME_BINS float32 dB values, little-endian, base64 (runtime messaging is JSON). */
    other: z.string().check(z.maxLength(TAB_FRAMES_BASE64_MAX)),
  }),
  z.object({
    type: z.literal('bg:tab.state'),
    sessionId: SessionIdSchema,
    state: z.enum(['listening', 'stopped', 'failed']),
    error: z.nullable(z.string().check(z.maxLength(300))),
  }),
]);
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;
