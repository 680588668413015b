import { send } from '../messaging';
import { loadSpeechDetector, type ModelJson, type SpeechDetector, type SpeechModelMetadata } from '../talktime';

/**
 * Loads Rapport's own speech / non-speech model from the extension package (public/model/),
 * never from the network. Content scripts may not read extension files, so the background
 * hands the bytes over. Resolves null when the model is missing or cannot run here; the engine
 * then works on its level stage alone and the side panel says so.
 */
export async function loadBundledSpeechDetector(): Promise<SpeechDetector | null> {
  try {
    const reply = await send({ type: 'cs:model.get' });
    if (!reply.ok) throw new Error(reply.error);
    // The pure-JS backend: the model is tiny (≈ 16 k parameters, < 1 ms a window), while WebGL
    // start-up on a page can take seconds and holds a GPU context in the call's tab.
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const binary = atob(reply.data.weightsBase64);
    const weights = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) weights[i] = binary.charCodeAt(i);
    return await loadSpeechDetector(reply.data.modelJson as ModelJson, weights.buffer, reply.data.metadata as SpeechModelMetadata);
  } catch (error) {
    console.warn('Rapport: speech model unavailable, using the level stage only:', error instanceof Error ? error.message : error);
    return null;
  }
}
