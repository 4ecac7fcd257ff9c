import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    errorMap: () => ({ message: "must be 1 or 0 (or true/false, yes/no, on/off)" }),
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Logos and signatures are shown on pages as data URIs and drawn in every PDF: keep them small. */
export const ISSUER_IMAGE_MAX_BYTES = 200 * 1024;

export type IssuerImage = { type: "png" | "svg"; bytes: Buffer; sha256: string };

function detectImageType(bytes: Buffer): IssuerImage["type"] | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  // Markup before the root element: a byte order mark, an XML declaration, comments, a doctype.
  const head = bytes
    .subarray(0, 4096)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const rest = head.replace(/^(\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, "");
  return /^<svg[\s>]/i.test(rest) ? "svg" : null;
}

/** A path to an image file, read and checked once at start. */
const imageFile = (allowed: Array<IssuerImage["type"]>) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((file, ctx): IssuerImage => {
        const what = allowed.length === 1 ? "a PNG image" : "a PNG or SVG image";
        let bytes: Buffer;
        try {
          const stat = fs.statSync(file);
          if (!stat.isFile()) throw new Error("not a file");
          if (stat.size > ISSUER_IMAGE_MAX_BYTES) {
            ctx.addIssue({ code: "custom", message: `${path.resolve(file)} is ${Math.ceil(stat.size / 1024)} KB; it must be at most ${ISSUER_IMAGE_MAX_BYTES / 1024} KB` });
            return z.NEVER;
          }
          bytes = fs.readFileSync(file);
        } catch {
          ctx.addIssue({ code: "custom", message: `must be the path of ${what}; there is no file ${path.resolve(file)}` });
          return z.NEVER;
        }
        const type = detectImageType(bytes);
        if (!type || !allowed.includes(type)) {
          ctx.addIssue({ code: "custom", message: `${path.resolve(file)} is not ${what}` });
          return z.NEVER;
        }
        return { type, bytes, sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
      })
      .optional(),
  );

/** "Name|Title", or "Name|Title in English|Title in Serbian (Latin)". */
const signatory = z.preprocess(
  blankIsUnset,
  z
    .string()
    .transform((value, ctx) => {
      const parts = value.split("|").map((part) => part.trim());
      if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
        ctx.addIssue({ code: "custom", message: 'must be "Name|Title" or "Name|Title in English|Title in Serbian", such as "Ana Petrović|Director|Direktorka"' });
        return z.NEVER;
      }
      const [name, en, sr = en] = parts;
      return { name, title: { en, "sr-Latn": sr } };
    })
    .optional(),
);

const issuerName = z.preprocess(blankIsUnset, z.string().trim().max(200, "must be at most 200 characters").optional());

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ invalid_type_error: "must be a port number" }).int("must be a whole number").min(1, "must be between 1 and 65535").max(65535, "must be between 1 and 65535").default(3000),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  COURSES_DIR: z.string().min(1, "must not be empty").default("./courses"),
  PUBLIC_URL: z
    .string()
    .url("must be an absolute URL such as https://trag.example.rs")
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  TRAG_DEMO: flag.default("1"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((u) => /^smtps?:\/\/[^/\s]/.test(u) && URL.canParse(u), "must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.rs:587")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[^\r\n]*@[^\r\n]*$/, "must be one line with an address, such as Trag <trag@example.rs>")
      .optional(),
  ),
  TRUST_PROXY: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\s+/g, "") || undefined : v),
    z
      .string()
      .refine(
        (v) => /^\d+$/.test(v) || v.split(",").every(isProxyAddress),
        "must be the number of proxies in front of Trag (1 for one reverse proxy) or their addresses, such as loopback or 10.0.0.0/8,192.168.1.10",
      )
      .optional(),
  ),
  WEB_CONCURRENCY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce
      .number({ invalid_type_error: "must be a whole number of processes, 1 or more" })
      .int("must be a whole number of processes, 1 or more")
      .min(1, "must be a whole number of processes, 1 or more")
      .optional(),
  ),
  ISSUER_NAME_EN: issuerName,
  ISSUER_NAME_SR: issuerName,
  ISSUER_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((u) => /^https?:\/\/[^/\s]/.test(u) && URL.canParse(u), "must be an http:// or https:// URL such as https://www.example.rs/contact")
      .optional(),
  ),
  ISSUER_LOGO: imageFile(["png", "svg"]),
  ISSUER_SIGNATORY_1: signatory,
  ISSUER_SIGNATORY_1_SIGNATURE: imageFile(["png"]),
  ISSUER_SIGNATORY_2: signatory,
  ISSUER_SIGNATORY_2_SIGNATURE: imageFile(["png"]),
});

/**
 * One item of TRUST_PROXY's list, as Express's "trust proxy" takes it (proxy-addr): a named range,
 * an address, or an address with a prefix length.
 */
function isProxyAddress(item: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(item)) return true;
  const [address = "", prefix, ...rest] = item.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

type ParsedEnv = z.infer<typeof EnvSchema>;

/** In whose name certificates are issued (README: "The issuer"). */
export type IssuerSettings = {
  names: { en: string; "sr-Latn": string };
  contactUrl?: string;
  logo?: IssuerImage;
  signatories: Array<{ name: string; title: { en: string; "sr-Latn": string }; signature?: IssuerImage }>;
};

export type Env = ParsedEnv & { PUBLIC_URL: string; WEB_CONCURRENCY: number; MAIL_FROM: string; ISSUER: IssuerSettings };

/** Problems that involve more than one issuer variable, as [variable, message]. */
function checkIssuer(env: ParsedEnv): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (Boolean(env.ISSUER_NAME_EN) !== Boolean(env.ISSUER_NAME_SR)) {
    const missing = env.ISSUER_NAME_EN ? "ISSUER_NAME_SR" : "ISSUER_NAME_EN";
    problems.push([missing, "must be set too: the issuer's name in English (ISSUER_NAME_EN) and in Serbian Latin (ISSUER_NAME_SR)"]);
  }
  if (env.ISSUER_SIGNATORY_2 && !env.ISSUER_SIGNATORY_1) problems.push(["ISSUER_SIGNATORY_2", "is set without ISSUER_SIGNATORY_1"]);
  for (const n of [1, 2] as const) {
    if (env[`ISSUER_SIGNATORY_${n}_SIGNATURE`] && !env[`ISSUER_SIGNATORY_${n}`]) {
      problems.push([`ISSUER_SIGNATORY_${n}_SIGNATURE`, `is set without ISSUER_SIGNATORY_${n}`]);
    }
  }
  return problems;
}

function issuerSettingsOf(env: ParsedEnv): IssuerSettings {
  const signatories = ([1, 2] as const).flatMap((n) => {
    const person = env[`ISSUER_SIGNATORY_${n}`];
    const signature = env[`ISSUER_SIGNATORY_${n}_SIGNATURE`];
    return person ? [{ ...person, ...(signature && { signature }) }] : [];
  });
  return {
    names: { en: env.ISSUER_NAME_EN ?? "Trag", "sr-Latn": env.ISSUER_NAME_SR ?? "Trag" },
    ...(env.ISSUER_URL && { contactUrl: env.ISSUER_URL }),
    ...(env.ISSUER_LOGO && { logo: env.ISSUER_LOGO }),
    signatories,
  };
}

/** Parses the environment; throws an Error listing every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  const problems = result.success ? checkIssuer(result.data) : result.error.issues.map((issue): [string, string] => [issue.path.join("."), issue.message]);
  if (!result.success || problems.length > 0) {
    const lines = problems.map(([variable, message]) => `  ${variable}: ${message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    // The sender: the public address's host, unless set.
    MAIL_FROM: env.MAIL_FROM ?? `Trag <no-reply@${new URL(env.PUBLIC_URL ?? "http://localhost").hostname}>`,
    // Serving processes: one per core unless set (scripts/start.js).
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? os.availableParallelism(),
    ISSUER: issuerSettingsOf(env),
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Makes the next getEnv() read process.env again (tests that change the configuration). */
export function forgetEnv() {
  cached = undefined;
}
