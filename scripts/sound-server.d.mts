// Types of scripts/sound-server.mjs, for the TypeScript benchmarks that use it.

/** The delay the room adds to the speaker's sound before the microphone hears it (loopback latency). */
export const ROOM_ECHO_LATENCY_MS: number;

export interface SoundServer {
  /** What a browser needs in its environment to use this server. */
  env: { PULSE_SERVER: string };
  ready(): Promise<void>;
  /** The room's echo: the speaker's output reaches the microphone `db` below its level (null: none). */
  setEcho(db: number | null): void;
  /** Starts the microphone on a 16 kHz mono 16-bit WAV file; returns when it started (epoch ms). */
  speak(wavFile: string): number;
  stop(): void;
}

/** A private PulseAudio server, in a room with a loudspeaker or not; null without pulseaudio. */
export function startSoundServer(o?: { room?: boolean }): SoundServer | null;
