import { describe, expect, it } from 'vitest';
import { BackgroundToContentSchema, PageToContentSchema } from '../../lib/messaging/to-content';
import { parseMessage } from '../../lib/messaging/reply';

describe('messages to the content script (zod/mini)', () => {
  it('accepts what the background sends', () => {
    expect(parseMessage(BackgroundToContentSchema, { type: 'bg:session.ping', sessionId: 's1' }).ok).toBe(true);
    expect(parseMessage(BackgroundToContentSchema, { type: 'bg:session.pause', sessionId: 's1', paused: true }).ok).toBe(true);
  });

  it('rejects, in words, what a page could forge', () => {
    const r = parseMessage(BackgroundToContentSchema, { type: 'bg:session.stop', sessionId: 'x'.repeat(65) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/sessionId/);
    expect(parseMessage(BackgroundToContentSchema, { type: 'bg:tab.frames', sessionId: 's', startIndex: -1, count: 1, other: '' }).ok).toBe(
      false,
    );
    expect(parseMessage(PageToContentSchema, { type: 'tap:nonsense' }).ok).toBe(false);
    expect(parseMessage(PageToContentSchema, null).ok).toBe(false);
  });
});
