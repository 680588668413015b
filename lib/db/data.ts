import { getDb, TABLES } from './database';
import type { z } from 'zod';
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

/** Why a file cannot be imported; `issues` lists each problem (a bad field's path and what is wrong). */
export class ImportError extends Error {
  readonly issues: string[];
  constructor(message: string, issues: string[] = []) {
    super(issues.length > 0 ? `${message} ${issues.join('; ')}` : message);
    this.name = 'ImportError';
    this.issues = issues;
  }
}

export type ImportResult = { relationships: number; goals: number; sessions: number; notes: number; actions: number };

/** Keys that could reach an object's prototype if a later reader copied the record naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKey extends Error {}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Zod's generic messages ("Invalid input: expected string, received undefined") in words a person reads. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (!issue.message.startsWith('Invalid')) return issue.message; // our schemas' own wording
  if (issue.code === 'invalid_type') {
    if (/received undefined$/.test(issue.message)) return 'is missing';
    return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `has fields Rapport does not know: ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Every problem of a zod error as "path: message", the path written the way a person reads it. */
function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
    const message = plainMessage(issue);
    return path ? `${path}: ${message}` : message;
  });
}

/** Records that point at records the file does not contain, and ids used twice. */
function integrityIssues(file: ExportFile): string[] {
  const issues: string[] = [];
  const relIds = new Set(file.relationships.map((r) => r.id));
  const sessionIds = new Set(file.sessions.map((s) => s.id));
  const tables = {
    relationships: file.relationships,
    goals: file.goals,
    sessions: file.sessions,
    notes: file.notes,
    actions: file.actions,
  };
  for (const [name, rows] of Object.entries(tables)) {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.id)) issues.push(`${name}[${i}].id: ${row.id} appears twice`);
      seen.add(row.id);
    });
  }
  const check = (name: string, rows: readonly { relationshipId: string | null }[]) =>
    rows.forEach((row, i) => {
      if (row.relationshipId !== null && !relIds.has(row.relationshipId))
        issues.push(`${name}[${i}].relationshipId: relationship ${row.relationshipId} is not in the file`);
    });
  check('goals', file.goals);
  check('sessions', file.sessions);
  check('notes', file.notes);
  check('actions', file.actions);
  file.notes.forEach((n, i) => {
    if (!sessionIds.has(n.sessionId)) issues.push(`notes[${i}].sessionId: session ${n.sessionId} is not in the file`);
  });
  return issues;
}

/**
 * Parses and checks an export file completely: size, JSON, no prototype-polluting keys, the
 * schema of every record, and that records refer only to records in the file. Throws an
 * ImportError whose `issues` name every bad field; returns the file only when all of it is good.
 */
export function parseExportFile(text: string): ExportFile {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError(`The file is too large (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
  let json: unknown;
  try {
    json = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return value;
    });
  } catch (e) {
    if (e instanceof ForbiddenKey)
      throw new ImportError(
        `The file contains a field named "${e.message}", which Rapport never writes; it was refused to keep your data safe.`,
      );
    throw new ImportError('The file is not valid JSON (it may be truncated or not a Rapport export).');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ImportError('The file is not a Rapport export.');
  const result = ExportFileSchema.safeParse(json);
  if (!result.success) throw new ImportError("The file does not match Rapport's export format:", issuesOf(result.error));
  const issues = integrityIssues(result.data);
  if (issues.length > 0) throw new ImportError('The file is inconsistent:', issues);
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
export async function importAll(text: string): Promise<ImportResult> {
  const file = parseExportFile(text);
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
}
