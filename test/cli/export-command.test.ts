import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analysisSchema } from "../../src/domain/index.js";
import { ACLED_COLUMNS, GDELT_COLUMNS } from "../../src/outputs/index.js";
import { examplesCase, runCli, tempDir } from "../helpers.js";
import { parseCsv } from "../outputs/read-csv.js";
import { bundleProblems } from "../outputs/stix-schema.js";

describe("crisisdesk export", () => {
  const dir = tempDir();
  const db = join(dir, "examples.db");
  const exportCase = (...args: string[]) => runCli(["--db", db, "export", ...args]);

  beforeAll(async () => {
    await examplesCase(db);
  });

  it("writes a STIX 2.1 bundle that validates, with the attack attributed to Kata'ib Hezbollah", async () => {
    const out = join(dir, "case.stix.json");
    const res = await exportCase("kadhimi-2021", "--format", "stix", "--out", out);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(
      /^exported case "kadhimi-2021" as stix to .*case\.stix\.json: \d+ STIX objects\n$/,
    );
    const bundle = JSON.parse(readFileSync(out, "utf8"));
    expect(bundleProblems(bundle)).toEqual([]);
    const byId = new Map(bundle.objects.map((o: { id: string }) => [o.id, o]));
    const accused = bundle.objects
      .filter((o: { relationship_type?: string }) => o.relationship_type === "attributed-to")
      .map((o: { target_ref: string }) => (byId.get(o.target_ref) as { name: string }).name);
    expect(accused).toContain("Kata'ib Hezbollah");
    const types = new Set(bundle.objects.map((o: { type: string }) => o.type));
    for (const type of [
      "report",
      "identity",
      "threat-actor",
      "incident",
      "location",
      "relationship",
      "opinion",
      "note",
    ])
      expect(types, type).toContain(type);
    // The attack of 7 November, told by most of the reports, is one incident with one sighting.
    const attacks = bundle.objects.filter(
      (o: { type: string; x_crisisdesk_cameo?: string }) =>
        o.type === "incident" && o.x_crisisdesk_cameo?.startsWith("19"),
    );
    expect(attacks).toHaveLength(1);
    expect(attacks[0].x_crisisdesk_reports).toBeGreaterThanOrEqual(5);
    expect(attacks[0].external_references.length).toBeGreaterThanOrEqual(5);
    const sighting = bundle.objects.find(
      (o: { type: string; sighting_of_ref?: string }) =>
        o.type === "sighting" && o.sighting_of_ref === attacks[0].id,
    );
    expect(sighting.count).toBe(attacks[0].x_crisisdesk_reports);
    // The temporary file is renamed into place, not left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("exports the same bundle twice: ids and content are stable", async () => {
    const first = await exportCase("kadhimi-2021", "--format", "stix");
    const second = await exportCase("kadhimi-2021", "--format", "stix");
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it("prints the GDELT-style table: a header and one 61-column row per real event, its reports counted", async () => {
    const res = await exportCase("kadhimi-2021", "--format", "gdelt");
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(GDELT_COLUMNS.join("\t"));
    expect(lines.length).toBeGreaterThan(20);
    const rows = lines.slice(1).map((l) => l.split("\t"));
    expect(rows.every((r) => r.length === 61)).toBe(true);
    const col = (name: string) => GDELT_COLUMNS.indexOf(name);
    // The attack of 7 November: one row for all the reports that tell it, placed in Baghdad.
    const attack = rows.filter(
      (r) => /^1[89]$/.test(r[col("EventRootCode")]!) && r[col("Day")] === "20211107",
    );
    expect(attack).toHaveLength(1);
    expect(Number(attack[0]![col("NumArticles")])).toBeGreaterThanOrEqual(5);
    expect(Number(attack[0]![col("NumSources")])).toBeGreaterThanOrEqual(3);
    expect(attack[0]![col("ActionGeo_FullName")]).toBe("Baghdad, Iraq");
    expect(attack[0]![col("ActionGeo_Lat")]).toBe("33.315");
  });

  it("prints the ACLED-style table as CSV, one row for the drone strike on Baghdad", async () => {
    const res = await exportCase("kadhimi-2021", "--format", "acled");
    expect(res.code).toBe(0);
    const [header, ...rows] = parseCsv(res.stdout);
    expect(header).toEqual([...ACLED_COLUMNS]);
    expect(rows.every((r) => r.length === ACLED_COLUMNS.length)).toBe(true);
    const col = (name: (typeof ACLED_COLUMNS)[number]) => ACLED_COLUMNS.indexOf(name);
    const strikes = rows.filter(
      (r) => r[col("sub_event_type")] === "Air/drone strike" && r[col("event_date")] === "2021-11-07",
    );
    // One row for the strike, its outlets listed and its reports counted.
    expect(strikes).toHaveLength(1);
    expect(strikes[0]![col("event_type")]).toBe("Explosions/Remote violence");
    expect(strikes[0]![col("location")]).toBe("Baghdad");
    expect(strikes[0]![col("source")]!.split("; ").length).toBeGreaterThanOrEqual(3);
    expect(strikes[0]![col("tags")]).toMatch(/reports=\d+; sources=\d+/);
    expect(rows.map((r) => r[col("country")])).toContain("Iraq");
  });

  it("exports the case as JSON with every document's analysis", async () => {
    const out = join(dir, "case.json");
    const res = await exportCase("kadhimi-2021", "--out", out);
    expect(res.code).toBe(0);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.case).toMatchObject({
      id: "kadhimi-2021",
      anchorDate: "2021-11-07",
      country: "IRQ",
      documents: 11,
    });
    expect(json.documents).toHaveLength(11);
    for (const d of json.documents) expect(analysisSchema.safeParse(d.analysis).success).toBe(true);
  });

  it("says in one line what is wrong: an unknown case, an unknown format, a folder that does not exist", async () => {
    expect(await exportCase("no-such-case", "--format", "stix")).toMatchObject({
      code: 1,
      stdout: "",
      stderr: "crisisdesk: no-such-case: no such case; `crisisdesk case list` shows the cases\n",
    });
    const format = await exportCase("kadhimi-2021", "--format", "xml");
    expect([format.code, format.stderr]).toEqual([
      2,
      'crisisdesk: unknown format "xml"; expected one of stix, gdelt, acled, json\n',
    ]);
    const missing = join(dir, "no", "such", "folder", "x.csv");
    const res = await exportCase("kadhimi-2021", "--format", "acled", "--out", missing);
    expect([res.code, res.stderr]).toEqual([
      2,
      `crisisdesk: ${missing}: cannot write the export here (no such folder)\n`,
    ]);
    expect(existsSync(missing)).toBe(false);
    const store = await exportCase("kadhimi-2021", "--format", "stix", "--out", db, "--force");
    expect([store.code, store.stderr]).toEqual([
      2,
      `crisisdesk: ${db}: refusing to write the export over the store; choose another file\n`,
    ]);
    expect((await exportCase("kadhimi-2021", "--format", "acled")).code).toBe(0);
  });

  it("has examples in its help", async () => {
    const help = await runCli(["export", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+\$ crisisdesk export /);
  });
});
