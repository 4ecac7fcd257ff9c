import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LoginSchema } from "~/accounts/schemas";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { recordAuditEvent } from "~/models/audit.server";
import { findUserByEmail, verifyLogin } from "~/models/users.server";
import { loginSucceeded, startLoginAttempt } from "~/security/login-throttle.server";
import { getClientAddress } from "~/utils/client-address.server";
import { readForm, validateForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { getUser, startSession } from "~/utils/session.server";
import { createDateFormat } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

// The action's headers reach the response only through this: a 429's Retry-After among them.
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => errorHeaders ?? actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/my-learning");
  const { t } = await getT(request);
  return { title: `${t("login.title")} · Trag` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = validateForm(await readForm(request), LoginSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values, retryAt: null }, { status: 400 });
  const { email, password, redirectTo } = form.data;
  const now = new Date();
  const clientAddress = getClientAddress(request, context);
  // Counted before the (slow) password check; a wrong password leaves the attempt counted.
  const throttle = await startLoginAttempt(request, context, email, now);
  if (!throttle.attempt.allowed) {
    recordAuditEvent({ kind: "login.failed", subjectId: findUserByEmail(email)?.id, clientAddress, details: { reason: "throttled" }, at: now });
    const { retryAt, limit } = throttle.attempt;
    return data(
      { errors: { form: limit === "account" ? "errors.login.tooMany" : "errors.login.tooManyFromAddress" }, values: { email }, retryAt: retryAt.toISOString() },
      { status: 429, headers: { "Retry-After": String(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))) } },
    );
  }
  const user = await verifyLogin(email, password);
  if (!user) {
    recordAuditEvent({ kind: "login.failed", subjectId: findUserByEmail(email)?.id, clientAddress, details: { reason: "credentials" }, at: now });
    return data({ errors: { form: "errors.login.incorrect" }, values: { email }, retryAt: null }, { status: 400 });
  }
  recordAuditEvent({ kind: "login.succeeded", actorId: user.id, subjectId: user.id, clientAddress, at: now });
  const deviceCookie = await loginSucceeded(throttle, user.id);
  return startSession(request, user.id, safeRedirect(redirectTo, "/my-learning"), { "Set-Cookie": deviceCookie });
}

export default function Login() {
  const { t, i18n } = useTranslation();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo");
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> | undefined = result?.errors;
  const retryAt = result?.retryAt ? createDateFormat(i18n.language, { timeStyle: "short" }).format(new Date(result.retryAt)) : null;
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <FormErrorSummary errors={errors} />
      {retryAt ? <p className="notice">{t("login.retryAt", { time: retryAt })}</p> : null}
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
        <Field name="email" type="email" label={t("fields.email")} error={errors?.email} defaultValue={result?.values?.email} autoComplete="username" />
        <Field name="password" type="password" label={t("fields.password")} error={errors?.password} autoComplete="current-password" />
        <button type="submit" className="button" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to={redirectTo ? `/register?${new URLSearchParams({ redirectTo })}` : "/register"}>{t("nav.register")}</Link>
      </p>
    </div>
  );
}
