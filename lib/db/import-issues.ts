import type { z } from 'zod';
import type { Translator } from '../i18n/core';

/**
 * Import problems in the user's words and language: "Relationship 1 (Kari): usual length must
 * be a number of minutes", never "relationships[0].agreement.usualLengthMin: must be a number".
 * Every text comes from the options string table, so a Norwegian screen shows Norwegian.
 */

/** The translator the import messages need (the options and common tables). */
export type ImportTranslator = Translator<'options' | 'common'>;

const TABLE_KEYS = {
  relationships: 'importRec.relationships',
  goals: 'importRec.goals',
  sessions: 'importRec.sessions',
  notes: 'importRec.notes',
  actions: 'importRec.actions',
} as const;
type Table = keyof typeof TABLE_KEYS;

/** Fields with a name a person knows; any other field is named by its own key. */
const FIELD_KEYS = new Set([
  'id',
  'counterpartName',
  'myRole',
  'type',
  'mentorOrigin',
  'startDate',
  'termMonths',
  'agreement',
  'confidentiality',
  'boundaries',
  'waysOfMeeting',
  'usualLengthMin',
  'meetingLinks',
  'skillsGaps',
  'cadence',
  'status',
  'title',
  'why',
  'measure',
  'targetDate',
  'skillGap',
  'progress',
  'summary',
  'wentWell',
  'doDifferently',
  'goalUpdates',
  'nextMeeting',
  'rapportRating',
  'reflection',
  'text',
  'owner',
  'dueDate',
  'done',
  'agenda',
  'timeboxMin',
  'plannedLengthMin',
  'wayOfMeeting',
  'stage',
  'platform',
  'language',
  'weekStartsOn',
  'targetShare',
  'relationshipId',
  'sessionId',
  'format',
  'version',
  'relationships',
  'goals',
  'sessions',
  'notes',
  'actions',
  'settings',
  'statusNote',
  'reviewedAt',
  'createdAt',
  'updatedAt',
  'startedAt',
  'endedAt',
  'talk',
  'history',
  'meetingLink',
  'nextAgenda',
  'goalIds',
  'noteId',
  'cuesEnabled',
  'doneAt',
  'lastSavedAt',
  'pausedMs',
  'at',
  'way',
  'comment',
  'exportedAt',
  'privateNotesIncluded',
  'private',
  'spentMs',
  'goalId',
  'timeline',
  'metrics',
  'cuesShown',
  'currentItem',
]);

/** A field's name in words ("usual length"); a field without one keeps its key. */
export function fieldWords(key: string, t: ImportTranslator): string {
  return FIELD_KEYS.has(key) ? t('options', `importField.${key}` as 'importField.id') : key;
}

/** The record a path points into ("Relationship 1 (Kari)"), and the rest of the path. */
function recordOf(path: readonly PropertyKey[], json: unknown, t: ImportTranslator): { label: string; rest: PropertyKey[] } {
  const [table, index, ...rest] = path;
  if (typeof table === 'string' && table in TABLE_KEYS && typeof index === 'number') {
    const rows = (json as Record<string, unknown> | null)?.[table];
    const row = Array.isArray(rows) ? (rows[index] as Record<string, unknown> | undefined) : undefined;
    const name = [row?.counterpartName, row?.title, row?.text, row?.summary].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    const label = t('options', TABLE_KEYS[table as Table], { n: index + 1 });
    return { label: name ? `${label} (${name.length > 40 ? `${name.slice(0, 39)}…` : name})` : label, rest };
  }
  if (table === 'settings') return { label: t('options', 'importRec.settings'), rest: path.slice(1) };
  return { label: t('options', 'importRec.file'), rest: [...path] };
}

/**
 * The field a path points at, in words: "usual length", "meeting link 3", "next meeting time",
 * "goal update 1 progress". The agreement's fields are named on their own: they read well alone.
 */
function fieldOf(rest: readonly PropertyKey[], t: ImportTranslator): string {
  const words: string[] = [];
  for (const p of rest) {
    if (typeof p === 'number') words.push(String(p + 1));
    else if (p !== 'agreement' || rest.length === 1) words.push(fieldWords(String(p), t));
  }
  return words.join(' ');
}

type Issue = z.core.$ZodIssue;

/** What is wrong with a field, in words. */
function problemOf(issue: Issue, field: string, t: ImportTranslator): string {
  const key = String(issue.path.filter((p) => typeof p === 'string').at(-1) ?? '');
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return t('options', 'importMsg.missing');
      if (issue.expected === 'int') return t('options', 'importMsg.whole');
      if (issue.expected === 'number') {
        if (/Min$/.test(key)) return t('options', 'importMsg.minutes');
        if (/At$/.test(key)) return t('options', 'importMsg.time');
        return t('options', 'importMsg.number');
      }
      if (issue.expected === 'string') return t('options', 'importMsg.text');
      if (issue.expected === 'boolean') return t('options', 'importMsg.boolean');
      if (issue.expected === 'array') return t('options', 'importMsg.list');
      return t('options', 'importMsg.object');
    case 'invalid_value':
      if (key === 'format') return t('options', 'importMsg.notExport');
      if (key === 'version') return t('options', 'importMsg.version', { v: String(issue.values[0]) });
      return t('options', 'importMsg.oneOf', { values: issue.values.map((v) => String(v)).join(', ') });
    case 'unrecognized_keys':
      return t('options', 'importMsg.unknownFields', { keys: issue.keys.join(', ') });
    case 'too_big':
      if (issue.origin === 'string') return t('options', 'importMsg.tooLong', { n: Number(issue.maximum) });
      if (issue.origin === 'array') return t('options', 'importMsg.tooMany', { n: Number(issue.maximum) });
      return t('options', /Min$/.test(key) ? 'importMsg.maxMinutes' : 'importMsg.max', { n: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t('options', 'importMsg.empty')
          : t('options', 'importMsg.tooShort', { n: Number(issue.minimum) });
      if (issue.origin === 'array') return t('options', 'importMsg.tooFew', { n: Number(issue.minimum) });
      return t('options', /Min$/.test(key) ? 'importMsg.minMinutes' : 'importMsg.min', { n: Number(issue.minimum) });
    case 'invalid_format':
    case 'custom':
      if (/Date$/.test(key)) return t('options', 'importMsg.date');
      return t('options', 'importMsg.invalid');
    default:
      return field ? t('options', 'importMsg.invalid') : t('options', 'importMsg.invalid');
  }
}

/** One line per zod issue: "Relationship 1 (Kari): usual length must be a number of minutes". */
export function describeImportIssues(error: z.ZodError, json: unknown, t: ImportTranslator): string[] {
  return error.issues.map((issue) => {
    const { label, rest } = recordOf(issue.path, json, t);
    const field = fieldOf(rest, t);
    const problem = problemOf(issue, field, t);
    return t('options', 'importIssue', { record: label, field: field ? `${field} ` : '', problem });
  });
}

/** "Goal 2 (Delegate)" for a record of a parsed file. */
export function recordLabel(table: Table, index: number, name: string | undefined, t: ImportTranslator): string {
  const label = t('options', TABLE_KEYS[table], { n: index + 1 });
  return name ? `${label} (${name})` : label;
}
