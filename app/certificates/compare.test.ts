import { describe, expect, test } from "vitest";
import { compareWithRecord, MAX_DIFFERENCES } from "./compare";

const record = {
  id: "https://trag.example/verify/ABCD-EFGH",
  name: "Certificate: Fixture course",
  validFrom: "2026-03-01T10:00:00Z",
  issuer: { id: "https://trag.example/issuer", name: "Trag" },
  credentialSubject: {
    identifier: [
      { type: "IdentityObject", identityHash: "sha256$abc", identityType: "emailAddress", hashed: true, salt: "s" },
      { type: "IdentityObject", identityHash: "Marija Kovačević", identityType: "name", hashed: false },
    ],
    achievement: { name: "Fixture course" },
    result: [{ type: ["Result"], value: "85" }],
  },
  proof: { proofValue: "z123" },
};

describe("compareWithRecord", () => {
  test("the same document, whatever its proof, has no differences", () => {
    expect(compareWithRecord({ ...structuredClone(record), proof: { proofValue: "other" } }, record)).toEqual([]);
  });

  test("a changed name and score are named as the facts they are, with both values", () => {
    const tampered = structuredClone(record);
    tampered.credentialSubject.identifier[1].identityHash = "Marko Marković";
    tampered.credentialSubject.result[0].value = "100";
    expect(compareWithRecord(tampered, record)).toEqual([
      { path: "credentialSubject.identifier[1].identityHash", field: "name", presented: "Marko Marković", recorded: "Marija Kovačević" },
      { path: "credentialSubject.result[0].value", field: "score", presented: "100", recorded: "85" },
    ]);
  });

  test("an added or removed field is a difference with one side missing; unknown fields keep their path", () => {
    const changed: Record<string, unknown> = { ...structuredClone(record), validUntil: "2030-01-01T00:00:00Z" };
    delete (changed as { name?: string }).name;
    expect(compareWithRecord(changed, record)).toEqual([
      { path: "name", field: "credentialName", presented: null, recorded: "Certificate: Fixture course" },
      { path: "validUntil", field: null, presented: "2030-01-01T00:00:00Z", recorded: null },
    ]);
  });

  test("the list is bounded, and so is each value", () => {
    const noisy = { ...structuredClone(record), extra: Array.from({ length: 50 }, (_, i) => "x".repeat(i === 0 ? 500 : 1)) };
    const differences = compareWithRecord(noisy, record);
    expect(differences).toHaveLength(MAX_DIFFERENCES);
    expect(differences[0].presented).toHaveLength(201);
  });

  test("something that is not an object differs in every field", () => {
    expect(compareWithRecord("not json", record).length).toBeGreaterThan(5);
  });
});
