/** Plain HTTP as a browser without JavaScript does it: cookies by hand, forms posted url-encoded, redirects not followed. */

export type Learner = { id: number; email: string; cookie: string; csrf: string };

export function cookieHeader(cookies: Map<string, string>) {
  return [...cookies.entries()].map(([name, value]) => `${name}=${value}`).join("; ");
}

export function absorbCookies(cookies: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0];
    const eq = pair.indexOf("=");
    cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

export function readCsrf(html: string): string {
  const match = /<input[^>]*name="csrf"[^>]*value="([^"]*)"/.exec(html);
  if (!match || !match[1]) throw new Error("no CSRF token in the page");
  return match[1];
}

export async function get(base: string, path: string, cookie: string) {
  const response = await fetch(base + path, { headers: { Cookie: cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  return { status: response.status, location: response.headers.get("Location"), html: await response.text(), response };
}

export async function post(base: string, path: string, cookie: string, fields: Record<string, string> | URLSearchParams) {
  const body = fields instanceof URLSearchParams ? fields : new URLSearchParams(fields);
  const response = await fetch(base + path, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, location: response.headers.get("Location"), html: await response.text(), response };
}

/** Logs in through the real form: GET /login for the CSRF token and cookie, POST /login for the session cookie, then the session's CSRF token. */
export async function login(base: string, user: { id: number; email: string; password: string }): Promise<Learner> {
  const cookies = new Map<string, string>();
  const page = await fetch(base + "/login", { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  absorbCookies(cookies, page);
  const csrf = readCsrf(await page.text());
  const response = await fetch(base + "/login", {
    method: "POST",
    headers: { Cookie: cookieHeader(cookies), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf, email: user.email, password: user.password, redirectTo: "" }).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  await response.arrayBuffer();
  absorbCookies(cookies, response);
  if (response.status !== 302 || !cookies.get("trag_session")) throw new Error(`login of ${user.email} failed with ${response.status}`);
  // The CSRF token belongs to the session, which is new at sign-in: read it from a signed-in page (the sign-out form).
  const signedIn = await get(base, "/my-learning", cookieHeader(cookies));
  return { id: user.id, email: user.email, cookie: cookieHeader(cookies), csrf: readCsrf(signedIn.html) };
}
