/**
 * Talk-time engine: who talked when, from two aligned audio channels. Pure TypeScript, no
 * browser or Node APIs. An AudioWorklet imports `./features` directly (the frame extractor
 * without tfjs or the engine); this index also exposes the engine and the lazy model loader.
 */
export {
  BAND_EDGES,
  FEATURE_SAMPLE_RATE,
  FFT_SIZE,
  FRAME_HOP,
  FRAME_MS,
  FrameExtractor,
  NUM_BANDS,
  NUM_BINS,
  withLevels,
} from './features';
export type { Frame } from './features';
export { DEFAULT_CONFIG, TalkTimeEngine } from './engine';
export type { Party, Speaker, Stage, TalkTimeConfig, TalkTimeOptions } from './engine';
export { WINDOW_FRAMES, WINDOW_SIZE, normaliseWindow } from './detector';
export type { SpeechDetector } from './detector';
export { SPEECH_LABELS, artifactsFromModelJson, loadSpeechDetector } from './model';
export type { ModelJson, SpeechModelMetadata } from './model';
