// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DbGate } from '../../components/DbGate';
import { RapportDb, setDbForTests } from '../../lib/db/database';

afterEach(() => {
  cleanup();
  setDbForTests(null);
});

describe('DbGate', () => {
  it('renders the page once the database opens', async () => {
    setDbForTests(new RapportDb(`gate-${crypto.randomUUID()}`));
    render(
      <DbGate>
        <p>page</p>
      </DbGate>,
    );
    expect(await screen.findByText('page')).toBeTruthy();
  });

  it('says plainly that storage is unavailable, and renders nothing that could write', async () => {
    const broken = new RapportDb(`gate-${crypto.randomUUID()}`);
    broken.open = () => Promise.reject(new Error('IndexedDB is disabled in this profile')) as never;
    setDbForTests(broken);
    render(
      <DbGate>
        <p>page</p>
      </DbGate>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('IndexedDB is disabled in this profile');
    expect(alert.textContent).toContain('Nothing was written');
    expect(screen.queryByText('page')).toBeNull();
  });
});
