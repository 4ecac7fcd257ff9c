import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { SourcesSchema } from "./course.schema";

const sources = SourcesSchema.parse(parse(fs.readFileSync("courses/thb-technology/sources.yaml", "utf8")));

// How the brief's source list says that a source is not the primary document (../shared/content-brief/README.md, 07 §14).
const BRIEF_LABELS = /reproduc|\bcopy\b|republished|as reported by|as listed by|via ecoi|archive reproduction/i;
// Their own URL is the primary document (the Council of Europe, the Ministry's page, the guide itself); the reference only mentions copies elsewhere.
const PRIMARY_WITH_COPIES_MENTIONED = ["SR1", "SP15", "SP37"];

describe("the course's sources (issue 15 §5)", () => {
  test("every source the brief labels a reproduction, copy or report of another is marked as a reproduction", () => {
    const unmarked = Object.entries(sources).filter(([, source]) => BRIEF_LABELS.test(source.reference) && !source.reproduction);
    expect(unmarked.map(([key]) => key)).toEqual(PRIMARY_WITH_COPIES_MENTIONED);
  });

  test("Court judgments cite HUDOC first; Serbian laws the official gazette and legal information system; GRETA's report the Council of Europe", () => {
    for (const key of ["L14-a", "L14-b"]) expect(sources[key]!.primary?.url).toBe("https://hudoc.echr.coe.int/");
    for (const key of ["SR15", "SP1", "SP32", "SP46", "SP48", "SP57", "SP65"]) {
      expect(sources[key]!.primary?.reference).toContain("Službeni glasnik RS");
      expect(sources[key]!.primary?.url).toBe("http://www.pravno-informacioni-sistem.rs/");
    }
    expect(sources.SR2!.primary?.url).toMatch(/^https:\/\/(www\.)?coe\.int\//);
  });

  test("a primary document is only named for a reproduction", () => {
    expect(SourcesSchema.safeParse({ X1: { reference: "A law.", primary: { reference: "The gazette." } } }).success).toBe(false);
    expect(SourcesSchema.safeParse({ X1: { reference: "A copy of a law.", reproduction: true, primary: { reference: "The gazette." } } }).success).toBe(true);
  });
});
