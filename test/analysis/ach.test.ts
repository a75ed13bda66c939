import { describe, expect, it } from "vitest";
import {
  type AchState,
  addHypothesis,
  type CaseDocumentInput,
  type EvidenceItem,
  emptyAchState,
  type Hypothesis,
  type Rating,
  rateEvidence,
  removeEvidence,
  removeHypothesis,
  renameHypothesis,
  scoreAch,
  seedAch,
  setEvidenceWeights,
} from "../../src/analysis/index.js";
import type { ActorRef, Analysis, Attribution, Event, Reaction } from "../../src/domain/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";

// ---------------------------------------------------------------------------------------------
// Fixtures: small analyses about one attack, written by hand

const KH: ActorRef = {
  id: "group:kataib-hezbollah",
  name: "Kata'ib Hezbollah",
  kind: "armed_group",
  country: "IRQ",
};
const AAH: ActorRef = {
  id: "group:asaib-ahl-al-haq",
  name: "Asa'ib Ahl al-Haq",
  kind: "armed_group",
  country: "IRQ",
};
const PMF: ActorRef = {
  id: "group:pmf",
  name: "Popular Mobilization Forces",
  kind: "armed_group",
  country: "IRQ",
};
const IRAN: ActorRef = { id: "state:IRN", name: "Iran", kind: "state", country: "IRN" };
const IRAQ: ActorRef = { id: "state:IRQ", name: "Iraq", kind: "state", country: "IRQ" };
const KHAZALI: ActorRef = {
  id: "person:qais-al-khazali",
  name: "Qais al-Khazali",
  kind: "person",
  country: "IRQ",
};

let offset = 0;
function at(sentence: string): { sentence: string; offset: [number, number] } {
  const start = offset;
  offset += sentence.length + 1;
  return { sentence, offset: [start, start + sentence.length] };
}

function accusation(
  claimant: ActorRef | "author",
  accused: ActorRef,
  evidence: string | null,
  confidence = 0.75,
): Attribution {
  return {
    claimant,
    accused,
    event_id: "ev1",
    evidence,
    ...at(
      `${claimant === "author" ? "Officials" : claimant.name} blamed ${accused.name}${evidence ? `, citing ${evidence}` : ""}.`,
    ),
    confidence,
  };
}

function reaction(actor: ActorRef, stance: Reaction["stance"], confidence = 0.8): Reaction {
  return { actor, stance, event_id: "ev1", ...at(`${actor.name} reacted (${stance}).`), confidence };
}

function event(overrides: Partial<Event>): Event {
  return {
    id: "ev1",
    summary: "A drone struck the residence",
    cameo: "195",
    plover: "ASSAULT",
    mode: "drone",
    date: "2021-11-07",
    location: { name: "Baghdad", country: "IRQ" },
    source_actor: null,
    target_actor: null,
    attempted: true,
    ...at("A drone struck the residence of the prime minister."),
    confidence: 0.9,
    ...overrides,
  };
}

function doc(
  id: string,
  parts: Partial<Pick<Analysis, "events" | "reactions" | "attributions">>,
  published = "2021-11-08",
): CaseDocumentInput {
  return {
    id,
    title: `Report ${id}`,
    published,
    analysis: {
      document: {
        id,
        title: `Report ${id}`,
        published,
        source: `${id}.txt`,
        language: "en",
        sentences: 10,
        words: 200,
      },
      actors: [],
      events: parts.events ?? [],
      reactions: parts.reactions ?? [],
      quotes: [],
      attributions: parts.attributions ?? [],
    },
  };
}

const kb = KnowledgeBase.load();
const NOW = new Date("2021-11-10T12:00:00Z");

function hypothesisOf(state: AchState, label: string): Hypothesis {
  const h = state.hypotheses.find((x) => x.label === label);
  if (!h) throw new Error(`no hypothesis ${label}: ${state.hypotheses.map((x) => x.label).join(", ")}`);
  return h;
}

function evidenceOf(state: AchState, kind: EvidenceItem["kind"], actor?: string): EvidenceItem {
  const e = state.evidence.find((x) => x.kind === kind && (!actor || x.actors.some((a) => a.name === actor)));
  if (!e) throw new Error(`no ${kind} evidence about ${actor}`);
  return e;
}

function rating(state: AchState, e: EvidenceItem, h: Hypothesis) {
  return state.ratings.find((r) => r.evidence === e.id && r.hypothesis === h.id)!;
}

// ---------------------------------------------------------------------------------------------
// A hand-built matrix for the arithmetic

/** Hypotheses H1..Hn and evidence rows given as [credibility, relevance, ratings...]. */
function matrix(hypotheses: number, rows: [number, number, ...Rating[]][]): AchState {
  const state = emptyAchState();
  for (let i = 1; i <= hypotheses; i++)
    state.hypotheses.push({
      id: `H${i}`,
      label: `Hypothesis ${i}`,
      actors: [],
      other: false,
      origin: "analyst",
      renamed: false,
    });
  rows.forEach(([credibility, relevance, ...ratings], i) => {
    const id = `E${i + 1}`;
    state.evidence.push({
      id,
      key: null,
      kind: "analyst",
      summary: `Item ${i + 1}`,
      actors: [],
      claimant: null,
      date: null,
      sources: [],
      confidence: 1,
      credibility,
      relevance,
      edited: { credibility: true, relevance: true },
      origin: "analyst",
    });
    ratings.forEach((r, j) => {
      state.ratings.push({
        evidence: id,
        hypothesis: `H${j + 1}`,
        rating: r,
        suggested: false,
        reason: "test",
      });
    });
  });
  return state;
}

describe("ACH scores (Heuer's weighted inconsistency, PARC ACH convention)", () => {
  // Worked by hand:
  //   E1 cred 1   rel 1   C  I  II   → adds 0, 1, 2
  //   E2 cred 0.5 rel 2   I  N  C    → adds 1, 0, 0
  //   E3 cred 2   rel 0.5 N  N  N    → adds 0, 0, 0   (non-diagnostic)
  //   totals: H1 = 1, H2 = 1, H3 = 2 → H1 and H2 tied first, H3 third.
  const state = matrix(3, [
    [1, 1, "C", "I", "II"],
    [0.5, 2, "I", "N", "C"],
    [2, 0.5, "N", "N", "N"],
  ]);
  const scores = scoreAch(state);

  it("sums credibility × relevance × (I = 1, II = 2) per hypothesis", () => {
    expect(scores.scores.map((s) => s.inconsistency)).toEqual([1, 1, 2]);
    expect(scores.scores[0]!.counts).toEqual({ CC: 0, C: 1, N: 1, I: 1, II: 0 });
  });

  it("ranks the least inconsistent first and reports ties as ties", () => {
    expect(scores.scores.map((s) => [s.id, s.rank, s.tied])).toEqual([
      ["H1", 1, true],
      ["H2", 1, true],
      ["H3", 3, false],
    ]);
    expect(scores.ranking).toEqual(["H1", "H2", "H3"]);
    expect(scores.top).toEqual(["H1", "H2"]);
    expect(scores.tiedAtTop).toBe(true);
  });

  it("measures diagnosticity as the spread of an item's ratings (CC +2 … II −2)", () => {
    expect(scores.diagnosticity).toEqual([
      { evidence: "E1", diagnosticity: 3, diagnostic: true },
      { evidence: "E2", diagnosticity: 2, diagnostic: true },
      { evidence: "E3", diagnosticity: 0, diagnostic: false },
    ]);
  });

  it("says which items, dropped or wrong, change the top of the ranking", () => {
    // Without E1: 1, 0, 0 → H2 and H3. Without E2: 0, 1, 2 → H1 alone.
    // E1 flipped (I, C, CC): 2, 0, 0 → H2 and H3. E2 flipped (C, N, I): 0, 1, 3 → H1 alone.
    expect(scores.sensitivity).toEqual([
      {
        evidence: "E1",
        ifDropped: ["H2", "H3"],
        dropChangesTop: true,
        ifFlipped: ["H2", "H3"],
        flipChangesTop: true,
      },
      { evidence: "E2", ifDropped: ["H1"], dropChangesTop: true, ifFlipped: ["H1"], flipChangesTop: true },
      {
        evidence: "E3",
        ifDropped: ["H1", "H2"],
        dropChangesTop: false,
        ifFlipped: ["H1", "H2"],
        flipChangesTop: false,
      },
    ]);
  });

  it("uses the PARC weight levels: an II on a high-credibility, high-relevance item counts 4", () => {
    const s = scoreAch(matrix(2, [[Math.SQRT2, Math.SQRT2, "II", "C"]]));
    expect(s.scores.map((x) => x.inconsistency)).toEqual([4, 0]);
    expect(s.top).toEqual(["H2"]);
    expect(s.tiedAtTop).toBe(false);
  });

  it("with no evidence, scores every hypothesis 0 and ties them all", () => {
    const s = scoreAch(matrix(3, []));
    expect(s.scores.map((x) => [x.inconsistency, x.rank, x.tied])).toEqual([
      [0, 1, true],
      [0, 1, true],
      [0, 1, true],
    ]);
    expect(s.top).toEqual(["H1", "H2", "H3"]);
    expect(s.diagnosticity).toEqual([]);
    expect(s.sensitivity).toEqual([]);
  });

  it("with all-neutral ratings, finds no diagnostic item and nothing the ranking depends on", () => {
    const s = scoreAch(
      matrix(3, [
        [1, 1, "N", "N", "N"],
        [0.7, 1.4, "N", "N", "N"],
      ]),
    );
    expect(s.scores.every((x) => x.inconsistency === 0 && x.rank === 1 && x.tied)).toBe(true);
    expect(s.diagnosticity.every((d) => !d.diagnostic && d.diagnosticity === 0)).toBe(true);
    expect(s.sensitivity.every((x) => !x.dropChangesTop && !x.flipChangesTop)).toBe(true);
  });

  it("rates the same for every hypothesis as non-diagnostic even when it is all consistent", () => {
    const s = scoreAch(matrix(2, [[1, 1, "C", "C"]]));
    expect(s.diagnosticity[0]!.diagnostic).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Seeding from a case's reports

describe("seeding the ACH from a case's reports", () => {
  const documents = [
    doc("a1", {
      attributions: [
        accusation(IRAQ, KH, "the Iranian-made quadcopter drones"),
        accusation("author", AAH, null, 0.65),
        accusation("author", IRAN, null, 0.6),
      ],
      reactions: [
        reaction(KH, "claim_responsibility", 0.7),
        reaction(AAH, "deny"),
        reaction(KHAZALI, "downplay"),
      ],
      events: [event({ source_actor: KH })],
    }),
  ];
  const state = seedAch({ documents, kb, anchorDate: "2021-11-07", now: NOW });

  it("seeds one hypothesis per accused actor, plus Other / unknown last", () => {
    expect(state.hypotheses.map((h) => h.label)).toEqual([
      "Kata'ib Hezbollah",
      "Asa'ib Ahl al-Haq",
      "Iran",
      "Other / unknown",
    ]);
    expect(state.hypotheses.at(-1)!.other).toBe(true);
    expect(state.hypotheses.every((h) => h.origin === "seeded")).toBe(true);
  });

  it("links every evidence item to its sentences (document, sentence, offset)", () => {
    const cited = evidenceOf(state, "cited_evidence", "Kata'ib Hezbollah");
    expect(cited.sources).toEqual([
      {
        documentId: "a1",
        documentTitle: "Report a1",
        published: "2021-11-08",
        sentence: "Iraq blamed Kata'ib Hezbollah, citing the Iranian-made quadcopter drones.",
        offset: expect.any(Array),
      },
    ]);
    const [start, end] = cited.sources[0]!.offset;
    expect(end - start).toBe(cited.sources[0]!.sentence.length);
    expect(cited.summary).toBe(
      "the Iranian-made quadcopter drones (cited by Iraq against Kata'ib Hezbollah)",
    );
  });

  it("defaults credibility to the extraction's confidence and relevance by kind of evidence", () => {
    const claim = evidenceOf(state, "claim_of_responsibility", "Kata'ib Hezbollah");
    expect([claim.credibility, claim.relevance]).toEqual([0.7, Math.SQRT2]);
    const accused = evidenceOf(state, "accusation", "Asa'ib Ahl al-Haq");
    expect([accused.credibility, accused.relevance]).toEqual([0.65, Math.SQRT1_2]);
  });

  it("suggests CC for a claimant of responsibility and I for every other hypothesis", () => {
    const claim = evidenceOf(state, "claim_of_responsibility", "Kata'ib Hezbollah");
    const [kh, aah, iran, other] = state.hypotheses;
    expect(rating(state, claim, kh!).rating).toBe("CC");
    expect(rating(state, claim, aah!).rating).toBe("I");
    expect(rating(state, claim, other!).rating).toBe("I");
    // Iran backs Kata'ib Hezbollah: its claim fits Iran acting through it, and does not rule Iran out.
    expect(rating(state, claim, iran!).rating).toBe("N");
  });

  it("suggests C for the accused when an accusation cites evidence, and I for Other / unknown", () => {
    const cited = evidenceOf(state, "cited_evidence");
    const [kh, aah, iran, other] = state.hypotheses;
    expect(rating(state, cited, kh!)).toMatchObject({ rating: "C", suggested: true });
    expect(rating(state, cited, aah!).rating).toBe("N");
    expect(rating(state, cited, iran!).rating).toBe("C");
    expect(rating(state, cited, other!).rating).toBe("I");
  });

  it("treats a denial as neutral for everyone, the accused included", () => {
    const denial = evidenceOf(state, "denial", "Asa'ib Ahl al-Haq");
    const cells = state.hypotheses.map((h) => rating(state, denial, h));
    expect(cells.map((c) => c.rating)).toEqual(["N", "N", "N", "N"]);
    expect(cells[1]!.reason).toMatch(/whether or not/);
    expect(scoreAch(state).diagnosticity.find((d) => d.evidence === denial.id)!.diagnostic).toBe(false);
  });

  it("reads a person's words as their organisation's: Khazali downplaying is Asa'ib Ahl al-Haq's", () => {
    const downplay = evidenceOf(state, "downplay", "Qais al-Khazali");
    expect(rating(state, downplay, hypothesisOf(state, "Asa'ib Ahl al-Haq")).reason).toMatch(
      /expected from them/,
    );
  });

  it("turns the weapon used into an item consistent with whoever the reports name as its user", () => {
    const weapon = evidenceOf(state, "weapon");
    expect(weapon.summary).toMatch(/drone/);
    expect(rating(state, weapon, hypothesisOf(state, "Kata'ib Hezbollah")).rating).toBe("C");
    expect(rating(state, weapon, hypothesisOf(state, "Iran")).rating).toBe("N");
  });

  it("marks every engine rating as a suggestion", () => {
    expect(state.ratings.length).toBe(state.evidence.length * state.hypotheses.length);
    expect(state.ratings.every((r) => r.suggested)).toBe(true);
    expect(scoreAch(state).suggestedCells).toBe(state.ratings.length);
  });

  it("scores the seeded matrix: the claimant and its backer tie as least inconsistent", () => {
    // Asa'ib Ahl al-Haq: I on the claim (0.7 × √2). Other / unknown: I on the claim and on the
    // cited evidence (0.75 × 1). Kata'ib Hezbollah and Iran, its backer: nothing inconsistent.
    const scores = scoreAch(state);
    const score = (label: string) => scores.scores.find((s) => s.label === label)!;
    expect(scores.top).toEqual([hypothesisOf(state, "Kata'ib Hezbollah").id, hypothesisOf(state, "Iran").id]);
    expect(score("Asa'ib Ahl al-Haq").inconsistency).toBe(Math.round(0.7 * Math.SQRT2 * 1000) / 1000);
    expect(score("Other / unknown").inconsistency).toBe(Math.round((0.7 * Math.SQRT2 + 0.75) * 1000) / 1000);
    expect(score("Other / unknown").rank).toBe(4);
  });

  it("groups accused actors when one is part of the other", () => {
    const grouped = seedAch({
      documents: [
        doc("b1", {
          attributions: [
            accusation(IRAQ, KH, null),
            accusation("author", PMF, null),
            accusation("author", IRAN, null),
          ],
        }),
      ],
      kb,
      now: NOW,
    });
    expect(grouped.hypotheses.map((h) => h.label)).toEqual([
      "Popular Mobilization Forces / Kata'ib Hezbollah",
      "Iran",
      "Other / unknown",
    ]);
    expect(grouped.hypotheses[0]!.actors.sort()).toEqual(["group:kataib-hezbollah", "group:pmf"]);
  });

  it("groups a proxy with its sponsor", () => {
    const withProxy = KnowledgeBase.load([
      {
        id: "group:test-proxy",
        name: "Test Proxy Brigade",
        kind: "armed_group",
        country: "IRQ",
        aliases: [],
        roles: [],
        affiliations: [{ type: "proxy_of", target: "state:IRN" }],
      },
    ]);
    const proxy: ActorRef = {
      id: "group:test-proxy",
      name: "Test Proxy Brigade",
      kind: "armed_group",
      country: "IRQ",
    };
    const s = seedAch({
      documents: [
        doc("c1", {
          attributions: [
            accusation("author", proxy, null),
            accusation("author", IRAN, null),
            accusation("author", IRAN, null),
          ],
        }),
      ],
      kb: withProxy,
      now: NOW,
    });
    expect(s.hypotheses.map((h) => h.label)).toEqual(["Iran / Test Proxy Brigade", "Other / unknown"]);
  });

  it("with no reports, seeds only Other / unknown and no evidence", () => {
    const empty = seedAch({ documents: [], kb, now: NOW });
    expect(empty.hypotheses.map((h) => h.label)).toEqual(["Other / unknown"]);
    expect(empty.evidence).toEqual([]);
    const withTwo = addHypothesis(addHypothesis(empty, kb, { label: "A" }).state, kb, { label: "B" }).state;
    const scores = scoreAch(withTwo);
    expect(scores.scores.map((s) => [s.inconsistency, s.rank, s.tied])).toEqual([
      [0, 1, true],
      [0, 1, true],
      [0, 1, true],
    ]);
    expect(scores.tiedAtTop).toBe(true);
  });

  it("leaves threats made after the anchor date out of the prior threats", () => {
    const threats = seedAch({
      documents: [
        doc("t1", {
          events: [
            event({
              id: "ev1",
              cameo: "138",
              plover: "THREATEN",
              mode: "violence",
              source_actor: KH,
              date: "2021-11-01",
              summary: "KH threatened the PM",
            }),
            event({
              id: "ev2",
              cameo: "138",
              plover: "THREATEN",
              mode: "violence",
              source_actor: AAH,
              date: "2021-11-20",
              summary: "AAH threatened the PM",
            }),
          ],
          attributions: [accusation("author", KH, null)],
        }),
      ],
      kb,
      anchorDate: "2021-11-07",
      now: NOW,
    });
    const items = threats.evidence.filter((e) => e.kind === "prior_threat");
    expect(items.map((e) => e.actors[0]!.name)).toEqual(["Kata'ib Hezbollah"]);
    expect(rating(threats, items[0]!, hypothesisOf(threats, "Kata'ib Hezbollah")).rating).toBe("C");
  });
});

// ---------------------------------------------------------------------------------------------
// The analyst's edits, and re-seeding that keeps them

describe("the analyst's edits", () => {
  const first = [
    doc("d1", {
      attributions: [
        accusation(IRAQ, KH, "the drones"),
        accusation("author", AAH, null),
        accusation("author", IRAN, null),
      ],
    }),
  ];
  const seeded = seedAch({ documents: first, kb, now: NOW });
  const kh = hypothesisOf(seeded, "Kata'ib Hezbollah");
  const cited = evidenceOf(seeded, "cited_evidence");

  it("confirms a rating, or changes it, and can hand it back to the engine", () => {
    const confirmed = rateEvidence(seeded, kb, cited.id, kh.id, "C").state;
    expect(rating(confirmed, cited, kh)).toMatchObject({ rating: "C", suggested: false });
    const changed = rateEvidence(confirmed, kb, cited.id, kh.id, "ii").state;
    expect(rating(changed, cited, kh)).toMatchObject({ rating: "II", suggested: false });
    expect(scoreAch(changed).scores.find((s) => s.id === kh.id)!.inconsistency).toBe(
      Math.round(0.75 * 1 * 2 * 1000) / 1000,
    );
    const back = rateEvidence(changed, kb, cited.id, kh.id, "suggested").state;
    expect(rating(back, cited, kh)).toMatchObject({ rating: "C", suggested: true });
  });

  it("refuses a rating outside CC, C, N, I, II", () => {
    expect(() => rateEvidence(seeded, kb, cited.id, kh.id, "maybe")).toThrow(/CC, C, N, I, II/);
    expect(() => rateEvidence(seeded, kb, "E99", kh.id, "C")).toThrow(/no evidence item/);
  });

  it("keeps renames, removals, confirmed ratings and edited weights when re-seeding", () => {
    let s = renameHypothesis(seeded, kh.id, "KH acting alone").state;
    s = removeHypothesis(s, kb, hypothesisOf(s, "Iran").id).state;
    s = rateEvidence(s, kb, cited.id, kh.id, "CC").state;
    s = setEvidenceWeights(s, cited.id, { credibility: 0.3 }).state;
    const accusedAah = evidenceOf(s, "accusation", "Asa'ib Ahl al-Haq");
    s = removeEvidence(s, accusedAah.id).state;
    s = addHypothesis(s, kb, { label: "Staged", actors: [] }).state;

    const more = [
      ...first,
      doc(
        "d2",
        { reactions: [reaction(AAH, "deny")], attributions: [accusation("author", IRAN, null)] },
        "2021-11-09",
      ),
    ];
    const again = seedAch({ documents: more, kb, now: NOW }, s);
    expect(again.hypotheses.map((h) => h.label)).toEqual([
      "Asa'ib Ahl al-Haq",
      "KH acting alone",
      "Other / unknown",
      "Staged",
    ]);
    expect(rating(again, cited, kh)).toMatchObject({ rating: "CC", suggested: false });
    expect(again.evidence.find((e) => e.id === cited.id)!.credibility).toBe(0.3);
    expect(again.evidence.some((e) => e.key === accusedAah.key)).toBe(false);
    const denial = evidenceOf(again, "denial", "Asa'ib Ahl al-Haq");
    expect(denial.id).toBe(`E${s.next.evidence}`);
    expect(again.ratings.filter((r) => r.evidence === denial.id).every((r) => r.suggested)).toBe(true);
    // Evidence ids are stable across seeding.
    expect(again.evidence.find((e) => e.key === cited.key)!.id).toBe(cited.id);
  });

  it("suggests N for an analyst's hypothesis without actors, and rates its actors when it has some", () => {
    const staged = addHypothesis(seeded, kb, { label: "Staged" });
    expect(rating(staged.state, cited, staged.hypothesis)).toMatchObject({ rating: "N", suggested: true });
    const kh2 = addHypothesis(seeded, kb, { label: "KH via a front", actors: ["group:kataib-hezbollah"] });
    expect(rating(kh2.state, cited, kh2.hypothesis).rating).toBe("C");
    expect(() => addHypothesis(seeded, kb, { label: "Iran" })).toThrow(/already exists/);
  });

  it("refuses weights outside 0 to 10", () => {
    expect(() => setEvidenceWeights(seeded, cited.id, { relevance: -1 })).toThrow(/0 to 10/);
  });
});
