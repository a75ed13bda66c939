// `crisisdesk eval` end to end: the built CLI as a child process, on the shared dev set.
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, SHARED, tempDir } from "../helpers.js";

const DEV = join(SHARED, "data", "dev");

describe("crisisdesk eval", () => {
  it("prints the shared scorer's table for the dev set and exits 0", async () => {
    const res = await runCli(["eval", "--gold", DEV]);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(/^files: 3$/m);
    for (const kind of ["reactions", "reaction_actors", "quotes", "quotes_attributed", "attributions"])
      expect(res.stdout).toMatch(
        new RegExp(
          `^${kind}\\s+P \\d\\.\\d{3}  R \\d\\.\\d{3}  F1 \\d\\.\\d{3}  \\(tp \\d+, fp \\d+, fn \\d+\\)$`,
          "m",
        ),
      );
  });

  it("keeps the engine above its accuracy floor on the dev set", async () => {
    const res = await runCli(["eval", "--gold", DEV, "--json"]);
    expect(res.code).toBe(0);
    const { summary, files } = JSON.parse(res.stdout);
    expect(Object.keys(files)).toHaveLength(3);
    expect(summary.reactions.f1).toBeGreaterThanOrEqual(0.85);
    expect(summary.quotes_attributed.f1).toBeGreaterThanOrEqual(0.85);
    expect(summary.attributions.f1).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps the engine above its floor on the hand-annotated examples, found through --reports", async () => {
    const res = await runCli(["eval", "--gold", "test/fixtures/gold", "--reports", "examples", "--json"]);
    expect(res.code).toBe(0);
    const { summary, files, resolution } = JSON.parse(res.stdout);
    expect(Object.keys(files)).toHaveLength(3);
    expect(summary.reactions.f1).toBeGreaterThanOrEqual(0.85);
    expect(summary.quotes_attributed.f1).toBeGreaterThanOrEqual(0.85);
    expect(summary.attributions.f1).toBeGreaterThanOrEqual(0.7);
    expect(resolution.resolved / resolution.total).toBeGreaterThanOrEqual(0.7);
  });

  it("lists misses with --verbose and a reliability table with --calibration", async () => {
    const res = await runCli(["eval", "--gold", DEV, "--verbose", "--calibration"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^## 01-fico-shooting-afp\.gold\.json/m);
    expect(res.stdout).toMatch(/^CONFIDENCE\s+ITEMS\s+CORRECT\s+PRECISION\s+MEAN CONF/m);
    expect(res.stdout).toMatch(/^\[0\.9, 1\.0\]\s+\d+/m);
    const json = JSON.parse((await runCli(["eval", "--gold", DEV, "--json", "--calibration"])).stdout);
    expect(json.calibration.bins).toHaveLength(6);
    expect(json.calibration.items).toBeGreaterThan(0);
  });

  it("exits 2 on bad usage", async () => {
    const res = await runCli(["eval"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--gold");
  });

  it("exits 1 on a broken gold file, naming the file and the field", async () => {
    const dir = tempDir("crisisdesk-gold-");
    copyFileSync(join(DEV, "02-trump-rally-reactions-ap.txt"), join(dir, "report.txt"));
    writeFileSync(
      join(dir, "report.gold.json"),
      JSON.stringify({ reactions: [{ actor: "Justin Trudeau", actor_kind: "person", stance: "applaud" }] }),
    );
    const res = await runCli(["eval", "--gold", dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("report.gold.json");
    expect(res.stderr).toContain("reactions.0.stance");
    expect(res.stdout).toBe("");
  });

  it("exits 1 when a gold file has no report beside it", async () => {
    const dir = tempDir("crisisdesk-gold-");
    writeFileSync(join(dir, "lonely.gold.json"), JSON.stringify({ reactions: [] }));
    const res = await runCli(["eval", "--gold", dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/lonely\.gold\.json: no report beside it/);
  });
});
