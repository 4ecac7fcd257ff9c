// @vitest-environment node
// The cryptosuite and our verifier against published test vectors, copied unchanged into
// ./test-vectors (W3C vc-di-eddsa for eddsa-rdfc-2022, 1EdTech's Open Badges 3.0 vector).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { signCredential } from "./credential.server";
import { verifyCredential } from "./verifier.server";
import { MULTIKEY_V1_CONTEXT, createDocumentLoader } from "./document-loader.server";

const vectorsDir = path.join(import.meta.dirname, "test-vectors");
const read = (...parts: string[]) => fs.readFileSync(path.join(vectorsDir, ...parts), "utf8");
const readJson = (...parts: string[]) => JSON.parse(read(...parts));
const sha256Hex = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");
const documentLoader = createDocumentLoader();

describe("the copied test vectors", () => {
  it("are unchanged (their SHA256SUMS)", () => {
    const dir = path.join(vectorsDir, "vc-di-eddsa");
    for (const line of fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").trim().split("\n")) {
      const [sum, file] = line.split(/\s+/);
      expect(
        crypto
          .createHash("sha256")
          .update(fs.readFileSync(path.join(dir, file)))
          .digest("hex"),
        file,
      ).toBe(sum);
    }
  });
});

describe("eddsa-rdfc-2022: W3C vc-di-eddsa test vectors", () => {
  const keyPair = readJson("vc-di-eddsa/test-vectors/keyPair.json");
  const vectors = [
    { name: "minimal (AlumniCredential)", dir: "eddsa-rdfc-2022", unsigned: "unsigned.json" },
    {
      name: "enhanced (EmploymentAuthorizationDocument)",
      dir: "eddsa-rdfc-2022/employ",
      unsigned: "employmentAuth.json",
    },
  ];

  describe.each(vectors)("$name", ({ dir, unsigned: unsignedFile }) => {
    const file = (name: string) => read("vc-di-eddsa/test-vectors", dir, name);
    const unsigned = readJson("vc-di-eddsa/test-vectors", unsignedFile);
    const proofConfig = JSON.parse(file("proofConfigDataInt.json"));
    const signed = JSON.parse(file("signedDataInt.json"));
    const verificationMethod: string = proofConfig.verificationMethod;

    it("reproduces the canonical document, the canonical proof options and their hashes", async () => {
      const canonDoc = await cryptosuite.canonize(unsigned, { documentLoader });
      expect(canonDoc).toBe(file("canonDocDataInt.txt"));
      expect(sha256Hex(canonDoc)).toBe(file("docHashDataInt.txt").trim());

      const canonProof = await cryptosuite.canonize(proofConfig, { documentLoader });
      expect(canonProof).toBe(file("proofCanonDataInt.txt"));
      expect(sha256Hex(canonProof)).toBe(file("proofHashDataInt.txt").trim());
      expect(sha256Hex(canonProof) + sha256Hex(canonDoc)).toBe(file("combinedHashDataInt.txt").trim());
    });

    it("reproduces the signature and the signed credential", async () => {
      const key = await Ed25519Multikey.from({
        id: verificationMethod,
        publicKeyMultibase: keyPair.publicKeyMultibase,
        secretKeyMultibase: keyPair.privateKeyMultibase,
      });
      const signature = await key.signer().sign({ data: Buffer.from(file("combinedHashDataInt.txt").trim(), "hex") });
      expect(Buffer.from(signature).toString("hex")).toBe(file("sigHexDataInt.txt").trim());

      const suite = new DataIntegrityProof({ signer: key.signer(), date: proofConfig.created, cryptosuite });
      const issued = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader });
      expect(issued).toEqual(signed);
      expect(issued.proof).toMatchObject({ proofValue: file("sigBTC58DataInt.txt").trim() });
    });

    it("verifies the published signed credential with the published public key, and not a tampered copy", async () => {
      const controller = verificationMethod.split("#")[0];
      const loader = createDocumentLoader({
        documents: {
          [verificationMethod]: {
            "@context": MULTIKEY_V1_CONTEXT,
            id: verificationMethod,
            type: "Multikey",
            controller,
            publicKeyMultibase: keyPair.publicKeyMultibase,
          },
        },
      });
      const issuerId = typeof signed.issuer === "string" ? signed.issuer : signed.issuer.id;
      // These vectors do not bind the key to their issuer, so we state that binding here.
      const verify = (credential: object) =>
        vc.verifyCredential({
          credential,
          suite: new DataIntegrityProof({ cryptosuite }),
          documentLoader: loader,
          controller: { id: issuerId, assertionMethod: [verificationMethod] },
          now: new Date("2024-01-01T00:00:00Z"),
        });
      expect((await verify(signed)).verified).toBe(true);
      expect((await verify({ ...signed, name: `${signed.name}!` })).verified).toBe(false);
    });
  });
});

describe("Open Badges 3.0 linked data proof test vector (1EdTech)", () => {
  const html = read("ob3/linked-data-proof-ob.html");
  const block = (title: string) => {
    const match = html.match(new RegExp(`<pre[^>]*title="${title}"[^>]*>([\\s\\S]*?)</pre`));
    if (!match) throw new Error(`No "${title}" block in the test vector`);
    return JSON.parse(match[1]);
  };
  const unsigned = block("Credential");
  const signed = block("Signed credential");
  const proof = block("Proof");
  const { proofValue: _, ...proofOptions } = proof;
  const secretKeyMultibase = html.match(/secretKeyMultibase: '([^']+)'/)?.[1] ?? "";
  const publicKeyMultibase = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
  const issuerKey = {
    id: proof.verificationMethod as string,
    type: "Multikey" as const,
    controller: signed.issuer.id as string,
    publicKeyMultibase,
  };

  it("reproduces the canonical N-Quads with jsonld.canonize and the bundled OB 3.0.3 context", async () => {
    const options = { algorithm: "RDFC-1.0", format: "application/n-quads", documentLoader, safe: true };
    const canonDoc = await jsonld.canonize(unsigned, options);
    expect(canonDoc).toBe(read("ob3/obv3p0/document-canon.txt"));
    expect(sha256Hex(canonDoc)).toBe("87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773");

    const canonProof = await jsonld.canonize({ "@context": unsigned["@context"], ...proofOptions }, options);
    expect(canonProof).toBe(read("ob3/obv3p0/proof-canon.txt"));
    expect(sha256Hex(canonProof)).toBe("d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19");
  });

  it("signs to the published proof value with signCredential", async () => {
    const key = { ...issuerKey, secretKeyMultibase };
    const issued = await signCredential(unsigned, key, documentLoader, new Date(proof.created));
    expect(issued).toEqual(signed);
  });

  it("passes every check of verifyCredential with the published key", async () => {
    const report = await verifyCredential(signed, {
      documentLoader,
      issuerKeys: [issuerKey],
      now: new Date("2024-06-01T00:00:00Z"),
      revoked: null,
    });
    expect(report.checks.filter((check) => check.status === "fail")).toEqual([]);
    expect(report.verified).toBe(true);
  });
});
