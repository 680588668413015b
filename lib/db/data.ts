import { getDb, TABLES } from './database';
import { clearSnapshot } from './popup-snapshot';
import { createTranslator } from '../i18n';
import { describeImportIssues, recordLabel, type ImportTranslator } from './import-issues';
import { EXPORT_FORMAT, EXPORT_VERSION, ExportFileSchema, MAX_IMPORT_BYTES, type ExportFile } from '../schema';

/**
 * Everything the user has, as one versioned JSON-ready object. Private notes and private
 * reflections (on any note) are left out unless `includePrivateNotes` asks for a full backup;
 * the file says which it is in `privateNotesIncluded`.
 */
export async function exportAll(options: { includePrivateNotes: boolean } = { includePrivateNotes: false }): Promise<ExportFile> {
  const db = getDb();
  return db.transaction('r', [db.relationships, db.goals, db.sessions, db.notes, db.actions, db.settings], async () => {
    const notes = await db.notes.toArray();
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: Date.now(),
      privateNotesIncluded: options.includePrivateNotes,
      relationships: await db.relationships.toArray(),
      goals: await db.goals.toArray(),
      sessions: (await db.sessions.toArray()).filter((s) => s.status !== 'live'),
      notes: options.includePrivateNotes ? notes : notes.filter((n) => !n.private).map((n) => ({ ...n, reflection: null })),
      actions: await db.actions.toArray(),
      settings: (await db.settings.get('settings')) ?? null,
    };
  });
}

/** Why a file cannot be imported; `issues` lists each problem in the user's words (record, field, what is wrong). */
export class ImportError extends Error {
  readonly issues: string[];
  /** The sentence before the issues, on its own. */
  readonly headline: string;
  constructor(message: string, issues: string[] = []) {
    super(issues.length > 0 ? `${message} ${issues.join('; ')}` : message);
    this.name = 'ImportError';
    this.headline = message;
    this.issues = issues;
  }
}

export type ImportResult = { relationships: number; goals: number; sessions: number; notes: number; actions: number };

/** Keys that could reach an object's prototype if a later reader copied the record naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKey extends Error {}

/** The English translator, for callers that do not pass the user's. */
const english: ImportTranslator = createTranslator('en');

/** Records that point at records the file does not contain, and ids used twice. */
function integrityIssues(file: ExportFile, t: ImportTranslator): string[] {
  const issues: string[] = [];
  const relIds = new Set(file.relationships.map((r) => r.id));
  const sessionIds = new Set(file.sessions.map((s) => s.id));
  const nameOf = (row: object): string | undefined => {
    const r = row as Record<string, unknown>;
    return [r.counterpartName, r.title, r.text].find((v): v is string => typeof v === 'string' && v !== '');
  };
  const line = (table: Parameters<typeof recordLabel>[0], i: number, row: object, problem: string) =>
    t('options', 'importIssue', { record: recordLabel(table, i, nameOf(row), t), field: '', problem });
  const tables = {
    relationships: file.relationships,
    goals: file.goals,
    sessions: file.sessions,
    notes: file.notes,
    actions: file.actions,
  };
  for (const [name, rows] of Object.entries(tables) as [keyof typeof tables, { id: string }[]][]) {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.id)) issues.push(line(name, i, row, t('options', 'importMsg.twice', { id: row.id })));
      seen.add(row.id);
    });
  }
  const check = (name: 'goals' | 'sessions' | 'notes' | 'actions', rows: readonly { relationshipId: string | null }[]) =>
    rows.forEach((row, i) => {
      if (row.relationshipId !== null && !relIds.has(row.relationshipId))
        issues.push(line(name, i, row, t('options', 'importMsg.noRelationship')));
    });
  check('goals', file.goals);
  check('sessions', file.sessions);
  check('notes', file.notes);
  check('actions', file.actions);
  file.notes.forEach((n, i) => {
    if (!sessionIds.has(n.sessionId)) issues.push(line('notes', i, n, t('options', 'importMsg.noSession')));
  });
  return issues;
}

/**
 * Parses and checks an export file completely: size, JSON, no prototype-polluting keys, the
 * schema of every record, and that records refer only to records in the file. Throws an
 * ImportError whose `issues` name every bad field in the words and language of `t`; returns
 * the file only when all of it is good.
 */
export function parseExportFile(text: string, t: ImportTranslator = english): ExportFile {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError(t('options', 'importErrTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
  let json: unknown;
  try {
    json = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return value;
    });
  } catch (e) {
    if (e instanceof ForbiddenKey) throw new ImportError(t('options', 'importErrForbidden', { key: e.message }));
    throw new ImportError(t('options', 'importErrJson'));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ImportError(t('options', 'importErrNotExport'));
  const result = ExportFileSchema.safeParse(json);
  if (!result.success) throw new ImportError(t('options', 'importErrFormat'), describeImportIssues(result.error, json, t));
  const issues = integrityIssues(result.data, t);
  if (issues.length > 0) throw new ImportError(t('options', 'importErrInconsistent'), issues);
  return result.data;
}

/** How many private notes the database holds (to say what a backup without them leaves out). */
export async function countPrivateNotes(): Promise<number> {
  return getDb()
    .notes.filter((n) => n.private)
    .count();
}

/** How many records of each kind a parsed file holds, to show before importing. */
export function summarizeExportFile(file: ExportFile): ImportResult {
  return {
    relationships: file.relationships.length,
    goals: file.goals.length,
    sessions: file.sessions.length,
    notes: file.notes.length,
    actions: file.actions.length,
  };
}

/**
 * Imports an export file: validated completely before anything is written, then written in one
 * transaction. Records keep their ids, so importing the same file twice creates no duplicates.
 */
export async function importAll(text: string, t: ImportTranslator = english): Promise<ImportResult> {
  const file = parseExportFile(text, t);
  const db = getDb();
  await db.transaction('rw', [db.relationships, db.goals, db.sessions, db.notes, db.actions, db.settings], async () => {
    await db.relationships.bulkPut(file.relationships);
    await db.goals.bulkPut(file.goals);
    await db.sessions.bulkPut(file.sessions);
    await db.notes.bulkPut(file.notes);
    await db.actions.bulkPut(file.actions);
    if (file.settings) await db.settings.put(file.settings);
  });
  return summarizeExportFile(file);
}

/** Deletes every record Rapport holds. */
export async function deleteAll(): Promise<void> {
  const db = getDb();
  await db.transaction(
    'rw',
    TABLES.map((t) => db.table(t)),
    async () => {
      for (const t of TABLES) await db.table(t).clear();
    },
  );
  // The popup's painted snapshot of the last view holds names and figures too.
  clearSnapshot();
}
