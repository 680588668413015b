import { describe, expect, it } from 'vitest';
import { createRelationship } from '../../lib/db';
import { startSession } from '../../lib/db/sessions';
import { identifiesMeeting } from '../../lib/platforms/registry';
import { RelationshipSchema, type Relationship } from '../../lib/schema';
import { linkSessionToRelationship } from '../../lib/session-store/link';
import { matchRelationship } from '../../lib/session-store/start';
import { relationshipInput, useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const THREAD_A = '19:meeting_NjQ4ZTk2YzQtYzA3Zi00ZTM0LWJmZTctMmU2MjZkNTg5ZmVm@thread.v2';
const THREAD_B = '19:meeting_ZmZmZmZmZmYtMTIzNC00NTY3LTg5YWItY2RlZjAxMjM0NTY3@thread.v2';
const threadLink = (id: string) =>
  `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(id).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}/0`;

function rel(id: string, meetingLinks: string[]): Relationship {
  return RelationshipSchema.parse({ ...relationshipInput, id, meetingLinks, createdAt: 1, updatedAt: 1 });
}

describe('a relationship matches its calls by the meeting identity (no stored link needs rewriting)', () => {
  it('Jitsi rooms stored with capitals match the lowercased room', () => {
    const r = rel('r1', ['meet.jit.si/MentorRoom']);
    expect(matchRelationship([r], 'https://meet.jit.si/mentorroom')?.id).toBe('r1');
  });

  it('Teams: an invitation, the guest launcher and the page\u2019s thread id are one meeting; two threads are two', () => {
    const coords = btoa(JSON.stringify({ conversationId: THREAD_A, tenantId: 't', messageId: '0' }));
    const a = rel('a', [`https://teams.microsoft.com/light-meetings/launch?agent=web&coords=${encodeURIComponent(coords)}`]);
    const b = rel('b', [`https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD_B)}/0?context=%7b%7d`]);
    expect(matchRelationship([a, b], threadLink(THREAD_A))?.id).toBe('a');
    expect(matchRelationship([a, b], threadLink(THREAD_B))?.id).toBe('b');
    // The page's own address on teams.cloud.microsoft names no meeting and matches neither.
    expect(matchRelationship([a, b], 'https://teams.cloud.microsoft')).toBeNull();
  });

  it('Zoom: a webinar link and the web client page are one meeting', () => {
    const r = rel('z', ['https://acme.zoom.us/w/85512345678?tk=abc']);
    expect(matchRelationship([r], 'https://zoom.us/j/85512345678')?.id).toBe('z');
  });

  it('never remembers a link that names no meeting', async () => {
    expect(identifiesMeeting('https://teams.cloud.microsoft')).toBe(false);
    expect(identifiesMeeting('https://teams.microsoft.com/v2')).toBe(false);
    expect(identifiesMeeting(threadLink(THREAD_A))).toBe(true);
    expect(identifiesMeeting('https://meet.jit.si/mentorroom')).toBe(true);
    expect(identifiesMeeting('https://video.example.org/room-7')).toBe(true);
    const r = await createRelationship({ ...relationshipInput, meetingLinks: [] });
    const vague = await startSession({
      relationshipId: null,
      platform: 'teams',
      meetingLink: 'https://teams.cloud.microsoft',
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [],
    });
    await linkSessionToRelationship(vague.id, r.id, true);
    expect((await db().relationships.get(r.id))?.meetingLinks).toEqual([]);
    const exact = await startSession({
      relationshipId: null,
      platform: 'teams',
      meetingLink: threadLink(THREAD_A),
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [],
    });
    await linkSessionToRelationship(exact.id, r.id, true);
    expect((await db().relationships.get(r.id))?.meetingLinks).toEqual([threadLink(THREAD_A)]);
  });
});
