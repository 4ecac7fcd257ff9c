import { useTranslation } from "react-i18next";
import { INSTITUTION_TYPES, USER_LANGUAGES } from "~/accounts/constants";
import { LANGUAGE_NAMES } from "~/utils/i18n";
import { Field } from "./form-field";

export function InstitutionField({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <Field name="institutionType" label={t("fields.institutionType")} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name="institutionType" defaultValue={defaultValue ?? ""} aria-describedby={describedBy} aria-invalid={invalid || undefined} required>
          <option value="" disabled>
            {t("forms.choose")}
          </option>
          {INSTITUTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`institutions.${type}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function LanguageField({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <Field name="language" label={t("fields.language")} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name="language" defaultValue={defaultValue} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
          {USER_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
