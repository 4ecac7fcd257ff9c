import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children?: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
};

/** A labelled field with its hint and error message tied to it for assistive technology. */
export function Field({ name, label, error, hint, children, type = "text", defaultValue, autoComplete, required = true }: FieldProps) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children ? (
        children({ id, describedBy, invalid: Boolean(error) })
      ) : (
        <input id={id} name={name} type={type} defaultValue={defaultValue} autoComplete={autoComplete} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      )}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A summary at the top of a form that failed, so keyboard and screen-reader users learn it at once. */
export function FormErrorSummary({ errors }: { errors?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      <p>{t("forms.fixErrors")}</p>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>{field === "form" ? t(message) : <a href={`#field-${field}`}>{t(message)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}
