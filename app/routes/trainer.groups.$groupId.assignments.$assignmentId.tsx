import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { findCourse, localize } from "~/content/courses.server";
import { dayOf, endOfDay, TIME_ZONE } from "~/groups/due-dates";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupHeader } from "~/groups/group-ui";
import { AdjustmentSchema } from "~/groups/schemas";
import { effectiveDueAt, getLearnerAdjustments, listAdjustmentHistory, recordAdjustment } from "~/models/adjustments.server";
import { findGroupAssignment } from "~/models/assignments.server";
import { isGroupMember, listGroupMembers } from "~/models/groups.server";
import { readForm, validateForm } from "~/utils/forms.server";
import { errorResponse, invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

/** The group (which the user must manage) and its assignment named in the URL; 404 for anything else. */
async function requireAssignment(request: Request, params: Record<string, string | undefined>) {
  const managed = await requireManagedGroup(request, params);
  const id = /^\d{1,12}$/.test(params.assignmentId ?? "") ? Number(params.assignmentId) : Number.NaN;
  const assignment = Number.isSafeInteger(id) ? findGroupAssignment(managed.group.id, id) : undefined;
  if (!assignment) throw errorResponse("groups.assignments.errors.unknown", 404);
  return { ...managed, assignment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, assignment } = await requireAssignment(request, params);
  const { t, language } = await getT(request);
  const course = findCourse(assignment.courseId);
  const courseTitle = course ? localize(course.title, language, course) : assignment.courseId;
  const adjustments = getLearnerAdjustments(group.id).get(assignment.id) ?? new Map();
  const learners = listGroupMembers(group.id).map((member) => {
    const adjustment = adjustments.get(member.id);
    return {
      id: member.id,
      fullName: member.fullName,
      dueAt: effectiveDueAt(assignment, adjustment),
      extraAttempts: adjustment?.extraAttempts ?? 0,
      extraMinutes: adjustment?.extraMinutes ?? 0,
      changedByName: adjustment?.changedByName ?? null,
      changedAt: adjustment?.changedAt ?? null,
    };
  });
  const chosenId = Number(new URL(request.url).searchParams.get("learner"));
  const chosen = learners.find((learner) => learner.id === chosenId) ?? null;
  return {
    title: `${t("groups.pageTitle", { page: t("groups.adjustments.title", { course: courseTitle }), group: group.name })} · Trag`,
    group,
    assignmentId: assignment.id,
    courseTitle,
    assignmentDue: assignment.dueAt,
    learners,
    chosen: chosen && { ...chosen, day: dayOf(chosen.dueAt) > dayOf(assignment.dueAt) ? dayOf(chosen.dueAt) : "", history: listAdjustmentHistory(assignment.id, chosen.id) },
  };
}

function refuse(errors: Record<string, string>, values: Record<string, string>) {
  return data({ done: null as string | null, errors: errors as Record<string, string> | null, values: values as Record<string, string> | null }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group, assignment } = await requireAssignment(request, params);
  const formData = await readForm(request);
  invariantResponse(formData.get("intent") === "adjust", "errors.form.invalid", 400);
  const form = validateForm(formData, AdjustmentSchema);
  if (!form.ok) return refuse(form.errors, form.values);
  const { userId, due, extraAttempts, extraMinutes } = form.data;
  // A learner of another group answers like an unknown one.
  invariantResponse(isGroupMember(group.id, userId), "groups.errors.notMember", 404);
  if (due !== "" && due < dayOf(assignment.dueAt)) return refuse({ due: "groups.adjustments.errors.earlier" }, { due, extraAttempts: String(extraAttempts), extraMinutes: String(extraMinutes) });
  recordAdjustment({
    assignmentId: assignment.id,
    userId,
    dueAt: due === "" || due === dayOf(assignment.dueAt) ? null : endOfDay(due),
    extraAttempts,
    extraMinutes,
    changedBy: user.id,
    changedAt: new Date(),
  });
  return data({ done: "groups.adjustments.saved" as string | null, errors: null as Record<string, string> | null, values: null as Record<string, string> | null });
}

export default function AssignmentAdjustments() {
  const { t, i18n } = useTranslation();
  const { group, assignmentId, courseTitle, assignmentDue, learners, chosen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const dayFormat = createDateFormat(i18n.language, { dateStyle: "long", timeZone: TIME_ZONE });
  const whenFormat = createDateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
  const base = `/trainer/groups/${group.id}/assignments`;
  return (
    <div>
      <GroupHeader group={group} title={t("groups.adjustments.title", { course: courseTitle })} />
      <p>{t("groups.assignments.due", { date: dayFormat.format(new Date(assignmentDue)) })}</p>
      <p>{t("groups.adjustments.intro")}</p>
      {result?.done ? (
        <p role="status" className="notice">
          {t(result.done)}
        </p>
      ) : null}
      {chosen ? (
        <section aria-labelledby="adjust-learner" className="card">
          <h2 id="adjust-learner">{t("groups.adjustments.for", { name: chosen.fullName })}</h2>
          <FormErrorSummary errors={result?.errors ?? undefined} />
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="userId" value={chosen.id} />
            <Field
              name="due"
              type="date"
              label={t("groups.adjustments.due")}
              hint={t("groups.adjustments.dueHint")}
              error={result?.errors?.due}
              defaultValue={result?.values?.due ?? chosen.day}
              required={false}
            />
            <Field
              name="extraAttempts"
              type="number"
              label={t("groups.adjustments.extraAttempts")}
              hint={t("groups.adjustments.extraAttemptsHint")}
              error={result?.errors?.extraAttempts}
              defaultValue={result?.values?.extraAttempts ?? String(chosen.extraAttempts)}
            />
            <Field
              name="extraMinutes"
              type="number"
              label={t("groups.adjustments.extraMinutes")}
              hint={t("groups.adjustments.extraMinutesHint")}
              error={result?.errors?.extraMinutes}
              defaultValue={result?.values?.extraMinutes ?? String(chosen.extraMinutes)}
            />
            <button type="submit" name="intent" value="adjust" className="button">
              {t("groups.adjustments.save")}
            </button>
          </Form>
          {chosen.history.length > 0 ? (
            <>
              <h3>{t("groups.adjustments.history")}</h3>
              <ul>
                {chosen.history.map((entry, index) => (
                  <li key={index}>
                    {t("groups.adjustments.historyEntry", {
                      when: whenFormat.format(new Date(entry.changedAt)),
                      who: entry.changedByName ?? t("groups.adjustments.someone"),
                      due: entry.dueAt ? dayFormat.format(new Date(entry.dueAt)) : t("groups.adjustments.groupDue"),
                      attempts: entry.extraAttempts,
                      minutes: entry.extraMinutes,
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      {learners.length === 0 ? (
        <p>{t("groups.adjustments.noLearners")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("groups.adjustments.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.fullName")}</th>
                <th scope="col">{t("groups.adjustments.dueColumn")}</th>
                <th scope="col">{t("groups.adjustments.extraAttempts")}</th>
                <th scope="col">{t("groups.adjustments.extraMinutes")}</th>
                <th scope="col">{t("groups.adjustments.changed")}</th>
              </tr>
            </thead>
            <tbody>
              {learners.map((learner) => (
                <tr key={learner.id}>
                  <th scope="row">
                    <Link to={`${base}/${assignmentId}?learner=${learner.id}#adjust-learner`} aria-label={t("groups.adjustments.adjustName", { name: learner.fullName })}>
                      {learner.fullName}
                    </Link>
                  </th>
                  <td>{dayFormat.format(new Date(learner.dueAt))}</td>
                  <td>{learner.extraAttempts}</td>
                  <td>{learner.extraMinutes}</td>
                  <td>
                    {learner.changedAt
                      ? t("groups.adjustments.changedBy", { who: learner.changedByName ?? t("groups.adjustments.someone"), when: whenFormat.format(new Date(learner.changedAt)) })
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to={base}>{t("groups.adjustments.back")}</Link>
      </p>
    </div>
  );
}
