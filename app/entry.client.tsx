import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/utils/i18n";

declare global {
  interface Window {
    __trag: { language: string; messages: Record<string, unknown> };
  }
}

async function hydrate() {
  const { language, messages } = window.__trag;
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng: language, resources: { [language]: { common: messages } } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
