import { describe, expect, it } from "vitest";
import { nameInScript } from "./names";

describe("nameInScript", () => {
  it("writes a Serbian Latin name in Cyrillic for a Cyrillic certificate, keeping the name as written", () => {
    expect(nameInScript("Đorđe Šćepanović", "sr-Cyrl")).toEqual({ name: "Ђорђе Шћепановић", asWritten: "Đorđe Šćepanović" });
    expect(nameInScript("Ljiljana Njegoš-Džajić", "sr-Cyrl")).toEqual({ name: "Љиљана Његош-Џајић", asWritten: "Ljiljana Njegoš-Džajić" });
  });

  it("writes a Serbian Cyrillic name in Latin with diacritics for Latin and English certificates", () => {
    expect(nameInScript("Јелена Петровић", "sr-Latn")).toEqual({ name: "Jelena Petrović", asWritten: "Јелена Петровић" });
    expect(nameInScript("Љубица ЂУРИЋ", "en")).toEqual({ name: "Ljubica ĐURIĆ", asWritten: "Љубица ЂУРИЋ" });
    expect(nameInScript("ЉИЉАНА Џаја", "en").name).toBe("LJILJANA Džaja");
  });

  it("leaves names alone that are already in the script or are not written in the Serbian alphabet", () => {
    expect(nameInScript("Đorđe Šćepanović", "sr-Latn")).toEqual({ name: "Đorđe Šćepanović", asWritten: null });
    expect(nameInScript("Јелена Петровић", "sr-Cyrl")).toEqual({ name: "Јелена Петровић", asWritten: null });
    expect(nameInScript("Wojciech Müller", "sr-Cyrl")).toEqual({ name: "Wojciech Müller", asWritten: null });
    expect(nameInScript("Наталья Ершова", "en")).toEqual({ name: "Наталья Ершова", asWritten: null });
  });
});
