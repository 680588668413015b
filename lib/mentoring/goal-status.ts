import type { Goal } from '../schema';

export type GoalStatus = Goal['status'];

/**
 * A status that agrees with the progress: a goal with any progress has started, so
 * "not started" with more than 0 % becomes "in progress". Other statuses are the user's call
 * (a goal can be dropped at 40 %, or marked achieved before the bar reaches 100 %).
 */
export function statusForProgress(status: GoalStatus, progress: number): GoalStatus {
  return status === 'not-started' && progress > 0 ? 'in-progress' : status;
}

/** The goal's status and progress made consistent (see `statusForProgress`). */
export function consistentGoal<T extends { status: GoalStatus; progress: number }>(goal: T): T {
  const status = statusForProgress(goal.status, goal.progress);
  return status === goal.status ? goal : { ...goal, status };
}

type Change = { target: { value: string } };

/**
 * What a goal form does as the user types, so the fields never disagree: choosing "Not started"
 * sets the progress to 0, and progress above 0 moves "Not started" to "In progress" (as saving
 * does, see `statusForProgress`). The handlers go to the status and progress inputs' onChange.
 */
export function goalFieldSync(status: () => GoalStatus, setStatus: (status: GoalStatus) => void, setProgress: (progress: number) => void) {
  return {
    onStatusChange: (e: Change) => {
      if (e.target.value === 'not-started') setProgress(0);
    },
    onProgressChange: (e: Change) => {
      const next = statusForProgress(status(), Number(e.target.value));
      if (next !== status()) setStatus(next);
    },
  };
}
