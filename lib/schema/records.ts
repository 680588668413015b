import { z } from 'zod';
import {
  DateOnlySchema,
  EpochMsSchema,
  IdSchema,
  LabelSchema,
  PlatformSchema,
  RoleSchema,
  StageSchema,
  TextSchema,
  WayOfMeetingSchema,
  DurationMsSchema,
} from './common';
import { TalkStatsSchema } from './talk';

export const RelationshipTypeSchema = z.enum(['upward', 'peer', 'cross-functional', 'downward']);
export const RelationshipStatusSchema = z.enum(['active', 'paused', 'completed', 'concluded-no-fault']);
export type RelationshipStatus = z.infer<typeof RelationshipStatusSchema>;

/** What both people agreed in the first meeting. */
export const AgreementSchema = z.object({
  /** What stays between the two of them. */
  confidentiality: TextSchema.default(''),
  /** Boundaries: topics, availability, how to reach each other. */
  boundaries: TextSchema.default(''),
  /** Preferred ways of meeting. */
  waysOfMeeting: z.array(WayOfMeetingSchema).max(4).default(['video']),
  /** Usual length of a meeting, minutes. */
  usualLengthMin: z.number().int().min(5, 'must be at least 5 minutes').max(480, 'must be at most 8 hours').default(45),
});
export type Agreement = z.infer<typeof AgreementSchema>;

/** How often to meet: close together at first, then further apart. */
export const CadenceSchema = z.object({
  /** Days between meetings in the goal-setting phase. */
  earlyEveryDays: z.number().int().min(1).max(365).default(7),
  /** How many meetings the early phase lasts. */
  earlyMeetings: z.number().int().min(0).max(50).default(5),
  /** Days between meetings once goals are set. */
  laterEveryDays: z.number().int().min(1).max(365).default(30),
});
export type Cadence = z.infer<typeof CadenceSchema>;

/** Target range of the user's own share of talk time, in percent. */
export const TargetShareSchema = z
  .object({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) })
  .refine((t) => t.min <= t.max, { message: 'minimum must not exceed maximum', path: ['min'] });
export type TargetShare = z.infer<typeof TargetShareSchema>;

/** An agenda item of one session, with its time box and the goals it serves. */
export const AgendaItemSchema = z.object({
  id: IdSchema,
  title: LabelSchema,
  /** Planned minutes. */
  timeboxMin: z.number().int().min(1, 'must be at least 1 minute').max(480),
  goalIds: z.array(IdSchema).max(50).default([]),
  done: z.boolean().default(false),
  /** Time spent on the item while it was current. */
  spentMs: DurationMsSchema.default(0),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

/** A mentoring relationship between the user and one counterpart. */
export const RelationshipSchema = z.object({
  id: IdSchema,
  /** The other person's name as the user wants to see it. */
  counterpartName: LabelSchema,
  /** The user's own role in this relationship. */
  myRole: RoleSchema,
  type: RelationshipTypeSchema,
  /** Whether the mentor comes from inside or outside the organisation. */
  mentorOrigin: z.enum(['internal', 'external']),
  startDate: DateOnlySchema,
  /** Initial term; one year is recommended. */
  termMonths: z.number().int().min(1).max(120).default(12),
  agreement: AgreementSchema,
  /** Meeting links (or their stable parts) that identify this relationship's calls. */
  meetingLinks: z.array(z.string().trim().min(1).max(2048)).max(50).default([]),
  cadence: CadenceSchema.default({ earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 30 }),
  /** Overrides the role's default talk-share target for this relationship. */
  targetShare: TargetShareSchema.nullable().default(null),
  /** Skills gaps identified for the development plan. */
  skillsGaps: z.array(LabelSchema).max(50).default([]),
  status: RelationshipStatusSchema.default('active'),
  /** When status became paused/completed/concluded, and a neutral reason. */
  statusNote: TextSchema.default(''),
  /** When the user last reviewed the match (the early review after 2–3 sessions, or a later one); null before. */
  reviewedAt: EpochMsSchema.nullable().default(null),
  /**
   * The next session's agenda, drafted from the stage, open actions and goals and edited on the
   * options page before the call; the live session starts from it. Null: use the stage template.
   */
  nextAgenda: z.array(AgendaItemSchema).max(100).nullable().default(null),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export const GoalStatusSchema = z.enum(['not-started', 'in-progress', 'achieved', 'dropped']);
export type GoalStatus = z.infer<typeof GoalStatusSchema>;

/** One step of a goal's progress, written when a note is saved. */
export const GoalProgressEntrySchema = z.object({
  at: EpochMsSchema,
  progress: z.number().int().min(0).max(100),
  status: GoalStatusSchema,
  comment: TextSchema.default(''),
  noteId: IdSchema.nullable().default(null),
});

/** A SMART-style goal of the mentee's development plan. */
export const GoalSchema = z.object({
  id: IdSchema,
  relationshipId: IdSchema,
  /** What: the goal in one line. */
  title: LabelSchema,
  /** Why it matters. */
  why: TextSchema.default(''),
  /** How success is measured. */
  measure: TextSchema.default(''),
  targetDate: DateOnlySchema.nullable().default(null),
  /** The skills gap it closes, if any. */
  skillGap: z.string().max(200).default(''),
  status: GoalStatusSchema.default('not-started'),
  /** 0–100. */
  progress: z.number().int('must be a whole number').min(0, 'must be 0–100').max(100, 'must be 0–100').default(0),
  history: z.array(GoalProgressEntrySchema).max(1000).default([]),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type Goal = z.infer<typeof GoalSchema>;

export const SessionStatusSchema = z.enum(['live', 'ended', 'interrupted', 'noted', 'skipped']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const CueKindSchema = z.enum(['open-question', 'monologue', 'timebox', 'wrap-up']);
export type CueKind = z.infer<typeof CueKindSchema>;

/**
 * One mentoring session: a live call Rapport measured, or one logged by hand
 * (phone, face to face, e-mail).
 */
export const SessionSchema = z.object({
  id: IdSchema,
  /** Null for an unlinked session the user has not assigned yet. */
  relationshipId: IdSchema.nullable(),
  platform: PlatformSchema,
  wayOfMeeting: WayOfMeetingSchema.default('video'),
  /** Normalised meeting link (origin + path, no query), empty when logged by hand. */
  meetingLink: z.string().max(2048).default(''),
  stage: StageSchema,
  plannedLengthMin: z.number().int().min(1).max(480),
  agenda: z.array(AgendaItemSchema).max(100).default([]),
  /** Index of the agenda item being discussed. */
  currentItem: z.number().int().min(0).max(100).default(0),
  /** When the current item became current (its running time is spentMs plus the time since). */
  currentItemSince: EpochMsSchema.nullable().default(null),
  startedAt: EpochMsSchema,
  endedAt: EpochMsSchema.nullable().default(null),
  /** Last time the live session was written; an interrupted session ends here. */
  lastSavedAt: EpochMsSchema,
  /** Total time the timer was paused. */
  pausedMs: DurationMsSchema.default(0),
  /** Set while paused: when the pause began. */
  pausedAt: EpochMsSchema.nullable().default(null),
  /** Timings only; null for sessions logged by hand. */
  talk: TalkStatsSchema.nullable().default(null),
  /** Cues shown during the session; `key` tells repeated kinds apart (e.g. one per agenda item). */
  cuesShown: z
    .array(z.object({ kind: CueKindSchema, atMs: DurationMsSchema, key: z.string().max(100).default('') }))
    .max(200)
    .default([]),
  status: SessionStatusSchema,
  createdAt: EpochMsSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const ActionSchema = z.object({
  id: IdSchema,
  relationshipId: IdSchema,
  sessionId: IdSchema.nullable().default(null),
  noteId: IdSchema.nullable().default(null),
  text: LabelSchema,
  owner: RoleSchema,
  dueDate: DateOnlySchema,
  done: z.boolean().default(false),
  doneAt: EpochMsSchema.nullable().default(null),
  createdAt: EpochMsSchema,
});
export type Action = z.infer<typeof ActionSchema>;

export const ReflectionSchema = z.object({
  listening: z.number().int().min(1).max(5).nullable().default(null),
  questioning: z.number().int().min(1).max(5).nullable().default(null),
  empathy: z.number().int().min(1).max(5).nullable().default(null),
  nonJudgement: z.number().int().min(1).max(5).nullable().default(null),
  feedback: z.number().int().min(1).max(5).nullable().default(null),
  text: TextSchema.default(''),
});

/** The structured note written after a session. */
export const NoteSchema = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  relationshipId: IdSchema,
  summary: z.string().trim().min(1, 'Write a short summary').max(5000, 'must be at most 5,000 characters'),
  wentWell: TextSchema.default(''),
  doDifferently: TextSchema.default(''),
  goalUpdates: z
    .array(
      z.object({
        goalId: IdSchema,
        status: z.enum(['not-started', 'in-progress', 'achieved', 'dropped']),
        progress: z.number().int().min(0).max(100),
        comment: TextSchema.default(''),
      }),
    )
    .max(100)
    .default([]),
  nextMeeting: z.object({ at: EpochMsSchema, way: WayOfMeetingSchema }).nullable().default(null),
  rapportRating: z.number().int().min(1, 'Pick 1–5').max(5, 'Pick 1–5').nullable().default(null),
  reflection: ReflectionSchema.nullable().default(null),
  /** Never exported, never shared. */
  private: z.boolean().default(false),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type Note = z.infer<typeof NoteSchema>;

/** A note being written; kept until saved or skipped. Shape is loose on purpose. */
export const NoteDraftSchema = z.object({
  sessionId: IdSchema,
  /** The form's values as typed; validated only when the note is saved. */
  values: z.record(z.string().max(100), z.unknown()),
  updatedAt: EpochMsSchema,
});
export type NoteDraft = z.infer<typeof NoteDraftSchema>;

export const LanguageSchema = z.enum(['auto', 'en', 'nb']);

/** User settings, one record. */
export const SettingsSchema = z.object({
  id: z.literal('settings'),
  language: LanguageSchema.default('auto'),
  cuesEnabled: z.boolean().default(true),
  /** Default talk-share targets by the user's role, percent. */
  targetShare: z
    .object({ mentor: TargetShareSchema, mentee: TargetShareSchema })
    .default({ mentor: { min: 20, max: 40 }, mentee: { min: 50, max: 80 } }),
  weekStartsOn: z.union([z.literal(0), z.literal(1), z.literal(6)]).default(1),
  /** Extra origins the user enabled for call detection (granted optional host permissions). */
  extraOrigins: z.array(z.string().max(300)).max(100).default([]),
  /**
   * Opt-in reminders (notifications + alarms, optional permissions asked when switched on).
   * Absent: never switched on, so nothing is scheduled.
   */
  reminders: z
    .object({
      enabled: z.boolean(),
      /** "Session with <name> in 10 min" before a planned session. */
      beforeSession: z.boolean(),
      /** A nudge when a note is still unwritten a few hours after a call. */
      unwrittenNote: z.boolean(),
      /** The weekly review nudge, on `weeklyDay` (0 = Sunday … 6 = Saturday) at 09:00; null: off. */
      weeklyDay: z.number().int().min(0).max(6).nullable(),
    })
    .optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type ReminderSettings = NonNullable<Settings['reminders']>;
export { DEFAULT_SETTINGS } from './settings-read';

/** Which tab a live session belongs to, so a restarted service worker finds it again. */
export const LiveTabSchema = z.object({
  tabId: z.number().int().nonnegative(),
  sessionId: IdSchema,
  /** Meeting link the tab was on when the session started. */
  meetingLink: z.string().max(2048),
  startedAt: EpochMsSchema,
  /**
   * The tab loaded a page of the same meeting (a reload): the session continues if the new page
   * rejoins by this time, and ends at its last save otherwise. Not indexed; absent when no
   * reload is pending.
   */
  reconnectBy: EpochMsSchema.optional(),
});
export type LiveTab = z.infer<typeof LiveTabSchema>;
