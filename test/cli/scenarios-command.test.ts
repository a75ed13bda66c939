import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";

type Likelihoods = Record<string, number>;
interface Entry {
  kind: "baseline" | "fired" | "resolved";
  indicator?: string;
  scenario?: string;
  lr?: number;
  before?: Likelihoods;
  after: Likelihoods;
  evidence?: { documentId: string; item: string; sentence: string; offset: [number, number] }[];
}
interface Status {
  scenarios: { id: string; name: string; prior: number; normalisedPrior: number; likelihood: number }[];
  indicators: { id: string; fired: number }[];
  history: Entry[];
  brier: { outcome: string; score: number; snapshots: { score: number }[] } | null;
  warnings: string[];
}

const SETTLEMENT_QUERY = 'stance=condemn AND actor:region="Middle East and North Africa"';

describe("crisisdesk scenarios", () => {
  const dir = tempDir();
  const db = join(dir, "scenarios.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  const status = async (): Promise<Status> =>
    JSON.parse((await cli("scenarios", "kadhimi", "--json", "--history")).stdout);
  let documents: string[] = [];

  beforeAll(async () => {
    expect((await cli("ingest", "examples/")).code).toBe(0);
    expect(
      (
        await cli(
          "case",
          "create",
          "Drone attack on Kadhimi's residence",
          "--id",
          "kadhimi",
          "--anchor-date",
          "2021-11-07",
        )
      ).code,
    ).toBe(0);
    documents = (JSON.parse((await cli("list", "documents", "--json")).stdout) as { id: string }[]).map(
      (d) => d.id,
    );
    expect((await cli("case", "add", "kadhimi", ...documents)).code).toBe(0);
  });

  it("adds scenarios with priors and warns when the priors do not sum to 1", async () => {
    const added = await cli(
      "scenarios",
      "kadhimi",
      "add",
      "escalation",
      "--prior",
      "0.3",
      "--description",
      "factions and government clash",
    );
    expect([added.code, added.stdout]).toEqual([
      0,
      'added S1 "escalation" with prior 0.3 (priors now sum to 0.3)\n',
    ]);
    expect((await cli("scenarios", "kadhimi", "add", "settlement", "--prior", "50%")).code).toBe(0);
    expect((await cli("scenarios", "kadhimi", "add", "chaos", "--prior", "0.1")).code).toBe(0);
    const res = await cli("scenarios", "kadhimi");
    expect(res.code).toBe(0);
    expect(res.stderr).toBe(
      "crisisdesk: warning: the priors sum to 0.9, not 1: they are normalised (each divided by 0.9)\n",
    );
    expect(res.stdout).toMatch(/^S2\s+settlement\s+0\.50\s+55\.6%\s+55\.6%\s+\+0\.0\s+0\/0 fired/m);
    const s = await status();
    expect(s.scenarios.map((x) => x.normalisedPrior)).toEqual(
      [0.3 / 0.9, 0.5 / 0.9, 0.1 / 0.9].map((x) => expect.closeTo(x, 12)),
    );
  });

  it("refuses an indicator whose query does not parse, naming the position", async () => {
    const res = await cli(
      "scenarios",
      "kadhimi",
      "indicator",
      "add",
      "escalation",
      "actor:kind=armed_group AND plovr=ASSAULT",
      "--lr",
      "3",
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^crisisdesk: indicator query, position 28: unknown field "plovr"/);
    const noLr = await cli("scenarios", "kadhimi", "indicator", "add", "escalation", "plover=ASSAULT");
    expect([noLr.code, noLr.stderr]).toEqual([
      2,
      "crisisdesk: an indicator needs --lr, its likelihood ratio (e.g. --lr 3)\n",
    ]);
  });

  it("tests a query against the case without firing anything", async () => {
    const res = await cli("scenarios", "kadhimi", "indicator", "test", SETTLEMENT_QUERY);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^\d+ matching items \(\d+ distinct\); the indicator would fire$/m);
    expect(res.stdout).toMatch(/condemn Saudi Arabia|condemn .*Saudi Arabia/);
  });

  it("fires indicators on update, applies Bayes' rule and explains each change", async () => {
    expect(
      (await cli("scenarios", "kadhimi", "indicator", "add", "settlement", SETTLEMENT_QUERY, "--lr", "2"))
        .code,
    ).toBe(0);
    expect(
      (
        await cli(
          "scenarios",
          "kadhimi",
          "indicator",
          "add",
          "chaos",
          "actor:affiliation=backed_by:state:IRN",
          "--lr",
          "0",
          "--label",
          "Iran's allies act",
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await cli(
          "scenarios",
          "kadhimi",
          "indicator",
          "add",
          "escalation",
          "plover=ASSAULT AND actor:kind=state AND actor=state:USA",
          "--lr",
          "5",
        )
      ).code,
    ).toBe(0);
    const res = await cli("scenarios", "kadhimi", "update");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^2 indicators fired$/m);
    expect(res.stdout).toContain("because of:");
    const s = await status();
    expect(s.history.map((h) => [h.kind, h.indicator])).toEqual([
      ["baseline", undefined],
      ["fired", "I1"],
      ["fired", "I2"],
    ]);
    // Each firing: the scenario's weight times its LR, renormalised.
    for (const h of s.history.filter((x) => x.kind === "fired")) {
      const weights = Object.fromEntries(
        Object.entries(h.before!).map(([id, p]) => [id, id === h.scenario ? p * h.lr! : p]),
      );
      const total = Object.values(weights).reduce((n, w) => n + w, 0);
      for (const [id, w] of Object.entries(weights)) expect(h.after[id]).toBeCloseTo(w / total, 12);
      expect(h.evidence!.length).toBeGreaterThan(0);
      expect(h.evidence!.every((e) => documents.includes(e.documentId) && e.sentence.length > 0)).toBe(true);
    }
    // A likelihood ratio of 0 rules chaos out.
    expect(s.scenarios.find((x) => x.name === "chaos")!.likelihood).toBe(0);
    expect(s.indicators.map((i) => i.fired)).toEqual([1, 1, 0]);
  });

  it("does not count the same reports twice on a second update", async () => {
    const before = await status();
    const res = await cli("scenarios", "kadhimi", "update");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^no indicator fired anew$/m);
    const after = await status();
    expect(after.history).toEqual(before.history);
  });

  it("prints the trail with --history", async () => {
    const res = await cli("scenarios", "kadhimi", "--history");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/BASELINE {2}the priors, before any indicator fired/);
    expect(res.stdout).toMatch(
      /FIRED {2}I1 fired on \d+ matching events or reactions \(\d+ reports\): "settlement" 55\.6% → /,
    );
    expect(res.stdout).toMatch(/FIRED {2}Iran's allies act fired on .*"chaos" .* → 0\.0% \(LR 0\)/);
    expect(res.stdout).toContain("query: stance=condemn AND actor:region=");
    const md = await cli("scenarios", "kadhimi", "--format", "md", "--history");
    expect(md.stdout).toContain("| ID | Scenario | Prior | Now | Change (pts) | Indicators fired |");
    expect(md.stdout).toContain("## History");
  });

  it("resolves the case and scores the recorded likelihoods with Brier, then refuses updates", async () => {
    const res = await cli("scenarios", "kadhimi", "resolve", "settlement");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^resolved: "settlement" happened\. Brier score \d\.\d{3} \(mean over 3 recorded snapshots; 0 is perfect, 2 the worst possible\)$/m,
    );
    const s = await status();
    const snapshots = s.history.filter((h) => h.kind !== "resolved");
    const expected =
      snapshots.reduce(
        (n, h) => n + Object.entries(h.after).reduce((m, [id, p]) => m + (p - (id === "S2" ? 1 : 0)) ** 2, 0),
        0,
      ) / snapshots.length;
    expect(s.brier!.outcome).toBe("S2");
    expect(s.brier!.score).toBeCloseTo(expected, 12);
    const again = await cli("scenarios", "kadhimi", "update");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /resolved on \d{4}-\d{2}-\d{2}: updating now would grade the forecast on hindsight/,
    );
  });

  it("reports an error rather than dividing by zero when every scenario reaches 0", async () => {
    expect(
      (await cli("case", "create", "Zero case", "--id", "zero", "--anchor-date", "2021-11-07")).code,
    ).toBe(0);
    expect((await cli("case", "add", "zero", ...documents)).code).toBe(0);
    await cli("scenarios", "zero", "add", "escalation", "--prior", "0.5");
    await cli("scenarios", "zero", "add", "calm", "--prior", "0.5");
    await cli("scenarios", "zero", "indicator", "add", "escalation", "stance=condemn", "--lr", "0");
    await cli(
      "scenarios",
      "zero",
      "indicator",
      "add",
      "calm",
      "stance=condemn AND actor=state:IRN",
      "--lr",
      "0",
    );
    const res = await cli("scenarios", "zero", "update");
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^crisisdesk: I2: every scenario now has likelihood 0 .*nothing was updated\n$/,
    );
    const s = JSON.parse((await cli("scenarios", "zero", "--json", "--history")).stdout) as Status;
    expect(s.history).toEqual([]);
  });

  it("says what is wrong with a bad prior, scenario or case", async () => {
    const badPrior = await cli("scenarios", "kadhimi", "add", "stalemate", "--prior", "lots");
    expect([badPrior.code, badPrior.stderr]).toEqual([
      2,
      'crisisdesk: --prior expects a probability such as 0.3 or 30%, not "lots"\n',
    ]);
    const tooBig = await cli("scenarios", "kadhimi", "add", "stalemate", "--prior", "3");
    expect(tooBig.stderr).toBe("crisisdesk: a prior is a probability from 0 to 1 (0.3 for 30%), not 3\n");
    const noScenario = await cli(
      "scenarios",
      "kadhimi",
      "indicator",
      "add",
      "peace",
      "plover=AGREE",
      "--lr",
      "2",
    );
    expect(noScenario.code).toBe(1);
    expect(noScenario.stderr).toMatch(
      /^crisisdesk: peace: no scenario with this id or name \(there are S1 escalation, S2 settlement, S3 chaos\)/,
    );
    const noCase = await cli("scenarios", "nope");
    expect([noCase.code, noCase.stderr]).toEqual([
      1,
      "crisisdesk: nope: no case with this id (see crisisdesk case list)\n",
    ]);
  });
});
