import fs from "node:fs";
import { createMemoryHistory, createRouter, matchRoutes } from "@remix-run/router";
import { describe, expect, test } from "vitest";

// patches/@remix-run+router+1.23.3.patch caches compiled route paths and ranked route tables.
describe("React Router's route matching, as patched", () => {
  test("the patch is applied to both builds of the router", () => {
    for (const file of ["router.cjs.js", "router.js"]) expect(fs.readFileSync(`node_modules/@remix-run/router/dist/${file}`, "utf8")).toContain("Trag patch");
  });

  test("package.json pins the router to the version the patch was written for", () => {
    const patches = fs.readdirSync("patches").filter((name) => name.startsWith("@remix-run+router+"));
    expect(patches).toHaveLength(1);
    const patched = patches[0].replace(/^@remix-run\+router\+/, "").replace(/\.patch$/, "");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    expect(pkg.overrides["@remix-run/router"]).toBe(patched);
    expect(JSON.parse(fs.readFileSync("node_modules/@remix-run/router/package.json", "utf8")).version).toBe(patched);
  });

  test("matches as before, again and again, with parameters, index routes and case", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "home", index: true },
          { id: "lesson", path: "courses/:courseId/:moduleId/:lessonId" },
          { id: "quiz", path: "courses/:courseId/:moduleId/quiz" },
        ],
      },
    ];
    for (let round = 0; round < 3; round++) {
      expect(matchRoutes(routes, "/")?.map((m) => m.route.id)).toEqual(["root", "home"]);
      expect(matchRoutes(routes, "/courses/c/m/quiz")?.map((m) => m.route.id)).toEqual(["root", "quiz"]);
      const lesson = matchRoutes(routes, "/Courses/c/m/first-lesson/");
      expect(lesson?.map((m) => m.route.id)).toEqual(["root", "lesson"]);
      expect(lesson?.at(-1)?.params).toEqual({ courseId: "c", moduleId: "m", lessonId: "first-lesson" });
      expect(matchRoutes(routes, "/courses/c")).toBeNull();
    }
  });

  test("the same path compiled for different matching (case, end of path) keeps each meaning", () => {
    const sensitive = [{ id: "exact", path: "Exact", caseSensitive: true }];
    const insensitive = [{ id: "loose", path: "Exact" }];
    const nested = [{ id: "parent", path: "Exact", children: [{ id: "child", path: "more" }] }];
    for (let round = 0; round < 2; round++) {
      expect(matchRoutes(insensitive, "/exact")?.[0].route.id).toBe("loose");
      expect(matchRoutes(sensitive, "/exact")).toBeNull();
      expect(matchRoutes(sensitive, "/Exact")?.[0].route.id).toBe("exact");
      expect(matchRoutes(nested, "/exact/more")?.map((m) => m.route.id)).toEqual(["parent", "child"]);
      expect(matchRoutes(insensitive, "/exact/more")).toBeNull();
    }
  });

  test("routes added to a router after it matched are found", () => {
    const router = createRouter({ routes: [{ id: "root", path: "/", children: [] }], history: createMemoryHistory() });
    expect(matchRoutes(router.routes, "/late")).toBeNull();
    router.patchRoutes("root", [{ id: "late", path: "late" }]);
    expect(matchRoutes(router.routes, "/late")?.map((m) => m.route.id)).toEqual(["root", "late"]);
    router.dispose();
  });

  test("a navigation that discovers its route mid-way (patched into the table it is matching) finds it", async () => {
    const router = createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
      history: createMemoryHistory(),
      patchRoutesOnNavigation: ({ path, patch }) => {
        if (path === "/found") patch("root", [{ id: "found", path: "found" }]);
      },
    }).initialize();
    await router.navigate("/found");
    expect(router.state.matches.map((m) => m.route.id)).toEqual(["root", "found"]);
    expect(router.state.errors).toBeNull();
    router.dispose();
  });
});
