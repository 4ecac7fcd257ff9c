import { initialTransition, transition, type StateValue } from "xstate";
import { describe, expect, test } from "vitest";
import { canAnswer, createQuizActor, quizMachine, quizView, selectUnansweredIds, type QuizEvent, type QuizInput, type QuizSnapshot } from "./quiz.machine";
import { persistQuiz, PersistedQuizSnapshotSchema, QuizInputSchema } from "./quiz.schemas";

const NOW = 100;
const DEADLINE = 1_000;
const [Q1, Q2, Q3] = ["q-1", "q-2", "q-3"] as const;

const immediateFree: QuizInput = {
  questionIds: [Q1, Q2, Q3],
  mode: "immediate",
  navigation: "free",
  passMark: 70,
  deadline: DEADLINE,
};

function reach(input: QuizInput, events: QuizEvent[]): QuizSnapshot {
  let [snapshot] = initialTransition(quizMachine, input);
  for (const event of events) [snapshot] = transition(quizMachine, snapshot, event);
  return snapshot;
}

function send(snapshot: QuizSnapshot, event: QuizEvent): QuizSnapshot {
  return transition(quizMachine, snapshot, event)[0];
}

const start: QuizEvent = { type: "quiz.start", now: NOW };
const answer = (questionId: string, now = NOW): QuizEvent => ({ type: "quiz.answer", questionId, now });
const graded = (questionId: string, score: number): QuizEvent => ({ type: "quiz.graded", questionId, score });
const next: QuizEvent = { type: "quiz.next", now: NOW };
const previous: QuizEvent = { type: "quiz.previous", now: NOW };
const goto = (index: number, now = NOW): QuizEvent => ({ type: "quiz.goto", index, now });
const review: QuizEvent = { type: "quiz.review", now: NOW };
const finish: QuizEvent = { type: "quiz.finish", now: NOW };
const timeout: QuizEvent = { type: "quiz.timeout" };
const answerAndGrade = (questionId: string, score: number) => [answer(questionId), graded(questionId, score)];

/** How to reach each state with `immediateFree`; each leaves currentIndex at 0 unless noted. */
const STATES: Record<string, QuizEvent[]> = {
  notStarted: [],
  "answering.ready": [start],
  "answering.grading": [start, answer(Q1)],
  feedback: [start, ...answerAndGrade(Q1, 1)],
  reviewing: [start, review],
  "finished.passed": [start, ...answerAndGrade(Q1, 1), next, ...answerAndGrade(Q2, 1), next, ...answerAndGrade(Q3, 1), finish],
  "finished.failed": [start, finish],
  "expired.passed": [start, ...answerAndGrade(Q1, 1), next, ...answerAndGrade(Q2, 1), next, ...answerAndGrade(Q3, 1), timeout],
  "expired.failed": [start, timeout],
};

const EVENTS: Record<string, QuizEvent> = {
  "quiz.start": start,
  "quiz.answer": answer(Q1),
  "quiz.graded": graded(Q1, 1),
  "quiz.next": next,
  "quiz.previous": previous,
  "quiz.goto": goto(1),
  "quiz.review": review,
  "quiz.finish": finish,
  "quiz.timeout": timeout,
};

const same = "(unchanged)";

// Expected state after each event (on time), from each state; `same` = the event is ignored.
const EXPECTED: Record<string, Record<string, string>> = {
  notStarted: {
    "quiz.start": "answering.ready",
    "quiz.answer": same,
    "quiz.graded": same,
    "quiz.next": same,
    "quiz.previous": same,
    "quiz.goto": same,
    "quiz.review": same,
    "quiz.finish": same,
    "quiz.timeout": "expired.failed",
  },
  "answering.ready": {
    "quiz.start": same,
    "quiz.answer": "answering.grading",
    "quiz.graded": same,
    "quiz.next": "answering.ready@1",
    "quiz.previous": same,
    "quiz.goto": "answering.ready@1",
    "quiz.review": "reviewing",
    "quiz.finish": "finished.failed",
    "quiz.timeout": "expired.failed",
  },
  "answering.grading": {
    "quiz.start": same,
    "quiz.answer": same,
    "quiz.graded": "feedback",
    "quiz.next": same,
    "quiz.previous": same,
    "quiz.goto": same,
    "quiz.review": same,
    "quiz.finish": same,
    "quiz.timeout": "expired.failed",
  },
  feedback: {
    "quiz.start": same,
    "quiz.answer": same,
    "quiz.graded": same,
    "quiz.next": "answering.ready@1",
    "quiz.previous": same,
    "quiz.goto": "answering.ready@1",
    "quiz.review": "reviewing",
    "quiz.finish": "finished.failed",
    "quiz.timeout": "expired.failed",
  },
  reviewing: {
    "quiz.start": same,
    "quiz.answer": same,
    "quiz.graded": same,
    "quiz.next": same,
    "quiz.previous": same,
    "quiz.goto": "answering.ready@1",
    "quiz.review": same,
    "quiz.finish": "finished.failed",
    "quiz.timeout": "expired.failed",
  },
};
for (const terminal of ["finished.passed", "finished.failed", "expired.passed", "expired.failed"]) {
  EXPECTED[terminal] = Object.fromEntries(Object.keys(EVENTS).map((type) => [type, same]));
}

function describeState(snapshot: QuizSnapshot): string {
  const value = flatten(snapshot.value);
  return snapshot.context.currentIndex === 0 ? value : `${value}@${snapshot.context.currentIndex}`;
}

function flatten(value: StateValue): string {
  if (typeof value === "string") return value;
  return Object.entries(value)
    .map(([key, child]) => (child ? `${key}.${flatten(child)}` : key))
    .join(",");
}

describe("every event in every state (immediate, free, with a deadline)", () => {
  for (const [state, events] of Object.entries(STATES)) {
    describe(state, () => {
      const before = reach(immediateFree, events);

      test("is reached by its setup", () => {
        expect(flatten(before.value)).toBe(state);
      });

      for (const [type, event] of Object.entries(EVENTS)) {
        const expected = EXPECTED[state]![type]!;
        test(`${type} → ${expected}`, () => {
          const after = send(before, event);
          if (expected === same) {
            expect(after.value).toEqual(before.value);
            expect(after.context).toEqual(before.context);
          } else {
            expect(describeState(after)).toBe(expected);
          }
        });
      }

      const isLive = !state.startsWith("finished") && !state.startsWith("expired");
      for (const [type, event] of Object.entries(EVENTS).filter(([, event]) => "now" in event)) {
        test(`${type} at the deadline → ${isLive ? "expired" : same}`, () => {
          const after = send(before, { ...event, now: DEADLINE } as QuizEvent);
          if (isLive) {
            expect(flatten(after.value)).toMatch(/^expired\./);
            expect(after.context.scorePercent).not.toBeNull();
          } else {
            expect(after).toEqual(before);
          }
        });
      }
    });
  }
});

describe("answering and grading", () => {
  test("deferred: a graded answer returns to answering and can be changed", () => {
    const input = { ...immediateFree, mode: "deferred" as const };
    const graded1 = reach(input, [start, ...answerAndGrade(Q1, 0)]);
    expect(flatten(graded1.value)).toBe("answering.ready");
    expect(graded1.context.scores).toEqual({ [Q1]: 0 });
    expect(graded1.context.locked).toEqual([]);
    expect(canAnswer(graded1, Q1)).toBe(true);
    const regraded = reach(input, [start, ...answerAndGrade(Q1, 0), ...answerAndGrade(Q1, 1)]);
    expect(regraded.context.scores).toEqual({ [Q1]: 1 });
  });

  test("immediate: a graded question is locked; answering it again is refused", () => {
    const locked = reach(immediateFree, [start, ...answerAndGrade(Q1, 0)]);
    expect(locked.context.locked).toEqual([Q1]);
    expect(canAnswer(locked, Q1)).toBe(false);
    expect(send(locked, answer(Q1))).toEqual(locked);
    expect(send(locked, graded(Q1, 1))).toEqual(locked);
    // navigating back to it shows its feedback again, and it stays locked
    const back = reach(immediateFree, [start, ...answerAndGrade(Q1, 0), next, previous]);
    expect(describeState(back)).toBe("feedback");
    expect(canAnswer(back, Q1)).toBe(false);
  });

  test("only the current question can be answered", () => {
    const ready = reach(immediateFree, [start]);
    expect(canAnswer(ready, Q2)).toBe(false);
    expect(send(ready, answer(Q2))).toEqual(ready);
    expect(send(ready, answer("q-unknown"))).toEqual(ready);
    expect(canAnswer(reach(immediateFree, []), Q1)).toBe(false);
  });

  test("a grade must be for the pending answer and between 0 and 1", () => {
    const grading = reach(immediateFree, [start, answer(Q1)]);
    expect(canAnswer(grading, Q1)).toBe(false);
    for (const wrong of [graded(Q2, 1), graded(Q1, 1.5), graded(Q1, -0.1), graded(Q1, Number.NaN)]) {
      expect(send(grading, wrong)).toEqual(grading);
    }
    expect(send(grading, graded(Q1, 0.5)).context.scores).toEqual({ [Q1]: 0.5 });
  });

  test("next from the last question goes to the review; goto a locked question shows its feedback", () => {
    expect(describeState(reach(immediateFree, [start, next, next, next]))).toBe("reviewing@2");
    const lockedThenReview = reach(immediateFree, [start, ...answerAndGrade(Q1, 1), review, goto(0)]);
    expect(describeState(lockedThenReview)).toBe("feedback");
    expect(describeState(reach(immediateFree, [start, ...answerAndGrade(Q1, 1), next, goto(0)]))).toBe("feedback");
    const nextIntoLocked = reach(immediateFree, [start, next, ...answerAndGrade(Q2, 1), goto(0), next]);
    expect(describeState(nextIntoLocked)).toBe("feedback@1");
  });

  test("goto outside the attempt is ignored", () => {
    const ready = reach(immediateFree, [start]);
    for (const index of [-1, 3, 1.5, Number.NaN]) expect(send(ready, goto(index))).toEqual(ready);
  });
});

describe("sequential navigation", () => {
  const sequential = { ...immediateFree, navigation: "sequential" as const };

  test("forbids previous and goto backwards, allows forward", () => {
    const atSecond = reach(sequential, [start, next]);
    expect(send(atSecond, previous)).toEqual(atSecond);
    expect(send(atSecond, goto(0))).toEqual(atSecond);
    expect(describeState(send(atSecond, goto(2)))).toBe("answering.ready@2");
    expect(describeState(send(atSecond, goto(1)))).toBe("answering.ready@1");
  });

  test("from the review, only the current question or later", () => {
    const reviewing = reach(sequential, [start, next, review]);
    expect(send(reviewing, goto(0))).toEqual(reviewing);
    expect(describeState(send(reviewing, goto(1)))).toBe("answering.ready@1");
  });

  test("feedback does not allow going back either", () => {
    const feedback = reach(sequential, [start, next, ...answerAndGrade(Q2, 1)]);
    expect(describeState(feedback)).toBe("feedback@1");
    expect(send(feedback, previous)).toEqual(feedback);
    expect(describeState(send(feedback, next))).toBe("answering.ready@2");
  });
});

describe("finishing and the deadline", () => {
  test("finish scores the attempt; unanswered questions count 0", () => {
    const twoOfThree = reach(immediateFree, [start, ...answerAndGrade(Q1, 1), next, ...answerAndGrade(Q2, 1), finish]);
    expect(flatten(twoOfThree.value)).toBe("finished.failed");
    expect(twoOfThree.context.scorePercent).toBe(66.7);
    const passMark66 = reach({ ...immediateFree, passMark: 66.7 }, [start, ...answerAndGrade(Q1, 1), next, ...answerAndGrade(Q2, 1), finish]);
    expect(flatten(passMark66.value)).toBe("finished.passed");
  });

  test("an answer that arrives late is not recorded", () => {
    const late = reach(immediateFree, [start, ...answerAndGrade(Q1, 1), next, answer(Q2, DEADLINE + 1)]);
    expect(flatten(late.value)).toBe("expired.failed");
    expect(late.context.scores).toEqual({ [Q1]: 1 });
    expect(late.context.scorePercent).toBe(33.3);
    expect(late.context.pendingQuestionId).toBeNull();
  });

  test("a timeout while grading drops the pending answer", () => {
    const expired = reach(immediateFree, [start, answer(Q1), timeout]);
    expect(flatten(expired.value)).toBe("expired.failed");
    expect(expired.context.pendingQuestionId).toBeNull();
  });

  test("without a deadline, time never runs out", () => {
    const open = { ...immediateFree, deadline: null };
    const ready = reach(open, [start]);
    expect(send(ready, timeout)).toEqual(ready);
    expect(describeState(send(ready, goto(1, Number.MAX_SAFE_INTEGER)))).toBe("answering.ready@1");
    expect(describeState(reach(open, [{ type: "quiz.start", now: 10 ** 15 }]))).toBe("answering.ready");
  });

  test("starting after the deadline expires at once", () => {
    expect(flatten(reach(immediateFree, [{ type: "quiz.start", now: DEADLINE }]).value)).toBe("expired.failed");
  });
});

describe("quizView and selectUnansweredIds", () => {
  test("report where the quiz is", () => {
    expect(quizView(reach(immediateFree, []))).toEqual({
      status: "notStarted",
      currentIndex: 0,
      currentQuestionId: Q1,
      questionCount: 3,
      answeredCount: 0,
      unansweredIds: [Q1, Q2, Q3],
      canAnswerCurrent: false,
      scorePercent: null,
      passed: null,
    });
    const reviewing = reach(immediateFree, [start, next, ...answerAndGrade(Q2, 1), review]);
    expect(selectUnansweredIds(reviewing.context)).toEqual([Q1, Q3]);
    expect(quizView(reviewing)).toMatchObject({ status: "reviewing", currentIndex: 1, answeredCount: 1, unansweredIds: [Q1, Q3] });
  });

  test.each(Object.entries(STATES))("status in %s", (state, events) => {
    const view = quizView(reach(immediateFree, events));
    const expectedStatus = state === "answering.grading" ? "grading" : state.split(".")[0];
    expect(view.status).toBe(expectedStatus);
    expect(view.canAnswerCurrent).toBe(state === "answering.ready");
    expect(view.passed).toBe(state.endsWith(".passed") ? true : state.endsWith(".failed") ? false : null);
  });
});

describe("QuizInputSchema", () => {
  test("accepts a valid input and rejects duplicates and unknown keys", () => {
    expect(QuizInputSchema.parse(immediateFree)).toEqual(immediateFree);
    expect(QuizInputSchema.safeParse({ ...immediateFree, questionIds: [Q1, Q1] }).success).toBe(false);
    expect(QuizInputSchema.safeParse({ ...immediateFree, questionIds: [] }).success).toBe(false);
    expect(QuizInputSchema.safeParse({ ...immediateFree, seed: 1 }).success).toBe(false);
  });
});

describe("persistence", () => {
  function actorIn(events: QuizEvent[]) {
    const actor = createQuizActor(immediateFree);
    for (const event of events) actor.send(event);
    return actor;
  }

  test.each(Object.entries(STATES))("%s: persist → JSON → validate → rehydrate gives the same state", (_state, events) => {
    const actor = actorIn(events);
    const stored = JSON.stringify(persistQuiz(actor));
    const restored = createQuizActor(immediateFree, PersistedQuizSnapshotSchema.parse(JSON.parse(stored)));
    expect(restored.getSnapshot().value).toEqual(actor.getSnapshot().value);
    expect(restored.getSnapshot().context).toEqual(actor.getSnapshot().context);
    // and it carries on the same way
    for (const event of Object.values(EVENTS)) {
      const original = send(actor.getSnapshot(), event);
      const rehydrated = send(restored.getSnapshot(), event);
      expect(rehydrated.value).toEqual(original.value);
      expect(rehydrated.context).toEqual(original.context);
    }
  });

  test("rejects tampered or impossible snapshots", () => {
    const good = JSON.parse(JSON.stringify(persistQuiz(actorIn([start, ...answerAndGrade(Q1, 1)]))));
    const tamper = (change: (snapshot: any) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return PersistedQuizSnapshotSchema.safeParse(copy).success;
    };
    expect(tamper(() => {})).toBe(true);
    expect(tamper((s) => (s.value = "cheating"))).toBe(false);
    expect(tamper((s) => (s.value = { finished: "judging" }))).toBe(false);
    expect(tamper((s) => (s.context.scores["q-9"] = 1))).toBe(false);
    expect(tamper((s) => (s.context.scores[Q1] = 2))).toBe(false);
    expect(tamper((s) => (s.context.currentIndex = 3))).toBe(false);
    expect(tamper((s) => (s.context.locked = [Q2]))).toBe(false);
    expect(tamper((s) => (s.context.pendingQuestionId = Q1))).toBe(false);
    expect(tamper((s) => (s.context.scorePercent = 100))).toBe(false);
    expect(tamper((s) => (s.context.extra = true))).toBe(false);
    expect(tamper((s) => (s.status = "done"))).toBe(false);
  });
});
