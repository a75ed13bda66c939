import { describe, expect, it } from "vitest";
import {
  addIndicator,
  addScenario,
  brierOf,
  brierScore,
  type CaseItem,
  currentLikelihoods,
  editScenario,
  emptyScenarioState,
  resolveScenarios,
  type ScenarioState,
  scenarioStatus,
  updateScenarios,
  ZeroLikelihoodError,
} from "../../src/analysis/index.js";
import type { ActorRef } from "../../src/domain/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";

const kb = KnowledgeBase.load();
const context = { kb, anchorDate: "2021-11-07" };
const T0 = new Date("2021-11-08T09:00:00Z");
const T1 = new Date("2021-11-09T09:00:00Z");
const T2 = new Date("2021-11-10T09:00:00Z");

const KH: ActorRef = {
  id: "group:kataib-hezbollah",
  name: "Kata'ib Hezbollah",
  kind: "armed_group",
  country: "IRQ",
};
const IRAQ: ActorRef = { id: "state:IRQ", name: "Iraq", kind: "state", country: "IRQ" };

function event(
  id: string,
  actor: ActorRef,
  cameo: string,
  plover: string,
  date: string,
  doc = "doc1",
): CaseItem {
  return {
    kind: "event",
    documentId: doc,
    documentTitle: "A report",
    itemId: id,
    date,
    actor,
    target: null,
    cameo,
    plover,
    mode: null,
    stance: null,
    place: { name: "Baghdad", country: "IRQ" },
    sentence: `${actor.name} did ${cameo} on ${date}.`,
    offset: [0, 30],
  };
}

const attack = event("ev1", KH, "190", "ASSAULT", "2021-11-08");
const talks = event("ev2", IRAQ, "043", "CONSULT", "2021-11-09");
const secondAttack = event("ev3", KH, "190", "ASSAULT", "2021-11-15", "doc2");

/** escalation 0.3, settlement 0.5, chaos 0.2; one indicator each. */
function setUp(lrs: { escalation?: number; settlement?: number; chaos?: number } = {}): ScenarioState {
  let s = emptyScenarioState();
  s = addScenario(s, { name: "escalation", prior: 0.3 }, T0).state;
  s = addScenario(s, { name: "settlement", prior: 0.5 }, T0).state;
  s = addScenario(s, { name: "chaos", prior: 0.2 }, T0).state;
  s = addIndicator(
    s,
    { scenario: "escalation", query: "actor:kind=armed_group AND plover=ASSAULT", lr: lrs.escalation ?? 3 },
    T0,
  ).state;
  s = addIndicator(
    s,
    { scenario: "settlement", query: "actor=state:IRQ AND cameo=04*", lr: lrs.settlement ?? 2 },
    T0,
  ).state;
  s = addIndicator(s, { scenario: "chaos", query: "plover=PROTEST", lr: lrs.chaos ?? 4 }, T0).state;
  return s;
}

const close = (a: Record<string, number>, b: Record<string, number>) => {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(b)) expect(a[k]).toBeCloseTo(b[k]!, 12);
};

describe("Bayesian updates from indicators", () => {
  it("multiplies the fired scenario's weight by its LR and renormalises (worked by hand)", () => {
    // Attack fires escalation (LR 3): weights 0.9, 0.5, 0.2 → total 1.6 → 0.5625, 0.3125, 0.125.
    const first = updateScenarios(setUp(), [attack], context, T1);
    expect(first.fired).toHaveLength(1);
    close(first.fired[0]!.before!, { S1: 0.3, S2: 0.5, S3: 0.2 });
    close(first.fired[0]!.after, { S1: 0.5625, S2: 0.3125, S3: 0.125 });
    // Talks fire settlement (LR 2): weights 0.9, 1.0, 0.2 → total 2.1.
    const second = updateScenarios(first.state, [attack, talks], context, T2);
    expect(second.fired.map((h) => h.indicator)).toEqual(["I2"]);
    close(second.fired[0]!.after, { S1: 0.9 / 2.1, S2: 1 / 2.1, S3: 0.2 / 2.1 });
    // The odds of settlement against the rest were multiplied by exactly the LR.
    const odds = (p: number) => p / (1 - p);
    expect(odds(second.fired[0]!.after.S2!) / odds(second.fired[0]!.before!.S2!)).toBeCloseTo(2, 12);
  });

  it("records who and what caused each change, with the sentences", () => {
    const { fired, entries } = updateScenarios(setUp(), [attack], context, T1);
    expect(entries.map((h) => h.kind)).toEqual(["baseline", "fired"]);
    expect(fired[0]).toMatchObject({
      at: T1.toISOString(),
      kind: "fired",
      indicator: "I1",
      scenario: "S1",
      lr: 3,
      query: "actor:kind=armed_group AND plover=ASSAULT",
      evidence: [
        {
          kind: "event",
          documentId: "doc1",
          item: "ev1",
          date: "2021-11-08",
          sentence: "Kata'ib Hezbollah did 190 on 2021-11-08.",
          offset: [0, 30],
        },
      ],
    });
    expect(fired[0]!.note).toBe(
      'I1 fired on 1 matching event or reaction: "escalation" 30.0% → 56.3% (LR 3)',
    );
  });

  it("does not double count when re-run on the same reports", () => {
    const once = updateScenarios(setUp(), [attack, talks], context, T1);
    const twice = updateScenarios(once.state, [attack, talks], context, T2);
    expect(twice.fired).toEqual([]);
    expect(twice.entries).toEqual([]);
    close(currentLikelihoods(twice.state).likelihoods, currentLikelihoods(once.state).likelihoods);
  });

  it("fires an indicator once, unless it repeats; a repeating one fires only on new matches", () => {
    const once = updateScenarios(setUp(), [attack], context, T1);
    expect(updateScenarios(once.state, [attack, secondAttack], context, T2).fired).toEqual([]);
    let s = emptyScenarioState();
    s = addScenario(s, { name: "escalation", prior: 0.5 }).state;
    s = addScenario(s, { name: "calm", prior: 0.5 }).state;
    s = addIndicator(s, { scenario: "escalation", query: "plover=ASSAULT", lr: 2, repeat: true }).state;
    const r1 = updateScenarios(s, [attack], context, T1);
    const r2 = updateScenarios(r1.state, [attack], context, T1);
    const r3 = updateScenarios(r2.state, [attack, secondAttack], context, T2);
    expect([r1.fired.length, r2.fired.length, r3.fired.length]).toEqual([1, 0, 1]);
    expect(r3.fired[0]!.evidence!.map((e) => e.item)).toEqual(["ev3"]);
    // Two firings with LR 2: odds 1 → 4, likelihood 0.8.
    expect(currentLikelihoods(r3.state).likelihoods.S1).toBeCloseTo(0.8, 12);
  });

  it("counts one happening reported twice once", () => {
    let s = emptyScenarioState();
    s = addScenario(s, { name: "escalation", prior: 0.5 }).state;
    s = addScenario(s, { name: "calm", prior: 0.5 }).state;
    s = addIndicator(s, { scenario: "escalation", query: "plover=ASSAULT AND count>=2", lr: 2 }).state;
    const sameAttackTwice = [attack, { ...attack, documentId: "doc9", itemId: "ev4" }];
    expect(updateScenarios(s, sameAttackTwice, context, T1).fired).toEqual([]);
    expect(updateScenarios(s, [attack, secondAttack], context, T1).fired).toHaveLength(1);
  });

  it("drops a scenario to zero on a likelihood ratio of 0, and keeps it there", () => {
    const zeroed = updateScenarios(setUp({ escalation: 0 }), [attack], context, T1);
    close(zeroed.fired[0]!.after, { S1: 0, S2: 0.5 / 0.7, S3: 0.2 / 0.7 });
    let s = addIndicator(zeroed.state, { scenario: "escalation", query: "plover=CONSULT", lr: 10 }).state;
    s = updateScenarios(s, [attack, talks], context, T2).state;
    expect(currentLikelihoods(s).likelihoods.S1).toBe(0);
    expect(s.history.filter((h) => h.kind === "fired").map((h) => h.indicator)).toEqual(["I1", "I2", "I4"]);
  });

  it("reports an error, not a division by zero, when every scenario reaches 0", () => {
    let s = emptyScenarioState();
    s = addScenario(s, { name: "escalation", prior: 0.6 }).state;
    s = addScenario(s, { name: "calm", prior: 0.4 }).state;
    s = addIndicator(s, { scenario: "escalation", query: "plover=ASSAULT", lr: 0 }).state;
    s = addIndicator(s, { scenario: "calm", query: "plover=CONSULT", lr: 0 }).state;
    const before = structuredClone(s);
    expect(() => updateScenarios(s, [attack, talks], context, T1)).toThrow(ZeroLikelihoodError);
    expect(() => updateScenarios(s, [attack, talks], context, T1)).toThrow(
      /every scenario now has likelihood 0.*indicator I2 \(LR 0 for "calm"\).*nothing was updated/,
    );
    expect(s).toEqual(before);
  });

  it("normalises priors that do not sum to 1, with a warning", () => {
    let s = emptyScenarioState();
    s = addScenario(s, { name: "a", prior: 0.2 }).state;
    s = addScenario(s, { name: "b", prior: 0.4 }).state;
    const { likelihoods, warnings } = currentLikelihoods(s);
    close(likelihoods, { S1: 1 / 3, S2: 2 / 3 });
    expect(warnings).toEqual(["the priors sum to 0.6, not 1: they are normalised (each divided by 0.6)"]);
    expect(scenarioStatus(s, "c", "Case").scenarios.map((x) => x.normalisedPrior)).toEqual([1 / 3, 2 / 3]);
    expect(currentLikelihoods(setUp()).warnings).toEqual([]);
  });

  it("refuses priors outside 0 to 1, negative ratios, bad queries and duplicate names", () => {
    expect(() => addScenario(emptyScenarioState(), { name: "x", prior: 30 })).toThrow(/from 0 to 1/);
    expect(() => addIndicator(setUp(), { scenario: "chaos", query: "plover=ASSAULT", lr: -1 })).toThrow(
      /0 or more/,
    );
    expect(() => addIndicator(setUp(), { scenario: "chaos", query: "plover=", lr: 2 })).toThrow(/position 8/);
    expect(() => addIndicator(setUp(), { scenario: "nope", query: "plover=ASSAULT", lr: 2 })).toThrow(
      /no scenario/,
    );
    expect(() => addScenario(setUp(), { name: "Chaos", prior: 0.1 })).toThrow(/already exists/);
  });

  it("records a new baseline when the analyst changes a prior between updates", () => {
    const first = updateScenarios(setUp(), [attack], context, T1);
    const edited = editScenario(first.state, "chaos", { prior: 0.4 }).state;
    const next = updateScenarios(edited, [attack], context, T2);
    expect(next.entries.map((h) => [h.kind, h.note])).toEqual([
      ["baseline", "priors or scenarios changed since the last snapshot"],
    ]);
    // Weights 0.9, 0.5, 0.4 → total 1.8.
    close(next.entries[0]!.after, { S1: 0.5, S2: 0.5 / 1.8, S3: 0.4 / 1.8 });
  });
});

describe("the Brier score", () => {
  it("is the mean over the recorded snapshots of Σ (likelihood − outcome)² (worked by hand)", () => {
    // Snapshots: the baseline 0.3/0.5/0.2 and, after the attack, 0.5625/0.3125/0.125.
    // Escalation happened: (0.3−1)² + 0.5² + 0.2² = 0.78; (0.5625−1)² + 0.3125² + 0.125² = 0.3046875.
    const updated = updateScenarios(setUp(), [attack], context, T1).state;
    const { state, brier } = resolveScenarios(updated, "escalation", T2);
    expect(brier.outcome).toBe("S1");
    expect(brier.snapshots.map((p) => p.score)).toEqual([0.78, 0.3046875].map((x) => expect.closeTo(x, 12)));
    expect(brier.score).toBeCloseTo((0.78 + 0.3046875) / 2, 12);
    expect(brierScore(state)).toEqual(brier);
    expect(state.history.at(-1)).toMatchObject({ kind: "resolved", scenario: "S1" });
  });

  it("scores a sure, right forecast 0 and a sure, wrong one 2", () => {
    expect(brierOf({ S1: 1, S2: 0 }, "S1")).toBe(0);
    expect(brierOf({ S1: 1, S2: 0 }, "S2")).toBe(2);
  });

  it("records the priors first when resolving before any update", () => {
    const { brier } = resolveScenarios(setUp(), "settlement", T1);
    expect(brier.snapshots).toHaveLength(1);
    expect(brier.score).toBeCloseTo(0.09 + 0.25 + 0.04, 12);
  });

  it("refuses to update a resolved case", () => {
    const { state } = resolveScenarios(setUp(), "settlement", T1);
    expect(() => updateScenarios(state, [attack], context, T2)).toThrow(/resolved on 2021-11-09/);
    expect(brierScore(setUp())).toBeNull();
  });
});
