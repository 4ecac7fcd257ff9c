import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error view: a clear message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = [400, 403, 404, 409, 413, 429, 503].includes(status);
  // Thrown responses carry an i18n key that says what went wrong.
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && i18n.exists(error.data) ? t(error.data) : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="error-page">
      <h1>{t(known ? `errors.status.${status}.title` : "errors.status.500.title")}</h1>
      <p>{t(known ? `errors.status.${status}.body` : "errors.status.500.body")}</p>
      {detail ? <p className="error-detail">{detail}</p> : null}
      <p>
        <Link to="/">{t("errors.home")}</Link>
      </p>
    </div>
  );
}
