import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PasswordChangeSchema, ProfileSchema } from "~/accounts/schemas";
import { DistrictField, InstitutionField, LanguageField, OrganisationField } from "~/components/account-selects";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { sendEmailVerification } from "~/accounts/email-links.server";
import { changePassword, emailTaken, getUserById, normalizeEmail, passwordMatches, setRemindersOptOut, updateProfile } from "~/models/users.server";
import { activeSessions, sessionAction } from "~/security/account-sessions.server";
import { ActiveSessions } from "~/security/active-sessions";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm, validateForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { endOtherSessions, requireUser } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["profile", "mail", "security"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getT(request);
  const stored = getUserById(user.id);
  const profile = {
    fullName: user.fullName,
    email: user.email,
    institutionType: user.institutionType,
    organisation: stored?.organisation ?? "",
    district: stored?.district ?? "",
    language: user.language,
  };
  return {
    title: `${t("account.title")} · Trag`,
    profile,
    emailVerified: Boolean(stored?.emailVerifiedAt),
    reminders: !stored?.remindersOptOut,
    sessions: await activeSessions(request, user),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const source = { actorId: user.id, clientAddress: getClientAddress(request, context) };
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const sessionResult = await sessionAction(request, user, formData);
  if (sessionResult) return sessionResult;
  if (intent === "profile") {
    const form = validateForm(formData, ProfileSchema);
    if (!form.ok) return data({ intent, errors: form.errors, values: form.values, saved: false }, { status: 400 });
    const values = { ...form.data, organisation: form.data.organisation ?? "", district: form.data.district ?? "" };
    if (emailTaken(form.data.email, user.id)) return data({ intent, errors: { email: "errors.email.taken" }, values, saved: false }, { status: 400 });
    const { currentPassword, ...profile } = form.data;
    const emailChanged = normalizeEmail(profile.email) !== user.email;
    if (emailChanged && !(await passwordMatches(user.id, currentPassword ?? ""))) {
      const error = currentPassword ? "errors.password.current" : "security.email.passwordNeeded";
      return data({ intent, errors: { currentPassword: error }, values, saved: false }, { status: 400 });
    }
    updateProfile(user.id, profile, source);
    if (emailChanged) sendEmailVerification(user.id, new Date());
    return { intent, errors: {}, values, saved: true };
  }
  if (intent === "resend-verification") {
    const stored = getUserById(user.id);
    invariantResponse(stored && !stored.emailVerifiedAt, "errors.form.invalid", 409);
    if (!sendEmailVerification(user.id, new Date())) return data({ intent, errors: { form: "mail.account.tooMany" }, values: {}, saved: false }, { status: 429 });
    return { intent, errors: {}, values: {}, saved: true };
  }
  if (intent === "reminders") {
    const wanted = formData.get("reminders");
    invariantResponse(wanted === null || wanted === "on", "errors.form.invalid", 400);
    setRemindersOptOut(user.id, wanted === null);
    return { intent, errors: {}, values: {}, saved: true };
  }
  invariantResponse(intent === "password", "errors.form.invalid", 400);
  const form = validateForm(formData, PasswordChangeSchema);
  if (!form.ok) return data({ intent, errors: form.errors, values: {}, saved: false }, { status: 400 });
  if (!(await changePassword(user.id, form.data.currentPassword, form.data.newPassword, source))) {
    return data({ intent, errors: { currentPassword: "errors.password.current" }, values: {}, saved: false }, { status: 400 });
  }
  await endOtherSessions(request, user);
  return { intent, errors: {}, values: {}, saved: true };
}

export default function Account() {
  const { t } = useTranslation();
  const { profile, emailVerified, reminders, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const profileResult = result?.intent === "profile" ? result : undefined;
  const passwordResult = result?.intent === "password" ? result : undefined;
  const errors: Record<string, string> = profileResult?.errors ?? {};
  const values: Record<string, string> = { ...profile, ...(profileResult?.values ?? {}) };
  const passwordErrors: Record<string, string> = passwordResult?.errors ?? {};
  return (
    <div className="narrow">
      <h1>{t("account.title")}</h1>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        {profileResult?.saved ? (
          <p className="notice" role="status">
            {t("account.profileSaved")}
          </p>
        ) : null}
        <FormErrorSummary errors={errors} />
        <Form method="post" noValidate>
          <CsrfInput />
          <Field name="fullName" label={t("fields.fullName")} hint={t("register.fullNameHint")} error={errors.fullName} defaultValue={values.fullName} autoComplete="name" />
          <Field name="email" type="email" label={t("fields.email")} error={errors.email} defaultValue={values.email} autoComplete="email" />
          <InstitutionField error={errors.institutionType} defaultValue={values.institutionType} />
          <OrganisationField error={errors.organisation} defaultValue={values.organisation} />
          <DistrictField error={errors.district} defaultValue={values.district} />
          <LanguageField error={errors.language} defaultValue={values.language} />
          <Field
            name="currentPassword"
            type="password"
            label={t("fields.currentPassword")}
            hint={t("security.email.currentPasswordHint")}
            error={errors.currentPassword}
            autoComplete="current-password"
            required={false}
          />
          <button type="submit" name="intent" value="profile" className="button">
            {t("account.saveProfile")}
          </button>
        </Form>
        <EmailConfirmation verified={emailVerified} email={profile.email} result={result?.intent === "resend-verification" ? result : undefined} />
      </section>
      <section aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">{t("mail.account.reminders")}</h2>
        {result?.intent === "reminders" && result.saved ? (
          <p className="notice" role="status">
            {t("mail.account.remindersSaved")}
          </p>
        ) : null}
        <Form method="post">
          <CsrfInput />
          <div className="field field--checkbox">
            <input id="field-reminders" type="checkbox" name="reminders" value="on" defaultChecked={reminders} aria-describedby="field-reminders-hint" />
            <label htmlFor="field-reminders">{t("mail.account.remindersLabel")}</label>
            <p className="field__hint" id="field-reminders-hint">
              {t("mail.account.remindersHint")}
            </p>
          </div>
          <button type="submit" name="intent" value="reminders" className="button">
            {t("mail.account.remindersSave")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("account.changePassword")}</h2>
        {passwordResult?.saved ? (
          <p className="notice" role="status">
            {t("account.passwordChanged")}
          </p>
        ) : null}
        <FormErrorSummary errors={passwordErrors} />
        <Form method="post" noValidate>
          <CsrfInput />
          <Field name="currentPassword" type="password" label={t("fields.currentPassword")} error={passwordErrors.currentPassword} autoComplete="current-password" />
          <Field name="newPassword" type="password" label={t("fields.newPassword")} hint={t("register.passwordHint")} error={passwordErrors.newPassword} autoComplete="new-password" />
          <Field name="confirmPassword" type="password" label={t("fields.confirmPassword")} error={passwordErrors.confirmPassword} autoComplete="new-password" />
          <button type="submit" name="intent" value="password" className="button">
            {t("account.changePassword")}
          </button>
        </Form>
      </section>
      <ActiveSessions sessions={sessions} ended={result && "ended" in result ? result.ended : null} />
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("security.data.title")}</h2>
        <p>{t("security.data.intro")}</p>
        <p>
          <a href="/account/data" download>
            {t("security.data.download")}
          </a>
        </p>
        <p>
          <Link to="/account/delete">{t("security.data.deleteLink")}</Link>
        </p>
      </section>
    </div>
  );
}

/** Whether the address is confirmed, and a button that sends the link again while it is not. */
function EmailConfirmation({ verified, email, result }: { verified: boolean; email: string; result?: { saved: boolean; errors: Record<string, string> } }) {
  const { t } = useTranslation();
  if (verified) return <p>{t("mail.account.emailVerified")}</p>;
  return (
    <div className="email-confirmation">
      {result?.saved ? (
        <p className="notice" role="status">
          {t("mail.account.resent", { email })}
        </p>
      ) : result?.errors.form ? (
        <p className="notice notice--warning" role="alert">
          {t(result.errors.form)}
        </p>
      ) : (
        <p>{t("mail.account.emailUnverified")}</p>
      )}
      <Form method="post">
        <CsrfInput />
        <button type="submit" name="intent" value="resend-verification" className="button">
          {t("mail.account.resend")}
        </button>
      </Form>
    </div>
  );
}
