/** The public verification page's form, posted as a visitor would (tests of /verify). */
import * as verifyIndex from "~/routes/verify._index";
import { getCsrf } from "./auth";
import { callAction, CookieJar, ORIGIN } from "./http";

let clientCounter = 0;
/** A different client address each time: the rate limit is tested on its own. */
export const nextClient = () => ({ "X-Forwarded-For": `198.51.100.${++clientCounter}` });

/** Posts a presented credential (pasted, or as a file) with the recipient check's email. */
export async function checkCredential(credential: string, options: { email?: string; asFile?: boolean; alsoPasted?: string; headers?: Record<string, string> } = {}) {
  const jar = new CookieJar();
  const form = new FormData();
  form.set("csrf", await getCsrf(jar));
  form.set("intent", "credential");
  if (options.asFile) form.set("file", new File([credential], "credential.json", { type: "application/json" }));
  else form.set("credential", credential);
  if (options.alsoPasted !== undefined) form.set("credential", options.alsoPasted);
  form.set("email", options.email ?? "");
  const request = new Request(new URL("/verify", ORIGIN), { method: "POST", headers: { Cookie: jar.header(), ...(options.headers ?? nextClient()) }, body: form });
  return callAction(verifyIndex.action, request);
}
