import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The folder rules in eslint.config.js, run through ESLint's own API with the project's config,
 * as `npm run check` runs them: each case puts one import in a real file's place.
 */
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The first lint builds the TypeScript program for the type-aware rules: slow on a busy machine.
beforeAll(() => restrictedImports('lib/schema/common.ts', ''), 180_000);

describe('architecture rules: a forbidden import fails the lint', () => {
  it.each([
    ['lib/talktime/engine/metrics.ts', "import { x } from 'wxt/browser';"],
    ['lib/talktime/engine/metrics.ts', "import { x } from '../../db/database';"],
    ['lib/talktime/detector.ts', "import { x } from '../db/database';"],
    ['lib/talktime/features/extractor.ts', "import { x } from 'react';"],
    ['lib/talktime/features/extractor.ts', "import { x } from '../../messaging/protocol';"],
    ['lib/talktime/detector.ts', "import { x } from '../schema/records';"],
    ['lib/talktime/engine/veto.ts', "import { x } from '../../schema';"],
    ['lib/schema/records.ts', "import { x } from 'date-fns';"],
    ['lib/schema/common.ts', "import { x } from '../i18n';"],
    ['lib/session/companion.ts', "import { x } from '../db/sessions';"],
    ['lib/session/companion.ts', "import { x } from '../session-store/start';"],
    ['lib/session/admission.ts', "import { x } from '../background/calls';"],
    ['lib/capture/model-loader.ts', "import { x } from 'dexie';"],
    ['lib/platforms/meet.ts', "import { x } from '../hooks/use-settings';"],
    ['lib/messaging/send.ts', "import { x } from '../db/database';"],
    ['entrypoints/call.content.ts', "import { x } from '../lib/db/database';"],
    ['entrypoints/tap-worklet.ts', "import { x } from '../lib/summary/week';"],
    ['lib/db/week-raw.ts', "import { x } from '../summary/week';"],
    ['lib/summary/week.ts', "import { x } from '../../components/popup/format';"],
  ])('%s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each([
    ['lib/talktime/engine/metrics.ts', "import { x } from '../../schema/talk';"],
    ['lib/talktime/engine/veto.ts', "import { x } from '../detector';"],
    ['lib/talktime/features/kernel.ts', "import { x } from '../kernel-wasm';"],
    ['lib/talktime/model.ts', "import { x } from '@tensorflow/tfjs';"],
    ['lib/schema/records.ts', "import { x } from 'zod';"],
    ['lib/session/companion.ts', "import { x } from '../capture/coverage';"],
    ['lib/session/companion.ts', "import { x } from 'wxt/browser';"],
    ['entrypoints/call.content.ts', "import { x } from '../lib/session/companion';"],
    ['lib/db/summary.ts', "import { x } from './summary';"],
    ['lib/summary/load.ts', "import { x } from '../db/summary';"],
  ])('allowed: %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

describe('one send helper: a message sent or a reply cast outside lib/messaging fails the lint', () => {
  const restrictedSyntax = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
  };
  const code = [
    "import { browser } from 'wxt/browser';",
    "import type { Reply } from '../messaging/reply';",
    'export const ask = async () => (await browser.runtime.sendMessage({})) as Reply<null>;',
  ].join('\n');

  it('in the call page’s companion', async () => {
    expect(await restrictedSyntax('lib/session/companion.ts', code)).toHaveLength(2);
  });

  it('but not in lib/messaging itself', async () => {
    expect(await restrictedSyntax('lib/messaging/send.ts', code)).toEqual([]);
  });
});
