import { findCitations } from "./citations";
import type { Course } from "./loader.server";
import { AUTHORED_LANGUAGES } from "./localized";
import { quizBalance } from "./quiz-balance.server";

type Counts = { lessons: Record<string, number>; words: Record<string, number>; questions: number; citations: number };

const perLanguage = () => Object.fromEntries(AUTHORED_LANGUAGES.map((l) => [l, 0])) as Record<string, number>;

/** Per course and module: lessons and words per language, quiz questions, citations, quiz balance (application share, options per single-choice question). */
export function contentStatistics(courses: Course[]) {
  return {
    courses: courses.map((course) => {
      const total: Counts = { lessons: perLanguage(), words: perLanguage(), questions: 0, citations: 0 };
      const modules = course.modules.map((module) => {
        const counts: Counts = { lessons: perLanguage(), words: perLanguage(), questions: module.bank?.questions.length ?? 0, citations: 0 };
        for (const lesson of module.lessons) {
          for (const language of AUTHORED_LANGUAGES) {
            counts.lessons[language] += 1;
            counts.words[language] += lesson.versions[language].words;
            counts.citations += findCitations(lesson.versions[language].body).length;
          }
        }
        for (const question of module.bank?.questions ?? []) {
          for (const language of AUTHORED_LANGUAGES) counts.citations += findCitations(question.explanation[language]).length;
        }
        for (const language of AUTHORED_LANGUAGES) {
          total.lessons[language] += counts.lessons[language];
          total.words[language] += counts.words[language];
        }
        total.questions += counts.questions;
        total.citations += counts.citations;
        return { id: module.id, folder: module.folder, ...counts, questionTypes: [...new Set(module.bank?.questions.map((q) => q.type) ?? [])], quiz: quizBalance(module.bank) };
      });
      return { id: course.id, version: course.version, modules: modules.length, glossaryTerms: course.glossary.length, sources: Object.keys(course.sources).length, totals: total, perModule: modules };
    }),
  };
}
