import { describe, expect, test } from "vitest";
import * as preferences from "~/routes/preferences";
import * as root from "~/root";
import { getUserById } from "~/models/users.server";
import { createTestUser, postForm, signedIn } from "../helpers/auth";
import { callAction, callLoader, CookieJar, get, post, settle } from "../helpers/http";

async function pageLanguage(jar: CookieJar, acceptLanguage?: string) {
  const headers: Record<string, string> = acceptLanguage ? { "Accept-Language": acceptLanguage } : {};
  return (await callLoader(root.loader, get("/courses", { jar, headers }))).data.language as string;
}

async function chooseLanguage(jar: CookieJar, language: string, redirectTo = "/courses") {
  const result = await callAction(preferences.action, await postForm("/preferences", { intent: "language", language, redirectTo }, jar));
  jar.absorb(result);
  return result;
}

describe("language resolution: profile, then cookie, then Accept-Language, then English", () => {
  test("English when nothing says otherwise", async () => {
    expect(await pageLanguage(new CookieJar())).toBe("en");
  });

  test.each([
    ["sr-Latn", "sr-Latn"],
    ["sr-Cyrl", "sr-Cyrl"],
    ["sr-Latn-RS", "sr-Latn"],
    ["sr-Cyrl-RS", "sr-Cyrl"],
    ["sr-Cyrl-RS,sr;q=0.9,en;q=0.8", "sr-Cyrl"],
    ["de-DE,de;q=0.9,sr-Cyrl;q=0.8,en;q=0.5", "sr-Cyrl"],
    ["en-GB,sr-Latn;q=0.5", "en"],
    ["sr-Latn;q=0.4,en;q=0.9", "en"],
    ["de", "en"],
    ["*", "en"],
    ["not a header!!", "en"],
  ])("Accept-Language %j gives %s", async (header, expected) => {
    expect(await pageLanguage(new CookieJar(), header)).toBe(expected);
  });

  test("the switcher's cookie wins over Accept-Language", async () => {
    const jar = new CookieJar();
    const result = await chooseLanguage(jar, "sr-Cyrl");
    expect(result).toMatchObject({ status: 302, location: "/courses" });
    expect(result.headers.getSetCookie().find((c) => c.startsWith("trag_lng="))).toMatch(/Max-Age=31536000/);
    expect(await pageLanguage(jar, "en")).toBe("sr-Cyrl");
  });

  test("the profile wins over the cookie and Accept-Language", async () => {
    const user = await createTestUser({ language: "sr-Latn" });
    const jar = await signedIn(user);
    // A cookie set before signing in.
    jar.absorb(await chooseLanguage(new CookieJar(), "sr-Cyrl"));
    expect(await pageLanguage(jar, "en")).toBe("sr-Latn");
  });

  test("switching while signed in saves the choice to the profile, so it follows the user to another browser", async () => {
    const user = await createTestUser({ language: "en" });
    const jar = await signedIn(user);
    await chooseLanguage(jar, "sr-Cyrl");
    expect(getUserById(user.id)!.language).toBe("sr-Cyrl");
    const otherBrowser = await signedIn(user);
    expect(await pageLanguage(otherBrowser, "en")).toBe("sr-Cyrl");
  });
});

describe("the preferences form", () => {
  test("goes back to the page it came from, but only on this site", async () => {
    expect((await chooseLanguage(new CookieJar(), "en", "/courses/fixture-course?x=1")).location).toBe("/courses/fixture-course?x=1");
    expect((await chooseLanguage(new CookieJar(), "en", "//evil.example")).location).toBe("/");
    expect((await chooseLanguage(new CookieJar(), "en", "https://evil.example")).location).toBe("/");
  });

  test("an unknown language or intent is a 400", async () => {
    expect(await chooseLanguage(new CookieJar(), "de")).toMatchObject({ status: 400, thrown: true, data: "errors.form.invalid" });
    const result = await callAction(preferences.action, await postForm("/preferences", { intent: "theme", value: "dark" }, new CookieJar()));
    expect(result).toMatchObject({ status: 400 });
  });

  test("without the CSRF token it is a 403 and nothing changes", async () => {
    const user = await createTestUser({ language: "en" });
    const jar = await signedIn(user);
    const result = await callAction(preferences.action, post("/preferences", { intent: "language", language: "sr-Cyrl" }, { jar }));
    expect(result).toMatchObject({ status: 403, thrown: true });
    expect(result.headers.getSetCookie()).toEqual([]);
    expect(getUserById(user.id)!.language).toBe("en");
  });

  test("text size steps up and down within s, m, l, xl", async () => {
    const jar = new CookieJar();
    const sizes: string[] = [];
    for (const direction of ["larger", "larger", "larger", "smaller", "smaller", "smaller", "smaller"]) {
      const result = await callAction(preferences.action, await postForm("/preferences", { intent: "text-size", direction, redirectTo: "/courses" }, jar));
      jar.absorb(result);
      sizes.push((await callLoader(root.loader, get("/", { jar }))).data.textSize);
    }
    expect(sizes).toEqual(["l", "xl", "xl", "l", "m", "s", "s"]);
  });

  test("GET /preferences just goes home", async () => {
    expect(await settle(() => preferences.loader())).toMatchObject({ status: 302, location: "/" });
  });
});
