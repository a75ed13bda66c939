// Admiralty grading and analyst-confirmed marks through the CLI: a graded source changes the ACH
// credibility weights, shows in the brief's footnotes and the STIX export; an item an analyst
// confirmed is marked in the reaction matrix, the timeline, the brief, the case JSON and STIX.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { examplesCase, runCli, tempDir } from "../helpers.js";

interface QueueRow {
  id: string;
  kind: string;
  status: string;
  summary: string;
  documentId: string;
  documentTitle: string | null;
}

interface AchJson {
  evidence: {
    id: string;
    key: string | null;
    credibility: number;
    confidence: number;
    sources: { documentId: string; grade?: string }[];
  }[];
  hypotheses: { id: string; inconsistency: number }[];
}

interface StixObject {
  type: string;
  name?: string;
  confidence?: number;
  roles?: string[];
  x_opencti_reliability?: string;
  x_crisisdesk_grade?: string;
  x_crisisdesk_review?: { status: string; by: string };
  x_crisisdesk_stance?: string;
  authors?: string[];
}

describe("source grades and the reviewed record in every output, through the CLI", () => {
  const dir = tempDir("crisisdesk-grades-");
  const db = join(dir, "grades.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args], { env: { USER: "dana" } });
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await cli(...args);
    if (r.code !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const stix = async () =>
    (await json<{ objects: StixObject[] }>("export", "kadhimi", "--format", "stix")).objects;

  beforeAll(async () => {
    await examplesCase(db, "kadhimi");
  }, 120_000);

  it("grades a source and the ACH weights of the evidence it reports change", async () => {
    const before = await json<AchJson>("ach", "kadhimi", "--format", "json");
    const listed = await cli("sources", "list");
    expect(listed.stdout).toMatch(/example\.org\s+–\s+8/);

    const set = await cli("sources", "set", "example.org", "--reliability", "a", "--credibility", "1");
    expect(set.stdout).toBe(
      "graded example.org: A (completely reliable), its reports 1 (confirmed by other sources) — by dana\n",
    );
    const after = await json<AchJson>("ach", "kadhimi", "--format", "json");
    const webOnly = (await json<{ id: string; url: string | null }[]>("list", "documents", "--json"))
      .filter((d) => d.url?.startsWith("https://example.org/"))
      .map((d) => d.id);
    let raised = 0;
    for (const e of after.evidence) {
      const old = before.evidence.find((x) => x.key === e.key)!;
      if (e.sources.some((s) => webOnly.includes(s.documentId))) {
        // A1 is PARC ACH's "high": the extraction's confidence × √2.
        expect(e.credibility).toBeCloseTo(Math.round(old.confidence * Math.SQRT2 * 100) / 100, 2);
        expect(e.sources.filter((s) => webOnly.includes(s.documentId)).map((s) => s.grade)).not.toContain(
          undefined,
        );
        raised++;
      } else expect(e.credibility).toBe(old.credibility);
    }
    expect(raised).toBeGreaterThan(0);

    // The scores follow: the one inconsistent rating rests on the think-tank paper, read from a
    // file; grading that source doubtful (D5) weighs it less.
    const [weighed] = before.hypotheses.filter((h) => h.inconsistency > 0);
    expect(weighed).toBeDefined();
    await cli(
      "sources",
      "set",
      "examples/think-tank-analysis.md",
      "--reliability",
      "D",
      "--credibility",
      "5",
    );
    const scored = await json<AchJson>("ach", "kadhimi", "--format", "json");
    const now = scored.hypotheses.find((h) => h.id === weighed!.id)!;
    expect(now.inconsistency).toBeCloseTo(weighed!.inconsistency * 2 ** (-3 / 8), 1);
    expect(now.inconsistency).toBeLessThan(weighed!.inconsistency);
    await cli("sources", "remove", "examples/think-tank-analysis.md");

    // A worse grade weighs the same evidence less; removing the grade restores the engine's weights.
    await cli("sources", "set", "example.org", "--reliability", "E", "--credibility", "5");
    const low = await json<AchJson>("ach", "kadhimi", "--format", "json");
    const e = low.evidence.find((x) => x.sources.some((s) => webOnly.includes(s.documentId)))!;
    expect(e.credibility).toBeCloseTo(Math.round(e.confidence * Math.SQRT1_2 * 100) / 100, 2);
    expect((await cli("sources", "remove", "example.org")).stdout).toBe("removed the grade of example.org\n");
    const plain = await json<AchJson>("ach", "kadhimi", "--format", "json");
    expect(plain.evidence.map((x) => x.credibility)).toEqual(before.evidence.map((x) => x.credibility));
  }, 120_000);

  it("shows grades in the brief's footnotes and in STIX confidence and reliability", async () => {
    await cli("sources", "set", "example.org", "--reliability", "B");
    const brief = await cli("brief", "kadhimi", "--date", "2021-11-20");
    expect(brief.code).toBe(0);
    const notes = brief.stdout.split("\n").filter((l) => /^\[\^\d+\]:/.test(l));
    expect(notes.some((l) => l.includes("<https://example.org/") && l.includes(" [B6]"))).toBe(true);
    // A report from a file no grade covers has no grade.
    expect(notes.filter((l) => !l.includes("<https://")).every((l) => !/\[[A-F][1-6]\]/.test(l))).toBe(true);

    const objects = await stix();
    const source = objects.find((o) => o.type === "identity" && o.name === "example.org")!;
    expect(source.x_opencti_reliability).toBe("B - Usually reliable");

    // An item graded credible on its own: its STIX confidence follows STIX's Admiralty table.
    const condemn = (await json<QueueRow[]>("review", "list", "--json", "--kind", "reaction")).find(
      (q) =>
        q.summary === "League of Arab States — condemn" && q.documentTitle?.startsWith("Arab League and GCC"),
    )!;
    const graded = await cli("review", "set", condemn.id, "--credibility", "2", "--note", "seen on its site");
    expect(graded.stdout).toContain(
      `accepted ${condemn.id} (reaction): League of Arab States — condemn [credibility 2] — by dana`,
    );
    const opinion = (await stix()).find((o) => o.type === "opinion" && o.x_crisisdesk_review)!;
    expect(opinion).toMatchObject({
      confidence: 70,
      x_crisisdesk_grade: "B2",
      x_crisisdesk_stance: "condemn",
      x_crisisdesk_review: { status: "accepted", by: "dana" },
    });
    const again = await cli("brief", "kadhimi", "--date", "2021-11-20");
    expect(again.stdout).toMatch(/\[B2\], analyst-confirmed/);
  }, 120_000);

  it("marks analyst-confirmed items in the matrix, the timeline and the case JSON", async () => {
    const reactions = await json<QueueRow[]>("review", "list", "--json", "--kind", "reaction");
    const pick = reactions.find((q) => q.summary.endsWith("— condemn"))!;
    await cli("review", "accept", pick.id);
    const actor = pick.summary.split(" — ")[0]!;

    const matrix = await json<{ rows: { actor: { name: string }; stance: string; confirmed: number }[] }>(
      "reactions",
      "kadhimi",
      "--format",
      "json",
    );
    expect(matrix.rows.find((r) => r.actor.name === actor && r.stance === "condemn")!.confirmed).toBe(1);
    expect(matrix.rows.filter((r) => r.confirmed).length).toBeLessThan(matrix.rows.length);
    const table = (await cli("reactions", "kadhimi")).stdout;
    expect(table).toContain("condemn ✓");
    expect(table).toContain("✓ analyst-confirmed");
    const md = (await cli("reactions", "kadhimi", "--format", "md")).stdout;
    expect(md).toMatch(
      new RegExp(`\\| ${actor.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\|[^\\n]*\\| condemn ✓ \\|`),
    );
    const csv = (await cli("reactions", "kadhimi", "--format", "csv")).stdout.split("\n");
    expect(csv[0]).toMatch(/,analyst_confirmed$/);

    const timeline = (await cli("timeline", "kadhimi")).stdout;
    expect(timeline).toContain(`${actor}: condemn ✓`);

    const caseJson = await json<{
      documents: { id: string; analysis: { reactions: { review?: { status: string; by: string } }[] } }[];
    }>("export", "kadhimi", "--format", "json");
    const reviewed = caseJson.documents
      .flatMap((d) => d.analysis.reactions)
      .filter((r) => r.review)
      .map((r) => r.review!.status);
    expect(reviewed.sort()).toEqual(["accepted", "accepted"]);

    const objects = await stix();
    expect(objects.filter((o) => o.x_crisisdesk_review).length).toBe(2);
  }, 120_000);

  it("seeds the ACH and fires scenario indicators from the reviewed record", async () => {
    const attributions = await json<QueueRow[]>("review", "list", "--json", "--kind", "attribution");
    const spurious = attributions.find(
      (q) => q.summary === "Qais al-Khazali blames Intelligence Services of Iraq",
    )!;
    const key = "accusation:person:qais-al-khazali:body:irq-intelligence";
    expect(
      (await json<AchJson>("ach", "kadhimi", "seed", "--format", "json")).evidence.map((e) => e.key),
    ).toContain(key);
    await cli("review", "reject", spurious.id, "--note", "a quip, not an accusation");
    const reseeded = await json<AchJson>("ach", "kadhimi", "seed", "--format", "json");
    expect(reseeded.evidence.map((e) => e.key)).not.toContain(key);

    await cli("scenarios", "kadhimi", "add", "european-concern", "--prior", "0.3");
    const indicator = await cli(
      "scenarios",
      "kadhimi",
      "indicator",
      "add",
      "european-concern",
      "actor:country=DEU AND stance=express_concern",
      "--lr",
      "3",
    );
    expect(indicator.code).toBe(0);
    expect((await cli("scenarios", "kadhimi", "update")).stdout).toContain("no indicator fired anew");
    const report = (await json<QueueRow[]>("review", "list", "--json", "--all")).find((q) =>
      q.documentTitle?.startsWith("World leaders condemn"),
    )!;
    const added = await cli(
      "review",
      "add",
      "reaction",
      "--doc",
      report.documentId.slice(0, 12),
      "--at",
      "Joe Biden",
      "--actor",
      "Germany",
      "--stance",
      "express_concern",
    );
    expect(added.code).toBe(0);
    expect((await cli("scenarios", "kadhimi", "update")).stdout).toContain("1 indicator fired");
  }, 120_000);

  it("refuses grades off the Admiralty scale, naming what is allowed", async () => {
    const bad = await cli("sources", "set", "Reuters", "--reliability", "G");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'reliability "G" is not on the Admiralty scale; use one of A, B, C, D, E, F',
    );
    const item = (await json<QueueRow[]>("review", "list", "--json", "--kind", "quote"))[0]!;
    const badItem = await cli("review", "set", item.id, "--credibility", "7");
    expect(badItem.code).toBe(2);
    expect(badItem.stderr).toContain(
      'credibility "7" is not on the Admiralty scale; use one of 1, 2, 3, 4, 5, 6',
    );
    expect((await cli("sources", "remove", "Reuters")).code).toBe(1);
  }, 120_000);
});
