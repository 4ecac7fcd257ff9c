import crypto from "node:crypto";
import { createInstance, type TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import type { Language } from "~/content/languages";
import { getEnv } from "~/utils/env.server";
import { i18nConfig, NAMESPACES } from "~/utils/i18n";
import { resources } from "~/utils/i18n.server";
import { createDateFormat } from "~/utils/dates";

/**
 * An email's body as a few kinds of block, written once and rendered twice: as plain text and as
 * HTML. The HTML is rendered by React, so every name, title and note in it is escaped.
 */
export type Block =
  { type: "paragraph"; text: string } | { type: "link"; label: string; url: string } | { type: "list"; items: string[] } | { type: "quote"; text: string } | { type: "small"; text: string };

export type Letter = { subject: string; blocks: Block[] };
export type RenderedLetter = { subject: string; text: string; html: string };

const translators = new Map<Language, TFunction>();

/**
 * The `mail` namespace's translation function in `language`, ready at once: messages are written
 * inside the caller's (synchronous) database transaction.
 */
export function mailT(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const i18n = createInstance({ ...i18nConfig, lng: language, ns: [...NAMESPACES], resources: { [language]: resources[language] }, initImmediate: false });
    void i18n.init();
    t = i18n.getFixedT(language, "mail");
    translators.set(language, t);
  }
  return t;
}

export function renderText(letter: Letter): string {
  const parts = letter.blocks.map((block) => {
    switch (block.type) {
      case "paragraph":
      case "small":
        return block.text;
      case "link":
        return `${block.label}:\n${block.url}`;
      case "list":
        return block.items.map((item) => `- ${item}`).join("\n");
      case "quote":
        return block.text
          .split("\n")
          .map((line) => `> ${line}`)
          .join("\n");
    }
  });
  return `${parts.join("\n\n")}\n`;
}

export function renderHtml(letter: Letter, language: Language): string {
  const body = renderToStaticMarkup(
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{letter.subject}</title>
      </head>
      <body style={{ margin: 0, padding: "1rem", fontFamily: "Arial, Helvetica, sans-serif", fontSize: "16px", lineHeight: 1.5, color: "#1a1a1a", background: "#ffffff" }}>
        <div style={{ maxWidth: "40rem" }}>
          {letter.blocks.map((block, index) => {
            switch (block.type) {
              case "paragraph":
                return <p key={index}>{block.text}</p>;
              case "small":
                return (
                  <p key={index} style={{ fontSize: "14px", color: "#4a4a4a" }}>
                    {block.text}
                  </p>
                );
              case "link":
                return (
                  <p key={index}>
                    <a href={block.url} style={{ color: "#0b4f8a", fontWeight: "bold" }}>
                      {block.label}
                    </a>
                  </p>
                );
              case "list":
                return (
                  <ul key={index}>
                    {block.items.map((item, i) => (
                      <li key={i}>{item}</li>
                    ))}
                  </ul>
                );
              case "quote":
                return (
                  <blockquote key={index} style={{ margin: "1rem 0", paddingLeft: "1rem", borderLeft: "4px solid #c8d3df", whiteSpace: "pre-line" }}>
                    {block.text}
                  </blockquote>
                );
            }
          })}
        </div>
      </body>
    </html>,
  );
  return `<!doctype html>${body}`;
}

export function renderLetter(letter: Letter, language: Language): RenderedLetter {
  return { subject: letter.subject, text: renderText(letter), html: renderHtml(letter, language) };
}

/** A stable, unique Message-ID for a new message, on the public address's host. */
export function newMessageId(): string {
  return `<${crypto.randomUUID()}@${new URL(getEnv().PUBLIC_URL).hostname}>`;
}

/** An absolute link to `path` on the public address. */
export function publicLink(path: string): string {
  return `${getEnv().PUBLIC_URL}${path}`;
}

/** A date without a time, in Belgrade's calendar, as the recipient's language writes it. */
export function formatMailDate(date: Date, language: Language): string {
  return createDateFormat(language, { dateStyle: "long", timeZone: "Europe/Belgrade" }).format(date);
}
