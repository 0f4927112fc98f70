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
  fakeTimers: { enableGlobally: false },
  testTimeout: 30000,
};
