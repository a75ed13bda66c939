// The scorer's matching rules, each pinned on a small hand-made gold/prediction pair, and its
// agreement with the shared scorer (../shared/bin/score-analysis.mjs) on the real dev set.
import { execFile } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  calibrate,
  type Gold,
  type PredictedEvent,
  type Prediction,
  parseGold,
  parsePrediction,
  predictedMainEvent,
  quoteOverlap,
  SCORED_KINDS,
  type ScoredActor,
  sameAccused,
  sameActor,
  sameTarget,
  scoreAll,
  scoreDocument,
} from "../../src/evaluation/index.js";
import { readInputs } from "../../src/ingestion/index.js";
import { loadAnalyser } from "../../src/pipeline/index.js";
import { runCli, SHARED, tempDir } from "../helpers.js";

const DEV = join(SHARED, "data", "dev");
const SHARED_SCORER = join(SHARED, "bin", "score-analysis.mjs");

function gold(value: Partial<Record<keyof Gold, unknown>>): Gold {
  return parseGold(value, "test.gold.json");
}

function prediction(value: Partial<Prediction>): Prediction {
  return { events: [], reactions: [], quotes: [], attributions: [], ...value };
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

  it("folds possessives, so a state's office matches the office of that state", () => {
    const body = (name: string): ScoredActor => ({ name, kind: "government_body", country: null });
    expect(sameActor(body("Chile's presidency"), body("Presidency of Chile"))).toBe(true);
    expect(sameActor(body("Chile's presidency"), body("Presidency of Peru"))).toBe(false);
  });

  it("reads a demonym as its country's name, so the Danish ministry is Denmark's", () => {
    const body = (name: string): ScoredActor => ({ name, kind: "government_body", country: null });
    expect(sameActor(body("Danish foreign ministry"), body("Denmark's foreign ministry"))).toBe(true);
    expect(sameActor(body("Danish foreign ministry"), body("Sweden's foreign ministry"))).toBe(false);
  });

  it("matches a body of an organisation to its office, but not to another of its bodies", () => {
    const igo = (name: string): ScoredActor => ({ name, kind: "igo", country: null });
    expect(
      sameActor(
        igo("UN High Commissioner for Refugees"),
        igo("Office of the United Nations High Commissioner for Refugees"),
      ),
    ).toBe(true);
    expect(sameActor(igo("the AU Commission"), igo("African Union"))).toBe(true);
    expect(sameActor(igo("UN Human Rights Council"), igo("UN Development Programme"))).toBe(false);
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

describe("the main event", () => {
  const event = (id: string, fields: Partial<PredictedEvent> = {}): PredictedEvent => ({
    id,
    date: null,
    location: null,
    target_actor: null,
    ...fields,
  });
  const toward = (event_id: string) => ({ ...reaction(person("Albanese")), event_id });
  const g = gold({
    event: {
      date: "2023-03-09",
      date_knowable: true,
      country: "GEO",
      target: "the parliament building in Tbilisi",
    },
  });

  it("is the predicted event most reactions point to, else the first", () => {
    const events = [event("e1"), event("e2"), event("e3")];
    expect(predictedMainEvent(events, [toward("e2"), toward("e3"), toward("e3")])?.id).toBe("e3");
    expect(predictedMainEvent(events, [toward("e2"), toward("e3")])?.id).toBe("e2");
    expect(predictedMainEvent(events, [])?.id).toBe("e1");
    expect(predictedMainEvent(events, [toward("gone")])?.id).toBe("e1");
    expect(predictedMainEvent([], [toward("e1")])).toBeNull();
  });

  it("checks its day, country and target against the gold event", () => {
    const right = event("e1", {
      date: "2023-03-09",
      location: { country: "GEO" },
      target_actor: { name: "Parliament of Georgia", kind: "government_body", country: "GEO" },
    });
    const wrong = event("e2", { date: "2023-03-08", location: { country: "RUS" } });
    const s = scoreDocument(g, prediction({ events: [right, wrong], reactions: [toward("e2")] }));
    expect(s.main_event).toEqual({
      date: { ok: false, gold: "2023-03-09", pred: "2023-03-08" },
      country: { ok: false, gold: "GEO", pred: "RUS" },
      target: { ok: false, gold: "the parliament building in Tbilisi", pred: null },
    });
    const first = scoreDocument(g, prediction({ events: [right, wrong] })).main_event;
    expect([first.date?.ok, first.country?.ok, first.target?.ok]).toEqual([true, true, true]);
  });

  it("leaves the day unscored where the gold says the text cannot fix it", () => {
    const undated = gold({ event: { date: "2023-03-09", date_knowable: false, country: "GEO" } });
    const s = scoreDocument(undated, prediction({ events: [event("e1", { date: "2026-01-04" })] }));
    expect(Object.keys(s.main_event)).toEqual(["country"]);
    expect(scoreDocument(gold({}), prediction({ events: [event("e1")] })).main_event).toEqual({});
  });

  it("matches a target by its last word or a long word both share", () => {
    expect(sameTarget("Prime Minister Kaja Kallas", "Kallas")).toBe(true);
    expect(sameTarget("oil facilities at Abqaiq", "the Abqaiq plant")).toBe(true);
    expect(sameTarget("oil facilities at Abqaiq", "the port of Jeddah")).toBe(false);
    expect(sameTarget("Kaja Kallas", "")).toBe(false);
  });

  it("counts each check over the files whose gold allows it", () => {
    const undated = gold({ event: { date: "2023-03-09", date_knowable: false, country: "GEO" } });
    const right = prediction({ events: [event("e1", { date: "2023-03-09", location: { country: "GEO" } })] });
    const { summary, files } = scoreAll([
      { name: "a.gold.json", gold: g, prediction: right },
      { name: "b.gold.json", gold: undated, prediction: right },
      { name: "c.gold.json", gold: g, prediction: prediction({}) },
    ]);
    expect(summary.main_event).toEqual({
      date: { correct: 1, total: 2, accuracy: 0.5 },
      country: { correct: 2, total: 3, accuracy: 0.667 },
      target: { correct: 0, total: 2, accuracy: 0 },
    });
    expect(files["c.gold.json"]?.main_event.country).toEqual({ ok: false, gold: "GEO", pred: null });
  });

  it("reads the main event of a prediction file, a field of the wrong type as absent", () => {
    const p = parsePrediction({
      events: [
        { id: "e1", date: 20230309, location: { name: "Tbilisi", country: "GEO" }, target_actor: "Tbilisi" },
      ],
      reactions: [{ actor: "Canada", stance: "condemn", event_id: "e1" }],
    });
    expect(p.events).toEqual([
      {
        id: "e1",
        date: null,
        location: { country: "GEO" },
        target_actor: { name: "Tbilisi", kind: "other", country: null },
      },
    ]);
    expect(p.reactions[0]?.event_id).toBe("e1");
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

  it("names a gold event's country that is not an ISO3 code", () => {
    expect(() => parseGold({ event: { country: "Georgia" } }, "bad.gold.json")).toThrow(
      /gold field "event\.country"/,
    );
  });

  it("reads predictions as leniently as the shared scorer: bare names, `quote` for text, missing lists", () => {
    const p = parsePrediction({
      reactions: [{ actor: "Canada", stance: "condemn" }],
      quotes: [{ speaker: null, quote: "never acceptable" }],
    });
    expect(p).toEqual({
      events: [],
      reactions: [{ actor: { name: "Canada", kind: "other", country: null }, stance: "condemn" }],
      quotes: [{ speaker: { name: "", kind: "other", country: null }, text: "never acceptable" }],
      attributions: [],
    });
  });
});

describe("agreement with the shared scorer on the dev set", () => {
  const pred = tempDir("crisisdesk-pred-");
  const crossed = tempDir("crisisdesk-pred-");
  const golds = readdirSync(DEV)
    .filter((f) => f.endsWith(".gold.json"))
    .sort();
  const stem = (goldFile: string) => goldFile.slice(0, -".gold.json".length);

  async function bothScorers(predDir: string) {
    const shared = await promisify(execFile)(
      process.execPath,
      [SHARED_SCORER, "--gold", DEV, "--pred", predDir, "--json"],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const ours = await runCli(["eval", "--gold", DEV, "--pred", predDir, "--json"]);
    expect([ours.code, ours.stderr]).toEqual([0, ""]);
    return { theirs: JSON.parse(shared.stdout), mine: JSON.parse(ours.stdout) };
  }

  // Every kind and the main event, on every file and summed: a difference names where it lies.
  interface ScorerJson {
    summary: Record<string, unknown>;
    files: Record<string, Record<string, unknown>>;
  }
  function expectSameFigures(mine: ScorerJson, theirs: ScorerJson) {
    const kinds = [...SCORED_KINDS, "main_event"];
    expect(Object.keys(mine.files)).toEqual(Object.keys(theirs.files));
    for (const file of Object.keys(theirs.files))
      for (const kind of kinds)
        expect(mine.files[file]?.[kind], `${file}: ${kind}`).toEqual(theirs.files[file]?.[kind]);
    for (const kind of kinds) expect(mine.summary[kind], `summary: ${kind}`).toEqual(theirs.summary[kind]);
    expect(Object.keys(mine.summary).sort()).toEqual(Object.keys(theirs.summary).sort());
  }

  it("prints the same figures as score-analysis.mjs for the same predictions, on every dev report", async () => {
    expect(golds.length).toBeGreaterThan(0);
    // The predictions are made in this process with the analyser `analyze` uses (one start-up, not
    // one per report); one report through the CLI shows they are what `analyze` prints.
    const analyse = await loadAnalyser();
    const all = readdirSync(DEV);
    const reportOf = (goldFile: string) =>
      all.find((f) => f.startsWith(`${stem(goldFile)}.`) && !f.endsWith(".gold.json"));
    for (const goldFile of golds) {
      const report = reportOf(goldFile);
      expect(report, `a report beside ${goldFile}`).toBeDefined();
      const analyses = [];
      for await (const result of readInputs([join(DEV, report!)])) {
        if (result.error) throw result.error;
        analyses.push(...(result.documents ?? []).map((d) => analyse(d)));
      }
      expect(analyses).toHaveLength(1);
      writeFileSync(join(pred, `${stem(goldFile)}.json`), JSON.stringify(analyses[0], null, 2));
    }
    const first = golds[0]!;
    const printed = await runCli(["analyze", join(DEV, reportOf(first)!), "--format", "json"]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(
      JSON.parse(readFileSync(join(pred, `${stem(first)}.json`), "utf8")),
    );
    const { theirs, mine } = await bothScorers(pred);
    expect(Object.keys(theirs.files)).toHaveLength(golds.length);
    expectSameFigures(mine, theirs);
    // analysing the reports itself, eval scores what analyze printed
    const direct = JSON.parse((await runCli(["eval", "--gold", DEV, "--json"])).stdout);
    expectSameFigures(direct, theirs);
  });

  it("agrees with it on predictions of other reports, where most names differ", async () => {
    // Each gold file scored against the next report's analysis: the rules' negative side.
    golds.forEach((goldFile, i) => {
      const other = golds[(i + 1) % golds.length]!;
      copyFileSync(join(pred, `${stem(other)}.json`), join(crossed, `${stem(goldFile)}.json`));
    });
    const { theirs, mine } = await bothScorers(crossed);
    expectSameFigures(mine, theirs);
  });
});
