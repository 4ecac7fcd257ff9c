import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScrollingTable } from "~/components/scrolling-table";
import { LANGUAGES, type Language } from "~/content/localized";
import { LANGUAGE_NAMES } from "~/utils/i18n";
import type { ValueKind } from "./dashboard";
import { formatFigure } from "./format";
import { ITEM_LANGUAGES, type Flag, type ItemLanguage } from "./items";
import type { Protected } from "./suppression";

/**
 * The item-analysis page, shared by the reviewers' route (/statistics/items) and the trainers'
 * (/trainer/groups/:groupId/items). Every figure is already protected by the server; this only
 * writes them out, as tables with headings per language, without any JavaScript.
 */

type Cells<T> = Record<ItemLanguage, T>;
export type ItemAnalysisData = {
  course: { id: string; title: string };
  module: { id: string; title: string };
  courses: { id: string; title: string; quizzes: { id: string; title: string }[] }[];
  groups: { id: number; name: string }[] | null;
  group: { id: number; name: string } | null;
  quizzes: { moduleId: string; title: string; cells: Cells<{ attempts: Protected; learners: Protected; alpha: Protected }>; flagged: number }[];
  questions: {
    id: string;
    number: number;
    prompt: string;
    prompts: Record<Language, string>;
    cells: Cells<{ attempts: Protected; facility: Protected; discrimination: Protected; flags: Flag[] }>;
    flags: { language: ItemLanguage; flag: Flag }[];
    parts: { key: string; label: string; correct: boolean; cells: Cells<{ count: Protected; share: Protected }> }[];
  }[];
  /** The page's own path and its query string (course, quiz, and the group a reviewer chose). */
  path: string;
  search: string;
};

function useLanguageLabel() {
  const { t } = useTranslation();
  return (l: ItemLanguage) => (l === "all" ? t("statistics.items.allLanguages") : LANGUAGE_NAMES[l]);
}

/** Language headings over their columns, then the measures: a two-row header. */
function LanguageHeader({ first, measures }: { first: string; measures: string[] }) {
  const label = useLanguageLabel();
  return (
    <thead>
      <tr>
        <th scope="col" rowSpan={2}>
          {first}
        </th>
        {ITEM_LANGUAGES.map((l) => (
          <th key={l} scope="colgroup" colSpan={measures.length} lang={l === "all" ? undefined : l}>
            {label(l)}
          </th>
        ))}
      </tr>
      <tr>
        {ITEM_LANGUAGES.flatMap((l) =>
          measures.map((m) => (
            <th key={`${l}-${m}`} scope="col" className="number">
              {m}
            </th>
          )),
        )}
      </tr>
    </thead>
  );
}

function Downloads({ table, data }: { table: "quizzes" | "questions" | "responses"; data: ItemAnalysisData }) {
  const { t } = useTranslation();
  const name = t(`statistics.items.tables.${table}`);
  return (
    <ul className="statistics-downloads">
      {(["csv", "xlsx"] as const).map((format) => (
        <li key={format}>
          <a href={`${data.path}/export?${data.search}&table=${table}&format=${format}`} download aria-label={t("statistics.downloadTable", { table: name, format: t(`statistics.${format}`) })}>
            {t(`statistics.${format}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}

function FlagList({ flags }: { flags: { language: ItemLanguage; flag: Flag }[] }) {
  const { t } = useTranslation();
  const label = useLanguageLabel();
  if (flags.length === 0) return null;
  return (
    <ul className="item-flags">
      {flags.map((f) => (
        <li key={`${f.language}-${f.flag}`}>
          {t(`statistics.items.flags.${f.flag}`)} ({label(f.language)})
        </li>
      ))}
    </ul>
  );
}

function Prompts({ prompts }: { prompts: Record<Language, string> }) {
  return (
    <dl className="item-prompts">
      {LANGUAGES.map((l) => (
        <div key={l}>
          <dt>{LANGUAGE_NAMES[l]}</dt>
          <dd lang={l}>{prompts[l]}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ItemAnalysisPage({ data, title }: { data: ItemAnalysisData; title: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const f = (value: Protected, kind: ValueKind) => formatFigure(value, kind, language);
  const course = data.courses.find((c) => c.id === data.course.id);
  const flagged = data.questions.filter((q) => q.flags.length > 0);
  return (
    <div className="statistics">
      <h1>{title}</h1>
      <p>{t("statistics.items.intro")}</p>
      <p>{t("statistics.items.definitions")}</p>
      <Form method="get" action={data.path} className="statistics-filters">
        <fieldset>
          <legend>{t("statistics.filters.legend")}</legend>
          <div className="field">
            <label htmlFor="items-course">{t("statistics.filters.course")}</label>
            <select id="items-course" name="course" defaultValue={data.course.id}>
              {data.courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="items-module">{t("statistics.items.columns.quiz")}</label>
            <select id="items-module" name="module" defaultValue={data.module.id}>
              {course?.quizzes.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </select>
          </div>
          {data.groups ? (
            <div className="field">
              <label htmlFor="items-group">{t("statistics.filters.group")}</label>
              <select id="items-group" name="group" defaultValue={data.group ? String(data.group.id) : ""}>
                <option value="">{t("statistics.filters.all")}</option>
                {data.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </fieldset>
        <div className="statistics-filters__actions">
          <button type="submit" className="button">
            {t("statistics.filters.apply")}
          </button>
        </div>
      </Form>
      <p className="statistics-note">{t("statistics.items.suppressedNote")}</p>

      <section className="statistics-section">
        <h2 id="items-quizzes">{t("statistics.items.tables.quizzes")}</h2>
        <ScrollingTable labelledBy="items-quizzes" className="statistics-table">
          <LanguageHeader first={t("statistics.items.columns.quiz")} measures={[t("statistics.items.columns.attempts"), t("statistics.items.columns.learners"), t("statistics.items.columns.alpha")]} />
          <tbody>
            {data.quizzes.map((q) => (
              <tr key={q.moduleId}>
                <th scope="row">
                  {q.moduleId === data.module.id ? (
                    q.title
                  ) : (
                    <Link to={`${data.path}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(data.search)), module: q.moduleId })}`}>{q.title}</Link>
                  )}
                </th>
                {ITEM_LANGUAGES.flatMap((l) => [
                  <td key={`${l}-a`} className="number">
                    {f(q.cells[l].attempts, "count")}
                  </td>,
                  <td key={`${l}-l`} className="number">
                    {f(q.cells[l].learners, "count")}
                  </td>,
                  <td key={`${l}-alpha`} className="number">
                    {q.cells[l].alpha === null && q.cells[l].learners !== null ? "–" : f(q.cells[l].alpha, "index")}
                  </td>,
                ])}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
        <p className="statistics-note">{t("statistics.items.flaggedCount")}</p>
        <ul>
          {data.quizzes.map((q) => (
            <li key={q.moduleId}>{t("statistics.items.flaggedIn", { quiz: q.title, count: q.flagged })}</li>
          ))}
        </ul>
        <Downloads table="quizzes" data={data} />
      </section>

      <section className="statistics-section">
        <h2 id="items-questions">{t("statistics.items.questionsIn", { quiz: data.module.title })}</h2>
        <ScrollingTable labelledBy="items-questions" className="statistics-table">
          <LanguageHeader
            first={t("statistics.items.columns.question")}
            measures={[t("statistics.items.columns.attempts"), t("statistics.items.columns.facility"), t("statistics.items.columns.discrimination")]}
          />
          <tbody>
            {data.questions.map((q) => (
              <tr key={q.id}>
                <th scope="row">
                  <a href={`#question-${q.id}`}>{t("statistics.items.questionNumber", { number: q.number })}</a> {q.prompt}
                </th>
                {ITEM_LANGUAGES.flatMap((l) => [
                  <td key={`${l}-a`} className="number">
                    {f(q.cells[l].attempts, "count")}
                  </td>,
                  <td key={`${l}-f`} className={q.cells[l].flags.some((x) => x !== "notDiscriminating") ? "number item-flagged" : "number"}>
                    {f(q.cells[l].facility, "rate")}
                  </td>,
                  <td key={`${l}-d`} className={q.cells[l].flags.includes("notDiscriminating") ? "number item-flagged" : "number"}>
                    {q.cells[l].discrimination === null && q.cells[l].attempts !== null && q.cells[l].attempts !== 0 ? "–" : f(q.cells[l].discrimination, "index")}
                  </td>,
                ])}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
        <Downloads table="questions" data={data} />
      </section>

      <section className="statistics-section">
        <h2 id="items-flagged">{t("statistics.items.flaggedTitle")}</h2>
        {flagged.length === 0 ? (
          <p>{t("statistics.items.noneFlagged")}</p>
        ) : (
          <ul className="item-flagged-list">
            {flagged.map((q) => (
              <li key={q.id}>
                <a href={`#question-${q.id}`}>{t("statistics.items.questionNumber", { number: q.number })}</a>
                <FlagList flags={q.flags} />
                <Prompts prompts={q.prompts} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="statistics-section">
        <h2 id="items-responses">{t("statistics.items.tables.responses")}</h2>
        <Downloads table="responses" data={data} />
        {data.questions.map((q) => (
          <section key={q.id} className="item-question">
            <h3 id={`question-${q.id}`}>{t("statistics.items.questionNumber", { number: q.number })}</h3>
            <Prompts prompts={q.prompts} />
            <FlagList flags={q.flags} />
            <ScrollingTable labelledBy={`question-${q.id}`} className="statistics-table">
              <LanguageHeader first={t("statistics.items.columns.part")} measures={[t("statistics.items.columns.chosen"), t("statistics.items.columns.share")]} />
              <tbody>
                {q.parts.map((p) => (
                  <tr key={p.key}>
                    <th scope="row">
                      {p.label}
                      {p.correct && q.parts.some((other) => !other.correct) ? ` (${t("statistics.items.correct")})` : ""}
                    </th>
                    {ITEM_LANGUAGES.flatMap((l) => [
                      <td key={`${l}-n`} className="number">
                        {f(p.cells[l].count, "count")}
                      </td>,
                      <td key={`${l}-s`} className="number">
                        {p.cells[l].share === null && p.cells[l].count !== null ? "–" : f(p.cells[l].share, "rate")}
                      </td>,
                    ])}
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          </section>
        ))}
      </section>
    </div>
  );
}
