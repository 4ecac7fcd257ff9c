import { describe, expect, test } from "vitest";
import { AnswerSchema, parseAnswerForm, toBankPartId, toPublicPartId } from "./answer";

function form(entries: Array<[string, string]>): FormData {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

function errorOf(result: ReturnType<typeof parseAnswerForm>) {
  return result.success ? null : result.error.issues.map((issue) => issue.message);
}

describe("toPublicPartId and toBankPartId", () => {
  test("public ids only say where a part was drawn", () => {
    expect([0, 1, 5].map(toPublicPartId)).toEqual(["p1", "p2", "p6"]);
    const drawn = ["c", "a", "b"];
    expect(["p1", "p2", "p3"].map((id) => toBankPartId(id, drawn))).toEqual(["c", "a", "b"]);
    for (const id of ["p0", "p4", "a", "p01", "p1x", ""]) expect(toBankPartId(id, drawn)).toBeUndefined();
  });
});

describe("parseAnswerForm", () => {
  const options = ["c", "a", "b", "d"]; // drawn order: p1 = c, p2 = a, ...

  test("single: the radio `option`", () => {
    expect(
      parseAnswerForm(
        "single",
        form([
          ["option", "p3"],
          ["intent", "save"],
        ]),
        options,
      ),
    ).toEqual({
      success: true,
      data: { type: "single", optionId: "b" },
    });
    expect(errorOf(parseAnswerForm("single", form([]), options))).toEqual(["Choose an option."]);
    expect(errorOf(parseAnswerForm("single", form([["option", ""]]), options))).toEqual(["Choose an option."]);
    expect(errorOf(parseAnswerForm("single", form([["option", "a"]]), options))).toEqual(["Choose from what is shown."]);
    expect(errorOf(parseAnswerForm("single", form([["option", "p5"]]), options))).toEqual(["Choose from what is shown."]);
  });

  test("multiple: repeated checkboxes `option`", () => {
    expect(
      parseAnswerForm(
        "multiple",
        form([
          ["option", "p2"],
          ["option", "p1"],
        ]),
        options,
      ),
    ).toEqual({
      success: true,
      data: { type: "multiple", optionIds: ["a", "c"] },
    });
    expect(errorOf(parseAnswerForm("multiple", form([]), options))).toEqual(["Choose at least one option."]);
    expect(
      errorOf(
        parseAnswerForm(
          "multiple",
          form([
            ["option", "p1"],
            ["option", "p1"],
          ]),
          options,
        ),
      ),
    ).toEqual(["Choose each option only once."]);
    expect(
      errorOf(
        parseAnswerForm(
          "multiple",
          form([
            ["option", "p1"],
            ["option", "c"],
          ]),
          options,
        ),
      ),
    ).toEqual(["Choose from what is shown."]);
    const seven = form(["p1", "p2", "p3", "p4", "p5", "p6", "p7"].map((id) => ["option", id]));
    const sevenDrawn = ["a", "b", "c", "d", "e", "f", "g"];
    expect(errorOf(parseAnswerForm("multiple", seven, sevenDrawn))).toEqual(["Choose at most 6 options."]);
  });

  test("truefalse: the radio `value`, no drawn order needed", () => {
    expect(parseAnswerForm("truefalse", form([["value", "false"]]))).toEqual({
      success: true,
      data: { type: "truefalse", value: false },
    });
    expect(parseAnswerForm("truefalse", form([["value", "true"]]))).toMatchObject({ data: { value: true } });
    expect(errorOf(parseAnswerForm("truefalse", form([["value", "yes"]])))).toEqual(["Choose true or false."]);
    expect(errorOf(parseAnswerForm("truefalse", form([])))).toEqual(["Choose true or false."]);
  });

  test("every other type needs the drawn order", () => {
    for (const type of ["single", "multiple", "matching", "ordering"] as const) {
      expect(() => parseAnswerForm(type, form([]))).toThrow(TypeError);
    }
  });

  describe("matching: selects `match.<pairId>` holding public right ids", () => {
    const rightOrder = ["palermo", "warsaw", "budapest"];

    test("translates public right ids back to pair ids", () => {
      const fields = form([
        ["match.budapest", toPublicPartId(2)],
        ["match.palermo", "p1"],
        ["match.warsaw", "p1"],
      ]);
      expect(parseAnswerForm("matching", fields, rightOrder)).toEqual({
        success: true,
        data: { type: "matching", pairs: { budapest: "budapest", palermo: "palermo", warsaw: "palermo" } },
      });
    });

    test("an empty select is an error the learner can fix", () => {
      const fields = form([
        ["match.budapest", "p3"],
        ["match.palermo", ""],
      ]);
      expect(errorOf(parseAnswerForm("matching", fields, rightOrder))).toEqual(["Choose a match for every item."]);
      expect(errorOf(parseAnswerForm("matching", form([]), rightOrder))).toEqual(["Choose a match for every item."]);
    });

    test("a value that is not a public right id fails", () => {
      for (const value of ["budapest", "p4"]) {
        expect(errorOf(parseAnswerForm("matching", form([["match.budapest", value]]), rightOrder))).toEqual(["Choose from what is shown."]);
      }
    });
  });

  describe("ordering: `position.<public item id>` = 1..n", () => {
    const items = ["preserve", "analyse", "identify"]; // as drawn

    test("turns positions into an order of item ids", () => {
      const fields = form([
        ["position.p1", "2"],
        ["position.p2", "3"],
        ["position.p3", "1"],
      ]);
      expect(parseAnswerForm("ordering", fields, items)).toEqual({
        success: true,
        data: { type: "ordering", order: ["identify", "preserve", "analyse"] },
      });
    });

    test.each([
      [
        [
          ["position.p1", "1"],
          ["position.p2", "1"],
          ["position.p3", "2"],
        ],
      ],
      [
        [
          ["position.p1", "1"],
          ["position.p2", "2"],
          ["position.p3", "4"],
        ],
      ],
      [
        [
          ["position.p1", "0"],
          ["position.p2", "1"],
          ["position.p3", "2"],
        ],
      ],
      [
        [
          ["position.p1", "1.5"],
          ["position.p2", "2"],
          ["position.p3", "3"],
        ],
      ],
      [
        [
          ["position.p1", ""],
          ["position.p2", "2"],
          ["position.p3", "3"],
        ],
      ],
    ] as Array<[Array<[string, string]>]>)("rejects %j", (entries) => {
      expect(errorOf(parseAnswerForm("ordering", form(entries), items))).toEqual(["Give each item a different position from 1 to 3."]);
    });

    test("unknown items and no positions at all", () => {
      const unknown = form([
        ["position.identify", "1"],
        ["position.p2", "2"],
        ["position.p3", "3"],
      ]);
      expect(errorOf(parseAnswerForm("ordering", unknown, items))).toEqual(["Choose from what is shown."]);
      expect(errorOf(parseAnswerForm("ordering", form([]), items))).toEqual(["Put the items in order."]);
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
