import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";

interface Cell {
  evidence: string;
  hypothesis: string;
  rating: "CC" | "C" | "N" | "I" | "II";
  suggested: boolean;
}
interface Report {
  hypotheses: {
    id: string;
    label: string;
    actors: string[];
    other: boolean;
    inconsistency: number;
    rank: number;
    tied: boolean;
  }[];
  evidence: {
    id: string;
    kind: string;
    summary: string;
    credibility: number;
    relevance: number;
    diagnosticity: number;
    sources: { documentId: string; sentence: string; offset: [number, number] }[];
  }[];
  ratings: Cell[];
  top: string[];
  suggestedCells: number;
}

const WEIGHT = { CC: 0, C: 0, N: 0, I: 1, II: 2 } as const;

describe("crisisdesk ach", () => {
  const dir = tempDir();
  const db = join(dir, "ach.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  const report = async (): Promise<Report> => {
    const res = await cli("ach", "kadhimi", "--json");
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout);
  };

  beforeAll(async () => {
    expect((await cli("ingest", "examples/")).code).toBe(0);
    const created = await cli(
      "case",
      "create",
      "Drone attack on Kadhimi's residence",
      "--id",
      "kadhimi",
      "--anchor-date",
      "2021-11-07",
      "--country",
      "IRQ",
    );
    expect(created.code).toBe(0);
    const docs = JSON.parse((await cli("list", "documents", "--json")).stdout) as { id: string }[];
    expect((await cli("case", "add", "kadhimi", ...docs.map((d) => d.id))).code).toBe(0);
  });

  it("seeds hypotheses and evidence from the case's reports on first use and prints the matrix", async () => {
    const res = await cli("ach", "kadhimi");
    expect(res.code).toBe(0);
    expect(res.stderr).toBe("crisisdesk: seeded the ACH of case kadhimi from its reports\n");
    expect(res.stdout).toMatch(/^ACH for case kadhimi: Drone attack on Kadhimi's residence$/m);
    expect(res.stdout).toContain("Hypotheses (least inconsistent first)");
    expect(res.stdout).toContain("Matrix (* = suggested by the engine, not yet confirmed)");
    expect(res.stdout).toMatch(/Kata'ib Hezbollah/);
    expect(res.stdout).toMatch(/Other \/ unknown/);
    expect(res.stdout).toMatch(
      /engine suggestions: confirm or change with crisisdesk ach kadhimi rate E H RATING/,
    );
    // The second time it reads the stored state.
    expect((await cli("ach", "kadhimi")).stderr).toBe("");
  });

  it("seeds one hypothesis per accused actor, Other / unknown last, all ratings suggested", async () => {
    const r = await report();
    const blamed = r.hypotheses.flatMap((h) => h.actors);
    expect(blamed).toEqual(expect.arrayContaining(["group:kataib-hezbollah", "group:asaib-ahl-al-haq"]));
    // The reports blame Iran's allies, not the Iranian state: the factions are a hypothesis of their own.
    expect(blamed.some((id) => /iran-aligned/.test(id))).toBe(true);
    expect(r.hypotheses.at(-1)).toMatchObject({ label: "Other / unknown", other: true });
    expect(r.ratings).toHaveLength(r.hypotheses.length * r.evidence.length);
    expect(r.ratings.every((c) => c.suggested)).toBe(true);
    expect(r.suggestedCells).toBe(r.ratings.length);
    const kinds = new Set(r.evidence.map((e) => e.kind));
    for (const kind of ["cited_evidence", "accusation", "denial", "downplay", "weapon"])
      expect(kinds).toContain(kind);
  });

  it("links evidence to the exact sentences of the stored reports", async () => {
    const r = await report();
    const cited = r.evidence.find((e) => e.kind === "cited_evidence")!;
    expect(cited.summary).toMatch(/Iranian-made/);
    for (const source of cited.sources) {
      const doc = JSON.parse((await cli("show", source.documentId, "--json")).stdout) as { text: string };
      expect(doc.text.slice(source.offset[0], source.offset[1])).toBe(source.sentence);
    }
    expect(r.evidence.every((e) => e.sources.length > 0)).toBe(true);
  });

  it("scores each hypothesis as Σ credibility × relevance × (I = 1, II = 2)", async () => {
    const r = await report();
    for (const h of r.hypotheses) {
      const expected = r.ratings
        .filter((c) => c.hypothesis === h.id)
        .reduce((n, c) => {
          const e = r.evidence.find((x) => x.id === c.evidence)!;
          return n + e.credibility * e.relevance * WEIGHT[c.rating];
        }, 0);
      expect(h.inconsistency).toBeCloseTo(expected, 3);
    }
    const best = Math.min(...r.hypotheses.map((h) => h.inconsistency));
    expect(r.top.sort()).toEqual(
      r.hypotheses
        .filter((h) => h.inconsistency === best)
        .map((h) => h.id)
        .sort(),
    );
  });

  it("confirms or changes a rating with rate, and the scores follow", async () => {
    const before = await report();
    const kh = before.hypotheses.find((h) => h.actors.includes("group:kataib-hezbollah"))!;
    const cited = before.evidence.find((e) => e.kind === "cited_evidence")!;
    const res = await cli("ach", "kadhimi", "rate", cited.id, kh.id, "II");
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toBe(`${cited.id} × ${kh.id}: II (confirmed)\n`);
    const after = await report();
    expect(after.ratings.find((c) => c.evidence === cited.id && c.hypothesis === kh.id)).toMatchObject({
      rating: "II",
      suggested: false,
    });
    const added = cited.credibility * cited.relevance * 2;
    expect(after.hypotheses.find((h) => h.id === kh.id)!.inconsistency).toBeCloseTo(
      kh.inconsistency + added,
      3,
    );
    const matrix = await cli("ach", "kadhimi");
    expect(matrix.stdout).toMatch(new RegExp(`^\\s+${cited.id}\\s.*\\bII\\s`, "m"));
  });

  it("edits hypotheses and weights, and re-seeding keeps the edits", async () => {
    const r = await report();
    const kh = r.hypotheses.find((h) => h.actors.includes("group:kataib-hezbollah"))!;
    const iran = r.hypotheses.find((h) => h.actors.some((id) => /iran-aligned/.test(id)))!;
    const cited = r.evidence.find((e) => e.kind === "cited_evidence")!;
    expect(
      (await cli("ach", "kadhimi", "hypothesis", "rename", kh.id, "Kata'ib Hezbollah, on its own")).stdout,
    ).toBe(`renamed ${kh.id} to "Kata'ib Hezbollah, on its own"\n`);
    expect((await cli("ach", "kadhimi", "hypothesis", "remove", iran.id)).code).toBe(0);
    const added = await cli(
      "ach",
      "kadhimi",
      "hypothesis",
      "add",
      "Staged by a rival faction",
      "--actor",
      "group:saraya-al-salam",
    );
    expect(added.stdout).toMatch(/^added H\d+ "Staged by a rival faction"$/m);
    expect(
      (
        await cli(
          "ach",
          "kadhimi",
          "evidence",
          "set",
          cited.id,
          "--credibility",
          "high",
          "--relevance",
          "0.5",
        )
      ).stdout,
    ).toBe(`${cited.id}: credibility 1.41, relevance 0.50\n`);
    const seeded = await cli("ach", "kadhimi", "seed");
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(
      /^seeded case kadhimi: \d+ hypotheses, \d+ evidence items, \d+ suggested and 1 confirmed ratings$/m,
    );
    const after = await report();
    expect(after.hypotheses.find((h) => h.id === kh.id)!.label).toBe("Kata'ib Hezbollah, on its own");
    expect(after.hypotheses.some((h) => h.id === iran.id)).toBe(false);
    expect(after.hypotheses.some((h) => h.label === "Staged by a rival faction")).toBe(true);
    expect(after.evidence.find((e) => e.id === cited.id)).toMatchObject({
      credibility: Math.SQRT2,
      relevance: 0.5,
    });
    expect(after.ratings.find((c) => c.evidence === cited.id && c.hypothesis === kh.id)!.rating).toBe("II");
  });

  it("shows an evidence item's sources and the reason for each rating", async () => {
    const r = await report();
    const denial = r.evidence.find((e) => e.kind === "denial")!;
    const res = await cli("ach", "kadhimi", "evidence", "show", denial.id);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Ratings");
    expect(res.stdout).toMatch(/N\s+suggested: /);
    expect(res.stdout).toContain(denial.sources[0]!.sentence);
  });

  it("prints the matrix as Markdown with the sources", async () => {
    const res = await cli("ach", "kadhimi", "--format", "md");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^# Analysis of Competing Hypotheses: Drone attack on Kadhimi's residence$/m);
    expect(res.stdout).toContain("| Rank | ID | Hypothesis | Weighted inconsistency |");
    expect(res.stdout).toMatch(/^\| ID \| Evidence \| Credibility \| Relevance \| H1 \|/m);
    expect(res.stdout).toContain("## Sensitivity");
    expect(res.stdout).toContain("## Sources");
  });

  it("says what is wrong with a bad action, rating or case", async () => {
    const badRating = await cli("ach", "kadhimi", "rate", "E1", "H1", "maybe");
    expect([badRating.code, badRating.stderr]).toEqual([
      2,
      'crisisdesk: a rating is one of CC, C, N, I, II (or "suggested"), not "maybe"\n',
    ]);
    const badAction = await cli("ach", "kadhimi", "frobnicate");
    expect(badAction.code).toBe(2);
    expect(badAction.stderr).toMatch(/unknown action "frobnicate"/);
    const noCase = await cli("ach", "no-such-case");
    expect(noCase.code).toBe(1);
    expect(noCase.stderr).toBe("crisisdesk: no-such-case: no case with this id (see crisisdesk case list)\n");
    const noEvidence = await cli("ach", "kadhimi", "rate", "E999", "H1", "C");
    expect([noEvidence.code, noEvidence.stderr]).toEqual([
      1,
      "crisisdesk: E999: no evidence item with this id (see crisisdesk ach CASE)\n",
    ]);
    const badWeight = await cli("ach", "kadhimi", "evidence", "set", "E1", "--credibility", "very");
    expect(badWeight.code).toBe(2);
  });
});
