// The case and analysis commands end to end: the shipped examples (the November 2021 drone attack
// on the Iraqi prime minister's residence) ingested into a temporary store, a case anchored on
// 2021-11-07 in Iraq filled by `case auto`, and what its reactions, timeline, network and dyads
// must show of those reports. Then a case built from the dev reports on other crises.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, SHARED, tempDir } from "../helpers.js";

interface Row {
  actor: { name: string; id?: string; country: string | null; kind: string };
  stance: string;
  group: string;
  voice: { kind: string; country?: string; id?: string };
  firstDate: string | null;
  strongest: { sentence: string; documentId: string };
}
interface Expected {
  id: string;
  reasons: string[];
  reacted: boolean;
}

describe("cases and their analysis on the shipped examples", () => {
  const dir = tempDir();
  const db = join(dir, "case.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  const json = async (...args: string[]) => {
    const res = await cli(...args);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    return JSON.parse(res.stdout);
  };
  let docs: { id: string; title: string; published: string }[] = [];

  beforeAll(async () => {
    const ingest = await cli("ingest", "examples/");
    expect(ingest.code).toBe(0);
    docs = await json("list", "documents", "--json");
  });

  it("creates a case with an anchor date and country, and lists it", async () => {
    const created = await cli(
      "case",
      "create",
      "Drone attack on the Iraqi PM's residence",
      "--anchor-date",
      "2021-11-07",
      "--country",
      "irq",
    );
    expect([created.code, created.stdout.trim()]).toEqual([
      0,
      "created case drone-attack-on-the-iraqi-pm-s-residence: Drone attack on the Iraqi PM's residence (anchor 2021-11-07, IRQ)",
    ]);
    await cli(
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
    const cases = await json("case", "list", "--json");
    expect(cases.map((c: { id: string }) => c.id)).toEqual([
      "drone-attack-on-the-iraqi-pm-s-residence",
      "kadhimi",
    ]);
  });

  it("refuses a bad date, an unknown country and a taken id", async () => {
    const date = await cli("case", "create", "X", "--anchor-date", "7 Nov 2021");
    expect([date.code, date.stderr]).toEqual([
      2,
      'crisisdesk: --anchor-date expects a date as YYYY-MM-DD, not "7 Nov 2021"\n',
    ]);
    expect((await cli("case", "create", "X", "--country", "XYZ")).code).toBe(2);
    const taken = await cli("case", "create", "Again", "--id", "kadhimi");
    expect([taken.code, taken.stderr]).toEqual([
      1,
      'crisisdesk: kadhimi: a case with id "kadhimi" already exists\n',
    ]);
    expect((await cli("case", "show", "no-such-case")).code).toBe(1);
  });

  it("auto-assigns the reports about the attack, saying why, and only once", async () => {
    const res = await cli("case", "auto", "kadhimi");
    expect(res.code).toBe(0);
    const added = res.stdout.split("\n").filter((l) => l.startsWith("+ ")).length;
    expect(added).toBeGreaterThanOrEqual(6);
    expect(res.stdout).toMatch(/^\+ \w{12} {2}2021-11-07 {2}World leaders condemn drone attack/m);
    expect(res.stdout).toMatch(/^\+ \w{12} {2}2021-11-07 {2}Arab League and GCC condemn/m);
    expect(res.stdout).toMatch(/main event ev\d+ \(CAMEO \d+/);
    const again = await json("case", "auto", "kadhimi", "--json");
    expect(again.filter((a: { status: string }) => a.status === "added")).toEqual([]);
    expect(again.filter((a: { status: string }) => a.status === "already")).toHaveLength(added);
  });

  it("adds the rest by id prefix, and names an input it cannot find", async () => {
    // A report `case auto` has no reason to take (another subject, no date): the analyst adds it.
    const aside = join(dir, "harvest-note.txt");
    writeFileSync(aside, "Harvest note\n\nThe agriculture ministry published its annual grain figures.\n");
    expect((await cli("ingest", aside)).code).toBe(0);
    docs = await json("list", "documents", "--json");
    const shown = await json("case", "show", "kadhimi", "--json");
    const missing = docs.filter((d) => !shown.documents.some((x: { id: string }) => x.id === d.id));
    expect(missing.length).toBeGreaterThan(0);
    const res = await cli("case", "add", "kadhimi", ...missing.map((d) => d.id.slice(0, 10)), "ffffffffff");
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      "crisisdesk: ffffffffff: no document with this id or prefix (or the prefix is not unique)\n",
    );
    expect(res.stdout.trim()).toBe(`${missing.length} added, 0 already in the case, 1 not found`);
    const show = await cli("case", "show", "kadhimi");
    expect(show.stdout).toContain(`documents ${docs.length}`);
    expect(show.stdout).toMatch(/^ID\s+PUBLISHED\s+ADDED BY\s+EVENTS\s+REACTIONS\s+TITLE$/m);
    expect(show.stdout).toMatch(/\bauto\b/);
    expect(show.stdout).toMatch(/\banalyst\b/);
  });

  describe("reactions", () => {
    let matrix: { rows: Row[]; expected: Expected[]; silent: Expected[]; country: string };
    beforeAll(async () => {
      matrix = await json("reactions", "kadhimi", "--format", "json");
    });
    const rows = (test: (r: Row) => boolean) => matrix.rows.filter(test);

    it("has Kuwait or the Arab League condemning the attack, as regional", () => {
      const gulf = rows(
        (r) => r.stance === "condemn" && (r.voice.country === "KWT" || r.voice.id === "igo:arab-league"),
      );
      expect(gulf.length).toBeGreaterThan(0);
      expect(new Set(gulf.map((r) => r.group))).toEqual(new Set(["regional"]));
    });

    it("has the United States as international, Iraqis as domestic and Iran as regional", () => {
      const us = rows((r) => r.voice.country === "USA");
      expect(us.length).toBeGreaterThan(0);
      expect(new Set(us.map((r) => r.group))).toEqual(new Set(["international"]));
      expect(rows((r) => r.actor.name === "Barham Salih")[0]).toMatchObject({
        group: "domestic",
        stance: "condemn",
      });
      expect(rows((r) => r.actor.id === "state:IRN" && r.stance === "condemn")[0]?.group).toBe("regional");
    });

    it("places the UN Secretary-General with the UN, international, not with Portugal", () => {
      const guterres = rows((r) => r.actor.id === "person:antonio-guterres");
      expect(guterres.length).toBeGreaterThan(0);
      for (const r of guterres) expect([r.voice.id, r.group]).toEqual(["igo:un", "international"]);
    });

    it("gives every row its first date, strongest wording and source report", () => {
      const ids = new Set(docs.map((d) => d.id));
      for (const r of matrix.rows) {
        expect(r.firstDate).toMatch(/^2021-11-\d\d$/);
        expect(ids.has(r.strongest.documentId)).toBe(true);
        expect(r.strongest.sentence.length).toBeGreaterThan(10);
      }
    });

    it("expects Iraq's neighbours, the five permanent members and the Arab League, and lists the silent ones", () => {
      const expected = new Map(matrix.expected.map((e) => [e.id, e]));
      for (const id of ["state:IRN", "state:TUR", "state:SYR", "state:SAU", "state:KWT", "state:JOR"])
        expect(expected.get(id)?.reasons).toContain("neighbour");
      for (const id of ["state:USA", "state:GBR", "state:FRA", "state:RUS", "state:CHN"])
        expect(expected.get(id)?.reasons).toContain("permanent member of the UN Security Council");
      expect(expected.get("igo:arab-league")?.reacted).toBe(true);
      expect(expected.get("state:IRN")?.reacted).toBe(true);
      expect(matrix.silent.every((s) => !s.reacted && expected.has(s.id))).toBe(true);
      expect(matrix.silent.map((s) => s.id)).not.toContain("state:USA");
    });

    it("prints a table, CSV and Markdown", async () => {
      const table = (await cli("reactions", "kadhimi")).stdout;
      expect(table).toMatch(/^DOMESTIC$/m);
      expect(table).toMatch(/^REGIONAL$/m);
      expect(table).toMatch(/^INTERNATIONAL$/m);
      expect(table).toMatch(/^SILENT/m);
      const csv = (await cli("reactions", "kadhimi", "--format", "csv")).stdout.split("\n");
      expect(csv[0]).toBe(
        "group,actor,actor_id,kind,country,speaks_for,why,stance,first_date,reports,quote,sentence,document_id,source,analyst_confirmed",
      );
      expect(csv.filter((l) => l.startsWith("regional,")).length).toBeGreaterThan(3);
      const md = (await cli("reactions", "kadhimi", "--format", "md")).stdout;
      expect(md).toContain(
        "## Regional\n\n| Actor | Speaks for | Stance | First reported | Strongest wording | Source |",
      );
      expect((await cli("reactions", "kadhimi", "--format", "pdf")).code).toBe(2);
    });
  });

  it("puts the attack on the timeline once, on 7 November, with its reports and first-reported date", async () => {
    const { entries } = await json("timeline", "kadhimi", "--json");
    const attack = entries.find(
      (e: { kind: string; target: { id?: string } | null; plover: string }) =>
        e.kind === "event" && e.plover === "ASSAULT" && e.target?.id === "person:mustafa-al-kadhimi",
    );
    expect(attack).toMatchObject({ date: "2021-11-07", dateFrom: "stated", firstReported: "2021-11-07" });
    expect(attack.reports).toBeGreaterThanOrEqual(4);
    const dates = entries.map((e: { date: string | null }) => e.date ?? "9999");
    expect(dates).toEqual([...dates].sort());
    expect(
      entries.some((e: { kind: string; stance: string }) => e.kind === "reaction" && e.stance === "condemn"),
    ).toBe(true);
    const text = (await cli("timeline", "kadhimi")).stdout;
    expect(text).toMatch(/^2021-11-07$/m);
    expect(text).toMatch(/first reported 2021-11-07/);
  });

  it("exports the actor network as JSON and as GraphML that parses", async () => {
    const net = await json("network", "kadhimi");
    const ids = new Set(net.nodes.map((n: { id: string }) => n.id));
    expect(ids).toContain("person:mustafa-al-kadhimi");
    expect(ids).toContain("state:IRQ");
    const kinds = new Set(net.edges.map((e: { kind: string }) => e.kind));
    for (const kind of ["affiliation", "role", "reacted_to", "accused"]) expect(kinds).toContain(kind);
    expect(
      net.edges.some(
        (e: { kind: string; source: string; target: string }) =>
          e.kind === "affiliation" && e.source === "group:kataib-hezbollah" && e.target === "state:IRN",
      ),
    ).toBe(true);
    const res = await cli("network", "kadhimi", "--format", "graphml");
    expect(res.code).toBe(0);
    expect(XMLValidator.validate(res.stdout)).toBe(true);
    const graphml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
      res.stdout,
    ).graphml;
    const keys = graphml.key.map((k: Record<string, string>) => k["attr.name"]);
    expect(keys).toEqual(expect.arrayContaining(["weight", "type", "kind", "country"]));
    expect(graphml.graph.node).toHaveLength(net.nodes.length);
  });

  it("scores the UAE's dealings with Iraq as cooperative on the Goldstein scale", async () => {
    const trend = await json("dyad", "kadhimi", "ARE", "IRQ", "--json");
    expect(trend.a).toEqual({ kind: "state", country: "ARE", name: "United Arab Emirates" });
    expect(trend.total.events).toBeGreaterThan(0);
    for (const day of trend.days) {
      expect(day.goldsteinMean).toBeGreaterThan(0);
      expect(day.goldsteinMean).toBeCloseTo(day.goldsteinSum / day.events, 1);
    }
    const text = (await cli("dyad", "kadhimi", "ARE", "IRQ")).stdout;
    expect(text).toMatch(/^DATE\s+EVENTS\s+REPORTS\s+A→B\s+B→A\s+SUM\s+MEAN$/m);
    const unknown = await cli("dyad", "kadhimi", "Atlantis", "IRQ");
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'crisisdesk: no actor "Atlantis" in the case or the knowledge base; give an ISO3 code, an id or a name\n',
    ]);
  });
});

describe("cases built from the dev reports on other crises", () => {
  const dir = tempDir();
  const db = join(dir, "dev.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  const DEV = join(SHARED, "data", "dev");

  beforeAll(async () => {
    const files = [
      "01-fico-shooting-afp.txt",
      "02-trump-rally-reactions-ap.txt",
      "03-trump-foreign-leaders-ibt.txt",
    ];
    expect((await cli("ingest", ...files.map((f) => join(DEV, f)))).code).toBe(0);
    await cli(
      "case",
      "create",
      "Trump rally shooting",
      "--id",
      "trump",
      "--anchor-date",
      "2024-07-13",
      "--country",
      "USA",
    );
    await cli(
      "case",
      "create",
      "Fico shooting",
      "--id",
      "fico",
      "--anchor-date",
      "2024-05-15",
      "--country",
      "SVK",
    );
  });

  it("assigns each report to its own crisis", async () => {
    const trump = JSON.parse((await cli("case", "auto", "trump", "--json")).stdout);
    expect(trump.filter((a: { status: string }) => a.status === "added")).toHaveLength(2);
    const fico = JSON.parse((await cli("case", "auto", "fico", "--json")).stdout);
    expect(
      fico.filter((a: { status: string }) => a.status === "added").map((a: { title: string }) => a.title),
    ).toEqual(["'Heinous attack': Leaders condemn shooting of Slovak PM"]);
  });

  it("proposes a report its keywords find for review, takes a report out, and keeps it out until added back", async () => {
    // An undated note that names neither place nor date: only the analyst's keywords find it.
    const note = join(dir, "rally-note.txt");
    writeFileSync(
      note,
      "Shots fired at a campaign rally\n\nA gunman fired shots at a campaign rally in Butler, Pennsylvania, the Secret Service said.\n",
    );
    expect((await cli("ingest", note)).code).toBe(0);
    const set = await cli("case", "keywords", "trump", "Butler", "campaign rally");
    expect(set.stdout).toBe("Butler\ncampaign rally\n");
    const auto = await cli("case", "auto", "trump");
    expect(auto.stdout).toMatch(/^\? \w{12} {2}undated {5}Shots fired at a campaign rally$/m);
    expect(auto.stdout).toContain('mentions the case\'s keywords "Butler", "campaign rally"');
    expect(auto.stdout).toMatch(/0 added, 2 already in the case, 1 to review/);

    const shown = JSON.parse((await cli("case", "show", "trump", "--json")).stdout);
    const ibt = shown.documents.find((d: { title: string }) => d.title.startsWith("Foreign Leaders React"));
    const removed = await cli("case", "remove", "trump", ibt.id.slice(0, 10), "ffffffffff");
    expect([removed.code, removed.stdout]).toEqual([1, "1 removed, 0 not in the case, 1 not found\n"]);
    const again = JSON.parse((await cli("case", "auto", "trump", "--json")).stdout);
    const status = (id: string) => again.find((a: { documentId: string }) => a.documentId === id)?.status;
    expect(status(ibt.id)).toBe("excluded");
    expect(again.filter((a: { status: string }) => a.status === "already")).toHaveLength(1);
    expect((await cli("case", "add", "trump", ibt.id)).stdout).toBe(
      "1 added, 0 already in the case, 0 not found\n",
    );
    const back = JSON.parse((await cli("case", "auto", "trump", "--json")).stdout);
    expect(back.filter((a: { status: string }) => a.status === "already")).toHaveLength(2);
  });

  it("places reactions to the Fico shooting: the Commission President with the EU, regional; Biden international", async () => {
    const m = JSON.parse((await cli("reactions", "fico", "--format", "json")).stdout);
    const group = (name: string) => m.rows.find((r: Row) => r.actor.name.includes(name))?.group;
    expect([group("von der Leyen"), group("Zelensk"), group("Biden"), group("Guterres")]).toEqual([
      "regional",
      "regional",
      "international",
      "international",
    ]);
    const silent = m.silent.map((s: Expected) => s.id);
    expect(silent).toEqual(
      expect.arrayContaining(["state:AUT", "state:CZE", "state:HUN", "state:POL", "igo:nato"]),
    );
    expect(silent).not.toContain("state:UKR");
    expect(silent).not.toContain("igo:eu");
  });

  it("places reactions to the Trump shooting: Canada regional, India and Israel international; Mexico silent", async () => {
    const m = JSON.parse((await cli("reactions", "trump", "--format", "json")).stdout);
    const group = (name: string) => m.rows.find((r: Row) => r.actor.name.includes(name))?.group;
    expect([group("Trudeau"), group("Modi"), group("Netanyahu")]).toEqual([
      "regional",
      "international",
      "international",
    ]);
    expect(m.silent.map((s: Expected) => s.id)).toContain("state:MEX");
    const timeline = JSON.parse((await cli("timeline", "trump", "--json")).stdout);
    expect(timeline.entries.filter((e: { kind: string }) => e.kind === "reaction")).toHaveLength(
      m.rows.length,
    );
  });
});
