import { describe, expect, it } from 'vitest';
import { describeZodError, GoalSchema, NoteSchema, RelationshipSchema, SessionSchema } from '../../lib/schema';

const now = Date.now();
const relationship = {
  id: 'r1',
  counterpartName: 'Alex',
  myRole: 'mentor',
  type: 'cross-functional',
  mentorOrigin: 'internal',
  startDate: '2026-01-05',
  agreement: {
    confidentiality: 'Everything stays between us',
    boundaries: 'No calls after 18:00',
    waysOfMeeting: ['video'],
    usualLengthMin: 45,
  },
  createdAt: now,
  updatedAt: now,
};

describe('record schemas', () => {
  it('accepts a complete relationship and fills defaults', () => {
    const parsed = RelationshipSchema.parse(relationship);
    expect(parsed.termMonths).toBe(12);
    expect(parsed.status).toBe('active');
    expect(parsed.cadence).toEqual({ earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 30 });
  });

  it('names the bad field in its message', () => {
    const result = RelationshipSchema.safeParse({ ...relationship, myRole: 'boss', startDate: '5 January' });
    expect(result.success).toBe(false);
    const message = describeZodError(result.error!);
    expect(message).toContain('myRole');
    expect(message).toContain('startDate: must be a date (YYYY-MM-DD)');
  });

  it('rejects a nested bad field with its path', () => {
    const result = RelationshipSchema.safeParse({ ...relationship, agreement: { ...relationship.agreement, usualLengthMin: 2 } });
    expect(describeZodError(result.error!)).toBe('agreement.usualLengthMin: must be at least 5 minutes');
  });

  it('keeps goal progress within 0–100', () => {
    const goal = { id: 'g1', relationshipId: 'r1', title: 'Present with confidence', createdAt: now, updatedAt: now };
    expect(GoalSchema.parse(goal).progress).toBe(0);
    expect(GoalSchema.safeParse({ ...goal, progress: 101 }).success).toBe(false);
    expect(GoalSchema.safeParse({ ...goal, progress: 50.5 }).success).toBe(false);
  });

  it('refuses a 2,000,000-character note summary', () => {
    const note = { id: 'n1', sessionId: 's1', relationshipId: 'r1', summary: 'x'.repeat(2_000_000), createdAt: now, updatedAt: now };
    const result = NoteSchema.safeParse(note);
    expect(describeZodError(result.error!)).toBe('summary: must be at most 5,000 characters');
  });

  it('rejects an unknown session status', () => {
    const session = {
      id: 's1',
      relationshipId: null,
      platform: 'demo',
      stage: 'progress',
      plannedLengthMin: 45,
      startedAt: now,
      lastSavedAt: now,
      status: 'live',
      createdAt: now,
    };
    expect(SessionSchema.parse(session).talk).toBeNull();
    expect(describeZodError(SessionSchema.safeParse({ ...session, status: 'paused' }).error!)).toContain('status');
  });
});
