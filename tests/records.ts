import {
  ActionSchema,
  GoalSchema,
  NoteSchema,
  RelationshipSchema,
  SessionSchema,
  type Action,
  type Goal,
  type Note,
  type Relationship,
  type Session,
} from '../lib/schema';
import type { z } from 'zod';

/** What a builder takes: any field of the record as its schema reads it (defaults may be left out). */
type Over<S extends z.ZodType> = Partial<z.input<S>>;

/**
 * Builders of valid records, shared by the unit tests and the benchmark's data generator
 * (scripts/bench/summary-data.ts): each fills what it is not given with plain defaults and
 * passes the record through its schema, so a record that would not be stored is never built.
 */
export function relationship(over: Over<typeof RelationshipSchema> = {}): Relationship {
  return RelationshipSchema.parse({
    id: 'rel-1',
    counterpartName: 'Kari Nordmann',
    myRole: 'mentor',
    type: 'cross-functional',
    mentorOrigin: 'internal',
    startDate: '2026-01-05',
    agreement: { confidentiality: 'Stays between us', boundaries: '', waysOfMeeting: ['video'], usualLengthMin: 45 },
    createdAt: 0,
    updatedAt: 0,
    ...over,
  });
}

export function goal(over: Over<typeof GoalSchema> = {}): Goal {
  return GoalSchema.parse({ id: 'goal-1', relationshipId: 'rel-1', title: 'Lead a team meeting', createdAt: 0, updatedAt: 0, ...over });
}

export function session(over: Over<typeof SessionSchema> = {}): Session {
  const startedAt = over.startedAt ?? new Date(2026, 2, 3, 14, 0).getTime();
  return SessionSchema.parse({
    id: 'ses-1',
    relationshipId: 'rel-1',
    platform: 'meet',
    stage: 'progress',
    plannedLengthMin: 45,
    startedAt,
    endedAt: startedAt + 45 * 60_000,
    lastSavedAt: startedAt + 45 * 60_000,
    status: 'noted',
    createdAt: startedAt,
    ...over,
  });
}

export function note(over: Over<typeof NoteSchema> = {}): Note {
  return NoteSchema.parse({
    id: 'note-1',
    sessionId: 'ses-1',
    relationshipId: 'rel-1',
    summary: 'Talked about delegation.',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  });
}

export function action(over: Over<typeof ActionSchema> = {}): Action {
  return ActionSchema.parse({
    id: 'act-1',
    relationshipId: 'rel-1',
    sessionId: 'ses-1',
    noteId: 'note-1',
    text: 'Draft the agenda for Monday',
    owner: 'mentee',
    dueDate: '2026-03-10',
    createdAt: 0,
    ...over,
  });
}

export const DAY = 86_400_000;
