import { relationship, session } from '../records';
import { expect, test } from './fixtures';
import { seedDatabase } from './seed';

/**
 * The other tests start from records written by seedDatabase (tests/e2e/seed.ts) instead of the
 * extension's own writes: the extension must read them as its own. The options page reads the
 * relationships and sessions through Dexie; the popup reads the digest tables seedDatabase
 * derives in raw IndexedDB. A seed that left out a digest, or wrote one the extension does not
 * understand, shows here.
 */
test('records seeded into IndexedDB are read by the extension: the options list and the popup’s notes to write', async ({
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  const kari = relationship({ id: 'rel-seed', counterpartName: 'Kari Seed', myRole: 'mentee', type: 'upward' });
  const startedAt = Date.now() - 3 * 3_600_000;
  const ended = session({
    id: 'ses-seed',
    relationshipId: kari.id,
    status: 'ended',
    startedAt,
    endedAt: startedAt + 45 * 60_000,
    lastSavedAt: startedAt + 45 * 60_000,
    createdAt: startedAt,
  });
  await seedDatabase(options, { relationships: [kari], sessions: [ended] });

  await options.reload();
  const card = options.getByRole('listitem').filter({ has: options.getByRole('link', { name: 'Kari Seed' }) });
  await expect(card).toContainText('sessions: 1');

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('notes-to-write')).toContainText('Kari Seed');
});
