// Lint: typescript-eslint's recommended rules over src, test and bench.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure and platform-agnostic: no chat SDKs, no LLM client, no logger, no Node built-ins.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'http', 'crypto'], message: 'src/core is pure: pass side effects in as parameters.' },
          { group: ['@slack/*', 'discord.js', 'openai', 'pino', 'better-sqlite3', 'kysely'], message: 'src/core never imports platform or I/O packages; adapters translate.' },
          { group: ['**/adapters/**', '**/store/**', '**/cli/**', '**/llm/**'], message: 'src/core must not depend on outer layers.' },
        ],
      }],
    },
  },
  {
    // The conversation layer is platform-neutral: adapters translate payloads to its events and its replies to each platform.
    files: ['src/chat/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@slack/*', 'discord.js', 'discord-api-types', 'discord-api-types/*', 'better-sqlite3'], message: 'src/chat is platform-neutral: no chat SDKs or store drivers; adapters translate.' },
          { group: ['**/adapters/slack/**', '**/adapters/discord/**', '**/adapters/console/**', '**/store/sqlite*'], message: 'src/chat must not depend on one platform.' },
        ],
      }],
    },
  },
);
