/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^#libs/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  // Integration tests talk to real servers on a 2-core machine; give hooks and tests room under load.
  // (testTimeout is a global option: jest ignores it inside a project.)
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    // Integration tests talk to real servers on a 2-core machine; give hooks and tests room under load.
    {
      ...common,
      displayName: 'integration',
      testTimeout: 60_000,
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{int,e2e}-spec.ts'],
    },
  ],
};
