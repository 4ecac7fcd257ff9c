import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatVerificationCode } from "~/certificates/verification-code";
import * as credentialRoute from "~/routes/certificates.$code.credential";
import * as pdfRoute from "~/routes/certificates.$code.pdf";
import * as issuerRoute from "~/routes/issuer";
import * as logoRoute from "~/routes/issuer_.logo";
import * as verifyCode from "~/routes/verify.$code";
import { getDb } from "~/utils/db.server";
import { forgetEnv } from "~/utils/env.server";
import { createTestUser, signedIn, type TestUser } from "../helpers/auth";
import { callLoader, CookieJar, get, ORIGIN } from "../helpers/http";
import { completeCourse } from "../helpers/learning";
import { solidPng } from "../helpers/png";
import { checkCredential, nextClient } from "../helpers/verify";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trag-issuer-"));
const ISSUER_VARIABLES = ["ISSUER_NAME_EN", "ISSUER_NAME_SR", "ISSUER_URL", "ISSUER_LOGO", "ISSUER_SIGNATORY_1", "ISSUER_SIGNATORY_1_SIGNATURE", "ISSUER_SIGNATORY_2"];

function configure(vars: Record<string, string>) {
  for (const name of ISSUER_VARIABLES) delete process.env[name];
  Object.assign(process.env, vars);
  forgetEnv();
}

function writeFile(name: string, content: Buffer) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const ISSUER_A = () => ({
  ISSUER_NAME_EN: "Judicial Academy",
  ISSUER_NAME_SR: "Pravosudna akademija",
  ISSUER_URL: "https://academy.example.rs/contact",
  ISSUER_LOGO: writeFile("a-logo.png", solidPng(8, 4, [20, 40, 120])),
  ISSUER_SIGNATORY_1: "Ana Petrović|Director|Direktorka",
  ISSUER_SIGNATORY_1_SIGNATURE: writeFile("a-signature.png", solidPng(12, 3, [0, 0, 0])),
  ISSUER_SIGNATORY_2: "Marko Jovanović|Programme coordinator|Koordinator programa",
});

const ISSUER_B = () => ({
  ISSUER_NAME_EN: "Police Academy",
  ISSUER_NAME_SR: "Policijska akademija",
  ISSUER_LOGO: writeFile("b-logo.png", solidPng(8, 4, [120, 20, 20])),
  ISSUER_SIGNATORY_1: "Jovan Ilić|Dean|Dekan",
});

async function readPdf(bytes: Uint8Array) {
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const page = await document.getPage(1);
  const text = (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("\n");
  const operators = await page.getOperatorList();
  const images = operators.fnArray.filter((fn) => fn === pdfjs.OPS.paintImageXObject).length;
  return { text, images };
}

async function downloadPdf(jar: CookieJar, code: string, language: string) {
  const response = (await pdfRoute.loader({ request: get(`/certificates/${code}/pdf?language=${language}`, { jar }), params: { code }, context: {} })) as Response;
  expect(response.status).toBe(200);
  return readPdf(new Uint8Array(await response.arrayBuffer()));
}

const openVerifyPage = (code: string) => callLoader(verifyCode.loader, get(`/verify/${code}`, { headers: nextClient() }), { code });

async function profile() {
  const response = await callLoader(issuerRoute.loader, get("/issuer"));
  return JSON.parse(response.data as string);
}

describe("the issuer", () => {
  let learner: TestUser;
  let code: string;
  let credential: string;

  beforeAll(async () => {
    configure(ISSUER_A());
    learner = await createTestUser({ fullName: "Milica Stojanović", language: "sr-Latn" });
    code = formatVerificationCode(completeCourse(learner.id).code);
    credential = (await callLoader(credentialRoute.loader, get(`/certificates/${code}/credential`, { jar: await signedIn(learner) }), { code })).data;
  });

  afterAll(() => {
    configure({});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the PDF names the configured issuer in the certificate's language and script, with its logo and signatories", async () => {
    const jar = await signedIn(learner);
    const latin = await downloadPdf(jar, code, "sr-Latn");
    for (const expected of ["PRAVOSUDNA AKADEMIJA", "Pravosudna akademija", "Ana Petrović", "Direktorka", "Marko Jovanović", "Koordinator programa"]) expect(latin.text).toContain(expected);
    expect(latin.images).toBe(2); // the logo and one signature
    const english = await downloadPdf(jar, code, "en");
    for (const expected of ["Judicial Academy", "Director", "Programme coordinator"]) expect(english.text).toContain(expected);
    const cyrillic = await downloadPdf(jar, code, "sr-Cyrl");
    for (const expected of ["Правосудна академија", "Ана Петровић", "Директорка"]) expect(cyrillic.text).toContain(expected);
  });

  test("the verification page and the issuer profile name it too", async () => {
    const page = await openVerifyPage(code);
    expect(page.data.view).toMatchObject({
      issuerName: "Judicial Academy",
      issuerContactUrl: "https://academy.example.rs/contact",
      issuerLogo: expect.stringMatching(/^\/issuer\/logo\?v=[0-9a-f]{16}$/),
      signatories: [
        { name: "Ana Petrović", title: "Director" },
        { name: "Marko Jovanović", title: "Programme coordinator" },
      ],
    });
    expect(await profile()).toMatchObject({
      id: `${ORIGIN}/issuer`,
      name: "Judicial Academy",
      url: "https://academy.example.rs/contact",
      image: { id: `${ORIGIN}${page.data.view.issuerLogo}`, type: "Image" },
    });
    const logo = logoRoute.loader();
    expect(logo.headers.get("Content-Type")).toBe("image/png");
    expect(logo.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(fs.readFileSync(ISSUER_A().ISSUER_LOGO));
    expect(JSON.parse(credential).issuer).toEqual({ id: `${ORIGIN}/issuer`, type: ["Profile"], name: "Judicial Academy", url: ORIGIN });
  });

  test("after the issuer changes, a certificate issued before keeps its issuer, and its credential still verifies", async () => {
    configure(ISSUER_B());
    const jar = await signedIn(learner);
    const before = await downloadPdf(jar, code, "sr-Latn");
    for (const expected of ["PRAVOSUDNA AKADEMIJA", "Ana Petrović", "Direktorka", "Marko Jovanović"]) expect(before.text).toContain(expected);
    for (const unexpected of ["Policijska", "Jovan Ilić", "Dekan"]) expect(before.text).not.toContain(unexpected);
    // Neither the new logo nor the old files (no longer configured): no image at all.
    expect(before.images).toBe(0);
    expect((await openVerifyPage(code)).data.view).toMatchObject({ issuerName: "Judicial Academy", issuerLogo: null, signatories: [{ name: "Ana Petrović" }, { name: "Marko Jovanović" }] });

    const report = (await checkCredential(credential)).data.report;
    expect(report.verdict).toBe("verified");
    expect(await profile()).toMatchObject({ id: `${ORIGIN}/issuer`, name: "Police Academy", url: ORIGIN });

    // A certificate issued now is in the new issuer's name.
    const other = await createTestUser({ language: "sr-Latn" });
    const otherCode = formatVerificationCode(completeCourse(other.id).code);
    const after = await downloadPdf(await signedIn(other), otherCode, "sr-Latn");
    for (const expected of ["POLICIJSKA AKADEMIJA", "Jovan Ilić", "Dekan"]) expect(after.text).toContain(expected);
    expect(after.images).toBe(1);
  });

  test("an SVG logo is shown on the verification page and served with a no-script policy, but not drawn on the PDF", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><rect width="4" height="2"/></svg>';
    configure({ ...ISSUER_B(), ISSUER_LOGO: writeFile("logo.svg", Buffer.from(svg)) });
    const learner = await createTestUser({ language: "en" });
    const svgCode = formatVerificationCode(completeCourse(learner.id).code);
    expect((await openVerifyPage(svgCode)).data.view.issuerLogo).toMatch(/^\/issuer\/logo\?v=[0-9a-f]{16}$/);
    const logo = logoRoute.loader();
    expect(logo.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(logo.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const pdf = await downloadPdf(await signedIn(learner), svgCode, "en");
    expect(pdf.text).toContain("POLICE ACADEMY");
    expect(pdf.images).toBe(0);
  });

  test("a certificate from before the issuer was configurable says Trag, whatever is configured now", async () => {
    configure(ISSUER_B());
    const old = await createTestUser();
    const certificate = completeCourse(old.id);
    // The snapshot as certificates were written before: issuer id, name and url only.
    getDb()
      .$client.prepare("UPDATE certificates SET snapshot = json_set(snapshot, '$.issuer', json_object('id', ?, 'name', 'Trag', 'url', ?)) WHERE id = ?")
      .run(`${ORIGIN}/issuer`, ORIGIN, certificate.id);
    const oldCode = formatVerificationCode(certificate.code);
    expect((await openVerifyPage(oldCode)).data.view).toMatchObject({ issuerName: "Trag", issuerContactUrl: null, issuerLogo: null, signatories: [] });
    const pdf = await downloadPdf(await signedIn(old), oldCode, "en");
    expect(pdf.text).toContain("TRAG");
    expect(pdf.text).not.toContain("Police");
    expect(pdf.images).toBe(0);
  });
});
