// ESLint (flat config) for the whole tree: sources, tests, scripts, the policy pack and the example
// programs. Formatting is Prettier's job (`npm run format:check`), so only correctness rules here.
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const globals = require("globals");

module.exports = tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", ".work/**", "coverage/**", "engine/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names mark arguments and bindings kept for their position or shape.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Type-aware rules, each for a class of bug the compiler lets through: a promise nobody awaits or
    // catches, an object printed as "[object Object]" in a message, a switch that misses a case, a
    // non-Error thrown or rejected (no stack, no message). Two programs cover every TypeScript file:
    // test/tsconfig.json holds src, test and examples; the policy pack has its own compiler options.
    // One tsconfig per file (`projectService`) took six times as long here, building a program for
    // each example and test program folder.
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { project: ["test/tsconfig.json", "policy/tsconfig.json"], tsconfigRootDir: __dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      // Only where leaving out `await` changes behaviour: a `return promise` inside try/catch skips the catch.
      "@typescript-eslint/return-await": ["error", "error-handling-correctness-only"],
      "@typescript-eslint/no-base-to-string": "error",
      // `never` is allowed: "unknown kind ${kind}" after an exhaustive switch prints what arrived at run time.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNever: true }],
      // A `default:` is a deliberate fallback; a switch without one must name every member of the union.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/only-throw-error": "error",
      // Passing on a caught error (`any`/`unknown`) is allowed, as only-throw-error allows rethrowing it.
      "@typescript-eslint/prefer-promise-reject-errors": [
        "error",
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      "@typescript-eslint/no-for-in-array": "error",
      "@typescript-eslint/no-implied-eval": "error",
      "@typescript-eslint/no-array-delete": "error",
    },
  },
  {
    // The scripts and configs are CommonJS run by Node directly.
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**/*.ts"],
    languageOptions: { globals: globals.jest },
    rules: {
      // Tests walk API bodies, state exports and the emulator's state by path, after checking them
      // against the vendors' schemas (test/fixtures); typing each walk would restate those schemas.
      "@typescript-eslint/no-explicit-any": "off",
      // The adopt and shim tests evaluate the code they generate, as Node would load it.
      "@typescript-eslint/no-implied-eval": "off",
    },
  },
);
