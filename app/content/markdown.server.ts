import MarkdownIt from "markdown-it";
import container from "markdown-it-container";
import sanitizeHtml from "sanitize-html";
import { parseCitationGroup, type Citation } from "./citations";
import type { Source } from "./course.schema";
import { CALLOUTS } from "./loader.server";

export type Reference = { number: number; key: string; reference: string; url?: string; reproduction?: true; primary?: { reference: string; url?: string } };
export type Heading = { id: string; text: string; level: number };
export type RenderedMarkdown = { html: string; references: Reference[]; headings: Heading[] };

/** The callout boxes' labels, and `reference`: the word a screen reader hears before a citation's number ("Reference 3"). */
export type CalloutLabels = Record<(typeof CALLOUTS)[number], string> & { reference: string };

export type RenderOptions = {
  sources: Record<string, Source>;
  labels: CalloutLabels;
  /** URL prefix for relative image paths, e.g. `/courses/thb-technology/` */
  assetBase: string;
};

type Token = ReturnType<MarkdownIt["parse"]>[number];

type RenderEnv = RenderOptions & { references: Map<string, Reference>; headings: Heading[]; slugs: Set<string> };

const markdown = createRenderer();

/** Ids the pages around a lesson already use: a heading must not take them. */
const PAGE_IDS = ["main", "references", "lesson-title", "completion-heading", "takeaways-heading", "takeaway-references"];

/** Renders lesson Markdown to sanitised HTML with numbered citations and anchored headings. */
export function renderMarkdown(source: string, options: RenderOptions): RenderedMarkdown {
  const env: RenderEnv = { ...options, references: new Map(), headings: [], slugs: new Set(PAGE_IDS) };
  const html = sanitize(markdown.render(source, env));
  return { html, references: [...env.references.values()], headings: env.headings };
}

/** Renders a short inline text (a takeaway, a feedback line) without block elements. */
export function renderInline(source: string, options: RenderOptions): RenderedMarkdown {
  const env: RenderEnv = { ...options, references: new Map(), headings: [], slugs: new Set() };
  const html = sanitize(markdown.renderInline(source, env));
  return { html, references: [...env.references.values()], headings: [] };
}

export type Passage = {
  /** Index into the headings `renderMarkdown` returns for the same source; -1 before the first. */
  heading: number;
  text: string;
};

/**
 * The plain text of a lesson as passages (a paragraph, a list item, a table cell), each with the
 * heading it sits under, parsed by the same renderer, so heading indices match `renderMarkdown`'s.
 * Citations and image targets are left out; `{{…}}` marks stay for the caller to resolve.
 */
export function extractPassages(source: string): { headings: string[]; passages: Passage[] } {
  const env: RenderEnv = { sources: {}, labels: {} as CalloutLabels, assetBase: "", references: new Map(), headings: [], slugs: new Set(PAGE_IDS) };
  const tokens = markdown.parse(source, env);
  const passages: Passage[] = [];
  let heading = -1;
  let inHeading = false;
  for (const token of tokens) {
    if (token.type === "heading_open") {
      heading += 1;
      inHeading = true;
    } else if (token.type === "heading_close") {
      inHeading = false;
    } else if (token.type === "inline" && !inHeading) {
      const text = (token.children ?? [])
        .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" || child.type === "hardbreak" ? " " : ""))
        .join("")
        .replace(/\s+(?=[.,;:!?)])/g, "") // where a citation stood
        .trim();
      if (text) passages.push({ heading, text });
    }
  }
  return { headings: env.headings.map((h) => h.text), passages };
}

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });

  for (const name of CALLOUTS) {
    md.use(container, name, {
      render(tokens: Token[], idx: number, _options: unknown, env: RenderEnv) {
        const label = md.utils.escapeHtml(env.labels[name]);
        if (tokens[idx].nesting !== 1) return name === "discussion" ? "</details>\n" : "</aside>\n";
        if (name === "discussion") return `<details class="callout callout-discussion"><summary>${label}</summary>\n`;
        return `<aside class="callout callout-${name}" aria-label="${label}"><p class="callout-title">${label}</p>\n`;
      },
    });
  }

  md.inline.ruler.before("link", "citation", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x40 /* @ */) return false;
    const match = /^\[(@[A-Za-z0-9][A-Za-z0-9-]*(?:,[^;\]\n]*)?(?:;\s*@[A-Za-z0-9][A-Za-z0-9-]*(?:,[^;\]\n]*)?)*)\]/.exec(state.src.slice(state.pos));
    if (!match) return false;
    if (!silent) {
      const token = state.push("citation", "", 0);
      token.meta = parseCitationGroup(match[1]);
    }
    state.pos += match[0].length;
    return true;
  });
  md.renderer.rules.citation = (tokens, idx, _options, env: RenderEnv) => {
    const links = (tokens[idx].meta as Citation[]).map((citation) => {
      const reference = numberReference(env, citation.key);
      const text = `${reference.number}${citation.locator ? `, ${md.utils.escapeHtml(citation.locator)}` : ""}`;
      // A bare number says nothing to a screen reader; the name keeps the visible text (label in name).
      const name = env.labels.reference ? ` aria-label="${md.utils.escapeHtml(env.labels.reference)} ${text}"` : "";
      return `<a href="#ref-${reference.number}"${name}>${text}</a>`;
    });
    return `<sup class="citation">[${links.join("; ")}]</sup>`;
  };

  md.core.ruler.push("heading_ids", (state) => {
    const env = state.env as RenderEnv;
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open") return;
      const text = (state.tokens[i + 1].children ?? [])
        .filter((child) => child.type === "text" || child.type === "code_inline")
        .map((child) => child.content)
        .join("");
      const id = uniqueSlug(text, env.slugs);
      token.attrSet("id", id);
      env.headings.push({ id, text, level: Number(token.tag.slice(1)) });
    });
  });

  md.renderer.rules.image = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    const src = token.attrGet("src") ?? "";
    const url = /^https?:/.test(src) ? src : env.assetBase + src.replace(/^\.?\//, "");
    const alt = md.utils.escapeHtml(token.content);
    return `<img src="${md.utils.escapeHtml(url)}" alt="${alt}" loading="lazy">`;
  };

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    if (/^https?:/.test(tokens[idx].attrGet("href") ?? "")) tokens[idx].attrSet("rel", "noopener noreferrer");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

function numberReference(env: RenderEnv, key: string): Reference {
  let reference = env.references.get(key);
  if (!reference) {
    const source = env.sources[key];
    reference = { number: env.references.size + 1, key, reference: source?.reference ?? key, url: source?.url, reproduction: source?.reproduction, primary: source?.primary };
    env.references.set(key, reference);
  }
  return reference;
}

function uniqueSlug(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section";
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

function sanitize(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "p",
      "ul",
      "ol",
      "li",
      "strong",
      "em",
      "a",
      "sup",
      "sub",
      "blockquote",
      "code",
      "pre",
      "img",
      "aside",
      "details",
      "summary",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "hr",
      "br",
      "s",
    ],
    allowedAttributes: {
      a: ["href", "rel", "title", "aria-label"],
      img: ["src", "alt", "loading"],
      aside: ["class", "aria-label"],
      details: ["class"],
      p: ["class"],
      sup: ["class"],
      h2: ["id"],
      h3: ["id"],
      h4: ["id"],
      h5: ["id"],
      h6: ["id"],
      th: ["style"],
      td: ["style"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedStyles: { "*": { "text-align": [/^(left|right|center)$/] } },
  });
}
