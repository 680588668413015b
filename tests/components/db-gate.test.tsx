// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DbGate } from '../../components/DbGate';
import { RapportDb, setDbForTests } from '../../lib/db/database';
import { saveSettings } from '../../lib/db/settings';
import { useT } from '../../lib/hooks/use-settings';

/** Every word it ever renders, so a flash of another language shows in the list. */
function Probe({ seen }: { seen: string[] }) {
  const { t } = useT();
  seen.push(t('common', 'save'));
  return <p>{t('common', 'save')}</p>;
}

/** A page that mounts a second probe later, as the options page mounts a relationship's sections. */
function Page({ first, later }: { first: string[]; later: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Probe seen={first} />
      <button onClick={() => setOpen(true)}>open</button>
      {open && <Probe seen={later} />}
    </>
  );
}

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

  it('paints in the chosen language from the first render, in a component mounted later too', async () => {
    setDbForTests(new RapportDb(`gate-${crypto.randomUUID()}`));
    await saveSettings({ language: 'nb' });
    const first: string[] = [];
    const later: string[] = [];
    render(
      <DbGate>
        <Page first={first} later={later} />
      </DbGate>,
    );
    await screen.findByText('Lagre');
    act(() => screen.getByText('open').click());
    expect((await screen.findAllByText('Lagre')).length).toBe(2);
    expect(new Set([...first, ...later])).toEqual(new Set(['Lagre']));
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
