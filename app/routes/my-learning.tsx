import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describeCertificate } from "~/certificates/documents.server";
import { CERTIFICATE_TERMS } from "~/certificates/terms";
import { ProgressBar } from "~/components/progress-bar";
import { AssignedList } from "~/groups/assigned-list";
import { listAssignedToLearner } from "~/groups/assignments.server";
import { findCourse, findLesson, lessonTitle, localize } from "~/content/courses.server";
import { LANGUAGES } from "~/content/languages";
import { listUserCertificates } from "~/models/certificates.server";
import { WhatsNewSection } from "~/components/whats-new";
import { getWhatsNew } from "~/learning/whats-new.server";
import { getCourseProgress } from "~/models/completions.server";
import { getEnrolments } from "~/models/progress.server";
import { LANGUAGE_NAMES, type StringsHandle } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { requirePermission } from "~/utils/session.server";
import { createDateFormat } from "~/utils/dates";

export const handle: StringsHandle = { i18n: ["certificates", "groups"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Trag" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "course:study");
  const { language, t } = await getT(request);
  const courses = getEnrolments(user.id).flatMap((enrolment) => {
    const course = findCourse(enrolment.courseId);
    if (!course) return [];
    const progress = getCourseProgress(user.id, course);
    const next = progress.nextLessonId ? findLesson(course, progress.nextLessonId) : undefined;
    return [
      {
        id: course.id,
        title: localize(course.title, language, course),
        percent: progress.percent,
        complete: progress.complete,
        continueTo: next ? `/courses/${course.id}/${next.module.id}/${next.lesson.id}` : `/courses/${course.id}`,
        nextTitle: next ? lessonTitle(course, next.lesson, language) : null,
        lastVisitedAt: enrolment.lastVisitedAt.toISOString(),
        whatsNew: getWhatsNew(user.id, course, language),
      },
    ];
  });
  const certificates = listUserCertificates(user.id).map((certificate) => describeCertificate(certificate, language));
  const assigned = listAssignedToLearner(user.id, language, new Date());
  return { title: `${t("dashboard.title")} · Trag`, name: user.fullName, assigned, courses, certificates, language };
}

export default function MyLearning() {
  const { t, i18n } = useTranslation();
  const { name, assigned, courses, certificates, language } = useLoaderData<typeof loader>();
  const dateFormat = createDateFormat(i18n.language, { dateStyle: "long" });
  const inProgress = courses.filter((c) => !c.complete);
  const completed = courses.filter((c) => c.complete);
  return (
    <div>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.welcome", { name })}</p>
      <p>
        <Link to="/join">{t("groups.join.link")}</Link>
      </p>
      <AssignedList items={assigned} />
      <h2>{t("dashboard.inProgress")}</h2>
      {inProgress.length === 0 ? (
        <p>
          {t(completed.length > 0 ? "dashboard.nothingInProgress" : "dashboard.nothing")} <Link to="/courses">{t("dashboard.browse")}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {inProgress.map((course) => (
            <li key={course.id} className="card">
              <h3>{course.title}</h3>
              <ProgressBar percent={course.percent} label={t("progressBar.courseLabel", { title: course.title })} />
              <p className="muted">{t("dashboard.lastVisited", { date: dateFormat.format(new Date(course.lastVisitedAt)) })}</p>
              <p>
                <Link className="button" to={course.continueTo} aria-describedby={course.nextTitle ? `next-${course.id}` : undefined}>
                  {t("dashboard.continue")}
                </Link>{" "}
                {course.nextTitle ? (
                  <span id={`next-${course.id}`} className="muted">
                    {t("dashboard.next", { title: course.nextTitle })}
                  </span>
                ) : null}
              </p>
              {course.whatsNew ? <WhatsNewSection courseId={course.id} whatsNew={course.whatsNew} headingLevel={4} /> : null}
            </li>
          ))}
        </ul>
      )}
      {completed.length > 0 ? (
        <>
          <h2>{t("dashboard.completed")}</h2>
          <ul className="card-list">
            {completed.map((course) => (
              <li key={course.id} className="card">
                <h3>
                  <Link to={`/courses/${course.id}`}>{course.title}</Link>
                </h3>
                <p className="status status--complete">{t("status.complete")}</p>
                {course.whatsNew ? <WhatsNewSection courseId={course.id} whatsNew={course.whatsNew} headingLevel={4} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="my-certificates">{t("certificates.dashboard.title")}</h2>
      <p>{t("certificates.dashboard.intro", CERTIFICATE_TERMS)}</p>
      {certificates.length === 0 ? (
        <p>{t("certificates.dashboard.none")}</p>
      ) : (
        <ul className="card-list">
          {certificates.map((certificate) => (
            <li key={certificate.code} className="card" data-certificate={certificate.code} aria-label={t("certificates.dashboard.cardLabel", { title: certificate.courseTitle })}>
              <h3>{certificate.courseTitle}</h3>
              <p>{t("certificates.dashboard.issued", { date: certificate.completedOn, score: certificate.score })}</p>
              <p className="muted">{t("certificates.dashboard.code", { code: certificate.code })}</p>
              {certificate.status === "revoked" ? <p className="status">{t("certificates.dashboard.revoked", { date: certificate.revokedOn, reason: certificate.revocationReason })}</p> : null}
              <p className="lesson__tools">
                <a className="button" href={`/certificates/${certificate.code}/pdf`} download aria-label={t("certificates.dashboard.downloadPdfFor", { title: certificate.courseTitle })}>
                  {t("certificates.dashboard.downloadPdf")}
                </a>
                <a
                  className="button button--secondary"
                  href={`/certificates/${certificate.code}/credential`}
                  download
                  aria-label={t("certificates.dashboard.downloadCredentialFor", { title: certificate.courseTitle })}
                >
                  {t("certificates.dashboard.downloadCredential")}
                </a>
                <Link to={`/verify/${certificate.code}`} aria-label={t("certificates.dashboard.verifyFor", { title: certificate.courseTitle })}>
                  {t("certificates.dashboard.verify")}
                </Link>
              </p>
              <p className="muted">
                {t("certificates.dashboard.otherLanguages")}{" "}
                {LANGUAGES.filter((other) => other !== language).map((other, index) => (
                  <span key={other}>
                    {index > 0 ? " · " : null}
                    <a href={`/certificates/${certificate.code}/pdf?language=${other}`} download lang={other} hrefLang={other}>
                      {LANGUAGE_NAMES[other]}
                    </a>
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
