import type { CueKind, Role } from '../schema';

/** Everything the cue rules look at, from the live session. */
export type CueInput = {
  role: Role | null;
  /** Session time, ms (timer time: pauses excluded). */
  elapsedMs: number;
  plannedMs: number;
  /** The user's share of talk in the last five minutes, 0..1, and how much talk that window holds. */
  recentSelfShare: number | null;
  recentTalkMs: number;
  /** The longest turn so far of the user. */
  longestSelfMonologueMs: number;
  /** The current agenda item's time over its box (negative while within), ms. */
  currentItemOverMs: number;
  currentItemId: string | null;
  /** The agenda's wrap-up (actions and next meeting) is ticked done. */
  wrapUpDone: boolean;
};

export type Cue = { kind: CueKind; key: string };

/** Above this share of the last five minutes, a mentor is reminded to ask an open question. */
export const MENTOR_DOMINANT_SHARE = 0.6;
export const MONOLOGUE_MS = 2 * 60_000;
const WRAP_UP_MS = 5 * 60_000;

/**
 * The quiet cues the side panel may show now. Each has a key; a cue whose key was already shown
 * or dismissed is not shown again, so every cue appears once (the time-box cue once per item).
 */
export function dueCues(input: CueInput, alreadyShown: ReadonlySet<string>): Cue[] {
  const cues: Cue[] = [];
  const add = (kind: CueKind, key: string) => {
    if (!alreadyShown.has(key)) cues.push({ kind, key });
  };
  // Only with enough talk in the window to judge (a minute), and only for mentors: the method
  // asks the mentor to listen and question.
  if (
    input.role === 'mentor' &&
    input.recentSelfShare !== null &&
    input.recentTalkMs >= 60_000 &&
    input.recentSelfShare > MENTOR_DOMINANT_SHARE
  ) {
    add('open-question', `open-question:${Math.floor(input.elapsedMs / (10 * 60_000))}`);
  }
  if (input.longestSelfMonologueMs > MONOLOGUE_MS) add('monologue', 'monologue');
  if (input.currentItemId && input.currentItemOverMs > 0) add('timebox', `timebox:${input.currentItemId}`);
  const left = input.plannedMs - input.elapsedMs;
  if (input.plannedMs > WRAP_UP_MS && left <= WRAP_UP_MS && !input.wrapUpDone) add('wrap-up', 'wrap-up');
  return cues;
}
