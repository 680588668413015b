/**
 * Sizes of the spectral frames that travel between the page's tap, the content script and the
 * extension. No zod here: the call-page content script imports these without the schemas.
 */

/** Number of spectral bins per frame (speech-commands BROWSER_FFT: 0–5 kHz). */
export const FRAME_BINS = 232;
/** Coarse bands per frame whose levels the tap sends with its dB rows (the engine's NUM_BANDS). */
export const FRAME_BANDS = 16;
/** At most this many frames in one `tap:frames` message (≈ 1.5 s). */
export const MAX_FRAMES_PER_MESSAGE = 64;
/** Longest base64 text of one tab-capture batch: MAX_FRAMES_PER_MESSAGE frames of float32. */
export const TAB_FRAMES_BASE64_MAX = Math.ceil((MAX_FRAMES_PER_MESSAGE * FRAME_BINS * 4) / 3) * 4;
/**
 * At most this many framings of the same frames in one `tap:frames` message (the first and up to
 * MAX_FRAMINGS − 1 later ones; the tap makes lib/talktime/engine/framings.ts's FRAMINGS).
 */
export const MAX_FRAMINGS = 4;
