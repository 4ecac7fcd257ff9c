import { expect, test } from "vitest";
import { describeUserAgent } from "./user-agent.server";

test.each([
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", { browser: "Chrome 131", system: "Windows 10" }],
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", { browser: "Safari 17", system: "iOS 17.5" }],
  ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", { browser: "Firefox 133", system: "Linux" }],
  ["", { browser: null, system: null }],
  ["   ", { browser: null, system: null }],
  ["\u0000\u202E<script>", { browser: null, system: null }],
])("%j", (userAgent, expected) => {
  expect(describeUserAgent(userAgent)).toEqual(expected);
});
