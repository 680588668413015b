import { getDb, TABLES } from './database';
import { describeZodError, EXPORT_FORMAT, EXPORT_VERSION, ExportFileSchema, MAX_IMPORT_BYTES, type ExportFile } from '../schema';

/** Everything the user has, as one versioned JSON-ready object. */
export async function exportAll(options: { includePrivateNotes: boolean } = { includePrivateNotes: true }): Promise<ExportFile> {
  const db = getDb();
  return db.transaction('r', [db.relationships, db.goals, db.sessions, db.notes, db.actions, db.settings], async () => {
    const notes = await db.notes.toArray();
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: Date.now(),
      relationships: await db.relationships.toArray(),
      goals: await db.goals.toArray(),
      sessions: (await db.sessions.toArray()).filter((s) => s.status !== 'live'),
      notes: options.includePrivateNotes ? notes : notes.filter((n) => !n.private),
      actions: await db.actions.toArray(),
      settings: (await db.settings.get('settings')) ?? null,
    };
  });
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export type ImportResult = { relationships: number; goals: number; sessions: number; notes: number; actions: number };

/** Parses and checks an export file completely; throws ImportError naming every bad field. */
export function parseExportFile(text: string): ExportFile {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError(`The file is too large (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('The file is not valid JSON (it may be truncated).');
  }
  const result = ExportFileSchema.safeParse(json);
  if (!result.success) throw new ImportError(`The file does not match Rapport's export format: ${describeZodError(result.error)}`);
  const file = result.data;
  const relIds = new Set(file.relationships.map((r) => r.id));
  const orphan = [...file.goals, ...file.notes, ...file.actions].find((r) => !relIds.has(r.relationshipId));
  if (orphan) throw new ImportError(`A record refers to relationship ${orphan.relationshipId}, which is not in the file.`);
  return file;
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
  return {
    relationships: file.relationships.length,
    goals: file.goals.length,
    sessions: file.sessions.length,
    notes: file.notes.length,
    actions: file.actions.length,
  };
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
