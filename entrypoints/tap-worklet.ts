import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { TAP_PROCESSOR, type TapProcessorOptions } from '../lib/capture/tap-node';
import { type BatchFrames, FrameBatcher } from '../lib/capture/worklet';

// Runs in the call page's AudioWorkletGlobalScope, loaded by the MAIN-world tap. Raw audio never
// leaves this audio thread: only spectral frames (dB per 21.5 Hz bin) are posted.
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

/** A framing's arrays, transferred with the batch. */
const buffers = (b: BatchFrames) => [b.self.buffer, b.other.buffer, b.levels.buffer, b.bands.buffer];

export default defineUnlistedScript(() => {
  class RapportTapProcessor extends AudioWorkletProcessor {
    private readonly batcher: FrameBatcher;
    private stopped = false;
    /** Where the frames go: the content script's own channel once the tap hands it over, else the node's port. */
    private out: MessagePort;

    constructor(options?: { processorOptions?: Partial<TapProcessorOptions> }) {
      super();
      // The page could make this processor itself with any options: the batcher bounds them.
      this.batcher = new FrameBatcher(sampleRate, { framings: options?.processorOptions?.framings });
      this.out = this.port;
      this.port.onmessage = (e: MessageEvent) => {
        if (e.data === 'stop') this.stopped = true;
        else if ((e.data as { type?: unknown } | null)?.type === 'frames-port' && e.ports[0]) this.out = e.ports[0];
      };
    }

    process(inputs: Float32Array[][]): boolean {
      if (this.stopped) return false;
      const batch = this.batcher.push(inputs[0]?.[0], inputs[1]?.[0]);
      if (batch) {
        this.out.postMessage(batch, batch.more ? [...buffers(batch), ...batch.more.flatMap(buffers)] : buffers(batch));
      }
      return true;
    }
  }
  registerProcessor(TAP_PROCESSOR, RapportTapProcessor);
});
