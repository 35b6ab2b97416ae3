// Lint rules, import direction included: the parts may import only what ARCHITECTURE.md allows.
import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const ours = {
  web: 'src/web',
  contracts: 'src/contracts',
  server: 'src/server',
  sync: 'src/sync',
  connectors: 'src/connectors',
  simulators: 'src/simulators',
  launcher: 'src/launcher',
}

/** Forbids relative imports that reach into the named parts (packages are never matched). */
function forbid(parts, why) {
  const ups = ['../', '../../', '../../../', '../../../../']

  return {
    patterns: parts.map((part) => {
      const name = part.split('/').pop()

      return {
        group: ups.flatMap((up) => [`${up}${name}`, `${up}${name}/**`]),
        message: `${why} (see ARCHITECTURE.md, "Parts")`,
      }
    }),
  }
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'src/web/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-warning-comments': ['error', { terms: ['fixme'], location: 'anywhere' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@tanstack/query/exhaustive-deps': 'error',
      '@tanstack/query/no-rest-destructuring': 'error',
      'no-restricted-imports': [
        'error',
        forbid(
          [ours.server, ours.sync, ours.connectors, ours.simulators, ours.launcher],
          'The SPA talks to the BFF over HTTP and shares only src/contracts',
        ),
      ],
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(
          [ours.web, ours.server, ours.sync, ours.connectors, ours.simulators, ours.launcher],
          'Contracts depend on nothing of ours',
        ),
      ],
    },
  },
  {
    files: ['src/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...forbid(
            [ours.web, ours.server, ours.connectors, ours.simulators, ours.launcher],
            'The sync rules are pure',
          ),
          paths: [
            'fs',
            'node:fs',
            'http',
            'node:http',
            'net',
            'node:net',
            'better-sqlite3',
            'kysely',
          ].map((name) => ({ name, message: 'The sync rules are pure: no I/O.' })),
        },
      ],
    },
  },
  {
    files: ['src/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(
          [ours.web, ours.server, ours.sync, ours.simulators, ours.launcher, ours.contracts],
          'Connectors know only their vendor and their shared helpers',
        ),
      ],
    },
  },
  {
    files: ['src/simulators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(
          [ours.web, ours.server, ours.sync, ours.connectors, ours.contracts, ours.launcher],
          'Simulators stand for the outside world and share no product code',
        ),
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        forbid(
          [ours.web, ours.simulators, ours.launcher],
          'The BFF never imports the SPA or the simulators',
        ),
      ],
    },
  },
  {
    // Integration tests compose the BFF with the simulators, as the launcher does.
    files: ['src/server/**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid([ours.web, ours.launcher], 'Server tests never import the SPA'),
      ],
    },
  },
  prettier,
)
