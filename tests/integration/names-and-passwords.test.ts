import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { users } from "#db/schema";
import * as account from "~/routes/account";
import * as register from "~/routes/register";
import { findUserByEmail } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { createTestUser, logIn, postForm, signedIn } from "../helpers/auth";
import { callAction, CookieJar } from "../helpers/http";

const registration = { email: "", password: "a long enough password", institutionType: "police", language: "en" };

describe("names refuse hidden characters", () => {
  test.each([
    ["a right-to-left override", "Ana \u202Eivić"],
    ["a left-to-right embedding", "\u202AAna Ivić"],
    ["a pop directional formatting", "Ana\u202C Ivić"],
    ["a first-strong isolate", "Ana \u2068Ivić\u2069"],
    ["a right-to-left isolate", "\u2067Ana Ivić"],
    ["a NUL", "Ana\u0000 Ivić"],
    ["an escape", "Ana \u001B[31mIvić"],
    ["a tab inside", "Ana\tIvić"],
    ["a DEL", "Ana\u007F Ivić"],
    ["a C1 control", "Ana\u0085Ivić"],
  ])("registering with %s is refused on the name field and creates nothing", async (_name, fullName) => {
    const email = `hidden-${Math.random().toString(36).slice(2)}@example.test`;
    const result = await callAction(register.action, await postForm("/register", { ...registration, email, fullName }, new CookieJar()));
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ fullName: "errors.fullName.characters" });
    expect(findUserByEmail(email)).toBeUndefined();
  });

  test("changing one's name to one with an override is refused and leaves the name as it was", async () => {
    const user = await createTestUser({ fullName: "Petar Petrović" });
    const jar = await signedIn(user);
    const result = await callAction(
      account.action,
      await postForm("/account", { intent: "profile", fullName: "Petar \u202EćivorteP", email: user.email, institutionType: "police", language: "en" }, jar),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({ fullName: "errors.fullName.characters" });
    expect(findUserByEmail(user.email)?.fullName).toBe("Petar Petrović");
  });

  test("Serbian names in both scripts, with apostrophes and hyphens, are accepted", async () => {
    const result = await callAction(register.action, await postForm("/register", { ...registration, email: "names@example.test", fullName: "Đorđe Šćepanović-Јовановић O'Neill" }, new CookieJar()));
    expect(result.status).toBe(302);
  });
});

describe("passwords are compared in Unicode normal form C", () => {
  const composed = "lozinka-čćžšđ-2026"; // NFC: one code point per letter
  const decomposed = composed.normalize("NFD"); // c + combining caron …

  test("a password set in one form signs in when typed in the other", async () => {
    const first = await createTestUser({ password: decomposed });
    expect((await logIn(new CookieJar(), first.email, composed)).status).toBe(302);
    const second = await createTestUser({ password: composed });
    expect((await logIn(new CookieJar(), second.email, decomposed)).status).toBe(302);
  });

  test("a hash made before normalising (of the typed, decomposed form) still signs in, and is renewed to the normal form", async () => {
    const user = await createTestUser();
    const legacyHash = await hash(decomposed);
    getDb().update(users).set({ passwordHash: legacyHash }).where(eq(users.id, user.id)).run();
    expect((await logIn(new CookieJar(), user.email, decomposed)).status).toBe(302);
    const renewed = findUserByEmail(user.email)!.passwordHash;
    expect(renewed).not.toBe(legacyHash);
    expect((await logIn(new CookieJar(), user.email, composed)).status).toBe(302);
  });

  test("a different password is still refused", async () => {
    const user = await createTestUser({ password: composed });
    expect((await logIn(new CookieJar(), user.email, "lozinka-cczsd-2026")).status).toBe(400);
  });
});
