import { describe, expect, test } from "vitest";
import { renderInline, renderMarkdown, type RenderOptions } from "./markdown.server";

const options: RenderOptions = {
  sources: {
    A: { reference: "Source A, 2020." },
    B: { reference: "Source B, 2021.", url: "https://example.org/b" },
    C: { reference: "Source C, 2022." },
  },
  labels: { "key-point": "Key point", case: "Case", "in-serbia": "In Serbia", decision: "Decision point", discussion: "Discussion", reference: "Reference" },
  assetBase: "/courses/demo/",
};

const render = (markdown: string) => renderMarkdown(markdown, options);

describe("citations", () => {
  test("are numbered in order of first use, reuse their number, keep locators, and are named 'Reference n' for screen readers", () => {
    const { html, references } = render("First [@B]. Then [@A, p. 4]. Again [@B]. Both [@A; @C, Art. 2].");
    expect(html).toBe(
      "<p>First " +
        '<sup class="citation">[<a href="#ref-1" aria-label="Reference 1">1</a>]</sup>. Then ' +
        '<sup class="citation">[<a href="#ref-2" aria-label="Reference 2, p. 4">2, p. 4</a>]</sup>. Again ' +
        '<sup class="citation">[<a href="#ref-1" aria-label="Reference 1">1</a>]</sup>. Both ' +
        '<sup class="citation">[<a href="#ref-2" aria-label="Reference 2">2</a>; <a href="#ref-3" aria-label="Reference 3, Art. 2">3, Art. 2</a>]</sup>.</p>\n',
    );
    expect(references).toEqual([
      { number: 1, key: "B", reference: "Source B, 2021.", url: "https://example.org/b" },
      { number: 2, key: "A", reference: "Source A, 2020.", url: undefined },
      { number: 3, key: "C", reference: "Source C, 2022.", url: undefined },
    ]);
  });

  test("numbering starts again for each text", () => {
    render("[@C]");
    expect(render("[@A]").references.map((r) => r.number)).toEqual([1]);
  });

  test("locators are escaped", () => {
    expect(render("[@A, <b>p. 4</b>]").html).toContain('<a href="#ref-1" aria-label="Reference 1, &lt;b&gt;p. 4&lt;/b&gt;">1, &lt;b&gt;p. 4&lt;/b&gt;</a>');
  });

  test("an ordinary link in brackets is not a citation", () => {
    expect(render("[a link](https://example.org/x)").references).toEqual([]);
  });
});

describe("callouts", () => {
  test("render as labelled asides", () => {
    expect(render(":::key-point\nRemember **this**.\n:::").html).toBe(
      '<aside class="callout callout-key-point" aria-label="Key point"><p class="callout-title">Key point</p>\n<p>Remember <strong>this</strong>.</p>\n</aside>\n',
    );
    for (const [name, label] of [
      ["case", "Case"],
      ["in-serbia", "In Serbia"],
      ["decision", "Decision point"],
    ]) {
      expect(render(`:::${name}\nText.\n:::`).html).toContain(`<aside class="callout callout-${name}" aria-label="${label}"><p class="callout-title">${label}</p>`);
    }
  });

  test("a discussion is a collapsible details element", () => {
    expect(render(":::discussion\nThe model answer.\n:::").html).toBe('<details class="callout callout-discussion"><summary>Discussion</summary>\n<p>The model answer.</p>\n</details>\n');
  });

  test("labels are escaped", () => {
    const html = renderMarkdown(":::case\nx\n:::", { ...options, labels: { ...options.labels, case: 'A "case" <b>' } }).html;
    expect(html).toContain('aria-label="A &quot;case&quot; &lt;b&gt;"');
    expect(html).not.toContain("<b>");
  });
});

describe("headings", () => {
  test("get ids from their text, unique within the text, and are listed", () => {
    const { html, headings } = render("## Overview\n\ntext\n\n## Overview\n\n### Šta je `THB`?\n\n## Преглед\n\n## ???");
    expect(headings).toEqual([
      { id: "overview", text: "Overview", level: 2 },
      { id: "overview-2", text: "Overview", level: 2 },
      { id: "sta-je-thb", text: "Šta je THB?", level: 3 },
      { id: "преглед", text: "Преглед", level: 2 },
      { id: "section", text: "???", level: 2 },
    ]);
    expect(html).toContain('<h2 id="overview">Overview</h2>');
    expect(html).toContain('<h2 id="overview-2">Overview</h2>');
    expect(html).toContain('<h3 id="sta-je-thb">Šta je <code>THB</code>?</h3>');
  });

  test("a level-one heading in a lesson is dropped by the sanitiser, the page has its own h1", () => {
    expect(render("# Title").html).not.toContain("<h1");
  });
});

describe("safety", () => {
  test("raw HTML is shown as text, never rendered", () => {
    const { html } = render('Hello <script>alert("x")</script> and <img src=x onerror="alert(1)">\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;iframe");
  });

  test.each([
    "[click](javascript:alert(1))",
    "[click](JavaScript:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#x73;cript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
  ])("the link in %j is dropped", (markdown) => {
    const { html } = render(markdown);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data|java&)/i);
    expect(html).not.toMatch(/<a [^>]*href="(?!#|https?:|mailto:|\/)/);
  });

  test("external links get rel=noopener noreferrer; relative and mailto links are kept", () => {
    expect(render("[GRETA](https://rm.coe.int/x)").html).toBe('<p><a href="https://rm.coe.int/x" rel="noopener noreferrer">GRETA</a></p>\n');
    expect(render("[write](mailto:help@example.org)").html).toContain('href="mailto:help@example.org"');
    expect(render("[glossary](/courses/demo/glossary)").html).toContain('href="/courses/demo/glossary"');
  });

  test("images get the course's asset path and escaped alt text; an image with a javascript: source is dropped", () => {
    expect(render('![A "flow" <chart>](images/flow.svg)').html).toBe('<p><img src="/courses/demo/images/flow.svg" alt="A &quot;flow&quot; &lt;chart&gt;" loading="lazy" /></p>\n');
    expect(render("![x](./images/a.png)").html).toContain('src="/courses/demo/images/a.png"');
    expect(render("![x](javascript:alert(1))").html).not.toMatch(/<img|src="javascript/);
  });
});

describe("renderInline", () => {
  test("renders inline Markdown and citations without a paragraph", () => {
    const { html, references, headings } = renderInline("**Evidence** matters [@C].", options);
    expect(html).toBe('<strong>Evidence</strong> matters <sup class="citation">[<a href="#ref-1" aria-label="Reference 1">1</a>]</sup>.');
    expect(references.map((r) => r.key)).toEqual(["C"]);
    expect(headings).toEqual([]);
  });
});
