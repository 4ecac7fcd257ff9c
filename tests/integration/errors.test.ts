import { beforeAll, describe, expect, test } from "vitest";
import * as course from "~/routes/courses.$courseId._index";
import * as moduleRoute from "~/routes/courses.$courseId.$moduleId._index";
import * as lesson from "~/routes/courses.$courseId.$moduleId.$lessonId";
import * as glossary from "~/routes/courses.$courseId.glossary";
import * as images from "~/routes/courses.$courseId.images.$";
import * as locales from "~/routes/locales.$language.$namespace";
import * as register from "~/routes/register";
import * as preferences from "~/routes/preferences";
import { findUserByEmail } from "~/models/users.server";
import { MAX_FORM_BYTES } from "~/utils/forms.server";
import { createTestUser, getCsrf, postForm, signedIn } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, ORIGIN } from "../helpers/http";

let jar: CookieJar;
beforeAll(async () => {
  jar = await signedIn(await createTestUser());
});

describe("unknown content is a 404, never a 500", () => {
  test.each([
    ["an unknown course", course.loader, { courseId: "no-such-course" }, "errors.course.unknown"],
    ["an unknown course's glossary", glossary.loader, { courseId: "no-such-course" }, "errors.course.unknown"],
    ["an unknown course's module", moduleRoute.loader, { courseId: "no-such-course", moduleId: "basics" }, "errors.course.unknown"],
    ["an unknown module", moduleRoute.loader, { courseId: "fixture-course", moduleId: "no-such-module" }, "errors.module.unknown"],
    ["an unknown lesson", lesson.loader, { courseId: "fixture-course", moduleId: "basics", lessonId: "no-such-lesson" }, "errors.lesson.unknown"],
    ["a lesson under the wrong module", lesson.loader, { courseId: "fixture-course", moduleId: "timed", lessonId: "first-lesson" }, "errors.lesson.unknown"],
    ["a lesson under an unknown module", lesson.loader, { courseId: "fixture-course", moduleId: "nope", lessonId: "first-lesson" }, "errors.lesson.unknown"],
    ["a lesson of an unknown course", lesson.loader, { courseId: "nope", moduleId: "basics", lessonId: "first-lesson" }, "errors.course.unknown"],
  ] as const)("%s", async (_name, loader, params, message) => {
    const path = `/courses/${Object.values(params).join("/")}`;
    const result = await callLoader(loader, get(path, { jar }), params);
    expect(result).toMatchObject({ status: 404, thrown: true, data: message });
  });

  test("posting to an unknown lesson is a 404 and records nothing", async () => {
    const params = { courseId: "fixture-course", moduleId: "timed", lessonId: "first-lesson" };
    const result = await callAction(lesson.action, await postForm("/courses/fixture-course/timed/first-lesson", { intent: "complete" }, jar), params);
    expect(result).toMatchObject({ status: 404, thrown: true });
    const real = await callLoader(lesson.loader, get("/courses/fixture-course/basics/first-lesson", { jar }), { courseId: "fixture-course", moduleId: "basics", lessonId: "first-lesson" });
    expect(real.data.done).toBe(false);
  });

  test.each([
    ["a missing image", { courseId: "fixture-course", "*": "missing.svg" }],
    ["a path out of the images folder", { courseId: "fixture-course", "*": "../course.yaml" }],
    ["an encoded path out of the images folder", { courseId: "fixture-course", "*": "..%2F..%2Fsources.yaml" }],
    ["a file type that is not an image", { courseId: "fixture-course", "*": "notes.txt" }],
    ["an unknown course's image", { courseId: "nope", "*": "a.svg" }],
  ])("%s is a 404", async (_name, params) => {
    const result = await callLoader(images.loader, get(`/courses/${params.courseId}/images/${params["*"]}`), params);
    expect(result.status).toBe(404);
  });

  test("an unknown language's or namespace's strings are a 404; a known one is JSON", async () => {
    expect((await callLoader(locales.loader, get("/locales/de/common"), { language: "de", namespace: "common" })).status).toBe(404);
    expect((await callLoader(locales.loader, get("/locales/en/admin"), { language: "en", namespace: "admin" })).status).toBe(404);
    const cyrillic = await callLoader(locales.loader, get("/locales/sr-Cyrl/common"), { language: "sr-Cyrl", namespace: "common" });
    expect(cyrillic.status).toBe(200);
    expect(cyrillic.data.nav.login).toMatch(/^[\u0400-\u04FF ]+$/);
    const quiz = await callLoader(locales.loader, get("/locales/en/quiz"), { language: "en", namespace: "quiz" });
    expect(Object.keys(quiz.data)).toEqual(["quiz"]);
  });
});

describe("hostile redirect targets are refused cleanly", () => {
  test.each([
    ["characters outside Latin-1 (a Location header cannot hold them)", "/курсеви/Ћ", "/%D0%BA%D1%83%D1%80%D1%81%D0%B5%D0%B2%D0%B8/%D0%8B"],
    ["an emoji", "/courses?q=🙂", "/courses?q=%F0%9F%99%82"],
    ["dot segments leading off-site", "/x/..//evil.example", "/"],
    ["a backslash after a dot segment", "/./\\evil.example", "/"],
  ])("%s", async (_name, redirectTo, location) => {
    const request = await postForm("/preferences", { intent: "text-size", direction: "larger", redirectTo }, new CookieJar());
    const result = await callAction(preferences.action, request);
    expect(result).toMatchObject({ status: 302, location });
  });
});

describe("oversized and unreadable forms", () => {
  const big = "x".repeat(MAX_FORM_BYTES + 1);

  test("a form larger than the limit is a 413 (declared length) and nothing is written", async () => {
    const request = await postForm("/register", { fullName: big, email: "big@example.test", password: "long enough password", institutionType: "police", language: "en" }, new CookieJar());
    // Browsers send Content-Length; undici's Request does not set it for a string body, so declare it.
    const declared = new Request(request.url, { method: "POST", headers: new Headers([...request.headers, ["Content-Length", String(MAX_FORM_BYTES + 200)]]), body: await request.text() });
    expect(await callAction(register.action, declared)).toMatchObject({ status: 413, thrown: true, data: "errors.form.tooLarge" });
    expect(findUserByEmail("big@example.test")).toBeUndefined();
  });

  test("a form larger than the limit is a 413 even when its length is not declared (streamed body)", async () => {
    const testJar = new CookieJar();
    const csrf = await getCsrf(testJar);
    const body = new URLSearchParams({ csrf, fullName: big, email: "streamed@example.test", password: "long enough password", institutionType: "police", language: "en" }).toString();
    const chunks = [body.slice(0, 1000), body.slice(1000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const request = new Request(`${ORIGIN}/register`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: testJar.header() },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(await callAction(register.action, request)).toMatchObject({ status: 413, thrown: true });
    expect(findUserByEmail("streamed@example.test")).toBeUndefined();
  });

  test("a form just under the limit is accepted", async () => {
    const testJar = new CookieJar();
    const request = await postForm("/preferences", { intent: "text-size", direction: "larger", redirectTo: "/", padding: "y".repeat(MAX_FORM_BYTES - 500) }, testJar);
    expect(await callAction(preferences.action, request)).toMatchObject({ status: 302 });
  });

  test("a body that is not a form is a 400", async () => {
    const testJar = new CookieJar();
    await getCsrf(testJar);
    const request = new Request(`${ORIGIN}/register`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=nothing-here", Cookie: testJar.header() },
      body: "this is not multipart",
    });
    expect(await callAction(register.action, request)).toMatchObject({ status: 400, thrown: true, data: "errors.form.unreadable" });
  });
});
