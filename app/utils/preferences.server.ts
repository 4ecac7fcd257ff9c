import { createCookie } from "@remix-run/node";

export const TEXT_SIZES = ["s", "m", "l", "xl"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const textSizeCookie = createCookie("trag_text", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 });

export async function getTextSize(request: Request): Promise<TextSize> {
  const value = await textSizeCookie.parse(request.headers.get("Cookie"));
  return (TEXT_SIZES as readonly string[]).includes(value) ? (value as TextSize) : "m";
}

/** One step smaller or larger, staying inside the scale. */
export function stepTextSize(current: TextSize, direction: "smaller" | "larger"): TextSize {
  const index = TEXT_SIZES.indexOf(current) + (direction === "larger" ? 1 : -1);
  return TEXT_SIZES[Math.max(0, Math.min(TEXT_SIZES.length - 1, index))];
}
