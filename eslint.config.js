// @ts-check
// ESLint for Trag (`npm run lint`, `npm run lint -- --fix`); formatting is Prettier's (`npm run format`),
// so eslint-config-prettier turns off the stylistic rules that would disagree with it. The layers
// are checked by dependency-cruiser (.dependency-cruiser.cjs), not here.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "coverage/", "bench/.tmp/", "public/", "db/migrations/", "app/certificates/test-vectors/", ".cache/"] },
  js.configs.recommended,
  // Without type information: a type-aware run takes the whole program through the compiler again,
  // which `npm run typecheck` already does.
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,cjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A wide table's scrolling wrapper is a named region that takes keyboard focus, so that it can be
      // scrolled without a mouse (axe's scrollable-region-focusable asks for exactly that).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  reactHooks.configs.flat["recommended-latest"],
  {
    rules: {
      // `_` names a parameter or element that is there for its position only.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    // Tests tamper with payloads and read route outcomes loosely on purpose: `any` is their tool there.
    files: ["tests/**", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The transliterator's classes list combining marks (U+0300–U+036F) on purpose, as escapes: a Latin
    // word may carry them; nothing in them can be mistaken for one visible character.
    files: ["app/content/transliterate.ts"],
    rules: { "no-misleading-character-class": "off" },
  },
  {
    // These match C0 control characters and DEL on purpose: a header value or a redirect must not hold them.
    files: ["app/utils/http.server.ts", "app/progress/export.server.ts"],
    rules: { "no-control-regex": "off" },
  },
  prettier,
);
