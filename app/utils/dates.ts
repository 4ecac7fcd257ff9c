import { intlLocale, isLanguage } from "./i18n";

/**
 * Serbian puts the month in the genitive after a day ("6. decembra 2026."), but Intl (CLDR)
 * gives the nominative ("6. decembar 2026."), as for a month alone ("decembar 2026.").
 * Keyed by the nominative Intl prints, in both scripts.
 */
const GENITIVE: Record<string, string> = {
  januar: "januara",
  februar: "februara",
  mart: "marta",
  april: "aprila",
  maj: "maja",
  jun: "juna",
  jul: "jula",
  avgust: "avgusta",
  septembar: "septembra",
  oktobar: "oktobra",
  novembar: "novembra",
  decembar: "decembra",
  јануар: "јануара",
  фебруар: "фебруара",
  март: "марта",
  април: "априла",
  мај: "маја",
  јун: "јуна",
  јул: "јула",
  август: "августа",
  септембар: "септембра",
  октобар: "октобра",
  новембар: "новембра",
  децембар: "децембра",
};

/** Trag's dates and times are Serbia's, wherever the server or the browser runs. */
const TIME_ZONE = "Europe/Belgrade";

export type DateFormat = { format: (date: Date | number) => string };

/**
 * The one way to show a date or time to a person: Intl for the page's language, with the
 * Serbian month in the genitive wherever a day comes with it (pages, mails, certificates).
 * Times are Serbia's (Europe/Belgrade) unless `options` name another zone, so that the server and
 * the browser print the same day. An unknown language is formatted as English.
 */
export function createDateFormat(language: string, options: Intl.DateTimeFormatOptions): DateFormat {
  const serbian = language.startsWith("sr");
  const intl = new Intl.DateTimeFormat(isLanguage(language) ? intlLocale(language) : "en-GB", { timeZone: TIME_ZONE, ...options });
  if (!serbian) return { format: (date) => intl.format(date) };
  return {
    format(date) {
      const parts = intl.formatToParts(date);
      if (!parts.some((part) => part.type === "day")) return parts.map((part) => part.value).join("");
      return parts.map((part) => (part.type === "month" ? (GENITIVE[part.value] ?? part.value) : part.value)).join("");
    },
  };
}
