import os from "node:os";
import { describe, expect, test } from "vitest";
import { parseEnv as parseProcessEnv } from "./env.server";

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
    });
  });

  test("reads and converts what is set", () => {
    const env = parseEnv({ NODE_ENV: "production", PORT: "8080", DATA_DIR: "/var/lib/trag", COURSES_DIR: "/srv/courses", PUBLIC_URL: "https://trag.example.rs///", TRAG_DEMO: "off", SESSION_SECRET: "s".repeat(32), WEB_CONCURRENCY: "3" });
    expect(env).toEqual({ NODE_ENV: "production", PORT: 8080, DATA_DIR: "/var/lib/trag", COURSES_DIR: "/srv/courses", PUBLIC_URL: "https://trag.example.rs", TRAG_DEMO: false, SESSION_SECRET: "s".repeat(32), WEB_CONCURRENCY: 3, MAIL_FROM: "Trag <no-reply@trag.example.rs>" });
  });

  test("SMTP_URL must be an smtp:// or smtps:// URL; empty means no SMTP server", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:secret@mail.example.rs:465", MAIL_FROM: "Trag <trag@example.rs>" })).toMatchObject({ SMTP_URL: "smtps://user:secret@mail.example.rs:465", MAIL_FROM: "Trag <trag@example.rs>" });
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
      [
        "Invalid configuration:",
        "  PORT: must be a port number",
        "  TRAG_DEMO: must be 1 or 0 (or true/false, yes/no, on/off)",
        "  SESSION_SECRET: must be at least 32 characters",
      ].join("\n"),
    );
  });

  test("variables it does not know are ignored", () => {
    expect(parseEnv({ PATH: "/usr/bin", HOME: "/root" })).not.toHaveProperty("PATH");
  });
});
