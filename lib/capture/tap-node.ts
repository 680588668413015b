/**
 * The tap's AudioWorkletNode, as both capture paths create it (the page tap in the call page,
 * tab capture in the offscreen document): input 0 the microphone, input 1 the other party, each
 * mixed to mono; one silent output so the graph pulls it. The processor is registered by
 * entrypoints/tap-worklet.ts under this name. `framings`: 2 (the page tap) makes each batch carry
 * the second framing's frames too (lib/talktime/engine/framings.ts); tab capture sends only the
 * other party's first framing, so it asks for 1.
 */
export const TAP_PROCESSOR = 'rapport-tap';

/** What the processor is told when made (`processorOptions`). */
export interface TapProcessorOptions {
  framings: 1 | 2;
}

export function createTapNode(ctx: BaseAudioContext, framings: 1 | 2 = 2): AudioWorkletNode {
  return new AudioWorkletNode(ctx, TAP_PROCESSOR, {
    processorOptions: { framings } satisfies TapProcessorOptions,
    numberOfInputs: 2,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    channelCount: 1,
    channelCountMode: 'explicit',
  });
}
