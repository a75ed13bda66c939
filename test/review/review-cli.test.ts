// The analyst's layer end to end through the CLI: corrections, rejections and additions survive a
// re-analysis with a changed knowledge base, and every output reads the reviewed record.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { examplesCase, runCli, tempDir } from "../helpers.js";

interface QueueRow {
  id: string;
  kind: string;
  status: string;
  confidence: number | null;
  summary: string;
  documentId: string;
  documentTitle: string | null;
}

describe("review and re-analysis through the CLI", () => {
  const dir = tempDir("crisisdesk-review-");
  const db = join(dir, "review.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args], { env: { USER: "alice" } });
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await cli(...args);
    if (r.code !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const queue = (...extra: string[]) => json<QueueRow[]>("review", "list", "--all", "--json", ...extra);
  const reactions = () =>
    json<{ item: string; actor_id: string; actor_name: string; stance: string; review: string | null }[]>(
      "list",
      "reactions",
      "--json",
    );

  beforeAll(async () => {
    await examplesCase(db, "kadhimi");
  }, 120_000);

  it("keeps a corrected reaction while unreviewed items follow a knowledge-base edit", async () => {
    const before = await queue("--kind", "reaction");
    const wrong = before.find((q) => q.summary === "Ministry of Foreign Affairs of Iran — support")!;
    expect(wrong).toBeDefined();
    const set = await cli(
      "review",
      "set",
      wrong.id,
      "--stance",
      "condemn",
      "--note",
      "the ministry condemned it",
    );
    expect(set.stdout).toContain(
      `corrected ${wrong.id} (reaction): Ministry of Foreign Affairs of Iran — condemn — by alice`,
    );

    // The knowledge base learns an actor the engine had only as a phrase.
    expect((await reactions()).some((r) => r.actor_id === "new:iran-aligned-factions")).toBe(true);
    const added = await cli(
      "actors",
      "add",
      "--id",
      "group:iran-aligned-factions",
      "--name",
      "Iran-aligned factions",
      "--kind",
      "armed_group",
      "--country",
      "IRQ",
    );
    expect(added.code).toBe(0);
    expect((await json<{ staleAnalyses: number }>("stats", "--json")).staleAnalyses).toBe(11);

    const run = await cli("reanalyze", "--all");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/re-analysed 11 reports: [1-9]\d* changed/);
    expect(run.stdout).toMatch(/reactions\s+0 added, 0 removed, [1-9]\d* changed/);
    expect((await json<{ staleAnalyses: number }>("stats", "--json")).staleAnalyses).toBe(0);

    const after = await reactions();
    expect(after.some((r) => r.actor_id === "new:iran-aligned-factions")).toBe(false);
    expect(after.some((r) => r.actor_id === "group:iran-aligned-factions")).toBe(true);
    const corrected = after.find((r) => r.item === wrong.id)!;
    expect(corrected).toMatchObject({ stance: "condemn", review: "corrected" });
    expect(
      after.filter((r) => r.actor_name === "Ministry of Foreign Affairs of Iran" && r.stance === "support"),
    ).toEqual([]);

    const history = await cli("history", wrong.id);
    expect(history.stdout).toMatch(/engine\s+ingested\s+Ministry of Foreign Affairs of Iran — support/);
    expect(history.stdout).toMatch(
      /alice\s+set\s+Ministry of Foreign Affairs of Iran — condemn\n\s+the ministry condemned it/,
    );
  }, 120_000);

  it("keeps a rejected item out when the engine produces it again", async () => {
    const spurious = (await queue("--kind", "reaction")).find((q) => q.summary === "Ali Shamkhani — other")!;
    const rejected = await cli("review", "reject", spurious.id, "--by", "bob");
    expect(rejected.stdout).toBe(`rejected ${spurious.id} (reaction): left out of the record — by bob\n`);
    expect((await reactions()).some((r) => r.item === spurious.id)).toBe(false);

    const run = await cli("reanalyze", "--case", "kadhimi");
    expect(run.stdout).toContain("re-analysed 11 reports: 0 changed");
    expect((await reactions()).some((r) => r.item === spurious.id)).toBe(false);
    const listed = (await queue()).find((q) => q.id === spurious.id)!;
    expect(listed.status).toBe("rejected");
    // Re-analysing one report by its id prefix works the same way.
    const one = await cli("reanalyze", listed.documentId.slice(0, 10));
    expect(one.stdout).toContain("re-analysed 1 report: 0 changed");
  }, 120_000);

  it("shows an added reaction in the reaction matrix and the brief, marked as the analyst's", async () => {
    const matrixBefore = await cli("reactions", "kadhimi", "--format", "json");
    expect(matrixBefore.stdout).not.toContain("Ministry of Foreign Affairs of Germany");
    const report = (await queue()).find((q) => q.documentTitle?.startsWith("World leaders condemn"))!;
    const add = await cli(
      "review",
      "add",
      "reaction",
      "--doc",
      report.documentId.slice(0, 12),
      "--at",
      "Joe Biden",
      "--actor",
      "Ministry of Foreign Affairs of Germany",
      "--stance",
      "express_concern",
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(
      /^added r-[0-9a-f]{12} \(reaction\): Ministry of Foreign Affairs of Germany — express_concern — by alice\n$/,
    );
    const id = /r-[0-9a-f]{12}/.exec(add.stdout)![0];

    const matrix = await cli("reactions", "kadhimi", "--format", "json");
    expect(matrix.stdout).toContain("Ministry of Foreign Affairs of Germany");
    const brief = await cli("brief", "kadhimi", "--date", "2021-11-20");
    expect(brief.code).toBe(0);
    expect(brief.stdout).toContain("Germany");
    expect(brief.stdout).toMatch(/^\[\^\d+\]: .*“[^”]*Joe Biden[^”]*” analyst-added/m);
    const row = JSON.parse(matrix.stdout).rows.find(
      (r: { actor: { name: string } }) => r.actor.name === "Ministry of Foreign Affairs of Germany",
    );
    expect(row).toMatchObject({ stance: "express_concern", confirmed: 1 });

    // A re-analysis keeps the analyst's addition.
    await cli("reanalyze", "--all");
    expect((await reactions()).find((r) => r.item === id)).toMatchObject({ review: "added" });
  }, 120_000);

  it("walks the queue lowest confidence first with one-key answers piped to stdin", async () => {
    const open = (await json<QueueRow[]>("review", "list", "--json", "--kind", "quote")).slice(0, 3);
    const walk = await runCli(["--db", db, "review", "next", "--kind", "quote", "--by", "carol"], {
      input: "a\nr\nx s q\n",
    });
    expect(walk.code).toBe(0);
    expect(walk.stdout).toContain(`[1/`);
    expect(walk.stdout).toContain(open[0]!.id);
    expect(walk.stdout).toMatch(
      /accepted[\s\S]*rejected[\s\S]*"x" is not an answer here[\s\S]*skipped[\s\S]*quit\n1 accepted, 1 rejected, 0 corrected, 1 skipped/,
    );
    const after = await queue("--kind", "quote");
    expect(after.find((q) => q.id === open[0]!.id)!.status).toBe("accepted");
    expect(after.find((q) => q.id === open[1]!.id)!.status).toBe("rejected");
    expect(after.find((q) => q.id === open[2]!.id)!.status).toBe("unreviewed");
  }, 120_000);

  it("says what is wrong with a decision and changes nothing", async () => {
    const missing = await cli("review", "accept", "r-000000000000");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      "crisisdesk: r-000000000000: no item has this id (see `crisisdesk review list`)\n",
    );
    const item = (await queue("--kind", "reaction"))[0]!;
    const badStance = await cli("review", "set", item.id, "--stance", "cheer");
    expect(badStance.code).toBe(2);
    expect(badStance.stderr).toContain('stance "cheer" is not one of condemn, support');
    const wrongField = await cli("review", "set", item.id, "--speaker", "Iran");
    expect(wrongField.code).toBe(2);
    expect(wrongField.stderr).toContain("a reaction has no speaker to set; it has stance, actor");
    expect((await queue("--kind", "reaction")).find((q) => q.id === item.id)!.status).toBe(item.status);
  }, 120_000);
});
