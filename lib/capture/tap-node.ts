import { FRAMINGS } from '../talktime/engine/framings';

/**
 * The tap's AudioWorkletNode, as both capture paths create it (the page tap in the call page,
 * tab capture in the offscreen document): input 0 the microphone, input 1 the other party, each
 * mixed to mono; one silent output so the graph pulls it. The processor is registered by
 * entrypoints/tap-worklet.ts under this name. `framings`: FRAMINGS (the page tap) makes each batch
 * carry the later framings' frames too (lib/talktime/engine/framings.ts); tab capture sends only
 * the other party's first framing, so it asks for 1.
 */
export const TAP_PROCESSOR = 'rapport-tap';

/** What the processor is told when made (`processorOptions`). */
export interface TapProcessorOptions {
  /** 1 … FRAMINGS (anything else is taken as the nearest of them). */
  framings: number;
}

export function createTapNode(ctx: BaseAudioContext, framings: number = FRAMINGS): AudioWorkletNode {
  return new AudioWorkletNode(ctx, TAP_PROCESSOR, {
    processorOptions: { framings } satisfies TapProcessorOptions,
    numberOfInputs: 2,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    channelCount: 1,
    channelCountMode: 'explicit',
  });
}
