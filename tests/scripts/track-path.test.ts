import { describe, expect, it } from 'vitest';
import { frameLevelsDb, removedByPath, trackLag } from '../../scripts/talktime/track-path';
import { wordsTrack } from './words-track';

describe('trackLag', () => {
  const rate = 8000;
  const raw = wordsTrack(60, rate);

  it('follows a track that lost 90 ms of audio half-way through the call', () => {
    // 50 ms late for the first 30 s; then 90 ms of the recording never reach the track.
    const track = new Float32Array(raw.length);
    for (let i = 0; i < track.length; i++) {
      const t = i / rate;
      const from = Math.round((t < 30 ? t - 0.05 : t + 0.04) * rate);
      track[i] = raw[from] ?? 0;
    }
    const lag = trackLag({ samples: track, sampleRate: rate }, { samples: raw, sampleRate: rate });
    expect(lag(10)).toBeCloseTo(0.05, 2);
    expect(lag(20)).toBeCloseTo(0.05, 2);
    expect(lag(45)).toBeCloseTo(-0.04, 2);
    expect(lag(55)).toBeCloseTo(-0.04, 2);
  });

  it('gives one lag for a track that holds it', () => {
    const track = new Float32Array(raw.length);
    for (let i = 0; i < track.length; i++) track[i] = raw[i - 0.12 * rate] ?? 0;
    const lag = trackLag({ samples: track, sampleRate: rate }, { samples: raw, sampleRate: rate });
    for (const t of [5, 20, 40, 58]) expect(lag(t)).toBeCloseTo(0.12, 2);
  });
});

describe('frameLevelsDb', () => {
  it('reads each frame where the lag puts it', () => {
    const rate = 1000;
    const x = new Float32Array(3000);
    x.fill(0.1, 1000, 2000); // −20 dB from 1 s to 2 s
    const early = frameLevelsDb({ samples: x, sampleRate: rate }, 30, 0.1);
    expect(early[12]).toBeCloseTo(-20, 1);
    expect(early[22]).toBeLessThan(-100);
    // Read 0.5 s earlier than the grid: the loud second sits at 1.5–2.5 s on the grid.
    const late = frameLevelsDb({ samples: x, sampleRate: rate }, 30, 0.1, () => 0.5);
    expect(late[12]).toBeLessThan(-100);
    expect(late[22]).toBeCloseTo(-20, 1);
  });
});

describe('removedByPath', () => {
  // 100 frames of a party's true talk, loud in their clean recording, and the path 6 dB louder.
  const frames = 120;
  const truth = new Uint8Array(frames).fill(1, 0, 100);
  const clean = new Float64Array(frames).fill(-80);
  const heard = new Float64Array(frames).fill(-90);
  clean.fill(-20, 0, 90);
  heard.fill(-14, 0, 90);
  // A pause the truth bridges, quiet in the recording: not a word the path could remove.
  clean.fill(-70, 90, 100);
  heard.fill(-95, 90, 100);
  const otherTruth = new Uint8Array(frames).fill(1, 45, 60);

  it('counts nothing when the track carries every word', () => {
    expect(removedByPath(heard, clean, truth, otherTruth)).toEqual({ removed: 0, doubleTalk: 0 });
  });

  it('counts a word ducked 40 dB, and the part of it in double talk', () => {
    const ducked = heard.slice();
    ducked.fill(-54, 40, 50);
    expect(removedByPath(ducked, clean, truth, otherTruth)).toEqual({ removed: 10, doubleTalk: 5 });
  });

  it('leaves a word turned down less than 20 dB', () => {
    const softer = heard.slice();
    softer.fill(-30, 40, 50);
    expect(removedByPath(softer, clean, truth, otherTruth).removed).toBe(0);
  });
});
