import { RemixBrowser } from "@remix-run/react";
import i18next, { type BackendModule } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/utils/i18n";

declare global {
  interface Window {
    __trag: { language: string; messages: Record<string, Record<string, unknown>> };
  }
}

/** Loads a namespace the page did not come with (app/routes/locales.$language.$namespace.ts). */
const localesBackend: BackendModule = {
  type: "backend",
  init() {},
  read(language, namespace, callback) {
    fetch(`/locales/${language}/${namespace}`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status} for ${language}/${namespace}`))))
      .then(
        (messages) => callback(null, messages),
        (error: Error) => callback(error, false),
      );
  },
};

async function hydrate() {
  const { language, messages } = window.__trag;
  await i18next
    .use(initReactI18next)
    .use(localesBackend)
    .init({
      ...i18nConfig,
      lng: language,
      ns: Object.keys(messages),
      resources: { [language]: messages },
      partialBundledLanguages: true,
      // Every key exists in every language (app/utils/i18n.server.test.ts), so the browser never
      // needs English strings as a fallback and does not fetch them.
      fallbackLng: false,
    });
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
