import { createTranslator, type Language, type Translator } from '../i18n';
import { formatDate as sharedDate, formatDateOnly as sharedDateOnly, formatDateTime as sharedDateTime } from '../format/date';
import { GOAL_STATUS_KEYS, STAGE_KEYS, WAY_KEYS } from '../i18n/labels';
import type { Action, Goal, Note, Relationship, Role, Session } from '../schema';

/** What a note refers to, so the Markdown can name goals, people and the session. */
export type NoteMarkdownContext = {
  relationship: Relationship;
  /** The session the note belongs to; without it the heading has no date. */
  session?: Session | null;
  /** Goals of the relationship (at least those the note updates). */
  goals: readonly Goal[];
  /** Actions agreed in this note (others are ignored). */
  actions: readonly Action[];
  /** Language of the headings and labels; English when left out. */
  language?: Language;
};

/** Everything the notes of one relationship refer to. */
export type RelationshipMarkdownContext = {
  sessions: readonly Session[];
  goals: readonly Goal[];
  actions: readonly Action[];
  language?: Language;
};

/**
 * Text typed by a person, made safe to place inside Markdown: characters that would start
 * formatting, links or raw HTML are escaped, so the recipient sees exactly what was typed and
 * a viewer that renders HTML cannot be made to run or load anything.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+\.)(?=\s|$)/gm, (_m, space: string, marker: string) => `${space}\\${marker}`);
}

/** One line of text for a heading or list item: line breaks become spaces. */
function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s*\r?\n\s*/g, ' ').trim());
}

/** A paragraph block: kept as typed (line breaks become Markdown line breaks). */
function block(text: string): string {
  return escapeMarkdown(text.trim()).replace(/\r?\n/g, '  \n');
}

function formatDate(ms: number, language: Language): string {
  return sharedDate(ms, language);
}

function formatDateTime(ms: number, language: Language): string {
  return sharedDateTime(ms, language);
}

/** A `YYYY-MM-DD` date shown as a local calendar date (no time zone shift). */
function formatDateOnly(date: string, language: Language): string {
  return sharedDateOnly(date, language);
}

function roleLabel(role: Role, t: Translator): string {
  return t('common', role);
}

/** Who owns an action, by role, with the counterpart's name when it is them. */
function ownerLabel(owner: Role, relationship: Relationship, t: Translator): string {
  const role = roleLabel(owner, t);
  return owner === relationship.myRole ? role : `${role} (${inline(relationship.counterpartName)})`;
}

function sessionMinutes(session: Session): number | null {
  if (session.endedAt === null) return null;
  return Math.max(0, Math.round((session.endedAt - session.startedAt - session.pausedMs) / 60_000));
}

/** The body of one note under a heading of the given level. */
function noteBody(note: Note, ctx: NoteMarkdownContext, level: number, t: Translator, language: Language): string[] {
  const h = '#'.repeat(level);
  const lines: string[] = [];
  const { relationship, session } = ctx;

  const facts: string[] = [];
  const mentorName = relationship.myRole === 'mentor' ? null : inline(relationship.counterpartName);
  const menteeName = relationship.myRole === 'mentee' ? null : inline(relationship.counterpartName);
  if (mentorName) facts.push(`${t('common', 'mentor')}: ${mentorName}`);
  if (menteeName) facts.push(`${t('common', 'mentee')}: ${menteeName}`);
  if (session) {
    facts.push(`${t('options', 'mdWay')}: ${t('common', WAY_KEYS[session.wayOfMeeting])}`);
    const minutes = sessionMinutes(session);
    if (minutes !== null && minutes > 0) facts.push(`${t('options', 'mdLength')}: ${t('common', 'minutes', { n: minutes })}`);
    facts.push(`${t('options', 'mdStage')}: ${t('common', STAGE_KEYS[session.stage])}`);
  }
  lines.push(facts.join(' · '), '');

  lines.push(`${h} ${t('options', 'mdSummary')}`, '', block(note.summary), '');

  const goalsById = new Map(ctx.goals.map((g) => [g.id, g]));
  const updates = note.goalUpdates.filter((u) => goalsById.has(u.goalId));
  if (updates.length > 0) {
    lines.push(`${h} ${t('options', 'mdGoalProgress')}`, '');
    for (const u of updates) {
      const goal = goalsById.get(u.goalId)!;
      const status = t('options', GOAL_STATUS_KEYS[u.status]);
      const comment = u.comment.trim() ? ` — ${inline(u.comment)}` : '';
      lines.push(`- **${inline(goal.title)}**: ${status}, ${u.progress} %${comment}`);
    }
    lines.push('');
  }

  if (note.wentWell.trim()) lines.push(`${h} ${t('options', 'mdWentWell')}`, '', block(note.wentWell), '');
  if (note.doDifferently.trim()) lines.push(`${h} ${t('options', 'mdDoDifferently')}`, '', block(note.doDifferently), '');

  const actions = ctx.actions
    .filter((a) => a.noteId === note.id)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.createdAt - b.createdAt);
  if (actions.length > 0) {
    lines.push(`${h} ${t('options', 'mdActions')}`, '');
    for (const a of actions) {
      const due = t('options', 'mdDue', { date: formatDateOnly(a.dueDate, language) });
      lines.push(`- [${a.done ? 'x' : ' '}] ${inline(a.text)} — ${ownerLabel(a.owner, relationship, t)}, ${due}`);
    }
    lines.push('');
  }

  if (note.nextMeeting) {
    const way = t('common', WAY_KEYS[note.nextMeeting.way]);
    lines.push(`${h} ${t('options', 'mdNextMeeting')}`, '', `${formatDateTime(note.nextMeeting.at, language)} (${way.toLowerCase()})`, '');
  }
  return lines;
}

/**
 * One note as Markdown, for sharing with the other person: summary, goal progress, what went
 * well, what to do differently, actions with owner and due date, and the next meeting.
 * The private reflection and the rapport rating are never included: they are the writer's own.
 */
export function noteToMarkdown(note: Note, ctx: NoteMarkdownContext): string {
  const language = ctx.language ?? 'en';
  const t = createTranslator(language);
  const name = inline(ctx.relationship.counterpartName);
  const title = ctx.session
    ? t('options', 'mdNoteTitleDated', { name, date: formatDate(ctx.session.startedAt, language) })
    : t('options', 'mdNoteTitle', { name });
  return [`# ${title}`, '', ...noteBody(note, ctx, 2, t, language)].join('\n').trimEnd() + '\n';
}

/**
 * All shareable notes of one relationship as one Markdown document, oldest session first,
 * with the development plan (goals) at the top. Private notes are left out, always.
 */
export function relationshipNotesToMarkdown(relationship: Relationship, notes: readonly Note[], ctx: RelationshipMarkdownContext): string {
  const language = ctx.language ?? 'en';
  const t = createTranslator(language);
  const sessionsById = new Map(ctx.sessions.map((s) => [s.id, s]));
  const shared = notes
    .filter((n) => !n.private && n.relationshipId === relationship.id)
    .sort((a, b) => (sessionsById.get(a.sessionId)?.startedAt ?? a.createdAt) - (sessionsById.get(b.sessionId)?.startedAt ?? b.createdAt));
  const goals = ctx.goals.filter((g) => g.relationshipId === relationship.id);

  const lines: string[] = [`# ${t('options', 'mdRelationshipTitle', { name: inline(relationship.counterpartName) })}`, ''];
  lines.push(
    `${t('options', 'mdMyRole')}: ${roleLabel(relationship.myRole, t)} · ${t('options', 'mdSince', {
      date: formatDateOnly(relationship.startDate, language),
    })}`,
    '',
  );

  if (goals.length > 0) {
    lines.push(`## ${t('options', 'mdPlan')}`, '');
    for (const g of goals) {
      const status = t('options', GOAL_STATUS_KEYS[g.status]);
      const target = g.targetDate ? `, ${t('options', 'mdTarget', { date: formatDateOnly(g.targetDate, language) })}` : '';
      lines.push(`- **${inline(g.title)}**: ${status}, ${g.progress} %${target}`);
      if (g.measure.trim()) lines.push(`  - ${t('options', 'mdMeasure')}: ${inline(g.measure)}`);
    }
    lines.push('');
  }

  if (shared.length === 0) {
    lines.push(t('options', 'mdNoNotes'), '');
  }
  for (const note of shared) {
    const session = sessionsById.get(note.sessionId) ?? null;
    const date = formatDate(session?.startedAt ?? note.createdAt, language);
    lines.push(`## ${date}`, '');
    lines.push(...noteBody(note, { relationship, session, goals, actions: ctx.actions, language }, 3, t, language));
  }
  return lines.join('\n').trimEnd() + '\n';
}
