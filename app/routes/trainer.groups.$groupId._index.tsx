import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/form-field";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupHeader, useFormatDay, useWorkshopText } from "~/groups/group-ui";
import { formatJoinCode } from "~/groups/join-code";
import { TrainerEmailSchema, UserIdFieldSchema } from "~/groups/schemas";
import { addGroupTrainer, listGroupTrainers, regenerateJoinCode, removeGroupTrainer, setGroupArchived, setJoiningOpen } from "~/models/groups.server";
import { findUserByEmail } from "~/models/users.server";
import { getEnv } from "~/utils/env.server";
import { readForm, validateForm } from "~/utils/forms.server";
import { errorResponse, invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { hasPermission } from "~/utils/permissions";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, group } = await requireManagedGroup(request, params);
  const { joinCode, ...details } = group;
  return {
    title: `${group.name} · Trag`,
    group: details,
    joinCode: formatJoinCode(joinCode),
    joinLink: new URL(`/join/${formatJoinCode(joinCode)}`, getEnv().PUBLIC_URL).href,
    trainers: listGroupTrainers(group.id),
    userId: user.id,
  };
}

const done = (key: string) => data({ done: key, errors: null as Record<string, string> | null });
const refuse = (errors: Record<string, string>, status: number) => data({ done: null as string | null, errors }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireManagedGroup(request, params);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const now = new Date();
  switch (intent) {
    case "regenerate":
      regenerateJoinCode(group.id, now);
      return done("groups.overview.regenerated");
    case "close":
    case "open":
      setJoiningOpen(group.id, intent === "open");
      return done(intent === "open" ? "groups.overview.opened" : "groups.overview.closed");
    case "archive":
    case "unarchive":
      setGroupArchived(group.id, intent === "archive" ? now : null);
      return done(intent === "archive" ? "groups.overview.archived" : "groups.overview.unarchived");
    case "add-trainer": {
      const form = validateForm(formData, TrainerEmailSchema);
      if (!form.ok) return refuse(form.errors, 400);
      const trainer = findUserByEmail(form.data.email);
      if (!trainer || !trainer.active || !hasPermission(trainer.role, "group:manage")) return refuse({ email: "groups.errors.noTrainer" }, 400);
      if (!addGroupTrainer(group.id, trainer.id, now)) return refuse({ email: "groups.errors.alreadyTrainer" }, 409);
      return done("groups.overview.trainerAdded");
    }
    case "remove-trainer": {
      const parsed = UserIdFieldSchema.safeParse(Object.fromEntries(formData));
      invariantResponse(parsed.success, "errors.form.invalid", 400);
      const removed = removeGroupTrainer(group.id, parsed.data.userId);
      invariantResponse(removed !== "not-trainer", "groups.errors.notTrainer", 404);
      if (removed === "last") return refuse({ form: "groups.errors.lastTrainer" }, 409);
      if (parsed.data.userId === user.id && user.role !== "admin") throw redirect("/trainer/groups");
      return done("groups.overview.trainerRemoved");
    }
    default:
      throw errorResponse("errors.form.invalid", 400);
  }
}

export default function GroupOverview() {
  const { t } = useTranslation();
  const { group, joinCode, joinLink, trainers, userId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formatDay = useFormatDay();
  const workshopText = useWorkshopText();
  const period =
    group.startsOn && group.endsOn
      ? t("groups.overview.period", { start: formatDay(group.startsOn), end: formatDay(group.endsOn) })
      : group.startsOn
        ? t("groups.overview.from", { date: formatDay(group.startsOn) })
        : group.endsOn
          ? t("groups.overview.until", { date: formatDay(group.endsOn) })
          : null;
  return (
    <div>
      <GroupHeader group={group} />
      {result?.done ? (
        <p role="status" className="notice">
          {t(result.done)}
        </p>
      ) : null}
      {result?.errors?.form ? (
        <p role="alert" className="form-errors">
          {t(result.errors.form)}
        </p>
      ) : null}
      {group.description ? <p className="lead">{group.description}</p> : null}
      <ul>
        {group.workshopDate ? <li>{workshopText(group)}</li> : null}
        {period ? <li>{period}</li> : null}
      </ul>

      <section aria-labelledby="joining">
        <h2 id="joining">{t("groups.overview.joining")}</h2>
        {group.joiningOpen && !group.archivedAt ? (
          <>
            <p>{t("groups.overview.joiningOpen")}</p>
            <dl className="join-code">
              <dt>{t("groups.overview.code")}</dt>
              <dd>
                <code data-join-code>{joinCode}</code>
              </dd>
              <dt>{t("groups.overview.link")}</dt>
              <dd>
                <code>{joinLink}</code>
              </dd>
            </dl>
          </>
        ) : (
          <p>{t(group.archivedAt ? "groups.overview.joiningArchived" : "groups.overview.joiningClosed")}</p>
        )}
        <Form method="post" className="inline-form">
          <CsrfInput />
          <button type="submit" name="intent" value="regenerate" className="button button--secondary">
            {t("groups.overview.regenerate")}
          </button>
          <button type="submit" name="intent" value={group.joiningOpen ? "close" : "open"} className="button button--secondary">
            {t(group.joiningOpen ? "groups.overview.close" : "groups.overview.open")}
          </button>
        </Form>
        <p className="muted">{t("groups.overview.regenerateHint")}</p>
      </section>

      <section aria-labelledby="trainers">
        <h2 id="trainers">{t("groups.overview.trainers")}</h2>
        <ul>
          {trainers.map((trainer) => (
            <li key={trainer.id}>
              {trainer.fullName} <span className="muted">({trainer.email})</span>
              {trainers.length > 1 ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={trainer.id} />
                  <button type="submit" name="intent" value="remove-trainer" className="link-button" aria-label={t("groups.overview.removeTrainerName", { name: trainer.fullName })}>
                    {t(trainer.id === userId ? "groups.overview.leave" : "groups.overview.removeTrainer")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="narrow">
          <CsrfInput />
          <Field name="email" type="email" label={t("groups.overview.addTrainer")} hint={t("groups.overview.addTrainerHint")} error={result?.errors?.email} autoComplete="off" />
          <button type="submit" name="intent" value="add-trainer" className="button button--secondary">
            {t("groups.overview.addTrainerSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="archive">
        <h2 id="archive">{t(group.archivedAt ? "groups.overview.unarchiveTitle" : "groups.overview.archiveTitle")}</h2>
        <p>{t(group.archivedAt ? "groups.overview.unarchiveHint" : "groups.overview.archiveHint")}</p>
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value={group.archivedAt ? "unarchive" : "archive"} className="button button--secondary">
            {t(group.archivedAt ? "groups.overview.unarchive" : "groups.overview.archive")}
          </button>
        </Form>
      </section>
    </div>
  );
}
