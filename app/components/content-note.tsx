import { useTranslation } from "react-i18next";

/** The short warning shown before material on sexual exploitation and other distressing subjects. */
export function ContentNote({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <aside className="content-note" aria-label={t("module.contentNote")}>
      <p className="callout-title">{t("module.contentNote")}</p>
      <p>{text}</p>
    </aside>
  );
}
