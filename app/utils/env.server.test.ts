import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { solidPng } from "../../tests/helpers/png";
import { ISSUER_IMAGE_MAX_BYTES, parseEnv as parseProcessEnv } from "./env.server";

/** An environment with only these variables set. */
const parseEnv = (vars: Record<string, string>) => parseProcessEnv(vars as NodeJS.ProcessEnv);

function messageOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted the environment");
}

describe("parseEnv", () => {
  test("has defaults for everything", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      DATA_DIR: "./data",
      COURSES_DIR: "./courses",
      PUBLIC_URL: "http://localhost:3000",
      TRAG_DEMO: true,
      WEB_CONCURRENCY: os.availableParallelism(),
      MAIL_FROM: "Trag <no-reply@localhost>",
      ISSUER: { names: { en: "Trag", "sr-Latn": "Trag" }, signatories: [] },
    });
  });

  test("reads and converts what is set", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      PORT: "8080",
      DATA_DIR: "/var/lib/trag",
      COURSES_DIR: "/srv/courses",
      PUBLIC_URL: "https://trag.example.rs///",
      TRAG_DEMO: "off",
      SESSION_SECRET: "s".repeat(32),
      WEB_CONCURRENCY: "3",
    });
    expect(env).toEqual({
      NODE_ENV: "production",
      PORT: 8080,
      DATA_DIR: "/var/lib/trag",
      COURSES_DIR: "/srv/courses",
      PUBLIC_URL: "https://trag.example.rs",
      TRAG_DEMO: false,
      SESSION_SECRET: "s".repeat(32),
      WEB_CONCURRENCY: 3,
      MAIL_FROM: "Trag <no-reply@trag.example.rs>",
      ISSUER: { names: { en: "Trag", "sr-Latn": "Trag" }, signatories: [] },
    });
  });

  test("SMTP_URL must be an smtp:// or smtps:// URL; empty means no SMTP server", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:secret@mail.example.rs:465", MAIL_FROM: "Trag <trag@example.rs>" })).toMatchObject({
      SMTP_URL: "smtps://user:secret@mail.example.rs:465",
      MAIL_FROM: "Trag <trag@example.rs>",
    });
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    for (const bad of ["mail.example.rs", "https://mail.example.rs", "smtp://", "smtp://exa mple.rs"]) {
      expect(messageOf({ SMTP_URL: bad }).split("\n").slice(1), bad).toEqual(["  SMTP_URL: must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.rs:587"]);
    }
    expect(messageOf({ MAIL_FROM: "Trag" })).toContain("MAIL_FROM: must be one line with an address");
  });

  test("an empty WEB_CONCURRENCY means one serving process per core", () => {
    expect(parseEnv({ WEB_CONCURRENCY: "" }).WEB_CONCURRENCY).toBe(os.availableParallelism());
  });

  test("TRUST_PROXY takes a number of proxies or their addresses (spaces dropped); unset or empty trusts none", () => {
    expect(parseEnv({}).TRUST_PROXY).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY: " " }).TRUST_PROXY).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe("1");
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8, 192.168.1.10, fd00::/8, ::1" }).TRUST_PROXY).toBe("loopback,10.0.0.0/8,192.168.1.10,fd00::/8,::1");
  });

  test("the default public URL follows the port", () => {
    expect(parseEnv({ PORT: "4321" }).PUBLIC_URL).toBe("http://localhost:4321");
  });

  test.each(["1", "true", "yes", "on"])("TRAG_DEMO=%s turns demo mode on", (value) => {
    expect(parseEnv({ TRAG_DEMO: value }).TRAG_DEMO).toBe(true);
  });

  test.each(["0", "false", "no", "off"])("TRAG_DEMO=%s turns demo mode off", (value) => {
    expect(parseEnv({ TRAG_DEMO: value }).TRAG_DEMO).toBe(false);
  });

  test.each([
    [{ PORT: "abc" }, "PORT: must be a port number"],
    [{ PORT: "http" }, "PORT: must be a port number"],
    [{ PORT: "0" }, "PORT: must be between 1 and 65535"],
    [{ PORT: "70000" }, "PORT: must be between 1 and 65535"],
    [{ PORT: "-1" }, "PORT: must be between 1 and 65535"],
    [{ PORT: "80.5" }, "PORT: must be a whole number"],
    [{ TRAG_DEMO: "maybe" }, "TRAG_DEMO: must be 1 or 0 (or true/false, yes/no, on/off)"],
    [{ PUBLIC_URL: "trag.example.rs" }, "PUBLIC_URL: must be an absolute URL such as https://trag.example.rs"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET: must be at least 32 characters"],
    [{ DATA_DIR: "" }, "DATA_DIR: must not be empty"],
    [{ COURSES_DIR: "" }, "COURSES_DIR: must not be empty"],
    [{ WEB_CONCURRENCY: "0" }, "WEB_CONCURRENCY: must be a whole number of processes, 1 or more"],
    [{ WEB_CONCURRENCY: "two" }, "WEB_CONCURRENCY: must be a whole number of processes, 1 or more"],
    [{ WEB_CONCURRENCY: "1.5" }, "WEB_CONCURRENCY: must be a whole number of processes, 1 or more"],
    ...["true", "-1", "proxy.example.rs", "10.0.0.0/33", "::1/129", "10.0.0.1/8/8", "loopback,"].map((value): [Record<string, string>, string] => [
      { TRUST_PROXY: value },
      "TRUST_PROXY: must be the number of proxies in front of Trag (1 for one reverse proxy) or their addresses, such as loopback or 10.0.0.0/8,192.168.1.10",
    ]),
  ])("%j is refused with a clear message", (source, line) => {
    expect(messageOf(source)).toBe(`Invalid configuration:\n  ${line}`);
  });

  test("an unknown NODE_ENV names the allowed values", () => {
    expect(messageOf({ NODE_ENV: "staging" })).toMatch(/^Invalid configuration:\n {2}NODE_ENV: .*'development' \| 'production' \| 'test'.*'staging'/);
  });

  test("every bad variable is listed at once", () => {
    expect(messageOf({ PORT: "abc", TRAG_DEMO: "maybe", SESSION_SECRET: "short" })).toBe(
      ["Invalid configuration:", "  PORT: must be a port number", "  TRAG_DEMO: must be 1 or 0 (or true/false, yes/no, on/off)", "  SESSION_SECRET: must be at least 32 characters"].join("\n"),
    );
  });

  test("variables it does not know are ignored", () => {
    expect(parseEnv({ PATH: "/usr/bin", HOME: "/root" })).not.toHaveProperty("PATH");
  });
});

describe("parseEnv: the issuer", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-issuer-env-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const where = path.join(dir, name);
    fs.writeFileSync(where, content);
    return where;
  };
  const png = file("logo.png", solidPng(4, 2, [0, 60, 120]));
  const svg = file("logo.svg", '\uFEFF<?xml version="1.0"?>\n<!-- the academy -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><rect width="4" height="2"/></svg>');

  test("reads names, contact URL, logo and two signatories with their signatures", () => {
    const { ISSUER } = parseEnv({
      ISSUER_NAME_EN: " Judicial Academy ",
      ISSUER_NAME_SR: "Pravosudna akademija",
      ISSUER_URL: "https://www.pars.rs/kontakt",
      ISSUER_LOGO: svg,
      ISSUER_SIGNATORY_1: "Ana Petrović | Director | Direktorka",
      ISSUER_SIGNATORY_1_SIGNATURE: png,
      ISSUER_SIGNATORY_2: "Marko Jovanović|Programme coordinator",
    });
    expect(ISSUER).toMatchObject({
      names: { en: "Judicial Academy", "sr-Latn": "Pravosudna akademija" },
      contactUrl: "https://www.pars.rs/kontakt",
      logo: { type: "svg", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      signatories: [
        { name: "Ana Petrović", title: { en: "Director", "sr-Latn": "Direktorka" }, signature: { type: "png", bytes: fs.readFileSync(png) } },
        { name: "Marko Jovanović", title: { en: "Programme coordinator", "sr-Latn": "Programme coordinator" } },
      ],
    });
    expect(ISSUER.signatories[1]).not.toHaveProperty("signature");
  });

  test("empty issuer variables mean unset", () => {
    expect(parseEnv({ ISSUER_NAME_EN: "", ISSUER_NAME_SR: " ", ISSUER_URL: "", ISSUER_LOGO: "", ISSUER_SIGNATORY_1: "" }).ISSUER).toEqual({
      names: { en: "Trag", "sr-Latn": "Trag" },
      signatories: [],
    });
  });

  const big = file("big.png", Buffer.concat([solidPng(1, 1, [0, 0, 0]), Buffer.alloc(ISSUER_IMAGE_MAX_BYTES)]));
  test.each([
    [{ ISSUER_URL: "www.pars.rs" }, "ISSUER_URL: must be an http:// or https:// URL such as https://www.example.rs/contact"],
    [{ ISSUER_URL: "ftp://pars.rs" }, "ISSUER_URL: must be an http:// or https:// URL such as https://www.example.rs/contact"],
    [{ ISSUER_LOGO: path.join(dir, "missing.png") }, `ISSUER_LOGO: must be the path of a PNG or SVG image; there is no file ${path.join(dir, "missing.png")}`],
    [{ ISSUER_LOGO: dir }, `ISSUER_LOGO: must be the path of a PNG or SVG image; there is no file ${dir}`],
    [{ ISSUER_LOGO: file("logo.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])) }, `ISSUER_LOGO: ${path.join(dir, "logo.jpg")} is not a PNG or SVG image`],
    [{ ISSUER_LOGO: file("page.html", "<html><svg></svg></html>") }, `ISSUER_LOGO: ${path.join(dir, "page.html")} is not a PNG or SVG image`],
    [{ ISSUER_LOGO: big }, `ISSUER_LOGO: ${big} is ${Math.ceil(fs.statSync(big).size / 1024)} KB; it must be at most ${ISSUER_IMAGE_MAX_BYTES / 1024} KB`],
    [
      { ISSUER_SIGNATORY_1: "Ana Petrović", ISSUER_SIGNATORY_1_SIGNATURE: svg },
      `ISSUER_SIGNATORY_1: must be "Name|Title" or "Name|Title in English|Title in Serbian", such as "Ana Petrović|Director|Direktorka"\n  ISSUER_SIGNATORY_1_SIGNATURE: ${svg} is not a PNG image`,
    ],
    [{ ISSUER_SIGNATORY_1: "Ana Petrović|" }, 'ISSUER_SIGNATORY_1: must be "Name|Title" or "Name|Title in English|Title in Serbian", such as "Ana Petrović|Director|Direktorka"'],
    [{ ISSUER_SIGNATORY_1: "a|b|c|d" }, 'ISSUER_SIGNATORY_1: must be "Name|Title" or "Name|Title in English|Title in Serbian", such as "Ana Petrović|Director|Direktorka"'],
    [{ ISSUER_NAME_EN: "Judicial Academy" }, "ISSUER_NAME_SR: must be set too: the issuer's name in English (ISSUER_NAME_EN) and in Serbian Latin (ISSUER_NAME_SR)"],
    [{ ISSUER_SIGNATORY_2: "Marko Jovanović|Coordinator" }, "ISSUER_SIGNATORY_2: is set without ISSUER_SIGNATORY_1"],
    [{ ISSUER_SIGNATORY_2_SIGNATURE: png }, "ISSUER_SIGNATORY_2_SIGNATURE: is set without ISSUER_SIGNATORY_2"],
  ])("%j is refused with a clear message", (source, lines) => {
    expect(messageOf(source)).toBe(`Invalid configuration:\n  ${lines}`);
  });
});
