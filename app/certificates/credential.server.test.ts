// @vitest-environment node
import crypto from "node:crypto";
import jsonld from "jsonld";
import { beforeAll, describe, expect, it } from "vitest";
import { type CredentialInput, type SignedCredential, buildCredential, buildVerificationUrl, hashEmail, signCredential } from "./credential.server";
import { createDocumentLoader } from "./document-loader.server";
import { type CheckId, type VerificationReport, type VerifyOptions, verifyCredential } from "./verifier.server";
import { type IssuerKey, generateIssuerKey, issuerDocuments, issuerProfile, toPublicKey } from "./issuer-key.server";

const issuerId = "https://trag.example.rs/issuer";
const issuedAt = new Date("2025-03-01T10:00:00Z");
const now = new Date("2025-06-01T12:00:00Z");
const salt = "5b0a3f6c9e2d4b17a8c1e0f2d3b4a5c6";

const input: CredentialInput = {
  id: buildVerificationUrl("https://trag.example.rs/", "K7QM-3XPT-9HCD-2RWF-EV4A"),
  issuer: { id: issuerId, name: "Trag", url: "https://trag.example.rs" },
  name: "Certificate: Technology-facilitated trafficking in human beings",
  validFrom: issuedAt,
  recipient: { email: "Jelena.Petrovic@example.rs", salt, name: "Јелена Петровић" },
  achievement: {
    id: "https://trag.example.rs/courses/thb-technology",
    name: "Technology-facilitated trafficking in human beings",
    description: "A course for judges, prosecutors and police on trafficking facilitated by technology.",
    criteria: "Complete every module and pass the final assessment with at least 70 %.",
    achievementType: "Certificate",
  },
  score: { value: 87 },
};

let key: IssuerKey;
let otherKey: IssuerKey;
let signed: SignedCredential;
let options: VerifyOptions;
const documentLoader = createDocumentLoader();

beforeAll(async () => {
  key = await generateIssuerKey(issuerId);
  otherKey = await generateIssuerKey(issuerId);
  signed = await signCredential(buildCredential(input), key, documentLoader, issuedAt);
  options = { documentLoader, issuerKeys: [toPublicKey(key)], now, revoked: null };
});

const statusOf = (report: VerificationReport, id: CheckId) => report.checks.find((check) => check.id === id)?.status;
const failed = (report: VerificationReport) => report.checks.filter((c) => c.status === "fail").map((c) => c.id);
const copy = (): SignedCredential & Record<string, any> => structuredClone(signed);

describe("buildCredential", () => {
  it("builds an OpenBadgeCredential with a hashed email identifier", () => {
    const credential = buildCredential(input);
    expect(credential).toMatchObject({
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      id: "https://trag.example.rs/verify/K7QM-3XPT-9HCD-2RWF-EV4A",
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: issuerId, type: ["Profile"], name: "Trag", url: "https://trag.example.rs" },
      validFrom: "2025-03-01T10:00:00Z",
      credentialSubject: {
        type: ["AchievementSubject"],
        achievement: {
          type: ["Achievement"],
          achievementType: "Certificate",
          criteria: { narrative: input.achievement.criteria },
        },
        result: [{ type: ["Result"], value: "87" }],
      },
    });
    expect(credential).not.toHaveProperty("validUntil");
    expect(credential).not.toHaveProperty("credentialStatus");
    const [email, name] = credential.credentialSubject.identifier;
    const expected = crypto.createHash("sha256").update(`jelena.petrovic@example.rs${salt}`).digest("hex");
    expect(email).toEqual({
      type: "IdentityObject",
      identityHash: `sha256$${expected}`,
      identityType: "emailAddress",
      hashed: true,
      salt,
    });
    expect(name).toMatchObject({ identityType: "name", hashed: false, identityHash: "Јелена Петровић" });
    expect(JSON.stringify(credential)).not.toContain("Jelena.Petrovic@");
  });

  it("uses only terms the contexts define (JSON-LD safe mode)", async () => {
    await expect(jsonld.expand(buildCredential(input), { documentLoader, safe: true })).resolves.toBeDefined();
  });

  it("rejects bad input", () => {
    expect(() => buildCredential({ ...input, recipient: { ...input.recipient, email: "nope" } })).toThrow();
    expect(() => buildCredential({ ...input, score: { value: 101 } })).toThrow();
    expect(() => buildCredential({ ...input, id: "not a uri" })).toThrow();
  });

  it("accepts a urn:uuid id and an expiry date", () => {
    const credential = buildCredential({
      ...input,
      id: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
      validUntil: new Date("2030-01-01T00:00:00.000Z"),
    });
    expect(credential).toMatchObject({
      id: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
      validUntil: "2030-01-01T00:00:00Z",
    });
  });
});

describe("signCredential", () => {
  it("adds an eddsa-rdfc-2022 DataIntegrityProof for assertionMethod", () => {
    expect(signed.proof).toEqual({
      type: "DataIntegrityProof",
      created: "2025-03-01T10:00:00Z",
      verificationMethod: `${issuerId}#key-1`,
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
    });
  });

  it("does not modify its input", async () => {
    const credential = buildCredential(input);
    const before = structuredClone(credential);
    await signCredential(credential, key, documentLoader, issuedAt);
    expect(credential).toEqual(before);
  });
});

describe("verifyCredential", () => {
  it("passes every check for a credential we signed", async () => {
    const report = await verifyCredential(signed, { ...options, email: " jelena.petrovic@EXAMPLE.rs" });
    expect(failed(report)).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.credential?.name).toBe(input.name);
    expect(report.checks.map((check) => check.step)).toEqual([...Array(6).fill("conformance"), ...Array(3).fill("proof"), "refresh", ...Array(3).fill("status"), "recipient", "endorsement"]);
    for (const check of report.checks) expect(check.message).not.toBe("");
  });

  it("passes after a JSON round trip, as text and as an object", async () => {
    const text = JSON.stringify(signed);
    expect((await verifyCredential(text, options)).verified).toBe(true);
    expect((await verifyCredential(JSON.parse(text), options)).verified).toBe(true);
  });

  it("verifies with the issuer's own documents served by the loader", async () => {
    const profile = issuerProfile({ issuerId, name: "Trag", url: "https://trag.example.rs", key });
    const loader = createDocumentLoader({ documents: issuerDocuments(profile) });
    expect((await verifyCredential(signed, { ...options, documentLoader: loader })).verified).toBe(true);
  });

  it("accepts a rotated-out key that is still trusted", async () => {
    const retired = { ...toPublicKey(otherKey), id: `${issuerId}#key-0` };
    const report = await verifyCredential(signed, { ...options, issuerKeys: [retired, toPublicKey(key)] });
    expect(report.verified).toBe(true);
  });

  it("skips the recipient and revocation checks when nothing is given to check against", async () => {
    const report = await verifyCredential(signed, { ...options, revoked: undefined });
    expect(statusOf(report, "recipient.identity")).toBe("skip");
    expect(statusOf(report, "status.revocation")).toBe("skip");
    expect(report.verified).toBe(true);
  });

  describe("fails the right check for a tampered credential", () => {
    const cases: Array<[string, (c: Record<string, any>) => void, CheckId[]]> = [
      ["changed name", (c) => (c.name = "Certificate: something else"), ["proof.signature"]],
      ["changed score", (c) => (c.credentialSubject.result[0].value = "100"), ["proof.signature"]],
      ["changed validFrom", (c) => (c.validFrom = "2025-02-01T10:00:00Z"), ["proof.signature"]],
      ["changed achievement name", (c) => (c.credentialSubject.achievement.name = "Other course"), ["proof.signature"]],
      ["changed recipient hash", (c) => (c.credentialSubject.identifier[0].identityHash = hashEmail("x@y.rs", salt)), ["proof.signature"]],
      ["added expiry", (c) => (c.validUntil = "2099-01-01T00:00:00Z"), ["proof.signature"]],
      ["changed proof date", (c) => (c.proof.created = "2025-03-02T10:00:00Z"), ["proof.signature"]],
      ["proof removed", (c) => delete c.proof, ["proof.present"]],
      ["cryptosuite renamed", (c) => (c.proof.cryptosuite = "eddsa-2022"), ["proof.present"]],
      [
        "proof type changed",
        (c) => (c.proof.type = "Ed25519Signature2020"),
        // the VC 2.0 context does not define that type
        ["conformance.terms", "proof.present"],
      ],
      ["proof purpose changed", (c) => (c.proof.proofPurpose = "authentication"), ["proof.present"]],
      ["proof value garbled", (c) => (c.proof.proofValue = `z${"1".repeat(86)}`), ["proof.signature"]],
      ["OB context swapped for the examples context", (c) => (c["@context"][1] = "https://www.w3.org/ns/credentials/examples/v2"), ["conformance.context", "proof.signature"]],
      ["context swapped for an unknown one", (c) => (c["@context"][1] = "https://example.com/evil-context.json"), ["conformance.context", "conformance.terms", "proof.signature"]],
      ["issuer changed", (c) => (c.issuer.id = "https://evil.example/issuer"), ["proof.issuerKey"]],
      ["undefined property added", (c) => (c.credentialSubject.nickname = "J"), ["conformance.terms", "proof.signature"]],
    ];

    it.each(cases)("%s", async (_, tamper, expected) => {
      const credential = copy();
      tamper(credential);
      const report = await verifyCredential(credential, options);
      expect(report.verified).toBe(false);
      expect(failed(report)).toEqual(expected);
    });
  });

  it("fails the signature when another key with our key id signed it", async () => {
    const forged = await signCredential(buildCredential(input), { ...otherKey, id: key.id }, documentLoader, issuedAt);
    const report = await verifyCredential(forged, options);
    expect(failed(report)).toEqual(["proof.signature"]);
  });

  it("fails the issuer key check when an untrusted key signed it", async () => {
    const stranger = await generateIssuerKey("https://evil.example/issuer");
    const forged = await signCredential(buildCredential({ ...input, issuer: { ...input.issuer, id: "https://evil.example/issuer" } }), stranger, documentLoader, issuedAt);
    const report = await verifyCredential(forged, options);
    expect(failed(report)).toEqual(["proof.issuerKey"]);
    expect(statusOf(report, "proof.signature")).toBe("skip");
  });

  it("fails validUntil once the credential has expired", async () => {
    const expiring = await signCredential(buildCredential({ ...input, validUntil: new Date("2025-05-01T00:00:00Z") }), key, documentLoader, issuedAt);
    expect(failed(await verifyCredential(expiring, options))).toEqual(["status.validUntil"]);
    expect((await verifyCredential(expiring, { ...options, now: new Date("2025-04-01T00:00:00Z") })).verified).toBe(true);
  });

  it("fails validFrom before the credential is valid", async () => {
    const report = await verifyCredential(signed, { ...options, now: new Date("2025-03-01T09:59:59Z") });
    expect(failed(report)).toEqual(["status.validFrom"]);
  });

  it("fails revocation when the database says it was revoked", async () => {
    const revoked = { date: new Date("2025-04-01T08:00:00Z"), reason: "Issued in error" };
    const report = await verifyCredential(signed, { ...options, revoked });
    expect(failed(report)).toEqual(["status.revocation"]);
    expect(report.checks.find((c) => c.id === "status.revocation")?.message).toContain("Issued in error");
  });

  it("fails the recipient check for another email address", async () => {
    const report = await verifyCredential(signed, { ...options, email: "someone.else@example.rs" });
    expect(failed(report)).toEqual(["recipient.identity"]);
  });

  it("reports, never throws, on garbage", async () => {
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      "not json",
      "[1,2,3]",
      [],
      "{}",
      {},
      { "@context": "https://www.w3.org/ns/credentials/v2" },
      { ...structuredClone(signed), credentialSubject: undefined },
      { ...structuredClone(signed), issuer: 7, validFrom: "yesterday" },
      { ...structuredClone(signed), "@context": [{ "@vocab": "https://evil.example/" }] },
      (() => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return cyclic;
      })(),
    ];
    for (const [index, value] of garbage.entries()) {
      const report = await verifyCredential(value, options);
      expect(report.verified, `garbage #${index}`).toBe(false);
      expect(report.checks.some((check) => check.step === "conformance" && check.status === "fail")).toBe(true);
    }
  });

  it("fails, never throws, on malformed proofs", async () => {
    for (const proof of [[signed.proof, signed.proof], { ...signed.proof, verificationMethod: { id: 5 } }, "proof", null]) {
      const report = await verifyCredential({ ...copy(), proof }, options);
      expect(report.verified).toBe(false);
      expect(failed(report).some((id) => id.startsWith("proof."))).toBe(true);
    }
  });

  it("names the missing properties of an incomplete credential", async () => {
    const { credentialSubject: _, ...incomplete } = copy();
    const report = await verifyCredential(incomplete, options);
    expect(failed(report)).toEqual(expect.arrayContaining(["conformance.schema", "conformance.subject"]));
    expect(report.checks.find((c) => c.id === "conformance.schema")?.message).toContain("credentialSubject");
    expect(report.credential).toBeNull();
  });
});
