// @vitest-environment node
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import jsonld from "jsonld";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDocumentLoader } from "./document-loader.server";
import { ISSUER_KEY_FILE, issuerDocuments, issuerProfile, loadOrCreateIssuerKey, toJwks, toPublicKey } from "./issuer-key.server";

const issuerId = "https://trag.example.rs/issuer";
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-key-"));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("loadOrCreateIssuerKey", () => {
  it("creates an Ed25519 Multikey in a 0600 file on first use, then reloads it", async () => {
    const nested = path.join(dataDir, "nested");
    const key = await loadOrCreateIssuerKey(nested, issuerId);
    expect(key).toMatchObject({ id: `${issuerId}#key-1`, type: "Multikey", controller: issuerId });
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(key.secretKeyMultibase).toMatch(/^z3u2/); // the 32-byte ed25519-priv form

    const file = path.join(nested, ISSUER_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateIssuerKey(nested, issuerId)).toEqual(key);
  });

  it("stores a key pair that signs and verifies", async () => {
    const key = await loadOrCreateIssuerKey(dataDir, issuerId);
    const pair = await Ed25519Multikey.from({ ...key, "@context": "https://w3id.org/security/multikey/v1" });
    const data = new TextEncoder().encode("hello");
    const signature = await pair.signer().sign({ data });
    expect(await pair.verifier().verify({ data, signature })).toBe(true);
  });

  it("gives each data directory its own key", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "trag-key-"));
    try {
      const [a, b] = [await loadOrCreateIssuerKey(dataDir, issuerId), await loadOrCreateIssuerKey(other, issuerId)];
      expect(a.publicKeyMultibase).not.toBe(b.publicKeyMultibase);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it("refuses a key file that belongs to another issuer id", async () => {
    await loadOrCreateIssuerKey(dataDir, issuerId);
    await expect(loadOrCreateIssuerKey(dataDir, "https://elsewhere.example/issuer")).rejects.toThrow(/not https:\/\/elsewhere/);
  });

  it("refuses a corrupt key file", async () => {
    fs.writeFileSync(path.join(dataDir, ISSUER_KEY_FILE), JSON.stringify({ id: "x" }));
    await expect(loadOrCreateIssuerKey(dataDir, issuerId)).rejects.toThrow();
  });
});

describe("public documents", () => {
  it("toJwks gives an OKP/Ed25519 key with kid and no secret", async () => {
    const key = await loadOrCreateIssuerKey(dataDir, issuerId);
    const jwks = await toJwks(key);
    expect(jwks.keys).toHaveLength(1);
    const [jwk] = jwks.keys;
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: key.id, alg: "EdDSA", use: "sig" });
    expect(jwk).not.toHaveProperty("d");
    expect(Buffer.from(jwk.x, "base64url")).toHaveLength(32);
    // the JWK names the same public key as the Multikey
    const fromJwk = await Ed25519Multikey.from({ type: "JsonWebKey", id: key.id, publicKeyJwk: jwk });
    expect(fromJwk.publicKeyMultibase).toBe(key.publicKeyMultibase);
  });

  it("issuerProfile is an OB 3.0 Profile naming the key as an assertion method, without the secret", async () => {
    const key = await loadOrCreateIssuerKey(dataDir, issuerId);
    const profile = issuerProfile({ issuerId, name: "Trag", url: "https://trag.example.rs", key });
    expect(profile).toMatchObject({
      id: issuerId,
      type: ["Profile"],
      name: "Trag",
      url: "https://trag.example.rs",
      assertionMethod: [toPublicKey(key)],
    });
    expect(JSON.stringify(profile)).not.toContain(key.secretKeyMultibase);
    expect(JSON.stringify(await toJwks(key))).not.toContain(key.secretKeyMultibase);

    const documentLoader = createDocumentLoader({ documents: issuerDocuments(profile) });
    const [expanded] = (await jsonld.expand(profile, { documentLoader, safe: true })) as Array<Record<string, any>>;
    const [method0] = expanded["https://w3id.org/security#assertionMethod"];
    expect(method0["@id"]).toBe(key.id);
    expect(method0["@type"]).toEqual(["https://w3id.org/security#Multikey"]);
    const method = (await documentLoader(key.id)).document;
    expect(method).toEqual({ "@context": "https://w3id.org/security/multikey/v1", ...toPublicKey(key) });
    await expect(jsonld.expand(method as object, { documentLoader, safe: true })).resolves.toHaveLength(1);
  });
});
