import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ContentToBackgroundSchema,
  FRAME_BANDS,
  FRAME_BINS,
  isContentScript,
  isExtensionPage,
  BackgroundToContentSchema,
  PageToContentSchema,
  parseMessage,
  UiToBackgroundSchema,
} from '../../lib/messaging';

const schemas = { PageToContentSchema, ContentToBackgroundSchema, UiToBackgroundSchema };

/** A well-formed batch of `count` frames from the tap (rows only, as an older tap sends it). */
const tapFrames = (count: number) => ({
  source: 'rapport-tap',
  type: 'tap:frames',
  startIndex: 0,
  count,
  self: new Float32Array(count * FRAME_BINS),
  other: new Float32Array(count * FRAME_BINS),
});

describe('message parsers treat every input as hostile', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name} never throws and never accepts a message without a known type`, () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const result = parseMessage(schema, value);
          if (result.ok) expect(typeof (result.message as { type: unknown }).type).toBe('string');
          else expect(result.error).toMatch(/^Rejected message: /);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('accepts well-formed frames and rejects any size mismatch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: -2, max: 2 }), (count, skew) => {
        const message = {
          source: 'rapport-tap',
          type: 'tap:frames',
          startIndex: 0,
          count,
          self: new Float32Array(count * FRAME_BINS + skew),
          other: new Float32Array(count * FRAME_BINS),
        };
        expect(parseMessage(PageToContentSchema, message).ok).toBe(skew === 0);
      }),
    );
  });

  it('takes the levels a tap sends with its frames only both together, each matching the count, of their own types', () => {
    const count = 3;
    const levels = { levels: new Float64Array(2 * count), bands: new Float32Array(2 * count * FRAME_BANDS) };
    const frames = tapFrames(count);
    expect(parseMessage(PageToContentSchema, frames).ok).toBe(true);
    const parsed = parseMessage(PageToContentSchema, { ...frames, ...levels });
    expect(parsed.ok && parsed.message.type === 'tap:frames' && parsed.message.levels).toBe(levels.levels);
    // One of the two missing, one too short, levels as float32, bands as float64: refused.
    expect(parseMessage(PageToContentSchema, { ...frames, ...levels, bands: undefined }).ok).toBe(false);
    expect(parseMessage(PageToContentSchema, { ...frames, ...levels, levels: new Float64Array(2 * count - 1) }).ok).toBe(false);
    expect(parseMessage(PageToContentSchema, { ...frames, ...levels, levels: new Float32Array(2 * count) }).ok).toBe(false);
    expect(parseMessage(PageToContentSchema, { ...frames, ...levels, bands: new Float64Array(2 * count * FRAME_BANDS) }).ok).toBe(false);
    // Another realm's arrays (Firefox's Xray view of the page's) are copied into this one's.
    const foreign = runInNewContext(`new Float64Array(${2 * count}).fill(-33)`) as Float64Array;
    const copied = parseMessage(PageToContentSchema, { ...frames, ...levels, levels: foreign });
    expect(copied.ok && copied.message.type === 'tap:frames' && copied.message.levels).toBeInstanceOf(Float64Array);
    expect(copied.ok && copied.message.type === 'tap:frames' && copied.message.levels?.[0]).toBe(-33);
  });

  it('rejects oversized batches, arrays posing as frames and prototype tricks', () => {
    const frames = tapFrames;
    expect(parseMessage(PageToContentSchema, frames(65)).ok).toBe(false);
    expect(parseMessage(PageToContentSchema, { ...frames(1), self: Array.from({ length: FRAME_BINS }, () => 0) }).ok).toBe(false);
    const polluted = JSON.parse('{"type":"cs:call.ended","reason":"left","__proto__":{"admin":true}}') as unknown;
    const parsed = parseMessage(ContentToBackgroundSchema, polluted);
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(parsed.ok && Object.keys(parsed.message)).toEqual(['type', 'reason']);
  });

  it("accepts frames in another realm's Float32Array, as a Firefox content script sees them, and copies them", () => {
    // Firefox hands a content script the page's own objects through Xray wrappers, so the
    // arrays are not instances of the content script's Float32Array; another realm does the same here.
    const foreign = runInNewContext(`({ self: new Float32Array(${FRAME_BINS}).fill(-40), other: new Float32Array(${FRAME_BINS}) })`) as {
      self: Float32Array;
      other: Float32Array;
    };
    expect(foreign.self instanceof Float32Array).toBe(false);
    const parsed = parseMessage(PageToContentSchema, { source: 'rapport-tap', type: 'tap:frames', startIndex: 0, count: 1, ...foreign });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.message.type !== 'tap:frames') throw new Error('not parsed');
    expect(parsed.message.self).toBeInstanceOf(Float32Array);
    expect(parsed.message.self[0]).toBe(-40);
    // A copy: the page changing its array afterwards changes nothing the engine counts.
    foreign.self[0] = 0;
    expect(parsed.message.self[0]).toBe(-40);
    // An oversized array is refused (the schema checks its size before copying it).
    const huge = runInNewContext(`new Float32Array(${65 * FRAME_BINS})`) as Float32Array;
    expect(
      parseMessage(PageToContentSchema, { source: 'rapport-tap', type: 'tap:frames', startIndex: 0, count: 1, self: huge, other: huge }).ok,
    ).toBe(false);
    // Other typed arrays and array-likes from another realm still do not pass.
    const notFloats = runInNewContext(
      `[new Float64Array(${FRAME_BINS}), { length: ${FRAME_BINS} }, new Int16Array(${FRAME_BINS})]`,
    ) as unknown[];
    for (const self of notFloats)
      expect(
        parseMessage(PageToContentSchema, {
          source: 'rapport-tap',
          type: 'tap:frames',
          startIndex: 0,
          count: 1,
          self,
          other: foreign.other,
        }).ok,
      ).toBe(false);
  });

  it('rejects a huge title and an unknown platform from a page', () => {
    expect(
      parseMessage(ContentToBackgroundSchema, {
        type: 'cs:call.started',
        platform: 'meet',
        meetingLink: 'https://meet.google.com/abc',
        title: 'x'.repeat(301),
      }).ok,
    ).toBe(false);
    expect(parseMessage(ContentToBackgroundSchema, { type: 'cs:call.started', platform: 'evil', meetingLink: '', title: '' }).ok).toBe(
      false,
    );
  });
});

describe('issue 17 messages: a page cannot make Rapport believe nonsense', () => {
  const state = { peerConnections: 1, remoteAudioTracks: 1, micTracks: 1, micEnabled: true, capturing: false, error: null };
  const tapState = (extra: object) => ({ source: 'rapport-tap', type: 'tap:state', state: { ...state, ...extra } });

  it('tap state: "receiving remote audio" is a small count, absent from an older tap', () => {
    expect(parseMessage(PageToContentSchema, tapState({ receivingRemoteAudio: 1 })).ok).toBe(true);
    expect(parseMessage(PageToContentSchema, tapState({})).ok).toBe(true);
    for (const bad of [-1, 101, 0.5, '1', null, true]) {
      const result = parseMessage(PageToContentSchema, tapState({ receivingRemoteAudio: bad }));
      expect(result.ok, String(bad)).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^Rejected message: .*receivingRemoteAudio/);
    }
  });

  it('call status: only the known states', () => {
    expect(parseMessage(ContentToBackgroundSchema, { type: 'cs:call.status', status: 'waiting' }).ok).toBe(true);
    const bad = parseMessage(ContentToBackgroundSchema, { type: 'cs:call.status', status: 'in-call-trust-me' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Rejected message: /);
  });

  it('session ping: needs a session id', () => {
    expect(parseMessage(BackgroundToContentSchema, { type: 'bg:session.ping', sessionId: 'abc-123' }).ok).toBe(true);
    expect(parseMessage(BackgroundToContentSchema, { type: 'bg:session.ping' }).ok).toBe(false);
  });
});

describe('sender checks', () => {
  const id = 'abc';
  const origin = 'chrome-extension://abc';
  it('an extension page is one of our own URLs', () => {
    expect(isExtensionPage({ id, url: `${origin}/sidepanel.html` }, id, origin)).toBe(true);
    expect(isExtensionPage({ id, url: `${origin}/options.html`, tab: { id: 3 } }, id, origin)).toBe(true);
  });
  it('a content script (a web page) is never an extension page', () => {
    expect(isExtensionPage({ id, url: 'https://meet.google.com/abc', tab: { id: 3 } }, id, origin)).toBe(false);
    expect(isContentScript({ id, url: 'https://meet.google.com/abc', tab: { id: 3 } }, id, origin)).toBe(true);
  });
  it('another extension is neither', () => {
    expect(isExtensionPage({ id: 'other', url: 'chrome-extension://other/x.html' }, id, origin)).toBe(false);
    expect(isContentScript({ id: 'other', url: 'https://x.test', tab: { id: 1 } }, id, origin)).toBe(false);
  });
  it('a look-alike origin is not ours', () => {
    expect(isExtensionPage({ id, url: 'chrome-extension://abcd/x.html' }, id, origin)).toBe(false);
  });
});
