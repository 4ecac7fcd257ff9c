import { useTranslation } from "react-i18next";
import { DISTRICTS, INSTITUTION_TYPES, USER_LANGUAGES } from "~/accounts/constants";
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

/** Optional: the court, prosecutor's office or organisation (needs the "profile" namespace). */
export function OrganisationField({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return <Field name="organisation" label={t("profile.organisation")} hint={t("profile.organisationHint")} error={error} defaultValue={defaultValue} autoComplete="organization" required={false} />;
}

/** Optional: one of DISTRICTS, or none (needs the "profile" namespace). */
export function DistrictField({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <Field name="district" label={t("profile.district")} hint={t("profile.districtHint")} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name="district" defaultValue={defaultValue ?? ""} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
          <option value="">{t("profile.notGiven")}</option>
          {DISTRICTS.map((district) => (
            <option key={district} value={district}>
              {t(`profile.districts.${district}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
