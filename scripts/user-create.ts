import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ROLES } from "#db/schema";
import { createUser, findUserByEmail } from "~/models/users.server";
import { fail } from "./fail";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "learner" }, name: { type: "string" }, password: { type: "string" } },
});

const Args = z.object({
  email: z.string({ required_error: "--email is required" }).email("--email must be an email address"),
  role: z.enum(ROLES, { errorMap: () => ({ message: `--role must be one of ${ROLES.join(", ")}` }) }),
  name: z.string().min(1).optional(),
  password: z.string().min(10, "--password must have at least 10 characters").max(128).optional(),
});

const parsed = Args.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("\n"));
const { email, role, name, password } = parsed.data;
if (findUserByEmail(email)) fail(`An account with ${email} already exists.`);
const chosen = password ?? crypto.randomBytes(12).toString("base64url");
await createUser({ email, role, fullName: name ?? email, password: chosen, institutionType: "other", language: "en" });
console.log(`Created ${role} ${email}.${password ? "" : ` Password: ${chosen} (change it after the first login).`}`);
