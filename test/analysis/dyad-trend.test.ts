import { describe, expect, it } from "vitest";
import { dyadTrend, type GoldsteinEntry, type Party, resolveParty } from "../../src/analysis/index.js";
import { CrisisdeskError } from "../../src/domain/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { event, IRAN, IRAQ, KADHIMI, KATAIB_HEZBOLLAH, report } from "./hand-built-reports.js";

const kb = KnowledgeBase.load();
const CODEBOOK = new Map<string, GoldsteinEntry>([
  ["19", { goldstein: -10, name: "Fight" }],
  ["1952", { goldstein: -10, name: "Carry out drone attack" }],
  ["04", { goldstein: 1, name: "Consult" }],
  ["042", { goldstein: 1.9, name: "Make a visit" }],
  ["05", { goldstein: 3.5, name: "Engage in diplomatic cooperation" }],
  ["11", { goldstein: -2, name: "Disapprove" }],
  ["111", { goldstein: -2, name: "Criticize or denounce" }],
]);
const IRN: Party = { kind: "state", country: "IRN", name: "Iran" };
const IRQ: Party = { kind: "state", country: "IRQ", name: "Iraq" };
const QAANI = { id: "person:esmail-qaani", name: "Esmail Qaani", kind: "person" as const, country: "IRN" };
const IRN_MFA = {
  id: "body:irn-foreign-ministry",
  name: "Ministry of Foreign Affairs of Iran",
  kind: "government_body" as const,
  country: "IRN",
};

describe("the dyad trend between two actors", () => {
  const day1 = report("a", "2021-11-07", {
    events: [
      event({
        id: "ev1",
        cameo: "1952",
        date: "2021-11-07",
        source_actor: KATAIB_HEZBOLLAH,
        target_actor: KADHIMI,
        sentence: "Drones struck.",
      }),
      event({
        id: "ev2",
        cameo: "042",
        date: "2021-11-07",
        source_actor: QAANI,
        target_actor: IRAQ,
        sentence: "Qaani flew to Baghdad.",
      }),
    ],
  });
  const day2 = report("b", "2021-11-08", {
    events: [
      event({
        id: "ev1",
        cameo: "042",
        date: "2021-11-07",
        source_actor: QAANI,
        target_actor: IRAQ,
        sentence: "Qaani was in Baghdad.",
      }),
      event({
        id: "ev2",
        cameo: "111",
        date: "2021-11-08",
        source_actor: KADHIMI,
        target_actor: IRN_MFA,
        sentence: "Kadhimi rebuked Tehran.",
      }),
      event({
        id: "ev3",
        cameo: "051",
        date: "2021-11-08",
        source_actor: IRAN,
        target_actor: IRAQ,
        sentence: "Iran praised Iraq.",
      }),
    ],
  });
  const trend = dyadTrend([day1, day2], kb, CODEBOOK, IRN, IRQ, { anchorDate: "2021-11-07" });

  it("scores each real event once, in either direction, on the Goldstein scale of its CAMEO code", () => {
    expect(trend.events.map((e) => [e.date, e.direction, e.cameo, e.goldstein, e.reports])).toEqual([
      ["2021-11-07", "a_to_b", "042", 1.9, 2],
      ["2021-11-08", "a_to_b", "051", 3.5, 1],
      ["2021-11-08", "b_to_a", "111", -2, 1],
    ]);
  });

  it("sums and averages by day, with the reports carrying them", () => {
    expect(trend.days).toEqual([
      { date: "2021-11-07", events: 1, mentions: 2, goldsteinSum: 1.9, goldsteinMean: 1.9, aToB: 1, bToA: 0 },
      {
        date: "2021-11-08",
        events: 2,
        mentions: 2,
        goldsteinSum: 1.5,
        goldsteinMean: 0.75,
        aToB: 1,
        bToA: 1,
      },
    ]);
    expect(trend.total).toEqual({ events: 3, goldsteinSum: 3.4, goldsteinMean: 1.13 });
  });

  it("counts a state's officials, bodies and groups as the state, but not events inside it", () => {
    // Kataib Hezbollah (IRQ) on Kadhimi (IRQ) is Iraq on Iraq: not in the Iran–Iraq dyad.
    expect(trend.events.some((e) => e.cameo === "1952")).toBe(false);
    const exact = dyadTrend(
      [day1, day2],
      kb,
      CODEBOOK,
      resolveParty(kb, [day1], "Kata'ib Hezbollah"),
      resolveParty(kb, [day1], "Kadhimi"),
      {
        anchorDate: "2021-11-07",
      },
    );
    expect(exact.days).toEqual([expect.objectContaining({ date: "2021-11-07", goldsteinMean: -10 })]);
  });

  it("resolves actors by ISO3 code, id or name, and says when a name is unknown", () => {
    expect(resolveParty(kb, [], "irq")).toEqual(IRQ);
    expect(resolveParty(kb, [], "igo:arab-league")).toMatchObject({ kind: "igo", id: "igo:arab-league" });
    expect(resolveParty(kb, [day1], "Esmail Qaani")).toMatchObject({
      kind: "actor",
      id: "person:esmail-qaani",
    });
    expect(() => resolveParty(kb, [], "Nobody Atall")).toThrow(CrisisdeskError);
    expect(() => dyadTrend([], kb, CODEBOOK, IRQ, IRQ, { anchorDate: null })).toThrow(/two different actors/);
  });

  it("is empty when the two never meet", () => {
    const none = dyadTrend(
      [day1],
      kb,
      CODEBOOK,
      { kind: "state", country: "USA", name: "United States" },
      IRN,
      { anchorDate: null },
    );
    expect([none.days, none.total]).toEqual([[], { events: 0, goldsteinSum: 0, goldsteinMean: null }]);
  });
});
