#!/usr/bin/env node
// Generates the demo call's two voices with espeak-ng and sox (run once; the output is committed):
//   public/audio/self.wav   the user's microphone (played by Chromium's fake capture device)
//   public/audio/other.wav  the other party (played by the far end of the demo call)
//   public/audio/truth.json where each clip was placed: the ground truth of who talked when
// Both files are 16 kHz mono 16-bit and share one timeline. Requires espeak-ng and sox.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Takes no arguments: anything on the command line (a mistyped flag, say) is an error, not ignored.
parseArgs({ options: {} });

const RATE = 16000;
const out = new URL('./public/audio/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'rapport-demo-'));

// A mentoring conversation: the user is the mentor and should mostly listen.
const turns = [
  ['other', 'Hi, thanks for making time again. I have been thinking about the goal we set last month.'],
  ['self', 'Good to see you. Where would you like to start today?'],
  [
    'other',
    'The presentation to the leadership group went better than I feared. I prepared the way we discussed, with three clear messages, and I practised twice with my team.',
  ],
  ['self', 'That sounds like real progress. What made the biggest difference?'],
  [
    'other',
    'Practising out loud, I think. And asking one colleague to play the difficult questioner. When the real questions came, I had already heard most of them.',
  ],
  ['self', 'And what would you do differently next time?'],
  [
    'other',
    'I ran over time. I had too many slides for the middle part, so the discussion at the end was rushed. Next time I want to cut it down and leave ten minutes for questions.',
  ],
  ['self', 'How will you know you have cut enough?'],
  ['other', 'A full rehearsal with a timer, I suppose. If it runs past twenty minutes, something goes.'],
  ['self', 'Shall we make that an action, with a date?'],
  ['other', 'Yes. I will rehearse the next one by Friday and send you the outline before our next meeting.'],
];

function sh(cmd, args) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

const voices = { self: ['-v', 'en-us+f3', '-s', '165', '-p', '55'], other: ['-v', 'en-gb', '-s', '160', '-p', '40'] };
const clips = turns.map(([who, text], i) => {
  const raw = join(work, `clip${i}.wav`);
  const clip = join(work, `clip${i}-16k.wav`);
  sh('espeak-ng', [...voices[who], '-w', raw, text]);
  // Trim espeak's leading/trailing silence so the ground truth is where the voice is.
  sh('sox', [
    raw,
    '-r',
    String(RATE),
    '-c',
    '1',
    '-b',
    '16',
    clip,
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
  ]);
  const seconds = Number(sh('soxi', ['-D', clip]).trim());
  return { who, clip, seconds };
});

// Place turns on one timeline with a natural pause (0.6–1.1 s) before each answer.
const gaps = [0.9, 0.7, 1.0, 0.8, 1.1, 0.6, 0.9, 0.7, 1.0, 0.8, 0.9];
let t = 4.0; // lead-in: the far end joins ≈ 1–2 s after the microphone opens, and must not cut the first turn
const truth = { sampleRate: RATE, self: [], other: [] };
for (const [i, c] of clips.entries()) {
  c.start = t;
  truth[c.who].push([Math.round(t * 1000), Math.round((t + c.seconds) * 1000)]);
  t += c.seconds + gaps[i % gaps.length];
}
const total = t + 2;
truth.durationMs = Math.round(total * 1000);

for (const who of ['self', 'other']) {
  const mine = clips.filter((c) => c.who === who);
  const parts = mine.map((c, i) => {
    const padded = join(work, `${who}-${i}.wav`);
    sh('sox', [c.clip, padded, 'pad', String(c.start), '0']);
    return padded;
  });
  const mixed = join(work, `${who}-mix.wav`);
  if (parts.length === 1) sh('sox', [parts[0], mixed]);
  else sh('sox', ['-m', ...parts, mixed]);
  // Mixing divides levels by the number of inputs; restore a normal speaking level, then fix the length.
  const level = join(work, `${who}-level.wav`);
  sh('sox', [mixed, level, 'gain', '-n', '-3', 'pad', '0', '30', 'trim', '0', String(total)]);
  // A quiet room-noise floor (≈ −60 dBFS), as every real microphone has: pure digital silence
  // between turns would look like a dead input.
  const noise = join(work, `${who}-noise.wav`);
  sh('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', noise, 'synth', String(total), 'pinknoise', 'vol', '0.002']);
  sh('sox', ['-m', '-v', '1', level, '-v', '1', noise, join(out, `${who}.wav`)]);
}
const sum = (segs) => segs.reduce((a, [s, e]) => a + e - s, 0);
truth.selfTalkMs = sum(truth.self);
truth.otherTalkMs = sum(truth.other);
truth.selfShare = truth.selfTalkMs / (truth.selfTalkMs + truth.otherTalkMs);
writeFileSync(join(out, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
rmSync(work, { recursive: true, force: true });
console.log(
  `demo audio: ${total.toFixed(1)} s, self ${truth.selfTalkMs} ms, other ${truth.otherTalkMs} ms, self share ${(truth.selfShare * 100).toFixed(1)} %`,
);
