import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const UNDATED = join(FIXTURES, "dates", "undated-report.txt");

describe("crisisdesk analyze on a report that gives no date", () => {
  it("dates no event from the clock and says why in the JSON", async () => {
    const res = await runCli(["analyze", UNDATED, "--format", "json"]);
    expect(res.code).toBe(0);
    const analysis = JSON.parse(res.stdout);
    expect(analysis.document.published).toBeNull();
    expect(analysis.events.length).toBeGreaterThan(0);
    expect(analysis.events.map((e: { date: string | null }) => e.date)).toEqual(
      analysis.events.map(() => null),
    );
    expect(analysis.reference_date).toMatchObject({ date: null, from: null });
    expect(analysis.reference_date.note).toMatch(/no metadata, dateline/);
  });

  it("names the missing reference date in the Markdown view", async () => {
    const res = await runCli(["analyze", UNDATED, "--format", "md"]);
    expect(res.stdout).toMatch(/^Reference date: none \(no metadata, dateline/m);
  });
});
