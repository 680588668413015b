// A private PulseAudio server for a browser under test, shared by the Firefox smoke test and the
// live benchmark. Nothing here touches the machine's own sound server: the socket, the runtime
// directory and the configuration live in a temporary directory that `stop()` removes.
//
// `speak` plays a 16 kHz mono 16-bit WAV file as the microphone, in real time: written into a
// pipe source, or in the room played into the room by paplay. Chromium lists no monitor source as
// a microphone, so in the room the microphone is a remapped source over the room's mix, not the
// monitor itself. RAPPORT_PULSE_LOG=FILE keeps the server's verbose log, for when a source or a
// module does not come up.
//
// `room: true` puts the browser in a room with a loudspeaker: what the browser plays goes to the
// `speaker` sink, and the microphone hears the user's voice plus the speaker's output, delayed by
// the loopback's latency and scaled by `setEcho(dB)` (silent until then). The echo is made from
// what the call page actually played, when it played it, so it always follows its source, on an
// idle machine or a busy one, as a loudspeaker's echo does. Measured on Chromium here: a tone played
// by a page comes back in its raw microphone at the set level, and through its echo canceller
// (`getUserMedia({audio: true})`) ≈ 50 dB lower.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The delay the room adds to the speaker's sound before the microphone hears it (loopback latency). */
export const ROOM_ECHO_LATENCY_MS = 40;

/**
 * Starts the server when pulseaudio is installed (null otherwise).
 * @param {{ room?: boolean }} [o]
 */
export function startSoundServer({ room = false } = {}) {
  try {
    execFileSync('pulseaudio', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'rapport-pulse-'));
  const socket = path.join(dir, 'native');
  const fifo = path.join(dir, 'mic');
  // module-pipe-source makes the pipe itself, and fails when it exists (PulseAudio 16).
  const lines = room
    ? [
        'load-module module-null-sink sink_name=speaker',
        'load-module module-null-sink sink_name=room',
        'load-module module-remap-source source_name=rapport_mic master=room.monitor',
        'set-default-sink speaker',
        'set-default-source rapport_mic',
      ]
    : [
        'load-module module-null-sink sink_name=rapport_out',
        `load-module module-pipe-source source_name=rapport_voice file=${fifo} format=s16le rate=16000 channels=1`,
        'set-default-sink rapport_out',
        'set-default-source rapport_voice',
      ];
  const script = path.join(dir, 'rapport.pa');
  writeFileSync(script, [...lines, `load-module module-native-protocol-unix socket=${socket} auth-anonymous=1`, ''].join('\n'));
  const server = spawn(
    'pulseaudio',
    [
      '-n',
      '-F',
      script,
      '--daemonize=no',
      '--exit-idle-time=-1',
      // A desktop's sound server runs at real-time priority, so a busy computer does not starve the
      // microphone itself (granted here when run as root; refused quietly otherwise).
      ...(room ? ['--realtime=yes', '--high-priority=yes'] : []),
      ...(process.env.RAPPORT_PULSE_LOG ? ['-vv', `--log-target=file:${process.env.RAPPORT_PULSE_LOG}`] : []),
    ],
    {
      stdio: 'ignore',
      env: { ...process.env, PULSE_RUNTIME_PATH: dir, HOME: dir },
    },
  );
  const env = { PULSE_SERVER: `unix:${socket}` };
  const pactl = (/** @type {string[]} */ args) => execFileSync('pactl', args, { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  /** The pipe's writer (not the room). */
  /** @type {{ destroy: () => void } | null} */
  let writer = null;
  /** The room's voice. */
  /** @type {import('node:child_process').ChildProcess | null} */
  let player = null;
  /** @type {string | null} */
  let echoModule = null;
  return {
    env,
    ready: async () => {
      for (let i = 0; i < 50 && !(existsSync(socket) && (room || existsSync(fifo))); i++) await new Promise((r) => setTimeout(r, 100));
    },
    /**
     * The room's echo: the speaker's output reaches the microphone `db` below its level (null: none).
     * @param {number | null} db
     */
    setEcho: (db) => {
      if (!room) throw new Error('setEcho: not a room');
      if (echoModule !== null) pactl(['unload-module', echoModule]);
      echoModule = null;
      if (db === null) return;
      echoModule = pactl(['load-module', 'module-loopback', 'source=speaker.monitor', 'sink=room', `latency_msec=${ROOM_ECHO_LATENCY_MS}`]);
      const inputs = /** @type {{ index: number, owner_module: string }[]} */ (JSON.parse(pactl(['-f', 'json', 'list', 'sink-inputs'])));
      const input = inputs.find((i) => String(i.owner_module) === echoModule);
      if (!input) throw new Error('setEcho: the loopback has no sink input');
      pactl(['set-sink-input-volume', String(input.index), `${db}dB`]);
    },
    /**
     * Starts the microphone on a 16 kHz mono 16-bit WAV file's samples, then silence, in real time;
     * a second call starts the next file at once. Returns when the file started (epoch ms).
     */
    speak: (/** @type {string} */ wavFile) => {
      const wav = readFileSync(wavFile);
      const data = wav.indexOf('data', 12);
      if (wav.readUInt16LE(22) !== 1 || wav.readUInt32LE(24) !== 16000 || wav.readUInt16LE(34) !== 16 || data < 0) {
        throw new Error(`${wavFile}: not a 16 kHz mono 16-bit WAV`);
      }
      const pcm = wav.subarray(data + 8, data + 8 + wav.readUInt32LE(data + 4));
      if (room) {
        // In the room the voice is a playback stream into the room, read by paplay from the file:
        // the sink's clock plays it in real time, and the server holds half a second of it,
        // however late this process or paplay run. (A loopback from a pipe source into a sink
        // passed nothing on PulseAudio 16 here.)
        player?.kill();
        player = spawn('paplay', ['--device=room', '--latency-msec=500', wavFile], { stdio: 'ignore', env: { ...process.env, ...env } });
        return Date.now();
      }
      writer?.destroy();
      const stream = createWriteStream(fifo);
      stream.on('error', () => undefined);
      // The pipe source takes samples as fast as they come, so they are written in real time:
      // every 20 ms, what the clock says is due (silence after the file's end).
      const start = Date.now();
      let sent = 0;
      const timer = setInterval(() => {
        const due = Math.floor(((Date.now() - start) * 16000) / 1000) * 2;
        if (due <= sent) return;
        const chunk = Buffer.alloc(due - sent);
        if (sent < pcm.length) pcm.copy(chunk, 0, sent, Math.min(pcm.length, due));
        stream.write(chunk);
        sent = due;
      }, 20);
      writer = { destroy: () => (clearInterval(timer), stream.destroy()) };
      return start;
    },
    stop: () => {
      writer?.destroy();
      player?.kill();
      server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
