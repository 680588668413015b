import { RelationshipSchema } from '../../lib/schema';
import { expect, test } from './fixtures';
import { readTable, seedDatabase } from './seed';

test('records seeded into the real IndexedDB are read back by the extension', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  const rel = RelationshipSchema.parse({
    id: 'rel-seed',
    counterpartName: 'Kari',
    myRole: 'mentee',
    type: 'upward',
    mentorOrigin: 'external',
    startDate: '2026-01-05',
    agreement: {},
    createdAt: 1,
    updatedAt: 1,
  });
  await seedDatabase(page, { relationships: [rel] });
  expect(await readTable(page, 'relationships')).toEqual([rel]);
});
