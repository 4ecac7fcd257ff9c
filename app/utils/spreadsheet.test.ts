import { describe, expect, test } from "vitest";
import { csvText, neutralise } from "./spreadsheet";

describe("neutralise", () => {
  test.each(["=1+1", "+1", "-1", "@A1", "\tTab", "\rCR", '=HYPERLINK("http://x","y")'])("%j gets a leading apostrophe", (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });
  test.each(["Ana", "1-2", "a=b", "", " =1", "'quoted", "<5"])("%j stays as it is", (text) => {
    expect(neutralise(text)).toBe(text);
  });
});

describe("csvText", () => {
  test("quotes, doubles quotes and neutralises", () => {
    expect(csvText('Đorđe "Đole", Šćepanović')).toBe('"Đorđe ""Đole"", Šćepanović"');
    expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
});
