import type { Action, AgendaItem, Goal, Relationship, Session, Stage } from '../schema';
import { newId } from '../schema/common';
import { heldSessions } from './cadence';
import { agendaFromTemplate, stageForNextSession } from './templates';

/** Words the draft needs in the user's language. */
export type AgendaLabels = {
  /** Title of the item that follows up open actions, e.g. "Follow up: {list}". */
  followUp: (actionTexts: string) => string;
  /** Title of an item about one goal, e.g. "Progress: {title}". */
  goal: (goalTitle: string) => string;
};

export const ENGLISH_AGENDA_LABELS: AgendaLabels = {
  followUp: (list) => `Follow up: ${list}`,
  goal: (title) => `Progress: ${title}`,
};

/** Minutes given to following up open actions. */
const FOLLOW_UP_MIN = 5;
const MAX_TITLE = 200;

function clip(text: string): string {
  return text.length <= MAX_TITLE ? text : `${text.slice(0, MAX_TITLE - 1)}…`;
}

/**
 * A draft of the next session's agenda: the stage's template over the agreed meeting length, with
 * an item to follow up the open actions, and in a progress review one item per open goal (linked
 * to it), so the side panel shows which goal each part of the call serves. The user edits it
 * before the call.
 */
export function draftNextAgenda(
  input: {
    relationship: Pick<Relationship, 'cadence' | 'agreement'>;
    sessions: readonly Pick<Session, 'status' | 'startedAt'>[];
    goals: readonly Pick<Goal, 'id' | 'title' | 'status'>[];
    actions: readonly Pick<Action, 'text' | 'done' | 'dueDate'>[];
  },
  labels: AgendaLabels = ENGLISH_AGENDA_LABELS,
): { stage: Stage; items: AgendaItem[] } {
  const stage = stageForNextSession(heldSessions(input.sessions).length, input.relationship.cadence.earlyMeetings);
  const length = input.relationship.agreement.usualLengthMin;
  const openGoals = input.goals.filter((g) => g.status === 'not-started' || g.status === 'in-progress');
  const openActions = [...input.actions].filter((a) => !a.done).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const followUp = openActions.length > 0 && stage !== 'first-meeting' && length >= 20 ? FOLLOW_UP_MIN : 0;
  const items = agendaFromTemplate(
    stage,
    length - followUp,
    openGoals.map((g) => g.id),
  );

  if (stage === 'progress' && openGoals.length > 0) {
    const index = items.findIndex((i) => i.goalIds.length > 0);
    const shared = items[index];
    if (shared) {
      // Split the goals item's minutes over the goals (at least one minute each), remainder to the first.
      const each = Math.max(1, Math.floor(shared.timeboxMin / openGoals.length));
      const perGoal = openGoals.map((g, n) => ({
        id: newId(),
        title: clip(labels.goal(g.title)),
        timeboxMin: n === 0 ? Math.max(1, shared.timeboxMin - each * (openGoals.length - 1)) : each,
        goalIds: [g.id],
        done: false,
        spentMs: 0,
      }));
      items.splice(index, 1, ...perGoal);
    }
  }
  if (followUp > 0) {
    const list = openActions
      .slice(0, 3)
      .map((a) => a.text)
      .join('; ');
    const more = openActions.length > 3 ? ` (+${openActions.length - 3})` : '';
    items.splice(1, 0, {
      id: newId(),
      title: clip(labels.followUp(`${list}${more}`)),
      timeboxMin: followUp,
      goalIds: [],
      done: false,
      spentMs: 0,
    });
  }
  return { stage, items };
}
