// ?lagprobe: the benchmark's own check that an echo baked into the (fake) microphone reaches the
// page after its source, as a loudspeaker's does. In one AudioContext it keeps 10 ms level
// envelopes (dB) of the microphone and of the other party's incoming audio; bench:live
// cross-correlates them: the lag where they match best is how far the microphone's echo trails
// (positive) or leads (negative) the audio it echoes. Levels only; nothing is recorded. A fixture
// of the demo call, not part of the extension.
export function lagProbe(mic, remote) {
  const ctx = new AudioContext();
  const merger = ctx.createChannelMerger(2);
  ctx.createMediaStreamSource(mic).connect(merger, 0, 0);
  ctx.createMediaStreamSource(remote).connect(merger, 0, 1);
  const hop = Math.round(ctx.sampleRate / 100);
  const proc = ctx.createScriptProcessor(1024, 2, 1);
  const env = [[], []];
  const acc = [0, 0];
  let n = 0;
  proc.onaudioprocess = (e) => {
    const a = e.inputBuffer.getChannelData(0);
    const b = e.inputBuffer.getChannelData(1);
    for (let i = 0; i < a.length; i++) {
      acc[0] += a[i] * a[i];
      acc[1] += b[i] * b[i];
      if (++n === hop) {
        for (const c of [0, 1]) env[c].push(10 * Math.log10(acc[c] / hop + 1e-10));
        acc[0] = acc[1] = 0;
        n = 0;
      }
    }
  };
  merger.connect(proc);
  proc.connect(ctx.destination);
  // The benchmark reads the envelopes and finds the lag itself (live-calls.ts envelopeLag).
  return { envelopes: () => ({ mic: env[0], remote: env[1] }), close: () => ctx.close() };
}
