import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { useWorkshopText } from "~/groups/group-ui";
import { normalizeJoinCode } from "~/groups/join-code";
import { addGroupMember, isGroupMember, lookUpJoinCode, type JoinCodeLookup } from "~/models/groups.server";
import { readForm } from "~/utils/forms.server";
import { errorResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { getUser, requirePermission } from "~/utils/session.server";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

const REFUSALS = {
  unknown: { status: 404, message: "groups.join.unknown" },
  replaced: { status: 404, message: "groups.join.replaced" },
  closed: { status: 403, message: "groups.join.closedMessage" },
} as const;

function lookUp(param: string | undefined): JoinCodeLookup {
  const code = normalizeJoinCode(param ?? "");
  return code ? lookUpJoinCode(code) : { status: "unknown" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await getT(request);
  const title = `${t("groups.join.title")} · Trag`;
  const found = lookUp(params.code);
  if (found.status !== "open") return data({ title, refusal: REFUSALS[found.status].message, group: null, signedIn: false, member: false }, { status: REFUSALS[found.status].status });
  const user = await getUser(request);
  return { title, refusal: null, group: found.group, signedIn: Boolean(user), member: user ? isGroupMember(found.group.id, user.id) : false };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "course:study");
  await readForm(request);
  const found = lookUp(params.code);
  if (found.status !== "open") throw errorResponse(REFUSALS[found.status].message, REFUSALS[found.status].status);
  addGroupMember(found.group.id, user.id, new Date());
  return redirect("/my-learning");
}

export default function JoinGroup() {
  const { t } = useTranslation();
  const { refusal, group, signedIn, member } = useLoaderData<typeof loader>();
  const workshopText = useWorkshopText();
  if (refusal || !group) {
    return (
      <div className="narrow">
        <h1>{t("groups.join.title")}</h1>
        <p role="alert" className="form-errors">
          {t(refusal ?? "groups.join.unknown")}
        </p>
        <p>
          <Link to="/join">{t("groups.join.tryAnother")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("groups.join.groupTitle", { group: group.name })}</h1>
      {group.description ? <p>{group.description}</p> : null}
      {group.workshopDate ? <p className="muted">{workshopText(group)}</p> : null}
      {member ? (
        <p>
          {t("groups.join.already")} <Link to="/my-learning">{t("nav.myLearning")}</Link>
        </p>
      ) : signedIn ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button">
            {t("groups.join.submit")}
          </button>
        </Form>
      ) : (
        <JoinSignIn />
      )}
    </div>
  );
}

/** For a visitor: log in or register, and come back here to join. */
function JoinSignIn() {
  const { t } = useTranslation();
  const back = new URLSearchParams({ redirectTo: useLocation().pathname });
  return (
    <>
      <p>{t("groups.join.signInFirst")}</p>
      <p className="lesson__tools">
        <Link className="button" to={`/login?${back}`}>
          {t("nav.login")}
        </Link>
        <Link className="button button--secondary" to={`/register?${back}`}>
          {t("nav.register")}
        </Link>
      </p>
    </>
  );
}
