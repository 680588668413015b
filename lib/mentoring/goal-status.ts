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
