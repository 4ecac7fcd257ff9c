/**
 * Trag's layers, as README.md and ../shared/STYLE.md describe them. Checked on every test run
 * (tests/unit/architecture.test.ts) and by `npm run lint:architecture`. Type-only imports are
 * erased at build time and are allowed across these walls.
 */
const VALUE_IMPORTS = { dependencyTypesNot: ["type-only"] };

module.exports = {
  forbidden: [
    {
      name: "routes-no-database",
      comment: "Routes are thin: they call models, never the database, drizzle or db/.",
      severity: "error",
      from: { path: "^app/routes/" },
      to: { path: ["^db/", "^app/utils/db\\.server\\.ts$", "drizzle-orm"], ...VALUE_IMPORTS },
    },
    {
      name: "components-no-server",
      comment: "Components render; they import no models, no db/ and no *.server module.",
      severity: "error",
      from: { path: "^app/components/" },
      to: { path: ["^app/models/", "^db/", "\\.server\\.tsx?$"], ...VALUE_IMPORTS },
    },
    {
      name: "quiz-machine-pure",
      comment: "The quiz machine runs in the browser and on the server: xstate and pure quiz modules only.",
      severity: "error",
      from: { path: "^app/quiz/quiz\\.machine\\.ts$" },
      to: { pathNot: ["xstate", "^app/quiz/(quiz\\.schemas|score|answer|question-view|reveal|draw)\\.ts$", "^node_modules/zod/"] },
    },
    {
      name: "content-no-database",
      comment: "Course content is files: app/content/ never reaches models or the database.",
      severity: "error",
      from: { path: "^app/content/" },
      to: { path: ["^app/models/", "^db/", "^app/utils/db\\.server\\.ts$", "drizzle-orm", "better-sqlite3"], ...VALUE_IMPORTS },
    },
    {
      name: "db-no-app",
      comment: "db/ (schema, migrations) takes only shared constants from app/.",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^app/", pathNot: ["^app/[a-z-]+/constants\\.ts$"] },
    },
    {
      name: "models-only-query",
      comment: "Only app/models/ (and the connection in app/utils/db.server.ts) query the database.",
      severity: "error",
      from: { path: "^app/", pathNot: ["^app/models/", "^app/utils/db\\.server\\.ts$"] },
      to: { path: ["drizzle-orm", "better-sqlite3", "^app/utils/db\\.server\\.ts$"], ...VALUE_IMPORTS },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.tsx?$" },
  },
};
