import net from "node:net";
import os from "node:os";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    errorMap: () => ({ message: "must be 1 or 0 (or true/false, yes/no, on/off)" }),
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ invalid_type_error: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
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

export type Env = z.infer<typeof EnvSchema> & { PUBLIC_URL: string; WEB_CONCURRENCY: number; MAIL_FROM: string };

/** Parses the environment; throws an Error listing every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
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
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
