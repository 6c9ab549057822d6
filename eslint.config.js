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
    },
  },
);
