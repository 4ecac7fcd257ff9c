import { useTranslation } from "react-i18next";

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
      <span className="progress__text">{t("progressBar.percent", { percent })}</span>
    </div>
  );
}
