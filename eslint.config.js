// Only the rules review kept catching, type-aware. Unused imports, locals and parameters are
// tsc's job (noUnusedLocals, noUnusedParameters); consistent-type-imports is left out because
// verbatimModuleSyntax already makes tsc reject a type imported as a value.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**']},
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      // Both projects: bench/ has its own until the bench split lands (see tsconfig.bench.json).
      parserOptions: {project: ['./tsconfig.json', './tsconfig.bench.json'], tsconfigRootDir: import.meta.dirname},
    },
    plugins: {'@typescript-eslint': tseslint.plugin},
    linterOptions: {reportUnusedDisableDirectives: 'error'},
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A default branch does not excuse a missing member: a new InferenceEvent or SessionEvent
      // type must be handled where events are switched on, not fall into a default.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: false}],
    },
  },
  {
    // Owned by the piped-output slice (branch s-output) while it is rewritten; its one finding,
    // finishWarning's default over finishReason, is fixed there. Delete this block after the merge.
    files: ['src/output/result-notes.ts'],
    rules: {'@typescript-eslint/switch-exhaustiveness-check': 'warn'},
  },
  {
    // Plain JS (the build scripts, bin/) has no tsc pass, so the unused check is ESLint's here.
    files: ['**/*.js', '**/*.mjs'],
    linterOptions: {reportUnusedDisableDirectives: 'error'},
    rules: {'no-unused-vars': 'error'},
  },
);
