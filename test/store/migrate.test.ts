// `crisisdesk migrate` copies a SQLite store into PostgreSQL without loss: every report as it was
// recorded (analyses, versions, times, the analyst's decisions, the engine's item history), cases
// with members and state, the overlay, source grades, actor resolutions, users and tokens.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { openStore, openUserStore } from "../../src/store/index.js";
import { examplesCase, runCli, tempDir } from "../helpers.js";
import { describePostgres, freshDatabase } from "../postgres.js";

describePostgres("crisisdesk migrate", () => {
  const dir = tempDir("crisisdesk-migrate-");
  const db = join(dir, "desk.db");
  const cli = async (...args: string[]) => {
    const r = await runCli(["--db", db, ...args], { env: { USER: "alice" } });
    if (r.code !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  };

  beforeAll(async () => {
    await examplesCase(db, "kadhimi");
    // The analyst's layer: a rejection, a knowledge-base edit and the re-analysis it leads to.
    const queue = JSON.parse(await cli("review", "list", "--all", "--json", "--kind", "reaction"));
    await cli("review", "reject", queue[0].id, "--note", "not a reaction");
    await cli(
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
    await cli("reanalyze", "--all");
    const store = await openStore(db);
    await store.putCaseState("kadhimi", "ach", { hypotheses: ["h1", "h2"], ratings: { h1: { e1: "C" } } });
    await store.putSource({
      name: "Reuters",
      reliability: "B",
      credibility: 2,
      note: null,
      by: "alice",
      at: "t1",
    });
    await store.putActorResolution({
      actor: "new:some-faction",
      name: "some faction",
      action: "phrase",
      target: null,
      alias: null,
      by: "alice",
      at: "t2",
      note: null,
    });
    await store.close();
    const users = await openUserStore(db);
    await users.putUser({ name: "alice", role: "admin", passwordHash: "scrypt$x", createdAt: "t3" });
    await users.addToken({ id: "t-1", user: "alice", label: "nightly", createdAt: "t4", hash: "abc" });
    await users.close();
  }, 180_000);

  it("copies a SQLite store into PostgreSQL without loss, and a second run copies nothing", async () => {
    const target = await freshDatabase("migrate");
    const first = await runCli(["migrate", "--from", db, "--to", target]);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(
      /^copied 11 reports \(0 already there\), 1 cases, 1 overlay actors, 1 source grades, 1 actor resolutions, 1 users \(0 already there\) with 1 tokens\n/,
    );

    const [a, b] = [await openStore(db), await openStore(target)];
    const { path: _p1, ...statsA } = await a.stats();
    const { path: _p2, ...statsB } = await b.stats();
    expect(statsB).toEqual(statsA);
    const ids = await a.documentIds();
    expect(await b.documentIds()).toEqual(ids);
    let decisions = 0;
    let changes = 0;
    for (const id of ids) {
      const record = await a.exportReport(id);
      expect(await b.exportReport(id)).toEqual(record);
      decisions += record!.decisions.length;
      changes += record!.changes.length;
    }
    expect(decisions).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(0);
    const cases = await a.exportCases();
    expect(cases[0]!.members).toHaveLength(11);
    expect(cases[0]!.state.map((s) => s.key)).toContain("ach");
    expect(await b.exportCases()).toEqual(cases);
    expect(await b.overlayActors()).toEqual(await a.overlayActors());
    expect(await b.listSources()).toEqual(await a.listSources());
    expect(await b.actorResolutions()).toEqual(await a.actorResolutions());
    expect(await b.listReactions()).toEqual(await a.listReactions());
    await Promise.all([a.close(), b.close()]);
    const [ua, ub] = [await openUserStore(db), await openUserStore(target)];
    expect(await ub.getUser("alice")).toEqual(await ua.getUser("alice"));
    expect(await ub.tokens()).toEqual(await ua.tokens());
    await Promise.all([ua.close(), ub.close()]);

    const again = await runCli(["migrate", "--from", db, "--to", target]);
    expect(again.stdout).toMatch(
      /^copied 0 reports \(11 already there\), .* 0 users \(1 already there\) with 0 tokens\n/,
    );
    const matrix = async (store: string) => (await runCli(["--db", store, "reactions", "kadhimi"])).stdout;
    expect(await matrix(target)).toBe(await matrix(db));
  }, 180_000);

  it("refuses to copy a store onto itself", async () => {
    const r = await runCli(["migrate", "--from", db, "--to", db]);
    expect([r.code, r.stderr]).toEqual([2, "crisisdesk: --from and --to name the same store\n"]);
  });
});
