import { createTestModel, getStateNodes } from "@xstate/graph";
import { getMicrosteps, pathToStateValue, transition, type AnyStateNode, type AnyTransitionDefinition } from "xstate";
import { describe, expect, test } from "vitest";
import { createQuizActor, quizMachine, quizView, type QuizEvent, type QuizInput, type QuizSnapshot } from "./quiz.machine";
import { PersistedQuizSnapshotSchema } from "./quiz.schemas";

// Model-based test: @xstate/graph explores every state the machine can reach from
// representative inputs, and we replay every path and every transition on a real actor,
// rehydrated from its persisted JSON before each event.

const QUESTION_IDS = ["q-1", "q-2", "q-3"];
const ON_TIME = 10;
const DEADLINE = 1_000;

const INPUTS: QuizInput[] = (["deferred", "immediate"] as const).flatMap((mode) =>
  (["free", "sequential"] as const).flatMap((navigation) => [DEADLINE, null].map((deadline) => ({ questionIds: QUESTION_IDS, mode, navigation, passMark: 70, deadline }))),
);

/** Every kind of event, on time and late, valid and not. Grades are 0 or 1 to keep the graph small. */
const EVENTS: QuizEvent[] = [
  ...[ON_TIME, DEADLINE].flatMap((now): QuizEvent[] => [
    { type: "quiz.start", now },
    { type: "quiz.next", now },
    { type: "quiz.previous", now },
    { type: "quiz.review", now },
    { type: "quiz.finish", now },
  ]),
  ...[...QUESTION_IDS, "q-unknown"].map((questionId): QuizEvent => ({ type: "quiz.answer", questionId, now: ON_TIME })),
  { type: "quiz.answer", questionId: "q-1", now: DEADLINE },
  ...QUESTION_IDS.flatMap((questionId) => [0, 1].map((score): QuizEvent => ({ type: "quiz.graded", questionId, score }))),
  { type: "quiz.graded", questionId: "q-1", score: 2 },
  ...[-1, 0, 1, 2, 3].map((index): QuizEvent => ({ type: "quiz.goto", index, now: ON_TIME })),
  { type: "quiz.goto", index: 0, now: DEADLINE },
  { type: "quiz.timeout" },
];

const ALL_NODES = getStateNodes(quizMachine.root);
const ALL_TRANSITIONS = ALL_NODES.flatMap((node) => [...node.transitions.values()].flat().concat(node.always ?? []));
const totalNodesReached = new Set<AnyStateNode>();
const totalTransitionsTaken = new Set<AnyTransitionDefinition>();

function isIn(snapshot: QuizSnapshot, node: AnyStateNode): boolean {
  return snapshot.matches(pathToStateValue(node.path) as never);
}

/** persist → JSON → validate → rehydrate, as the server does between requests. */
function rehydrate(snapshot: QuizSnapshot, input: QuizInput): QuizSnapshot {
  const stored = JSON.stringify(quizMachine.getPersistedSnapshot(snapshot));
  return createQuizActor(input, PersistedQuizSnapshotSchema.parse(JSON.parse(stored))).getSnapshot();
}

function expectSameState(actual: QuizSnapshot, expected: QuizSnapshot) {
  expect(actual.value).toEqual(expected.value);
  expect(actual.context).toEqual(expected.context);
}

function checkInvariants(snapshot: QuizSnapshot) {
  const { context } = snapshot;
  const view = quizView(snapshot);
  expect(view.answeredCount + view.unansweredIds.length).toBe(QUESTION_IDS.length);
  expect(context.locked.every((id) => context.scores[id] !== undefined)).toBe(true);
  if (context.mode === "deferred") expect(context.locked).toEqual([]);
  if (snapshot.matches("feedback")) expect(context.locked).toContain(view.currentQuestionId);
  expect(view.canAnswerCurrent).toBe(snapshot.matches({ answering: "ready" }) && !context.locked.includes(view.currentQuestionId));
}

/** Feedback exists only in immediate mode, expiry only with a deadline. */
function isReachable(node: AnyStateNode, input: QuizInput): boolean {
  if (node.path[0] === "feedback") return input.mode === "immediate";
  if (node.path[0] === "expired") return input.deadline !== null;
  return true;
}

function ids(nodes: Iterable<AnyStateNode>): string[] {
  return [...nodes].map((node) => node.id).sort();
}

function describeInput(input: QuizInput): string {
  return `${input.mode}/${input.navigation}/${input.deadline === null ? "no deadline" : "deadline"}`;
}

describe("model-based: every reachable state and transition", () => {
  for (const input of INPUTS) {
    test(describeInput(input), { timeout: 120_000 }, async () => {
      // serializeTransition: "" keys the graph on (state, context) alone; step 1 walks every edge anyway.
      const model = createTestModel(quizMachine, { input, events: EVENTS, serializeTransition: () => "" });
      const nodesReached = new Set<AnyStateNode>();
      const transitionsTaken = new Set<AnyTransitionDefinition>();

      // 1. Every transition: from each reachable state, rehydrated from its stored JSON, each event.
      const adjacency = model.getAdjacencyMap();
      let edges = 0;
      for (const { state, transitions } of Object.values(adjacency)) {
        checkInvariants(state);
        const restored = rehydrate(state, input);
        expectSameState(restored, state);
        // The map's keys are branded strings, which Object.values types as unknown.
        const steps = Object.values(transitions) as Array<{ event: QuizEvent; state: QuizSnapshot }>;
        for (const { event, state: nextState } of steps) {
          edges++;
          for (const taken of quizMachine.getTransitionData(state, event)) transitionsTaken.add(taken);
          const microsteps = getMicrosteps(quizMachine, state, event).map(([snapshot]) => snapshot);
          [state, ...microsteps].forEach((snapshot, index, all) => {
            for (const node of ALL_NODES) if (isIn(snapshot, node)) nodesReached.add(node);
            const following = all[index + 1];
            if (index === 0 || !following) return;
            for (const node of ALL_NODES.filter((candidate) => isIn(snapshot, candidate))) {
              for (const always of node.always ?? []) {
                if (always.target?.some((target) => isIn(following, target))) transitionsTaken.add(always);
              }
            }
          });
          expectSameState(transition(quizMachine, restored, event)[0], nextState);
        }
      }

      // 2. Every state reached by a shortest path, replayed on one live actor from the start.
      const paths = model.getShortestPaths();
      for (const path of paths) {
        const actor = createQuizActor(input);
        for (const step of path.steps) {
          actor.send(step.event);
          expectSameState(actor.getSnapshot(), step.state);
        }
        expectSameState(actor.getSnapshot(), path.state);
      }

      nodesReached.forEach((node) => totalNodesReached.add(node));
      transitionsTaken.forEach((transition) => totalTransitionsTaken.add(transition));
      console.log(
        `[quiz graph] ${describeInput(input)}: ${Object.keys(adjacency).length} snapshots, ${edges} transitions walked, ` +
          `${paths.length} shortest paths; state nodes reached ${nodesReached.size}/${ALL_NODES.length}, ` +
          `transition definitions taken ${transitionsTaken.size}/${ALL_TRANSITIONS.length}`,
      );
      expect(ids(nodesReached)).toEqual(ids(ALL_NODES.filter((node) => isReachable(node, input))));
    });
  }

  test("together the inputs reach every state node and take every transition", () => {
    const missedNodes = ALL_NODES.filter((node) => !totalNodesReached.has(node)).map((node) => node.id);
    const missedTransitions = ALL_TRANSITIONS.filter((transition) => !totalTransitionsTaken.has(transition)).map(
      (transition) => `${transition.source.id} --${transition.eventType}--> ${transition.target?.map((target) => target.id).join(",") ?? "(none)"}`,
    );
    console.log(
      `[quiz graph] all inputs: state nodes reached ${totalNodesReached.size}/${ALL_NODES.length}` +
        (missedNodes.length ? ` (missed: ${missedNodes.join(", ")})` : "") +
        `; transition definitions taken ${totalTransitionsTaken.size}/${ALL_TRANSITIONS.length}` +
        (missedTransitions.length ? ` (missed: ${missedTransitions.join("; ")})` : ""),
    );
    expect(missedNodes).toEqual([]);
    expect(missedTransitions).toEqual([]);
  });
});
