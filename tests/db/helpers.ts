import { afterEach, beforeEach } from 'vitest';
import { RapportDb, setDbForTests } from '../../lib/db/database';
import type { StartSessionInput } from '../../lib/db/sessions';

/** Gives every test its own empty database (fake-indexeddb). */
export function useFreshDb(): { db: () => RapportDb } {
  let current: RapportDb;
  beforeEach(async () => {
    current = new RapportDb(`rapport-test-${crypto.randomUUID()}`);
    await current.open();
    setDbForTests(current);
  });
  afterEach(async () => {
    setDbForTests(null);
    await current.delete();
  });
  return { db: () => current };
}

export const relationshipInput = {
  counterpartName: 'Alex',
  myRole: 'mentor' as const,
  type: 'cross-functional' as const,
  mentorOrigin: 'internal' as const,
  startDate: '2026-01-05',
  agreement: { confidentiality: 'Stays between us', boundaries: '', waysOfMeeting: ['video' as const], usualLengthMin: 45 },
  meetingLinks: ['http://localhost:4823/call/demo-mentoring-room'],
};

/** What startSession needs for a demo call of a relationship (or an unlinked one), 30 minutes planned. */
export function call(relationshipId: string | null, over: Partial<StartSessionInput> = {}): StartSessionInput {
  return { relationshipId, platform: 'demo', meetingLink: 'x', stage: 'progress', plannedLengthMin: 30, agenda: [], ...over };
}
