// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelHealth } from '../../components/sidepanel/ChannelHealth';
import { RapportDb, setDbForTests } from '../../lib/db/database';
import { saveSettings } from '../../lib/db/settings';
import type { LiveInfo } from '../../lib/messaging';
import { type CaptureCoverage, emptyTalkStats } from '../../lib/schema';

function live(capture: CaptureCoverage | undefined): LiveInfo {
  return {
    stats: { ...emptyTalkStats(), selfTalkMs: 20_000, otherTalkMs: 30_000, selfShare: 0.4, ...(capture ? { capture } : {}) },
    recent: { selfMs: 20_000, otherMs: 30_000, selfShare: 0.4 },
    currentSpeaker: 'none',
    selfMuted: false,
    health: { self: { state: 'listening', silentForMs: 0 }, other: { state: 'listening', silentForMs: 0 } },
    detection: 'adapter',
    warning: null,
    model: 'loaded',
  };
}

let db: RapportDb;
beforeEach(async () => {
  db = new RapportDb(`channel-health-${Math.random()}`);
  await db.open();
  setDbForTests(db);
});
afterEach(async () => {
  cleanup();
  setDbForTests(null);
  await db.delete();
});

describe('side panel: when the live figure rests on part of the call', () => {
  it('says nothing while the call is heard in full', () => {
    render(<ChannelHealth live={live({ wallMs: 120_000, heardMs: 119_000, droppedMs: 0, lagMs: 1300 })} warning={null} />);
    expect(screen.queryByTestId('coverage-warning')).toBeNull();
  });

  it('says how much of the call was heard when the computer could not keep up', () => {
    render(<ChannelHealth live={live({ wallMs: 120_000, heardMs: 84_000, droppedMs: 0, lagMs: 1300 })} warning={null} />);
    expect(screen.getByTestId('coverage-warning').textContent).toMatch(/only 70 % of this call/);
  });

  it('says when the engine is far behind the call', () => {
    render(<ChannelHealth live={live({ wallMs: 120_000, heardMs: 119_000, droppedMs: 0, lagMs: 14_000 })} warning={null} />);
    expect(screen.getByTestId('coverage-warning').textContent).toMatch(/14 s behind/);
  });

  it('says nothing for a session recorded before coverage was measured', () => {
    render(<ChannelHealth live={live(undefined)} warning={null} />);
    expect(screen.queryByTestId('coverage-warning')).toBeNull();
  });

  it('says it in Norwegian on a Norwegian screen', async () => {
    await saveSettings({ language: 'nb' });
    render(<ChannelHealth live={live({ wallMs: 120_000, heardMs: 60_000, droppedMs: 0, lagMs: 0 })} warning={null} />);
    expect((await screen.findByText(/hørte bare 50 %/)).dataset.testid).toBe('coverage-warning');
  });
});

describe('side panel: a call site whose page Rapport no longer recognises', () => {
  it('words each detection warning code in the chosen language', async () => {
    const { rerender } = render(<ChannelHealth live={live(undefined)} warning="layout-lost" />);
    expect(await screen.findByText(/following the call through its audio connections instead/)).toBeTruthy();
    rerender(<ChannelHealth live={live(undefined)} warning="layout-lost-no-tap" />);
    expect(await screen.findByText(/cannot tell whether you are in a call/)).toBeTruthy();
    await saveSettings({ language: 'nb' });
    expect(await screen.findByText(/ser ennå ingen lydforbindelser/)).toBeTruthy();
  });
});
