import { describe, expect, it } from 'vitest';
import { escapeMarkdown, noteToMarkdown, relationshipNotesToMarkdown } from '../../lib/notes/markdown';
import { action, goal, note, relationship, session } from '../records';

const rel = relationship();
const g = goal({ measure: 'Runs one meeting a week' });
const full = note({
  summary: 'Talked about delegation.\nAgreed to try it next week.',
  wentWell: 'Clear examples',
  doDifferently: 'Start on time',
  goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 40, comment: 'First meeting went fine' }],
  nextMeeting: { at: new Date(2026, 2, 10, 14, 0).getTime(), way: 'video' },
  rapportRating: 2,
  reflection: {
    listening: 2,
    questioning: null,
    empathy: null,
    nonJudgement: null,
    feedback: null,
    text: 'SECRET-REFLECTION I talked too much',
  },
});

describe('noteToMarkdown', () => {
  it('has every shareable part of the note, with owner and due date of each action', () => {
    const md = noteToMarkdown(full, { relationship: rel, session: session(), goals: [g], actions: [action()] });
    expect(md).toContain('# Mentoring note: Kari Nordmann, 3 Mar 2026');
    expect(md).toContain('Mentee: Kari Nordmann');
    expect(md).toContain('## Summary\n\nTalked about delegation.  \nAgreed to try it next week.');
    expect(md).toContain('- **Lead a team meeting**: in progress, 40 % — First meeting went fine');
    expect(md).toContain('## What went well\n\nClear examples');
    expect(md).toContain('## What to do differently\n\nStart on time');
    expect(md).toContain('- [ ] Draft the agenda for Monday — Mentee (Kari Nordmann), due 10 Mar 2026');
    expect(md).toMatch(/## Next meeting\n\nTue,? 10 Mar 2026,? 14:00 \(video\)/);
  });

  it('never includes the private reflection or the rapport rating', () => {
    const md = noteToMarkdown(full, { relationship: rel, session: session(), goals: [g], actions: [] });
    expect(md).not.toContain('SECRET-REFLECTION');
    expect(md.toLowerCase()).not.toContain('rapport');
  });

  it('leaves out empty sections and actions of other notes', () => {
    const md = noteToMarkdown(note(), { relationship: rel, goals: [], actions: [action({ noteId: 'other' })] });
    expect(md).toBe('# Mentoring note: Kari Nordmann\n\nMentee: Kari Nordmann\n\n## Summary\n\nTalked about delegation.\n');
  });

  it('writes Bokmål when asked', () => {
    const md = noteToMarkdown(full, { relationship: rel, session: session(), goals: [g], actions: [action()], language: 'nb' });
    expect(md).toContain('# Mentornotat: Kari Nordmann, 3. mars 2026');
    expect(md).toContain('Adept: Kari Nordmann');
    expect(md).toContain('## Handlinger');
    expect(md).toContain('frist 10. mars 2026');
    expect(md).toContain('## Neste møte');
  });

  it('escapes typed text so it cannot become links, HTML or headings', () => {
    const hostile = note({ summary: '# not a heading\n<img src=x onerror=alert(1)> [link](http://evil.example)' });
    const md = noteToMarkdown(hostile, { relationship: relationship({ counterpartName: 'Eve *bold*' }), goals: [], actions: [] });
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('\\[link\\](http://evil.example)');
    expect(md).toContain('Eve \\*bold\\*');
    expect(md).not.toMatch(/(^|[^\\])<img/);
  });
});

describe('relationshipNotesToMarkdown', () => {
  it('lists the plan and the shared notes oldest first, without private notes', () => {
    const s1 = session({ id: 's1', startedAt: new Date(2026, 1, 3, 10).getTime() });
    const s2 = session({ id: 's2', startedAt: new Date(2026, 2, 3, 10).getTime() });
    const s3 = session({ id: 's3', startedAt: new Date(2026, 2, 17, 10).getTime() });
    const notes = [
      note({ id: 'n2', sessionId: 's2', summary: 'Second' }),
      note({ id: 'n1', sessionId: 's1', summary: 'First' }),
      note({ id: 'n3', sessionId: 's3', summary: 'PRIVATE-NOTE', private: true }),
    ];
    const md = relationshipNotesToMarkdown(rel, notes, {
      sessions: [s1, s2, s3],
      goals: [goal({ targetDate: '2026-06-30', measure: 'Weekly' })],
      actions: [],
    });
    expect(md).toContain('# Mentoring notes: Kari Nordmann');
    expect(md).toContain('## Development plan');
    expect(md).toContain('- **Lead a team meeting**: not started, 0 %, target 30 Jun 2026');
    expect(md).toContain('  - Measured by: Weekly');
    expect(md.indexOf('## 3 Feb 2026')).toBeGreaterThan(0);
    expect(md.indexOf('First')).toBeLessThan(md.indexOf('Second'));
    expect(md).toContain('### Summary');
    expect(md).not.toContain('PRIVATE-NOTE');
  });

  it('says so when there is nothing to share', () => {
    const md = relationshipNotesToMarkdown(rel, [note({ private: true })], { sessions: [], goals: [], actions: [] });
    expect(md).toContain('No shared notes yet.');
  });
});

describe('escapeMarkdown', () => {
  it('leaves ordinary prose alone', () => {
    expect(escapeMarkdown("We'll meet at 10, fine.")).toBe("We'll meet at 10, fine.");
  });
});
