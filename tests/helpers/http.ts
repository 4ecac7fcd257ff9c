/**
 * Calling route loaders and actions directly with real `Request`s, as the server would.
 *
 * With single fetch a loader or action can return plain data, `data(value, init)`
 * (a DataWithResponseInit with `.data` and `.init`) or a `Response`, and it can throw a
 * `Response` (redirects, 403, 404 ...). `call` turns all of these into one `Outcome`.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

/** The origin of test requests; matches PUBLIC_URL in tests/setup/integration.ts. */
export const ORIGIN = "http://localhost:3000";

export type Outcome<T = any> = {
  status: number;
  headers: Headers;
  /** The returned data (plain or `data(...)`), or the body of a returned or thrown Response (JSON parsed when it is JSON). */
  data: T;
  /** True when the route threw (a thrown Response); false when it returned. */
  thrown: boolean;
  /** `Location` of a redirect, else null. */
  location: string | null;
};

type DataWithResponseInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataWithResponseInit(value: unknown): value is DataWithResponseInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function fromResponse(response: Response, thrown: boolean): Promise<Outcome> {
  const text = await response.text();
  const isJson = (response.headers.get("Content-Type") ?? "").includes("application/json");
  return {
    status: response.status,
    headers: response.headers,
    data: isJson && text ? JSON.parse(text) : text,
    thrown,
    location: response.headers.get("Location"),
  };
}

/** Runs a loader or action and normalises whatever it returned or threw. Other errors propagate. */
export async function settle<T = any>(run: () => unknown): Promise<Outcome<T>> {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    if (error instanceof Response) return (await fromResponse(error, true)) as Outcome<T>;
    throw error;
  }
  if (value instanceof Response) return (await fromResponse(value, false)) as Outcome<T>;
  if (isDataWithResponseInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, headers, data: value.data as T, thrown: false, location: headers.get("Location") };
  }
  return { status: 200, headers: new Headers(), data: value as T, thrown: false, location: null };
}

type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;
type Params = Record<string, string | undefined>;

export function callLoader<T = any>(loader: RouteFunction, request: Request, params: Params = {}) {
  return settle<T>(() => loader({ request, params, context: {} }));
}

export function callAction<T = any>(action: RouteFunction, request: Request, params: Params = {}) {
  return settle<T>(() => action({ request, params, context: {} }));
}

/** Keeps cookies across requests the way a browser would (names and values only). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes every Set-Cookie of a response or outcome; a cookie with Max-Age=0 or an empty value is removed. */
  absorb(source: { headers: Headers }): this {
    for (const line of source.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now());
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  delete(name: string): this {
    this.cookies.delete(name);
    return this;
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.set(name, value);
    return copy;
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

type RequestOptions = { jar?: CookieJar; headers?: Record<string, string> };

function requestHeaders({ jar, headers }: RequestOptions): Headers {
  const result = new Headers(headers);
  const cookie = jar?.header();
  if (cookie) result.set("Cookie", cookie);
  return result;
}

/** A GET request for `path` (relative to ORIGIN) with the jar's cookies. */
export function get(path: string, options: RequestOptions = {}): Request {
  return new Request(new URL(path, ORIGIN), { headers: requestHeaders(options) });
}

/** A form POST (application/x-www-form-urlencoded, as browsers send) with the jar's cookies. */
export function post(path: string, fields: Record<string, string> | URLSearchParams, options: RequestOptions = {}): Request {
  const body = fields instanceof URLSearchParams ? fields : new URLSearchParams(fields);
  const headers = requestHeaders(options);
  headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
  return new Request(new URL(path, ORIGIN), { method: "POST", headers, body });
}
