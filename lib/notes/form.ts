import { format } from 'date-fns';
import { z } from 'zod';
import type { SaveNoteInput } from '../db/notes';
import {
  GoalStatusSchema,
  MAX_LABEL,
  MAX_TEXT,
  RoleSchema,
  WayOfMeetingSchema,
  type Action,
  type Goal,
  type GoalStatus,
  type Note,
  type Role,
  type WayOfMeeting,
} from '../schema';
import { isRealDate, toDateOnly } from '../schema/date-only';
import { formError } from '../i18n/form-errors';

/** Longest summary a note accepts; NoteSchema has the same bound. */
export const MAX_SUMMARY = 5000;
/** Most actions one note may carry. */
export const MAX_ACTIONS = 50;

/** The five habits of a good mentor the private reflection rates, 1–5. */
export const REFLECTION_KEYS = ['listening', 'questioning', 'empathy', 'nonJudgement', 'feedback'] as const;
export type ReflectionKey = (typeof REFLECTION_KEYS)[number];

/** One linked goal as the form edits it. */
export type GoalRow = { goalId: string; status: GoalStatus; progress: number; comment: string };

/** One action as the form edits it; `id` is set for an action saved earlier with this note. */
export type ActionRow = { id: string | null; text: string; owner: Role; dueDate: string };

/**
 * What the note form holds, as the inputs hold it: dates and times as the `<input>` strings,
 * ratings as '' (not rated) or '1'–'5'. This is also the shape of a stored draft.
 */
export type NoteFormValues = {
  summary: string;
  wentWell: string;
  doDifferently: string;
  goalUpdates: GoalRow[];
  actions: ActionRow[];
  nextMeeting: { planned: boolean; date: string; time: string; way: WayOfMeeting };
  rapportRating: string;
  reflection: Record<ReflectionKey, string> & { text: string };
  private: boolean;
};

/** A 24-hour time, the hour with or without a leading zero ("9:30", "14:05"). */
const TIME_RE = /^([01]?\d|2[0-3]):[0-5]\d$/;
const RATING = z.enum(['', '1', '2', '3', '4', '5'], { error: formError('ratingRange') });

/** The local calendar day of `now` as `YYYY-MM-DD`. */
export function localDate(now: Date = new Date()): string {
  return toDateOnly(now);
}

/** The local date and time `date`/`time` name, in epoch ms. */
export function localDateTimeMs(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm).getTime();
}

export type FormContext = {
  /** Today, local, `YYYY-MM-DD`: a new action may not be due before it. */
  today: string;
  /** Now, epoch ms: a newly planned next meeting may not lie before it. */
  now: number;
  /** The note was saved before: its old dates may lie in the past by now. */
  editing: boolean;
};

/**
 * The note form's schema, derived from the stored note's bounds (NoteSchema, ActionSchema) with
 * the rules only a person filling the form needs: no new action due in the past, a planned next
 * meeting needs a date and a time in the future. Messages are form error keys (lib/i18n/form-errors.ts).
 */
export function noteFormSchema(ctx: FormContext) {
  const goalRow = z.object({
    goalId: z.string().min(1),
    status: GoalStatusSchema,
    progress: z
      .number({ error: formError('progressRange') })
      .int(formError('progressRange'))
      .min(0, formError('progressRange'))
      .max(100, formError('progressRange')),
    comment: z.string().max(MAX_TEXT, formError('textTooLong')),
  });
  const actionRow = z
    .object({
      id: z.string().nullable(),
      text: z.string().trim().min(1, formError('actionTextRequired')).max(MAX_LABEL, formError('actionTextTooLong')),
      owner: RoleSchema,
      dueDate: z.string().refine(isRealDate, formError('dueDateRequired')),
    })
    .superRefine((a, c) => {
      // An action agreed today cannot already be overdue; one saved earlier may have become so.
      if (a.id === null && isRealDate(a.dueDate) && a.dueDate < ctx.today) {
        c.addIssue({ code: 'custom', message: formError('dueDateInPast'), path: ['dueDate'] });
      }
    });
  const nextMeeting = z
    .object({ planned: z.boolean(), date: z.string(), time: z.string(), way: WayOfMeetingSchema })
    .superRefine((n, c) => {
      if (!n.planned) return;
      const dateOk = isRealDate(n.date);
      const timeOk = TIME_RE.test(n.time);
      if (!dateOk) c.addIssue({ code: 'custom', message: formError('nextDateRequired'), path: ['date'] });
      if (!timeOk) c.addIssue({ code: 'custom', message: formError('time'), path: ['time'] });
      if (dateOk && timeOk && !ctx.editing && localDateTimeMs(n.date, n.time) < ctx.now) {
        c.addIssue({ code: 'custom', message: formError('nextInPast'), path: ['date'] });
      }
    });
  return z.object({
    summary: z.string().trim().min(1, formError('summaryRequired')).max(MAX_SUMMARY, formError('summaryTooLong')),
    wentWell: z.string().max(MAX_TEXT, formError('textTooLong')),
    doDifferently: z.string().max(MAX_TEXT, formError('textTooLong')),
    goalUpdates: z.array(goalRow).max(100),
    actions: z.array(actionRow).max(MAX_ACTIONS, formError('tooManyActions')),
    nextMeeting,
    rapportRating: RATING,
    reflection: z.object({
      listening: RATING,
      questioning: RATING,
      empathy: RATING,
      nonJudgement: RATING,
      feedback: RATING,
      text: z.string().max(MAX_TEXT, formError('textTooLong')),
    }),
    private: z.boolean(),
  });
}

export type NoteFormOutput = z.output<ReturnType<typeof noteFormSchema>>;

function rating(value: string): number | null {
  return value === '' ? null : Number(value);
}

/** The save request for valid form values; saveNote validates it again against NoteSchema. */
export function toSaveInput(values: NoteFormOutput, sessionId: string, noteId: string | null): SaveNoteInput {
  const r = values.reflection;
  const reflected = REFLECTION_KEYS.some((k) => r[k] !== '') || r.text.trim() !== '';
  return {
    ...(noteId ? { id: noteId } : {}),
    sessionId,
    summary: values.summary.trim(),
    wentWell: values.wentWell.trim(),
    doDifferently: values.doDifferently.trim(),
    goalUpdates: values.goalUpdates.map((g) => ({ goalId: g.goalId, status: g.status, progress: g.progress, comment: g.comment.trim() })),
    nextMeeting: values.nextMeeting.planned
      ? { at: localDateTimeMs(values.nextMeeting.date, values.nextMeeting.time), way: values.nextMeeting.way }
      : null,
    rapportRating: rating(values.rapportRating),
    reflection: reflected
      ? {
          listening: rating(r.listening),
          questioning: rating(r.questioning),
          empathy: rating(r.empathy),
          nonJudgement: rating(r.nonJudgement),
          feedback: rating(r.feedback),
          text: r.text.trim(),
        }
      : null,
    private: values.private,
    actions: values.actions.map((a) => ({ ...(a.id ? { id: a.id } : {}), text: a.text.trim(), owner: a.owner, dueDate: a.dueDate })),
  };
}

export type PrefillInput = {
  /** Goals this session worked on (linked from its agenda), else the relationship's open goals. */
  goals: readonly Goal[];
  /** Suggested next meeting (from the cadence), local date and time. */
  nextMeetingAt: Date;
  /** Way of meeting the agreement prefers. */
  way: WayOfMeeting;
  /** Whose plan it is: actions default to the mentee, who owns the plan. */
  defaultOwner?: Role;
  /** A note saved earlier for this session, with its actions: the form edits it. */
  note?: Note | null;
  noteActions?: readonly Action[];
};

/** The form's starting values: a saved note as it was, or a fresh note prefilled from the session. */
export function initialValues(input: PrefillInput): NoteFormValues {
  const { note } = input;
  const updates = new Map(note?.goalUpdates.map((u) => [u.goalId, u]) ?? []);
  const goalUpdates = input.goals.map((g) => {
    const u = updates.get(g.id);
    return u
      ? { goalId: g.id, status: u.status, progress: u.progress, comment: u.comment }
      : { goalId: g.id, status: g.status, progress: g.progress, comment: '' };
  });
  const next = note?.nextMeeting ? new Date(note.nextMeeting.at) : input.nextMeetingAt;
  const str = (n: number | null | undefined) => (n == null ? '' : String(n));
  const r = note?.reflection;
  return {
    summary: note?.summary ?? '',
    wentWell: note?.wentWell ?? '',
    doDifferently: note?.doDifferently ?? '',
    goalUpdates,
    actions: (input.noteActions ?? []).map((a) => ({ id: a.id, text: a.text, owner: a.owner, dueDate: a.dueDate })),
    nextMeeting: {
      planned: note ? note.nextMeeting !== null : true,
      date: localDate(next),
      time: format(next, 'HH:mm'),
      way: note?.nextMeeting?.way ?? input.way,
    },
    rapportRating: str(note?.rapportRating),
    reflection: {
      listening: str(r?.listening),
      questioning: str(r?.questioning),
      empathy: str(r?.empathy),
      nonJudgement: str(r?.nonJudgement),
      feedback: str(r?.feedback),
      text: r?.text ?? '',
    },
    private: note?.private ?? false,
  };
}

/** A blank action row, due on the day of the next meeting when one is planned. */
export function newActionRow(values: Pick<NoteFormValues, 'nextMeeting'>, today: string, owner: Role = 'mentee'): ActionRow {
  const due = values.nextMeeting.planned && isRealDate(values.nextMeeting.date) ? values.nextMeeting.date : today;
  return { id: null, text: '', owner, dueDate: due };
}

// Drafts are whatever the form held, possibly from an older version of the form: each part is
// taken only when it still has the right shape, so a damaged draft restores what it can.
const str = z.string().max(2_000_000);
const DraftParts = {
  summary: str,
  wentWell: str,
  doDifferently: str,
  goalUpdates: z.array(z.object({ goalId: z.string(), status: GoalStatusSchema, progress: z.number().or(z.nan()), comment: str }).loose()),
  actions: z
    .array(z.object({ id: z.string().nullable(), text: str, owner: RoleSchema, dueDate: z.string().max(100) }))
    .max(MAX_ACTIONS * 2),
  nextMeeting: z.object({ planned: z.boolean(), date: z.string().max(100), time: z.string().max(100), way: WayOfMeetingSchema }),
  rapportRating: z.string().max(10),
  reflection: z.object({
    listening: z.string().max(10),
    questioning: z.string().max(10),
    empathy: z.string().max(10),
    nonJudgement: z.string().max(10),
    feedback: z.string().max(10),
    text: str,
  }),
  private: z.boolean(),
} satisfies { [K in keyof NoteFormValues]: z.ZodType };

/**
 * The form values a draft restores, over the prefilled ones: every part of the draft that still
 * has its shape wins; goal rows are matched by goal, so a goal added or removed since the draft
 * was written is neither lost nor resurrected.
 */
export function restoreDraft(defaults: NoteFormValues, draft: unknown): NoteFormValues {
  if (typeof draft !== 'object' || draft === null) return defaults;
  const raw = draft as Record<string, unknown>;
  const out: NoteFormValues = structuredClone(defaults);
  const take = <K extends keyof NoteFormValues>(key: K): unknown => {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) return undefined;
    const parsed = DraftParts[key].safeParse(raw[key]);
    return parsed.success ? parsed.data : undefined;
  };
  for (const key of ['summary', 'wentWell', 'doDifferently', 'rapportRating'] as const) {
    const v = take(key);
    if (typeof v === 'string') out[key] = v;
  }
  const priv = take('private');
  if (typeof priv === 'boolean') out.private = priv;
  const actions = take('actions') as ActionRow[] | undefined;
  if (actions) out.actions = actions.map((a) => ({ id: a.id, text: a.text, owner: a.owner, dueDate: a.dueDate }));
  const next = take('nextMeeting') as NoteFormValues['nextMeeting'] | undefined;
  if (next) out.nextMeeting = { planned: next.planned, date: next.date, time: next.time, way: next.way };
  const reflection = take('reflection') as NoteFormValues['reflection'] | undefined;
  if (reflection) {
    out.reflection = {
      listening: reflection.listening,
      questioning: reflection.questioning,
      empathy: reflection.empathy,
      nonJudgement: reflection.nonJudgement,
      feedback: reflection.feedback,
      text: reflection.text,
    };
  }
  const goals = take('goalUpdates') as GoalRow[] | undefined;
  if (goals) {
    const byGoal = new Map(goals.map((g) => [g.goalId, g]));
    out.goalUpdates = out.goalUpdates.map((row) => {
      const d = byGoal.get(row.goalId);
      return d ? { goalId: row.goalId, status: d.status, progress: d.progress, comment: d.comment } : row;
    });
  }
  return out;
}
