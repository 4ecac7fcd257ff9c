import { describe, expect, test } from "vitest";
import { AnswerSchema, parseAnswerForm, toPublicRightId } from "./answer";

function form(entries: Array<[string, string]>): FormData {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

function errorOf(result: ReturnType<typeof parseAnswerForm>) {
  return result.success ? null : result.error.issues.map((issue) => issue.message);
}

describe("parseAnswerForm", () => {
  test("single: the radio `option`", () => {
    expect(parseAnswerForm("single", form([["option", "b"], ["intent", "save"]]))).toEqual({
      success: true,
      data: { type: "single", optionId: "b" },
    });
    expect(errorOf(parseAnswerForm("single", form([])))).toEqual(["Choose an option."]);
    expect(errorOf(parseAnswerForm("single", form([["option", ""]])))).toEqual(["Choose an option."]);
  });

  test("multiple: repeated checkboxes `option`", () => {
    expect(parseAnswerForm("multiple", form([["option", "a"], ["option", "c"]]))).toEqual({
      success: true,
      data: { type: "multiple", optionIds: ["a", "c"] },
    });
    expect(errorOf(parseAnswerForm("multiple", form([])))).toEqual(["Choose at least one option."]);
    expect(errorOf(parseAnswerForm("multiple", form([["option", "a"], ["option", "a"]])))).toEqual([
      "Choose each option only once.",
    ]);
    const seven = form(["a", "b", "c", "d", "e", "f", "g"].map((id) => ["option", id]));
    expect(errorOf(parseAnswerForm("multiple", seven))).toEqual(["Choose at most 6 options."]);
  });

  test("truefalse: the radio `value`", () => {
    expect(parseAnswerForm("truefalse", form([["value", "false"]]))).toEqual({
      success: true,
      data: { type: "truefalse", value: false },
    });
    expect(parseAnswerForm("truefalse", form([["value", "true"]]))).toMatchObject({ data: { value: true } });
    expect(errorOf(parseAnswerForm("truefalse", form([["value", "yes"]])))).toEqual(["Choose true or false."]);
    expect(errorOf(parseAnswerForm("truefalse", form([])))).toEqual(["Choose true or false."]);
  });

  describe("matching: selects `match.<pairId>` holding public right ids", () => {
    const rightOrder = ["palermo", "warsaw", "budapest"];

    test("translates public right ids back to pair ids", () => {
      const fields = form([
        ["match.budapest", toPublicRightId(2)],
        ["match.palermo", "r1"],
        ["match.warsaw", "r1"],
      ]);
      expect(parseAnswerForm("matching", fields, rightOrder)).toEqual({
        success: true,
        data: { type: "matching", pairs: { budapest: "budapest", palermo: "palermo", warsaw: "palermo" } },
      });
    });

    test("an empty select is an error the learner can fix", () => {
      const fields = form([["match.budapest", "r3"], ["match.palermo", ""]]);
      expect(errorOf(parseAnswerForm("matching", fields, rightOrder))).toEqual(["Choose a match for every item."]);
      expect(errorOf(parseAnswerForm("matching", form([]), rightOrder))).toEqual(["Choose a match for every item."]);
    });

    test("a value that is not a public right id fails", () => {
      expect(errorOf(parseAnswerForm("matching", form([["match.budapest", "budapest"]]), rightOrder))).toEqual([
        "Choose a match from the list.",
      ]);
      expect(errorOf(parseAnswerForm("matching", form([["match.budapest", "r4"]]), rightOrder))).toEqual([
        "Choose a match from the list.",
      ]);
    });

    test("needs the drawn order", () => {
      expect(() => parseAnswerForm("matching", form([["match.budapest", "r1"]]))).toThrow(TypeError);
    });
  });

  describe("ordering: `position.<itemId>` = 1..n", () => {
    test("turns positions into an order", () => {
      const fields = form([["position.preserve", "2"], ["position.analyse", "3"], ["position.identify", "1"]]);
      expect(parseAnswerForm("ordering", fields)).toEqual({
        success: true,
        data: { type: "ordering", order: ["identify", "preserve", "analyse"] },
      });
    });

    test.each([
      [[["position.a", "1"], ["position.b", "1"], ["position.c", "2"]]],
      [[["position.a", "1"], ["position.b", "2"], ["position.c", "4"]]],
      [[["position.a", "0"], ["position.b", "1"], ["position.c", "2"]]],
      [[["position.a", "1.5"], ["position.b", "2"], ["position.c", "3"]]],
      [[["position.a", ""], ["position.b", "2"], ["position.c", "3"]]],
    ] as Array<[Array<[string, string]>]>)("rejects %j", (entries) => {
      expect(errorOf(parseAnswerForm("ordering", form(entries)))).toEqual([
        "Give each item a different position from 1 to 3.",
      ]);
    });

    test("no positions at all", () => {
      expect(errorOf(parseAnswerForm("ordering", form([])))).toEqual(["Put the items in order."]);
    });
  });
});

describe("AnswerSchema", () => {
  test("round-trips through JSON for storage", () => {
    const answers = [
      { type: "single", optionId: "a" },
      { type: "multiple", optionIds: ["a", "b"] },
      { type: "truefalse", value: true },
      { type: "matching", pairs: { one: "two" } },
      { type: "ordering", order: ["x", "y", "z"] },
    ];
    for (const answer of answers) {
      expect(AnswerSchema.parse(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
    }
  });

  test("rejects unknown keys and types", () => {
    expect(AnswerSchema.safeParse({ type: "single", optionId: "a", correct: true }).success).toBe(false);
    expect(AnswerSchema.safeParse({ type: "essay", text: "x" }).success).toBe(false);
    expect(AnswerSchema.safeParse({ type: "truefalse", value: "true" }).success).toBe(false);
  });
});
