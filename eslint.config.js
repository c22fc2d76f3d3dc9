import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Only src/lti/ may import ltijs (it is a process-wide singleton with its own DB connection);
    // the conformance smoke test and the demo platform's test tool are the tested exceptions.
    files: ['**/*.ts'],
    ignores: ['src/lti/**', 'test/conformance/ltijs.test.ts', 'test/helpers/ltijs-test-tool.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'ltijs', message: 'Only src/lti/ may import ltijs.' }],
          patterns: ['ltijs/dist/*', 'ltijs/index*'],
        },
      ],
    },
  },
  {
    files: ['src/main.ts', 'src/cli/**/*.ts', 'bench/**/*.ts', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    // Browser scripts served from public/: plain ES5-compatible script files, no modules.
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly' },
    },
  },
);
