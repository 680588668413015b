import type { TalkTimeEngine } from '../talktime/engine';

/**
 * What the companion needs of the talk-time engine during a live session. Types only: the
 * engine, tfjs and the speech model live in a separate chunk (`entrypoints/call-engine.ts`) that
 * the call page loads when a call starts, so the content script on every call-site page stays
 * small.
 */
export type LiveEngine = Pick<
  TalkTimeEngine,
  'process' | 'finish' | 'snapshot' | 'recent' | 'currentSpeaker' | 'setSelfMuted' | 'settledFrames' | 'hasModel'
>;

/** What the engine chunk hands the content script once loaded. */
export interface CallEngineModule {
  /** Starts loading the speech model, so the engine is ready when the session starts. */
  prepare(): Promise<void>;
  /** Loads the bundled speech model (once) and makes a fresh engine; level stage only when the model cannot run. */
  createEngine(): Promise<LiveEngine>;
}

/**
 * The engine chunk is a classic script (an IIFE), so the same file works when the content script
 * imports it and when the background injects it (sites the user enabled by hand, where it is not
 * web-accessible). Either way it runs in the content script's isolated world and leaves its module
 * here, on that world's global — which the page cannot see or write.
 */
export const ENGINE_GLOBAL = '__rapportCallEngine';

/** The engine chunk's path in the built extension. */
export const ENGINE_CHUNK_PATH = '/call-engine.js';
