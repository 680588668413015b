import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/*
 * The architecture's rules, executable (README "Architecture"). Each folder's imports are checked
 * by one `no-restricted-imports` entry; ESLint keeps only the last entry that matches a file, so
 * the folders below are disjoint and each repeats the rule for all of lib/. tests/lint/boundaries
 * proves that a forbidden import fails `npm run check`.
 */
const NOT_UP = {
  regex: '(^|/)(components|entrypoints)(/|$)',
  message: 'lib/ is used by the pages and scripts, never the other way round.',
};
/** Every lib/ folder but talktime and schema, and the folders above lib/. */
const LIB_FOLDERS =
  'db|capture|platforms|session|session-store|background|hooks|summary|notes|mentoring|messaging|i18n|format|shims|components|entrypoints';
/** The folders a content script is built from (entrypoints/*.content.ts, tap-worklet.ts). */
const CONTENT_FOLDERS = 'platforms|talktime|capture|schema|messaging|session';
/** `up` is the way from a file's folder to lib/: '../' inside lib/, '../lib/' from entrypoints/. */
const contentScript = (up) => [
  NOT_UP,
  {
    regex: `^${up.replaceAll('.', '\\.')}(?!(${CONTENT_FOLDERS})(/|$))`,
    message:
      'Content-script code imports only lib/capture, lib/platforms, lib/session, lib/messaging, lib/talktime and lib/schema: Dexie in a content script would write into the call site’s own IndexedDB.',
  },
  { regex: '^(dexie|dexie-react-hooks|react|react-dom)(/|$)', message: 'No storage or UI library in content-script code.' },
];
const boundaries = [
  { files: ['lib/**/*.{ts,tsx}'], patterns: [NOT_UP] },
  {
    files: ['lib/talktime/**/*.ts'],
    patterns: [
      {
        // Any depth: a package other than the model runtime, or another lib/ folder than schema/talk.
        regex: `^(?!\\.|@tensorflow/tfjs$)|(^|/)(${LIB_FOLDERS})(/|$)|(^|/)schema(/|$)(?!talk$)`,
        message:
          'lib/talktime is pure TypeScript: its own modules, lib/schema/talk and the model runtime only (no browser, storage or UI).',
      },
    ],
  },
  {
    files: ['lib/schema/**/*.ts'],
    patterns: [{ regex: '^(?!zod$|\\./)', message: 'lib/schema imports only zod and its own modules.' }],
  },
  {
    files: ['lib/db/**/*.ts'],
    patterns: [
      NOT_UP,
      {
        regex: '^\\.\\./(summary|hooks|background|session-store|notes|capture|platforms|session)(/|$)',
        message: 'lib/db is below the code that uses it: it imports lib/schema, lib/mentoring and lib/i18n, nothing that imports it.',
      },
    ],
  },
  {
    files: ['lib/capture/**/*.ts', 'lib/platforms/**/*.ts', 'lib/session/**/*.ts', 'lib/messaging/**/*.ts'],
    patterns: contentScript('../'),
  },
  { files: ['entrypoints/*.content.ts', 'entrypoints/tap-worklet.ts'], patterns: contentScript('../lib/') },
].map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } }));

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.output-*/**',
      '.cache/**',
      'tmp/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'scripts/talktime/peers/**',
      'public/**',
      // AssemblyScript, compiled by scripts/build-kernel.mjs; its types are not TypeScript's.
      'lib/talktime/wasm/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: the project's tsconfig gives the types.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits or catches loses its error (and, in the worker, its ordering).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: true } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Privacy: the extension makes no network requests. Tests may use fetch against localhost.
      'no-restricted-globals': [
        'error',
        { name: 'XMLHttpRequest', message: 'Rapport makes no network requests.' },
        { name: 'WebSocket', message: 'Rapport makes no network requests.' },
      ],
    },
  },
  ...boundaries,
  {
    // One send helper (lib/messaging/send.ts): replies typed by the protocol, so nothing else sends or casts.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['lib/messaging/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='sendMessage']",
          message: 'Send with lib/messaging (send, sendToTab, or sendVia over a transport), which types the reply.',
        },
        {
          selector: "TSAsExpression > TSTypeReference[typeName.name='Reply']",
          message: 'A reply is typed by lib/messaging’s request → reply map, not cast.',
        },
      ],
    },
  },
  {
    // A function a reader can hold in their head: at most 80 lines of code (README "Architecture").
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Exempt: the FFT's complex transform (≈85 lines), the radix-4 stages kept whole as in the
    // WebAssembly kernel's twin (lib/talktime/wasm/kernel.ts), whose frames must match it bit for bit.
    files: ['lib/talktime/features/fft.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // Playwright fixtures take `{}` when they need no other fixture.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}', 'lib/hooks/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'scripts/demo-call/public/**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        document: 'readonly',
        window: 'readonly',
        location: 'readonly',
        navigator: 'readonly',
        parent: 'readonly',
        AudioContext: 'readonly',
        RTCPeerConnection: 'readonly',
        MediaStream: 'readonly',
        Audio: 'readonly',
        URLSearchParams: 'readonly',
        requestAnimationFrame: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
