import type { GoalStatus, Relationship, RelationshipStatus, Stage, WayOfMeeting } from '../../lib/schema';

type RelationshipType = Relationship['type'];

/** Keys of the shared (common) strings for each stored enum value. */
export const WAY_KEYS = {
  video: 'wayVideo',
  phone: 'wayPhone',
  'face-to-face': 'wayFaceToFace',
  email: 'wayEmail',
} as const satisfies Record<WayOfMeeting, string>;

export const STAGE_KEYS = {
  'first-meeting': 'stageFirstMeeting',
  'goal-setting': 'stageGoalSetting',
  progress: 'stageProgress',
  review: 'stageReview',
} as const satisfies Record<Stage, string>;

/** Keys of the options strings. */
export const GOAL_STATUS_KEYS = {
  'not-started': 'goalStatusNotStarted',
  'in-progress': 'goalStatusInProgress',
  achieved: 'goalStatusAchieved',
  dropped: 'goalStatusDropped',
} as const satisfies Record<GoalStatus, string>;

export const STATUS_KEYS = {
  active: 'statusActive',
  paused: 'statusPaused',
  completed: 'statusCompleted',
  'concluded-no-fault': 'statusConcluded',
} as const satisfies Record<RelationshipStatus, string>;

export const TYPE_KEYS = {
  upward: 'typeUpward',
  peer: 'typePeer',
  'cross-functional': 'typeCrossFunctional',
  downward: 'typeDownward',
} as const satisfies Record<RelationshipType, string>;
