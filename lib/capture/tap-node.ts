/**
 * The tap's AudioWorkletNode, as both capture paths create it (the page tap in the call page,
 * tab capture in the offscreen document): input 0 the microphone, input 1 the other party, each
 * mixed to mono; one silent output so the graph pulls it. The processor is registered by
 * entrypoints/tap-worklet.ts under this name.
 */
export const TAP_PROCESSOR = 'rapport-tap';

export function createTapNode(ctx: BaseAudioContext): AudioWorkletNode {
  return new AudioWorkletNode(ctx, TAP_PROCESSOR, {
    numberOfInputs: 2,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    channelCount: 1,
    channelCountMode: 'explicit',
  });
}
