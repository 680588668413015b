import { fakeCamera } from '/camera.js';
// The other party of the demo call: sends a bundled recording over WebRTC to the call page
// (its parent, on another origin) and ignores the audio it receives.
const params = new URLSearchParams(location.search);
const voice = document.getElementById('voice');
voice.loop = params.has('loop');
// ?voice=/bench-audio/<call>/other.wav: the live benchmark's recording instead of the demo's.
if (params.get('voice')?.startsWith('/bench-audio/')) voice.src = params.get('voice');
// ?lead=ms: start that far ahead of the microphone's timeline, so that an echo baked into the
// microphone's recording reaches the call page after its source, as a loudspeaker's echo does
// (the source still has to cross the connection and its jitter buffer).
const leadMs = Math.max(0, Math.min(1000, Number(params.get('lead') ?? 0) || 0));
// ?silentfor=<ms>: connected, but nothing is sent for that long (no RTP, so the call page's remote
// track stays muted), as when the other person joins with their microphone off.
const silentFor = Number(params.get('silentfor') ?? 0);
const parentOrigin = document.referrer ? new URL(document.referrer).origin : '*';
let pc = null;

function send(msg) {
  parent.postMessage(msg, parentOrigin);
}

window.addEventListener('message', async (e) => {
  if (e.origin !== parentOrigin && parentOrigin !== '*') return;
  const msg = e.data;
  if (msg?.kind === 'offer') {
    pc = new RTCPeerConnection();
    pc.addEventListener('icecandidate', (ev) => ev.candidate && send({ kind: 'ice', candidate: ev.candidate.toJSON() }));
    const ctx = new AudioContext();
    // What the far end's audio graph is doing, for the live benchmark to report when a run hears nothing.
    const showState = () => (document.body.dataset.audio = ctx.state);
    ctx.addEventListener('statechange', showState);
    showState();
    // Measured: about one far end in ten started its AudioContext suspended (an iframe with no user
    // gesture), sent nothing, and the call page rightly never heard the other party.
    if (ctx.state !== 'running') void ctx.resume().catch(() => undefined);
    const dest = ctx.createMediaStreamDestination();
    ctx.createMediaElementSource(voice).connect(dest);
    for (const track of dest.stream.getAudioTracks()) {
      const sender = pc.addTrack(track, dest.stream);
      if (silentFor > 0) {
        await sender.replaceTrack(null);
        setTimeout(() => void sender.replaceTrack(track), silentFor);
      }
    }
    if (params.has('video')) {
      // The other person's camera (see fakeCamera in camera.js): the call page decodes it.
      const camera = fakeCamera('Alex');
      for (const track of camera.stream.getVideoTracks()) pc.addTrack(track, camera.stream);
    }
    await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    send({ kind: 'answer', sdp: answer.sdp });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState !== 'connected') return;
      if (ctx.state !== 'running') void ctx.resume().catch(() => undefined);
      if (msg.micStartedAt) voice.currentTime = Math.max(0, (Date.now() - msg.micStartedAt + leadMs) / 1000);
      void voice.play();
    });
  }
  if (msg?.kind === 'ice' && pc) await pc.addIceCandidate(msg.candidate);
  if (msg?.kind === 'bye') {
    voice.pause();
    pc?.close();
  }
});
