import { z } from 'zod';
import { EpochMsSchema } from './common';
import { ActionSchema, GoalSchema, NoteSchema, RelationshipSchema, SessionSchema, SettingsSchema } from './records';

export const EXPORT_FORMAT = 'rapport-export';
export const EXPORT_VERSION = 1;
/** Imports larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The user's own data as one JSON file. Private notes are included only in a full backup. */
export const ExportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `is not "${EXPORT_FORMAT}": this is not a Rapport export` }),
  version: z.literal(EXPORT_VERSION, { error: `must be ${EXPORT_VERSION}: this file comes from another version of Rapport` }),
  exportedAt: EpochMsSchema,
  /**
   * True in a full backup that holds private notes and private reflections; false when they were
   * left out. Absent in files written before this field existed (those may hold private notes).
   */
  privateNotesIncluded: z.boolean().optional(),
  relationships: z.array(RelationshipSchema).max(10_000),
  goals: z.array(GoalSchema).max(100_000),
  sessions: z.array(SessionSchema).max(100_000),
  notes: z.array(NoteSchema).max(100_000),
  actions: z.array(ActionSchema).max(1_000_000),
  settings: SettingsSchema.nullable(),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;
