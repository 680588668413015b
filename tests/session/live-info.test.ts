import { describe, expect, it } from 'vitest';
import { CoverageMeter } from '../../lib/capture/coverage';
import { ChannelMonitor } from '../../lib/capture/health';
import { SUGGEST_TAB_CAPTURE_AFTER_MS, buildLiveInfo, type LiveInfoContext } from '../../lib/session/live-info';
import { TalkTimeEngine } from '../../lib/talktime/engine';
import { framesFrom, rep } from '../talktime/helpers';

async function engineWithTalk(): Promise<TalkTimeEngine> {
  const e = new TalkTimeEngine();
  await e.process(framesFrom(rep('.', 100) + rep('#', 200) + rep('.', 100)), framesFrom(rep('.', 400)));
  await e.finish();
  return e;
}

const context = (over: Partial<LiveInfoContext> = {}): LiveInfoContext => ({
  detection: null,
  tap: null,
  monitors: { self: new ChannelMonitor(), other: new ChannelMonitor() },
  tabCaptureSite: false,
  noRemoteSince: null,
  now: 10_000,
  ...over,
});

const intake = { coverage: new CoverageMeter(), tabCapture: { state: 'off' as const, error: null } };

describe('buildLiveInfo', () => {
  it('reports this page’s talk, added to what was saved before a reload', async () => {
    const engine = await engineWithTalk();
    const fresh = buildLiveInfo({ engine, intake, baseline: null, offsetMs: 0 }, context());
    expect(fresh.stats.selfTalkMs).toBeGreaterThan(500);
    expect(fresh.model).toBe('unavailable');
    const resumed = buildLiveInfo({ engine, intake, baseline: fresh.stats, offsetMs: fresh.stats.durationMs }, context());
    expect(resumed.stats.selfTalkMs).toBeCloseTo(2 * fresh.stats.selfTalkMs, 0);
  });

  it('offers tab capture after a while without any remote audio, or at once on a tab-capture site', async () => {
    const engine = await engineWithTalk();
    const l = { engine, intake, baseline: null, offsetMs: 0 };
    expect(buildLiveInfo(l, context({ noRemoteSince: 10_000 - SUGGEST_TAB_CAPTURE_AFTER_MS + 1 })).tabCapture?.suggested).toBe(false);
    expect(buildLiveInfo(l, context({ noRemoteSince: 10_000 - SUGGEST_TAB_CAPTURE_AFTER_MS })).tabCapture?.suggested).toBe(true);
    expect(buildLiveInfo(l, context({ tabCaptureSite: true })).tabCapture?.suggested).toBe(true);
  });
});
