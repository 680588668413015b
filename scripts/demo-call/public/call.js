import { fakeCamera } from '/camera.js';
import { lagProbe } from '/lag-probe.js';
// The user's side of the demo call: one RTCPeerConnection, microphone out, the other party in.
// The far end lives in an iframe on another origin; signalling goes through postMessage.
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const farOrigin = `http://127.0.0.1:${location.port}`;
const far = $('far');
let pc = null;
let mic = null;
let remoteAudio = null;
// ?mode=tab-audio: like Zoom's web client, the other party's voice does not come over WebRTC; the
// page plays it itself, so only tab capture can hear it. The connection carries the microphone only.
const tabAudioMode = params.get('mode') === 'tab-audio';
let pageVoice = null;
let micStartedAt = 0;

// ?video: both sides also send a camera-like picture (camera.js), so the call tab encodes and
// decodes video as a real call's does — the load a live figure must survive.
const sendVideo = params.has('video');
let camera = null;

// ?broken: the page's markup changes beyond recognition (no data-call-state), as a redesigned
// call site's would; Rapport must say it does not recognise the page and fall back on the media.
const broken = params.has('broken');
if (broken) delete document.querySelector('.call').dataset.callState;

// ?hang: an image that never finishes loading, so the page's load event never comes (a site
// whose subresource hangs); Rapport must still attach.
if (params.has('hang')) {
  const img = document.createElement('img');
  img.alt = '';
  img.src = '/hang';
  document.body.append(img);
}

function setState(state, text) {
  if (!broken) document.querySelector('.call').dataset.callState = state;
  $('status').textContent = text;
}

function send(msg) {
  far.contentWindow?.postMessage(msg, farOrigin);
}

function meter(stream, el) {
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  ctx.createMediaStreamSource(stream).connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  const tick = () => {
    if (!pc) return ctx.close();
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    el.style.width = `${Math.min(100, Math.sqrt(sum / data.length) * 600)}%`;
    requestAnimationFrame(tick);
  };
  tick();
}

// ?lobby=<ms>: like a meeting with a waiting room, the user asks to be let in and waits that long
// (?lobby=never: forever) before the call connects. The call's controls show meanwhile, as on
// Google Meet, so only the words tell waiting from being in the call.
const lobby = params.get('lobby');
// ?leave=navigate: hanging up loads a "you left" page, as Jitsi's close page and Zoom's
// post-attendee page do.
const leaveNavigates = params.get('leave') === 'navigate';

async function waitInLobby() {
  setState('waiting', 'Asking to be let in…');
  $('leave').disabled = false;
  if (lobby === 'never') return new Promise(() => {});
  await new Promise((r) => setTimeout(r, Number(lobby) || 0));
}

async function join() {
  $('join').disabled = true;
  setState('joining', 'Joining…');
  try {
    // ?raw turns the browser's voice processing off, so the microphone carries the file as it is
    // (used to compare the live path with the offline analyzer on the same audio).
    const audio = params.has('raw') ? { echoCancellation: false, noiseSuppression: false, autoGainControl: false } : true;
    mic = await navigator.mediaDevices.getUserMedia({ audio });
    // ?micstart=<epoch ms>: when the microphone's recording started, when it is a sound server's
    // (the live benchmark's room) rather than Chromium's fake device, which starts on this call.
    micStartedAt = Number(params.get('micstart')) || Date.now();
    // The live benchmark reads it to know when the (fake) microphone's recording ends.
    document.body.dataset.micStartedAt = String(micStartedAt);
  } catch (error) {
    setState('lobby', `Microphone not available: ${error.message}`);
    $('join').disabled = false;
    return;
  }
  if (lobby !== null) await waitInLobby();
  pc = new RTCPeerConnection();
  for (const track of mic.getAudioTracks()) {
    if (tabAudioMode) pc.addTransceiver(track, { direction: 'sendonly', streams: [mic] });
    else pc.addTrack(track, mic);
  }
  pc.addEventListener('icecandidate', (e) => e.candidate && send({ kind: 'ice', candidate: e.candidate.toJSON() }));
  if (sendVideo) {
    camera = fakeCamera('You');
    for (const track of camera.stream.getVideoTracks()) pc.addTrack(track, camera.stream);
  }
  pc.addEventListener('track', (e) => {
    if (e.track.kind === 'video') {
      const video = $('other-video');
      video.hidden = false;
      video.srcObject = new MediaStream([e.track]);
      void video.play();
      return;
    }
    const stream = e.streams[0] ?? new MediaStream([e.track]);
    remoteAudio = new Audio();
    remoteAudio.srcObject = stream;
    remoteAudio.muted = params.has('silent');
    void remoteAudio.play();
    meter(stream, $('other-level'));
    if (params.has('lagprobe') && !window.__lagProbe) window.__lagProbe = lagProbe(mic, stream);
  });
  pc.addEventListener('connectionstatechange', () => {
    if (pc?.connectionState !== 'connected') return;
    setState('in-call', 'In the call with Alex.');
    if (tabAudioMode && !pageVoice) {
      // Same timeline as the microphone's recording, as the far end does in the WebRTC mode.
      pageVoice = new Audio('/audio/other.wav');
      pageVoice.currentTime = Math.max(0, (Date.now() - micStartedAt) / 1000);
      pageVoice.loop = params.has('loop');
      void pageVoice.play();
    }
  });
  far.hidden = false;
  // ?farsilent=<ms>: the other party is connected but sends no audio for that long (their
  // microphone still off), so the page shows the call before their audio arrives.
  const farParams = new URLSearchParams();
  for (const key of ['loop', 'voice', 'lead', 'video']) if (params.has(key)) farParams.set(key, params.get(key) ?? '');
  if (params.has('farsilent')) farParams.set('silentfor', params.get('farsilent') ?? '0');
  far.src = `${farOrigin}/far.html${farParams.size > 0 ? `?${farParams}` : ''}`;
  await new Promise((r) => far.addEventListener('load', r, { once: true }));
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  // The far end starts its recording where the (fake) microphone's is, so both voices share one
  // timeline, as the two sides of a real conversation do.
  send({ kind: 'offer', sdp: offer.sdp, micStartedAt });
  meter(mic, $('self-level'));
  $('mute').disabled = false;
  $('leave').disabled = false;
}

window.addEventListener('message', async (e) => {
  if (e.origin !== farOrigin || !pc) return;
  const msg = e.data;
  if (msg?.kind === 'answer') await pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp });
  if (msg?.kind === 'ice') await pc.addIceCandidate(msg.candidate);
});

$('join').addEventListener('click', join);
$('mute').addEventListener('click', () => {
  const muted = $('mute').getAttribute('aria-pressed') !== 'true';
  for (const track of mic.getAudioTracks()) track.enabled = !muted;
  $('mute').setAttribute('aria-pressed', String(muted));
  $('mute').textContent = muted ? 'Unmute microphone' : 'Mute microphone';
});
$('leave').addEventListener('click', () => {
  send({ kind: 'bye' });
  pc?.close();
  pc = null;
  for (const track of mic?.getTracks() ?? []) track.stop();
  remoteAudio?.pause();
  camera?.stop();
  camera = null;
  pageVoice?.pause();
  pageVoice = null;
  far.src = 'about:blank';
  far.hidden = true;
  $('mute').disabled = true;
  $('leave').disabled = true;
  $('join').disabled = false;
  setState('ended', 'You left the call.');
  if (leaveNavigates) location.href = `/left.html?room=${encodeURIComponent(location.pathname.split('/').pop() ?? '')}`;
});

if (params.has('autojoin')) void join();
