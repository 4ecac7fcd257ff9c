// @vitest-environment node
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OB_V3P0_CONTEXT, RefusedUrlError, VC_V2_CONTEXT, createDocumentLoader, findContextsDir, readBundledContexts } from "./document-loader.server";

const contextsDir = path.join(import.meta.dirname, "contexts");
const sharedDir = "/work/shared/standards/contexts";
const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function readSums(dir: string) {
  return fs
    .readFileSync(path.join(dir, "SHA256SUMS"), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/) as [string, string]);
}

describe("bundled contexts", () => {
  it("match SHA256SUMS and cover every URL in contexts.json", () => {
    const sums = readSums(contextsDir);
    for (const [sum, file] of sums) expect(sha256(path.join(contextsDir, file)), file).toBe(sum);
    const index: Record<string, string> = JSON.parse(fs.readFileSync(path.join(contextsDir, "contexts.json"), "utf8"));
    expect(Object.values(index).sort()).toEqual(sums.map(([, file]) => file).sort());
    expect(index[VC_V2_CONTEXT]).toBeDefined();
    expect(index[OB_V3P0_CONTEXT]).toBeDefined();
  });

  it.skipIf(!fs.existsSync(sharedDir))("are byte-for-byte the shared copies", () => {
    for (const file of ["contexts.json", "SHA256SUMS", "README.md", ...readSums(sharedDir).map(([, f]) => f)]) {
      expect(sha256(path.join(contextsDir, file)), file).toBe(sha256(path.join(sharedDir, file)));
    }
  });

  it("are found beside the module", () => {
    expect(findContextsDir()).toBe(contextsDir + path.sep);
  });
});

describe("createDocumentLoader", () => {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves the bundled contexts as parsed JSON, a fresh copy each time", async () => {
    const load = createDocumentLoader();
    const first = await load(OB_V3P0_CONTEXT);
    expect(first).toMatchObject({ contextUrl: null, documentUrl: OB_V3P0_CONTEXT });
    expect(first.document).toHaveProperty("@context");
    (first.document as Record<string, unknown>)["@context"] = "mutated";
    expect((await load(OB_V3P0_CONTEXT)).document).not.toEqual(first.document);
  });

  it("serves documents passed in by their exact URL", async () => {
    const profile = { id: "https://trag.example/issuer", name: "Trag" };
    const load = createDocumentLoader({ documents: { [profile.id]: profile } });
    expect((await load(profile.id)).document).toEqual(profile);
    await expect(load(`${profile.id}/`)).rejects.toThrow(RefusedUrlError);
  });

  it("refuses every other URL without touching the network", async () => {
    const load = createDocumentLoader();
    for (const url of ["https://example.com/context.json", "https://w3id.org/security/v2", "https://www.w3.org/ns/did/v1", "http://www.w3.org/ns/credentials/v2", "file:///etc/passwd"]) {
      await expect(load(url)).rejects.toThrow(/Refusing to load/);
    }
  });

  it("refuses to start when a bundled context was edited", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-contexts-"));
    temporary.push(dir);
    fs.cpSync(contextsDir, dir, { recursive: true });
    fs.appendFileSync(path.join(dir, "ob-v3p0-context-3.0.3.json"), " ");
    expect(() => readBundledContexts(dir)).toThrow(/does not match SHA256SUMS/);
  });
});
