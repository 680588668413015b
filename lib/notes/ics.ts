import { createEvent } from 'ics';
import type { Note, Relationship } from '../schema';

export type NextMeetingEventText = {
  /** Calendar title, e.g. "Mentoring: Alex". */
  title: string;
  /** One line of description, e.g. "Video · planned in Rapport". */
  description: string;
};

/**
 * The note's next meeting as an iCalendar (.ics) event, for the user's own calendar. Built
 * locally by the `ics` package; nothing is sent anywhere. Times are written in UTC so every
 * calendar shows the same instant. The id is stable per note, so importing it again after an
 * edit updates the event instead of adding a second one.
 */
export function nextMeetingIcs(
  note: Pick<Note, 'id' | 'nextMeeting' | 'updatedAt'>,
  relationship: Pick<Relationship, 'agreement'>,
  text: NextMeetingEventText,
): string {
  if (!note.nextMeeting) throw new Error('This note plans no next meeting');
  const { error, value } = createEvent({
    uid: `${note.id}@rapport.local`,
    productId: 'rapport/ics',
    start: note.nextMeeting.at,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: relationship.agreement.usualLengthMin },
    title: text.title,
    description: text.description,
    lastModified: note.updatedAt,
    sequence: Math.floor(note.updatedAt / 1000) % 2_000_000_000,
  });
  if (error || !value) throw error ?? new Error('The calendar event could not be made');
  return value;
}

/** A file name without characters file systems refuse. */
export function safeFileName(base: string): string {
  const visible = [...base].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
  return (
    visible
      .replace(/[\\/:*?"<>|]+/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || 'rapport'
  );
}
