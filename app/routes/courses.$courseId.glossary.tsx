import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { References } from "~/components/references";
import { calloutLabels } from "~/content/callout-labels.server";
import { localize, renderList, requireCourse } from "~/content/courses.server";
import { getT } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Trag` : "Trag" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = requireCourse(params.courseId);
  const { language, t } = await getT(request);
  const collator = new Intl.Collator(language);
  const terms = course.glossary.map((term) => ({ id: term.id, term: localize(term.term, language, course), definition: term.definition })).sort((a, b) => collator.compare(a.term, b.term));
  const definitionList = terms.map((term) => term.definition);
  const rendered = renderList(course, definitionList, language, calloutLabels(language, t));
  const definitions = rendered.html.match(/<li>([\s\S]*?)<\/li>/g)?.map((li) => li.slice(4, -5)) ?? [];
  return {
    title: t("glossary.title"),
    course: { id: course.id, title: localize(course.title, language, course) },
    terms: terms.map((term, i) => ({ id: term.id, term: term.term, html: definitions[i] ?? "" })),
    references: rendered.references,
  };
}

export default function Glossary() {
  const { t } = useTranslation();
  const { course, terms, references } = useLoaderData<typeof loader>();
  return (
    <div>
      <Breadcrumb trail={[{ to: `/courses/${course.id}`, label: course.title }]} current={t("glossary.title")} />
      <h1>{t("glossary.title")}</h1>
      <p>{t("glossary.intro", { count: terms.length })}</p>
      <dl className="glossary">
        {terms.map((term) => (
          <div key={term.id} id={term.id}>
            <dt>{term.term}</dt>
            <dd dangerouslySetInnerHTML={{ __html: term.html }} />
          </div>
        ))}
      </dl>
      <References references={references} />
    </div>
  );
}
