import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Which workspace packages each layer must never import: the architecture, kept by lint.
 * api and realtime are siblings over platform and accounts; neither imports the other.
 */
const forbiddenImports = {
  domain: ['db', 'platform', 'accounts', 'api', 'realtime', 'server', 'web'],
  db: ['platform', 'accounts', 'api', 'realtime', 'server', 'web'],
  platform: ['accounts', 'api', 'realtime', 'server', 'web'],
  accounts: ['api', 'realtime', 'server', 'web'],
  api: ['realtime', 'server', 'web'],
  'realtime/src': ['api', 'server', 'web'],
  'realtime/bench': ['api', 'server', 'web'],
  // Integration tests of the relay set up accounts through the API's test harness only.
  'realtime/test': [{ name: 'api', except: 'testing' }, { name: 'server' }, { name: 'web' }],
  // The app itself; web/e2e may use the test helpers of db.
  'web/src': ['db', 'platform', 'accounts', 'api', 'realtime', 'server'],
};

const layerRules = Object.entries(forbiddenImports).map(([layer, forbidden]) => ({
  files: [`${layer}/**/*.ts`, `${layer}/**/*.svelte`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((entry) => {
          const { name, except } = typeof entry === 'string' ? { name: entry } : entry;
          // A regex, not a gitignore group: a group cannot re-allow a path below a forbidden one.
          return {
            regex: `^@callboard/${name}${except ? `(?!/${except}$)` : ''}(/.*)?$`,
            message: `${layer.split('/')[0]}/ must not import ${name}/: shared code lives below both (see README, Architecture).`,
          };
        }),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/.turbo/**',
      'data/**',
      'web/src/lib/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    // The app is always served at the origin's root (no `paths.base`), so links need no resolve().
    // Maps and sets here are built fresh inside derivations and never mutated afterwards.
    rules: {
      'svelte/no-navigation-without-resolve': 'off',
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  ...layerRules,
);
