import Bowser from "bowser";

/** A session's browser and system as named on the account page ("Firefox 133", "Windows 10"); null when unknown. */
export function describeUserAgent(userAgent: string): { browser: string | null; system: string | null } {
  if (!userAgent.trim()) return { browser: null, system: null };
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split(".")[0];
  return {
    browser: browser.name ? [browser.name, major].filter(Boolean).join(" ") : null,
    system: os.name ? [os.name, os.versionName ?? os.version?.split(".").slice(0, 2).join(".")].filter(Boolean).join(" ") : null,
  };
}
