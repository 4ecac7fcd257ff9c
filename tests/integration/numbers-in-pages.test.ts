import { describe, expect, test } from "vitest";
import { fetchApp } from "../helpers/app";

/** Numbers and their units are written as the page's language writes them (Intl), not as JavaScript prints them. */
describe("the catalogue's course length", () => {
  test.each([
    ["en", "about 1 hour"],
    ["sr-Latn", "oko 1 sat"],
    ["sr-Cyrl", "око 1 сат"],
  ])("%s", async (language, expected) => {
    const response = await fetchApp(new Request("http://localhost/courses", { headers: { "Accept-Language": language } }));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/\d h\b|\d х\b/);
  });
});
