/**
 * An action's reply that carries its page's new loader data (a quiz answer saved by the browser in
 * the background): the page shows it at once, and no loader runs again, so the answer costs one
 * request instead of a redirect and a reload (bench/changes.md 29).
 */
export function isPageDataReply(result: unknown): result is { pageData: unknown } {
  return typeof result === "object" && result !== null && "pageData" in result;
}
