/**
 * Reads the question form of a rendered attempt page (the no-JavaScript form a learner posts)
 * and makes a valid answer for it from the fields it shows. Field names: app/quiz/answer.ts ANSWER_FIELDS.
 */
export type QuestionForm = { questionId: string; revision: number; type: string; fields: Array<[string, string]> };

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

export function readRevision(html: string): number | null {
  const match = /<input[^>]*name="revision"[^>]*value="(\d+)"/.exec(html);
  return match ? Number(match[1]) : null;
}

export function readQuestionForm(html: string): QuestionForm | null {
  const start = html.search(/<input[^>]*name="questionId"/);
  if (start === -1) return null;
  const end = html.indexOf("</form>", start);
  const form = html.slice(html.lastIndexOf("<form", start), end);
  const questionId = attribute(/<input[^>]*name="questionId"[^>]*>/.exec(form)![0], "value")!;
  const revision = readRevision(form);
  if (revision === null) return null;
  const inputs = [...form.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]);
  const options = inputs.filter((tag) => attribute(tag, "name") === "option");
  const values = inputs.filter((tag) => attribute(tag, "name") === "value");
  const selects = [...form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)].map((m) => ({
    name: attribute(m[1], "name") ?? "",
    values: [...m[2].matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((o) => o[1]).filter((v) => v !== ""),
  }));
  let type: string;
  let fields: Array<[string, string]>;
  if (options.length > 0) {
    type = attribute(options[0], "type") === "checkbox" ? "multiple" : "single";
    fields = [["option", attribute(options[0], "value")!]];
  } else if (values.length > 0) {
    type = "truefalse";
    fields = [["value", "true"]];
  } else if (selects.some((s) => s.name.startsWith("match."))) {
    type = "matching";
    // Each left side gets a different right side (the i-th offered), which is always a complete, valid answer.
    fields = selects.filter((s) => s.name.startsWith("match.")).map((s, i) => [s.name, s.values[i % s.values.length]]);
  } else if (selects.some((s) => s.name.startsWith("position."))) {
    type = "ordering";
    fields = selects.filter((s) => s.name.startsWith("position.")).map((s, i) => [s.name, String(i + 1)]);
  } else {
    return null;
  }
  return { questionId, revision, type, fields };
}
