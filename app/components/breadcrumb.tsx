import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Where the page sits: links to the pages above it, then the page itself. */
export function Breadcrumb({ trail, current }: { trail: Array<{ to: string; label: string }>; current: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
      <ol>
        {trail.map((step) => (
          <li key={step.to}>
            <Link to={step.to}>{step.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
