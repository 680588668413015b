import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Privacy: the extension makes no network requests. Tests may use fetch against localhost.
      'no-restricted-globals': [
        'error',
        { name: 'XMLHttpRequest', message: 'Rapport makes no network requests.' },
        { name: 'WebSocket', message: 'Rapport makes no network requests.' },
      ],
    },
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
