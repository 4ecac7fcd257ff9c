import { describe, expect, test } from "vitest";
import { attachmentHeader, toCsv } from "./export.server";

describe("toCsv", () => {
  test("BOM, CRLF, quoted text with doubled quotes, bare numbers, days as YYYY-MM-DD, empty for nothing, formulas neutralised", () => {
    const csv = toCsv({
      headers: ["Name", "Score", "Day", "Empty"],
      rows: [
        ['Đorđe "Đole", Šćepanović\nnew line', 87.5, new Date("2026-03-01T00:00:00Z"), null],
        ["\t=1", -1, null, "\rx"],
      ],
    });
    expect(csv).toBe('\uFEFF"Name","Score","Day","Empty"\r\n"Đorđe ""Đole"", Šćepanović\nnew line",87.5,"2026-03-01",\r\n"\'\t=1",-1,,"\'\rx"\r\n');
  });
});

describe("attachmentHeader", () => {
  test("keeps the name in filename*, gives an ASCII stand-in, and drops what could break the header or a path", () => {
    expect(attachmentHeader('Grupa "Ćirilica" Ниш/Нови Сад; 100%.csv')).toBe(
      `attachment; filename="Grupa Cirilica ___ ____ ___ 100 .csv"; filename*=UTF-8''${encodeURIComponent("Grupa Ćirilica Ниш Нови Сад 100 .csv")}`,
    );
    expect(attachmentHeader("a\r\nSet-Cookie: x=1.csv")).toBe(`attachment; filename="a Set-Cookie x=1.csv"; filename*=UTF-8''a%20Set-Cookie%20x%3D1.csv`);
    expect(attachmentHeader("Đurđevdan (it's) *.xlsx")).toBe(`attachment; filename="Durdevdan (it's) .xlsx"; filename*=UTF-8''%C4%90ur%C4%91evdan%20%28it%27s%29%20.xlsx`);
  });
});
