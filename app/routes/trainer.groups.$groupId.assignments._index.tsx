import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrorSummary } from "~/components/form-field";
import { AssignmentSchema, assignableCourses, createGroupAssignment } from "~/groups/assignments.server";
import { dayOf, TIME_ZONE } from "~/groups/due-dates";
import { requireManagedGroup } from "~/groups/guards.server";
import { GroupHeader } from "~/groups/group-ui";
import { AssignmentIdSchema } from "~/groups/schemas";
import { deleteGroupAssignment, listGroupAssignments } from "~/models/assignments.server";
import { readForm } from "~/utils/forms.server";
import { errorResponse, invariantResponse } from "~/utils/http.server";
import type { StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireManagedGroup(request, params);
  const { t, language } = await getT(request);
  const courses = assignableCourses(language);
  const assignments = listGroupAssignments(group.id).map((assignment) => {
    const course = courses.find((c) => c.id === assignment.courseId);
    return {
      id: assignment.id,
      courseTitle: course?.title ?? assignment.courseId,
      wholeCourse: assignment.wholeCourse,
      modules: assignment.moduleIds.map((id) => course?.modules.find((m) => m.id === id)?.title ?? id),
      dueAt: assignment.dueAt,
      note: assignment.note,
    };
  });
  return { title: `${t("groups.pageTitle", { page: t("groups.assignments.title"), group: group.name })} · Trag`, group, courses, assignments, today: dayOf(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireManagedGroup(request, params);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "delete") {
    const parsed = AssignmentIdSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, "errors.form.invalid", 400);
    invariantResponse(deleteGroupAssignment(group.id, parsed.data.assignmentId), "groups.assignments.errors.unknown", 404);
    return data({ done: "groups.assignments.deleted", errors: null, values: null });
  }
  if (intent !== "create") throw errorResponse("errors.form.invalid", 400);
  const fields = {
    courseId: formData.get("courseId") ?? undefined,
    scope: formData.get("scope") ?? undefined,
    modules: formData.getAll("modules"),
    due: formData.get("due") ?? "",
    note: formData.get("note") ?? "",
  };
  const values = { courseId: String(fields.courseId ?? ""), scope: String(fields.scope ?? ""), modules: fields.modules.map(String), due: String(fields.due), note: String(fields.note) };
  const parsed = AssignmentSchema.safeParse(fields);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return data({ done: null, errors, values }, { status: 400 });
  }
  const created = createGroupAssignment(group.id, user.id, parsed.data, new Date());
  if (!created.ok) return data({ done: null, errors: created.errors, values }, { status: 400 });
  throw redirect(`/trainer/groups/${group.id}/assignments`);
}

export default function GroupAssignments() {
  const { t, i18n } = useTranslation();
  const { group, courses, assignments, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? undefined;
  const values = result?.values;
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "long", timeZone: TIME_ZONE });
  return (
    <div>
      <GroupHeader group={group} title={t("groups.assignments.title")} />
      {result?.done ? (
        <p role="status" className="notice">
          {t(result.done)}
        </p>
      ) : null}
      {assignments.length === 0 ? (
        <p>{t("groups.assignments.none")}</p>
      ) : (
        <ul className="card-list">
          {assignments.map((assignment) => (
            <li key={assignment.id} className="card">
              <h2>{assignment.wholeCourse ? t("groups.assignments.wholeCourse", { course: assignment.courseTitle }) : assignment.courseTitle}</h2>
              {assignment.wholeCourse ? null : (
                <ul>
                  {assignment.modules.map((title) => (
                    <li key={title}>{title}</li>
                  ))}
                </ul>
              )}
              <p>{t("groups.assignments.due", { date: dateFormat.format(new Date(assignment.dueAt)) })}</p>
              {assignment.note ? <p className="assignment-note">{assignment.note}</p> : null}
              <p className="lesson__tools">
                <Link to={`/trainer/groups/${group.id}/assignments/${assignment.id}`}>{t("groups.assignments.adjust")}</Link>
              </p>
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="assignmentId" value={assignment.id} />
                <button
                  type="submit"
                  name="intent"
                  value="delete"
                  aria-label={t("groups.assignments.deleteName", { course: assignment.courseTitle, date: dateFormat.format(new Date(assignment.dueAt)) })}
                >
                  {t("groups.assignments.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      <h2 id="new-assignment">{t("groups.assignments.new")}</h2>
      <FormErrorSummary errors={errors} />
      <Form method="post" noValidate aria-labelledby="new-assignment">
        <CsrfInput />
        <fieldset className={errors?.courseId ? "field field--invalid" : "field"} aria-describedby={errors?.courseId ? "field-courseId-error" : undefined}>
          <legend id="field-courseId">{t("groups.assignments.course")}</legend>
          {courses.map((course, index) => (
            <label key={course.id} className="choice">
              <input type="radio" name="courseId" value={course.id} defaultChecked={values ? values.courseId === course.id : index === 0} /> {course.title}
            </label>
          ))}
          {errors?.courseId ? (
            <p className="field__error" id="field-courseId-error">
              {t(errors.courseId)}
            </p>
          ) : null}
        </fieldset>
        <fieldset className={errors?.scope ? "field field--invalid" : "field"}>
          <legend id="field-scope">{t("groups.assignments.scope")}</legend>
          <label className="choice">
            <input type="radio" name="scope" value="whole" defaultChecked={values ? values.scope === "whole" : true} /> {t("groups.assignments.scopeWhole")}
          </label>
          <label className="choice">
            <input type="radio" name="scope" value="modules" defaultChecked={values?.scope === "modules"} /> {t("groups.assignments.scopeModules")}
          </label>
          {errors?.scope ? <p className="field__error">{t(errors.scope)}</p> : null}
        </fieldset>
        <fieldset className={errors?.modules ? "field field--invalid" : "field"} aria-describedby={errors?.modules ? "field-modules-error" : "field-modules-hint"}>
          <legend id="field-modules">{t("groups.assignments.modules")}</legend>
          <p className="field__hint" id="field-modules-hint">
            {t("groups.assignments.modulesHint")}
          </p>
          {courses.map((course) => (
            <fieldset key={course.id}>
              <legend>{course.title}</legend>
              {course.modules.map((module) => (
                <label key={module.id} className="choice">
                  <input type="checkbox" name="modules" value={`${course.id}/${module.id}`} defaultChecked={values?.modules.includes(`${course.id}/${module.id}`)} /> {module.title}
                </label>
              ))}
            </fieldset>
          ))}
          {errors?.modules ? (
            <p className="field__error" id="field-modules-error">
              {t(errors.modules)}
            </p>
          ) : null}
        </fieldset>
        <Field name="due" type="date" label={t("groups.assignments.dueField")} hint={t("groups.assignments.dueHint")} error={errors?.due} defaultValue={values?.due ?? ""}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="due" type="date" min={today} defaultValue={values?.due ?? ""} required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
          )}
        </Field>
        <Field name="note" label={t("groups.assignments.note")} hint={t("groups.assignments.noteHint")} error={errors?.note} required={false}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} name="note" rows={3} maxLength={2000} defaultValue={values?.note ?? ""} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
          )}
        </Field>
        <button type="submit" name="intent" value="create" className="button">
          {t("groups.assignments.create")}
        </button>
      </Form>
    </div>
  );
}
