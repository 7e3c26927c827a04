// Flat config: typescript-eslint's recommended rules, plus the two boundaries that
// matter most here: nothing under src/core may import 'vscode', and nothing but the
// request path and the composition roots may import the HTTP client.
import tseslint from 'typescript-eslint';

const ONE_REQUEST_PATH = {
  group: ['**/http/client', '**/http/deferredClient'],
  message: 'Send through RequestPath (src/core/send/requestPath.ts): it asks the trust gate, logs and records validators.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/harness/node_modules/**', '.harness-cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is editor-independent: convert in src/features instead.' }] }],
    },
  },
  {
    // One request path: only it and the composition roots hold the HTTP client, so nothing can send around the trust gate.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/http/**', 'src/core/send/requestPath.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is editor-independent: convert in src/features instead.' }],
          patterns: [ONE_REQUEST_PATH],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/cli/session.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ONE_REQUEST_PATH] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
