/** Jest runs the TypeScript sources directly (ESM, transpile only: `npm run typecheck` checks types). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // tree-sitter must load once per process (see the file).
    '^tree-sitter$': '<rootDir>/test/support/tree-sitter-once.cjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  // Node 20 polyfills that nock's fetch interception needs (see the file).
  setupFiles: ['<rootDir>/test/support/promise-with-resolvers.cjs'],
  setupFilesAfterEnv: ['<rootDir>/test/support/nock-restore.ts'],
  fakeTimers: { enableGlobally: false },
  testTimeout: 30000,
};
