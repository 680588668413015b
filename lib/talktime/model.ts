import type * as tfTypes from '@tensorflow/tfjs';
import { type SpeechDetector, WINDOW_FRAMES, WINDOW_SIZE } from './detector';
import { NUM_BINS } from './features';

/** Labels of Rapport's speech model, in output order. */
export const SPEECH_LABELS = ['_background_noise_', 'speech'] as const;

/** What `public/model/metadata.json` holds; only `wordLabels` is read by speech-commands. */
export interface SpeechModelMetadata {
  wordLabels: string[];
  [extra: string]: unknown;
}

/** What the detector uses of speech-commands' underlying tfjs model. */
interface ScoringModel {
  predict(input: tfTypes.Tensor, args?: { batchSize?: number }): tfTypes.Tensor;
}

/** The parts of a tfjs `model.json` the loader needs. */
export interface ModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: tfTypes.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/**
 * Builds in-memory model artifacts from a parsed model.json and its weight files' bytes
 * (concatenated in manifest order), so no URL or file access is needed.
 */
export function artifactsFromModelJson(json: ModelJson, weights: ArrayBuffer): tfTypes.io.ModelArtifacts {
  return {
    modelTopology: json.modelTopology as tfTypes.io.ModelArtifacts['modelTopology'],
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weights,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  };
}

/**
 * The parts of tfjs and speech-commands the loader uses. By default the extension's: the
 * `@tensorflow/tfjs` package and speech-commands, imported when a model is loaded. The Node
 * scripts pass the same modules as they load them (tfjs-core with one backend, without the
 * umbrella package's WebGL backend and converter: scripts/talktime/tf-backend.ts).
 */
export interface TfRuntime {
  tf: Pick<typeof tfTypes, 'ready' | 'tensor4d'>;
  speechCommands: Pick<typeof import('@tensorflow-models/speech-commands'), 'create' | 'version'>;
}

/**
 * Loads the speech / non-speech model through speech-commands (`create('BROWSER_FFT', …)`
 * with in-memory artifacts and a plain metadata object) and wraps it as a detector for
 * `TalkTimeEngine`. tfjs and speech-commands are imported lazily, so importing this module
 * costs nothing until a model is actually loaded.
 */
export async function loadSpeechDetector(
  modelJson: ModelJson,
  weights: ArrayBuffer,
  metadata: SpeechModelMetadata,
  runtime?: TfRuntime,
): Promise<SpeechDetector> {
  const tf = runtime?.tf ?? (await import('@tensorflow/tfjs'));
  await tf.ready();
  const speechCommands = runtime?.speechCommands ?? (await import('@tensorflow-models/speech-commands'));
  const speechIndex = metadata.wordLabels.indexOf('speech');
  if (speechIndex < 0) throw new Error('speech model metadata has no "speech" label');
  const recognizer = speechCommands.create('BROWSER_FFT', undefined, artifactsFromModelJson(modelJson, weights), {
    tfjsSpeechCommandsVersion: speechCommands.version,
    wordLabels: metadata.wordLabels,
  });
  await recognizer.ensureModelLoaded();
  // The recognizer's own model: recognize() runs `model.predict` on the batch and then splits the
  // scores into a tensor and a read per window (tf.unstack), which cost more than the model on a
  // batch of a minute's windows. The scores are read here from the same output at once, and the
  // batch goes through the model whole: predict's default cuts it into slices of 32 windows, each
  // of which made the WebAssembly backend copy the whole input (a minute's batch is ≈ 6 MB). Each
  // window's scores do not depend on the batch around it (same values, unit test).
  const model = (recognizer as unknown as { model?: ScoringModel }).model;
  return {
    async speechProbabilities(windows: Float32Array, count: number): Promise<Float32Array> {
      if (windows.length !== count * WINDOW_SIZE) throw new RangeError('window data does not match count');
      const out = new Float32Array(count);
      if (count === 0) return out;
      // recognize() turns a Float32Array into a tensor it never disposes (≈ 40 kB a window, so
      // ≈ 130 MB an hour of a live call); handed a tensor, it leaves it to the caller.
      const input = tf.tensor4d(windows, [count, WINDOW_FRAMES, NUM_BINS, 1]);
      try {
        if (model) {
          const output = model.predict(input, { batchSize: count });
          try {
            const labels = output.shape[1]!;
            const scores = await output.data();
            for (let i = 0; i < count; i++) out[i] = scores[i * labels + speechIndex]!;
          } finally {
            output.dispose();
          }
        } else {
          const { scores } = await recognizer.recognize(input);
          const rows = Array.isArray(scores) ? scores : [scores];
          for (let i = 0; i < count; i++) out[i] = rows[i]![speechIndex]!;
        }
      } finally {
        input.dispose();
      }
      return out;
    },
  };
}
