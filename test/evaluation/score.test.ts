// The scorer's matching rules, each pinned on a small hand-made gold/prediction pair, and its
// agreement with the shared scorer (../shared/bin/score-analysis.mjs) on the real dev set.
import { execFile } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  calibrate,
  type Gold,
  type Prediction,
  parseGold,
  parsePrediction,
  quoteOverlap,
  type ScoredActor,
  sameAccused,
  sameActor,
  scoreAll,
  scoreDocument,
} from "../../src/evaluation/index.js";
import { runCli, SHARED, tempDir } from "../helpers.js";

const DEV = join(SHARED, "data", "dev");
const SHARED_SCORER = join(SHARED, "bin", "score-analysis.mjs");

function gold(value: Partial<Record<keyof Gold, unknown>>): Gold {
  return parseGold(value, "test.gold.json");
}

function prediction(value: Partial<Prediction>): Prediction {
  return { reactions: [], quotes: [], attributions: [], ...value };
}

const person = (name: string, country: string | null = null): ScoredActor => ({
  name,
  kind: "person",
  country,
});

function reaction(actor: ScoredActor, stance = "condemn", confidence = 0.9) {
  return { actor, stance, confidence };
}

describe("actor sameness", () => {
  it("matches a person named only by surname, or with a title, to the full name", () => {
    const g = gold({
      reactions: [{ actor: "Joe Biden", actor_kind: "person", country: "USA", stance: "condemn" }],
    });
    expect(scoreDocument(g, prediction({ reactions: [reaction(person("Biden", "USA"))] })).reactions.tp).toBe(
      1,
    );
    expect(sameActor(person("Joe Biden"), person("President Biden"))).toBe(true);
    expect(sameActor(person("Joe Biden"), person("Joe Manchin"))).toBe(false);
  });

  it("matches a state and its ministry by country, but not another state's ministry", () => {
    const iran: ScoredActor = { name: "Iran", kind: "state", country: "IRN" };
    const ministry = (country: string): ScoredActor => ({
      name: "Ministry of Foreign Affairs",
      kind: "government_body",
      country,
    });
    expect(sameActor(iran, ministry("IRN"))).toBe(true);
    expect(sameActor(iran, ministry("IRQ"))).toBe(false);
    // a person is not their state, whatever the country
    expect(sameActor(iran, person("Ebrahim Raisi", "IRN"))).toBe(false);
  });

  it("matches international organisations through their alias group", () => {
    const igo = (name: string): ScoredActor => ({ name, kind: "igo", country: null });
    expect(sameActor(igo("United Nations"), igo("UN"))).toBe(true);
    expect(sameActor(igo("U.N."), igo("United Nations"))).toBe(true);
    expect(sameActor(igo("ECOWAS Commission"), igo("Economic Community of West African States"))).toBe(true);
    expect(sameActor(igo("United Nations"), igo("UN Security Council"))).toBe(false);
    expect(sameActor(igo("European Union"), igo("African Union"))).toBe(false);
  });

  it("accepts a gold reaction's alternate names, whatever their kind", () => {
    const g = gold({
      reactions: [
        {
          actor: "United Nations",
          actor_kind: "igo",
          country: null,
          stance: "condemn",
          actor_alt: ["Antonio Guterres"],
        },
      ],
    });
    const p = prediction({ reactions: [reaction(person("Guterres"))] });
    expect(scoreDocument(g, p).reactions.tp).toBe(1);
  });

  it("needs the same stance as well as the same actor", () => {
    const g = gold({ reactions: [{ actor: "Narendra Modi", actor_kind: "person", stance: "condemn" }] });
    const s = scoreDocument(g, prediction({ reactions: [reaction(person("Modi"), "express_concern")] }));
    expect([s.reactions.tp, s.reactions.fp, s.reactions.fn]).toEqual([0, 1, 1]);
    // the actor still counts for reaction_actors, which ignores the stance
    expect(s.reaction_actors.tp).toBe(1);
  });
});

describe("quote matching", () => {
  it("matches quotes whose words overlap by at least 0.6 of the longer one", () => {
    expect(quoteOverlap("violence has no place here", "violence has no room there")).toBe(0.6);
    expect(quoteOverlap("violence has no place here", "violence has a room there")).toBe(0.4);
    const g = gold({ quotes: [{ speaker: "Justin Trudeau", quote: "violence has no place here" }] });
    const at = (text: string) =>
      scoreDocument(g, prediction({ quotes: [{ text, speaker: person("Justin Trudeau") }] })).quotes.tp;
    expect(at("violence has no room there")).toBe(1);
    expect(at("violence has a room there")).toBe(0);
  });

  it("scores the quote's words apart from its speaker", () => {
    const g = gold({
      quotes: [{ speaker: "Dmitry Peskov", quote: "strongly condemns any forms of political violence" }],
    });
    const s = scoreDocument(
      g,
      prediction({
        quotes: [
          { text: "strongly condemns any forms of political violence", speaker: person("Vladimir Putin") },
        ],
      }),
    );
    expect([s.quotes.tp, s.quotes_attributed.tp, s.quotes_attributed.fp, s.quotes_attributed.fn]).toEqual([
      1, 0, 1, 1,
    ]);
    const unattributed = scoreDocument(
      g,
      prediction({ quotes: [{ text: "strongly condemns any forms of political violence", speaker: null }] }),
    );
    expect([unattributed.quotes.tp, unattributed.quotes_attributed.tp]).toEqual([1, 0]);
  });
});

describe("accused matching", () => {
  it("folds the words for proxies, so Iran's proxies are pro-Iran militias but not Iran", () => {
    expect(sameAccused("Iran's proxies", "pro-Iran militias")).toBe(true);
    expect(sameAccused("Iran's proxies", "Iran")).toBe(false);
    expect(sameAccused("Iran", "Iran-backed militias")).toBe(false);
    expect(sameAccused("the Biden administration", "Biden administration")).toBe(true);
    const g = gold({ attributions: [{ claimant: "author", accused: "Iran's proxies" }] });
    const accused = (name: string) => ({
      accused: { name, kind: "armed_group", country: null },
      confidence: 0.7,
    });
    expect(
      scoreDocument(g, prediction({ attributions: [accused("pro-Iran militias")] })).attributions.tp,
    ).toBe(1);
    expect(scoreDocument(g, prediction({ attributions: [accused("Iran")] })).attributions.tp).toBe(0);
  });
});

describe("one-to-one matching and the figures", () => {
  const g = gold({
    reactions: [
      { actor: "Anthony Albanese", actor_kind: "person", country: "AUS", stance: "condemn" },
      { actor: "Karl Nehammer", actor_kind: "person", country: "AUT", stance: "condemn" },
    ],
  });

  it("counts a duplicate prediction as a false positive", () => {
    const albanese = reaction(person("Anthony Albanese", "AUS"));
    const s = scoreDocument(g, prediction({ reactions: [albanese, albanese] }));
    expect([s.reactions.tp, s.reactions.fp, s.reactions.fn]).toEqual([1, 1, 1]);
    expect(s.reactions.spurious).toEqual([albanese]);
    expect(s.reaction_actors.fp).toBe(0); // actors are folded before matching
  });

  it("counts every gold item as a false negative when the prediction is empty", () => {
    const { summary } = scoreAll([{ name: "x.gold.json", gold: g, prediction: prediction({}) }]);
    expect(summary.reactions).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 2 });
    expect(summary.attributions).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0 });
  });

  it("micro-averages over files, rounding to three places", () => {
    const both = prediction({ reactions: [reaction(person("Albanese")), reaction(person("Nehammer"))] });
    const wrong = prediction({ reactions: [reaction(person("Justin Trudeau"))] });
    const { summary, files } = scoreAll([
      { name: "a.gold.json", gold: g, prediction: both },
      { name: "b.gold.json", gold: g, prediction: wrong },
    ]);
    expect(summary.reactions).toEqual({ precision: 0.667, recall: 0.5, f1: 0.571, tp: 2, fp: 1, fn: 2 });
    expect(files["b.gold.json"]?.reactions.f1).toBe(0);
  });
});

describe("calibration", () => {
  it("bins predicted reactions and attributions by confidence, with their observed precision", () => {
    const g = gold({
      reactions: [{ actor: "Justin Trudeau", actor_kind: "person", stance: "condemn" }],
      attributions: [{ claimant: "author", accused: "Hamas" }],
    });
    const p = prediction({
      reactions: [reaction(person("Trudeau"), "condemn", 0.95), reaction(person("Macron"), "condemn", 0.9)],
      attributions: [
        { accused: { name: "Hezbollah", kind: "armed_group", country: null }, confidence: 0.55 },
      ],
    });
    const c = calibrate([scoreDocument(g, p)]);
    const top = c.bins.at(-1)!;
    expect([top.from, top.to, top.items, top.correct, top.precision, top.meanConfidence]).toEqual([
      0.9, 1, 2, 1, 0.5, 0.925,
    ]);
    expect(c.byKind.attributions.find((b) => b.from === 0.5)).toMatchObject({
      items: 1,
      correct: 0,
      precision: 0,
    });
    expect(c.items).toBe(3);
    expect(c.bins.filter((b) => b.items === 0).every((b) => b.precision === null)).toBe(true);
  });
});

describe("gold and prediction files", () => {
  it("names the field of a gold file that does not fit the shape", () => {
    expect(() =>
      parseGold({ reactions: [{ actor: "Iran", actor_kind: "state", stance: "applaud" }] }, "bad.gold.json"),
    ).toThrow(/gold field "reactions\.0\.stance"/);
  });

  it("reads predictions as leniently as the shared scorer: bare names, `quote` for text, missing lists", () => {
    const p = parsePrediction({
      reactions: [{ actor: "Canada", stance: "condemn" }],
      quotes: [{ speaker: null, quote: "never acceptable" }],
    });
    expect(p).toEqual({
      reactions: [{ actor: { name: "Canada", kind: "other", country: null }, stance: "condemn" }],
      quotes: [{ speaker: { name: "", kind: "other", country: null }, text: "never acceptable" }],
      attributions: [],
    });
  });
});

describe("agreement with the shared scorer on the dev set", () => {
  const pred = tempDir("crisisdesk-pred-");

  it("prints the same figures as score-analysis.mjs for the same predictions", async () => {
    const reports = readdirSync(DEV).filter((f) => f.endsWith(".txt"));
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      const res = await runCli(["analyze", join(DEV, report), "--format", "json"]);
      expect(res.code).toBe(0);
      writeFileSync(join(pred, report.replace(/\.txt$/, ".json")), res.stdout);
    }
    const shared = await promisify(execFile)(process.execPath, [
      SHARED_SCORER,
      "--gold",
      DEV,
      "--pred",
      pred,
      "--json",
    ]);
    const theirs = JSON.parse(shared.stdout);
    const ours = await runCli(["eval", "--gold", DEV, "--pred", pred, "--json"]);
    expect(ours.code).toBe(0);
    const mine = JSON.parse(ours.stdout);
    expect(mine.summary).toEqual(theirs.summary);
    expect(mine.files).toEqual(theirs.files);
    // analysing the reports itself, eval scores what analyze printed
    const direct = JSON.parse((await runCli(["eval", "--gold", DEV, "--json"])).stdout);
    expect(direct.summary).toEqual(theirs.summary);
  });
});
