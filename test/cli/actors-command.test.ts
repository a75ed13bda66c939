import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, SHARED, tempDir } from "../helpers.js";

const PETRARCH_ACTORS = resolve(SHARED, "data/reference/petrarch2/PETR.Validate.actors.txt");
const PETRARCH_AGENTS = resolve(SHARED, "data/reference/petrarch2/PETR.Validate.agents.txt");

const ANALYST_CSV = `id,name,kind,country,aliases,cameo,wikidata,title,office,of,start,end
person:jane-doe,Jane Doe,person,GBR,Doe;J. Doe,GBRGOV,,Foreign Secretary of the United Kingdom,foreign_minister,GBR,2024-07-05,
person:jane-doe,,,,Dame Jane,,,Home Secretary of the United Kingdom,minister,GBR,2022-01-01,2024-07-04
group:river-brigade,"River Brigade, the",armed_group,IRQ,Liwa al-Nahr,IRQREB,,,,,,
`;

// Line 3 has an office the schema does not know; line 4 a kind. Lines 1 and 2 are fine.
const BROKEN_CSV = `id,name,kind,country,aliases,cameo,wikidata,title,office,of,start,end
person:john-roe,John Roe,person,GBR,,,,,,,,
person:bad-office,Bad Office,person,GBR,,,,Minister of Things,tsar,GBR,2021-01-01,
group:bad-kind,Bad Kind,militia,IRQ,,,,,,,,
`;

const ANALYST_JSON = JSON.stringify(
  [
    {
      id: "person:omar-example",
      name: "Omar Example",
      aliases: ["Example"],
      country: "JOR",
      roles: [
        {
          title: "Minister of State for Media Affairs of Jordan",
          office: "minister",
          of: "JOR",
          start: "2020-03-01",
          end: null,
        },
      ],
    },
    {
      id: "group:desert-hawks",
      name: "Desert Hawks",
      kind: "armed_group",
      country: "SYR",
      aliases: ["Suqour al-Sahraa"],
      affiliations: [{ type: "allied_with", target: "state:SYR", end: "2017" }],
    },
  ],
  null,
  2,
);

describe("crisisdesk actors", () => {
  const dir = tempDir();
  const db = join(dir, "actors.db");
  const actors = (...args: string[]) => runCli(["--db", db, "actors", ...args]);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("shows an actor with its dated roles, marking those held on --on", async () => {
    const res = await actors("show", "Kadhimi", "--on", "2021-11-07");
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(/^Mustafa al-Kadhimi {2}\(person:mustafa-al-kadhimi\)$/m);
    expect(res.stdout).toMatch(/^ {2}\* Prime Minister of Iraq {2}head_of_government of IRQ/m);
    const json = JSON.parse((await actors("show", "al-Kadhimi", "--on", "2023-01-01", "--json")).stdout);
    expect(json.actor.country).toBe("IRQ");
    expect(json.roles.find((r: { title: string }) => r.title === "Prime Minister of Iraq").held).toBe(false);
  });

  it("shows an organisation's members and a state's backed groups", async () => {
    const gcc = await actors("show", "GCC", "--on", "2021-01-01");
    expect(gcc.stdout).toMatch(/^members on 2021-01-01 \(6\): .*QAT/m);
    const iran = JSON.parse((await actors("show", "Iran", "--json")).stdout);
    expect(
      iran.affiliated.some(
        (l: { type: string; id: string }) => l.type === "backed_by" && l.id === "group:hezbollah",
      ),
    ).toBe(true);
  });

  it("lists the candidates of an ambiguous name and exits 1; an unknown name gets one line", async () => {
    const ambiguous = await actors("show", "Amiri Diwan");
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toContain("body:qat-amiri-diwan");
    expect(ambiguous.stdout).toContain("body:kwt-amiri-diwan");
    expect(ambiguous.stderr).toBe(
      "crisisdesk: Amiri Diwan: 2 actors go by this name; show one of them by id\n",
    );
    const unknown = await actors("show", "Nobody Atall");
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      "crisisdesk: Nobody Atall: no actor with this name, alias or id\n",
    ]);
  });

  it("says who held a title on a date", async () => {
    const res = await actors("who", "President of Egypt", "--on", "2021-11-07");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Abdel Fattah el-Sisi");
    const json = JSON.parse(
      (await actors("who", "Prime Minister of Iraq", "--on", "2023-01-01", "--json")).stdout,
    );
    expect(json.map((h: { person: { name: string } }) => h.person.name)).toEqual(["Mohammed Shia al-Sudani"]);
    expect((await actors("who", "President of Egypt", "--on", "7 Nov 2021")).code).toBe(2);
  });

  it("adds an actor to the overlay and shows it from there", async () => {
    const add = await actors(
      "add",
      "--id",
      "group:my-militia",
      "--name",
      "My Militia",
      "--kind",
      "armed_group",
      "--country",
      "IRQ",
      "--alias",
      "Liwa al-Mithal",
      "--affiliation",
      "backed_by|Iran|2020-01||per analyst notes",
    );
    expect([add.code, add.stderr]).toEqual([0, ""]);
    const show = JSON.parse((await actors("show", "Liwa al-Mithal", "--json")).stdout);
    expect(show.origin).toBe("overlay");
    expect(show.actor).toMatchObject({ id: "group:my-militia", kind: "armed_group", country: "IRQ" });
    expect(show.affiliations[0]).toMatchObject({ type: "backed_by", id: "state:IRN", start: "2020-01" });
    const again = await actors("add", "--id", "group:my-militia", "--name", "X", "--kind", "other");
    expect(again.code).toBe(2);
  });

  it("refuses bad input to add with exit 2, naming the field", async () => {
    const base = ["add", "--id", "group:bad", "--name", "Bad", "--kind", "armed_group"];
    const country = await actors(...base, "--country", "Iraq");
    expect([country.code, country.stderr]).toEqual([
      2,
      'crisisdesk: --country: field "country": an ISO 3166-1 alpha-3 code\n',
    ]);
    const role = await actors(...base, "--role", "Leader|tsar|IRQ|2020|");
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('field "office"');
    const kind = await actors("add", "--id", "group:bad", "--name", "Bad", "--kind", "militia");
    expect([kind.code, kind.stderr.startsWith('crisisdesk: --kind: field "kind"')]).toEqual([2, true]);
    expect((await actors("show", "group:bad")).code).toBe(1);
  });

  it("edits an overlay actor, and copies a shipped actor into the overlay to edit it", async () => {
    const edit = await actors(
      "edit",
      "group:my-militia",
      "--country",
      "SYR",
      "--role",
      "Commander of My Militia|other|group:my-militia|2021-05-01|",
    );
    expect(edit.code).toBe(0);
    const militia = JSON.parse((await actors("show", "group:my-militia", "--json")).stdout);
    expect(militia.actor.country).toBe("SYR");
    expect(militia.actor.aliases).toContain("Liwa al-Mithal");
    expect(militia.actor.roles).toHaveLength(1);

    expect((await actors("edit", "person:esmail-qaani", "--alias", "Esmaeil Ghaani")).code).toBe(0);
    const qaani = JSON.parse((await actors("show", "Esmaeil Ghaani", "--json")).stdout);
    expect([qaani.actor.id, qaani.origin]).toEqual(["person:esmail-qaani", "overlay"]);
    expect(qaani.actor.roles.length).toBeGreaterThan(0);
    expect((await actors("edit", "person:nobody-here", "--alias", "X")).code).toBe(1);
    expect((await actors("edit", "group:my-militia")).code).toBe(2);
  });

  it("removes an overlay actor; the shipped entry applies again", async () => {
    expect((await actors("remove", "person:esmail-qaani")).code).toBe(0);
    expect(JSON.parse((await actors("show", "Qaani", "--json")).stdout).origin).toBe("shipped");
    expect((await actors("show", "Esmaeil Ghaani")).code).toBe(1);
    const again = await actors("remove", "person:esmail-qaani");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("shipped entries cannot be removed");
  });

  it("imports a CSV file, merging the rows of one actor", async () => {
    const res = await actors("import", file("analysts.csv", ANALYST_CSV));
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(/^imported 2 actors from .*analysts\.csv \(csv\)/);
    const jane = JSON.parse((await actors("show", "Dame Jane", "--on", "2023-01-01", "--json")).stdout);
    expect(jane.actor.aliases).toEqual(["Doe", "J. Doe", "Dame Jane"]);
    expect(jane.roles.map((r: { title: string; held: boolean }) => [r.title, r.held])).toEqual([
      ["Foreign Secretary of the United Kingdom", false],
      ["Home Secretary of the United Kingdom", true],
    ]);
    expect((await actors("show", "Liwa al-Nahr")).stdout).toContain("River Brigade, the");
  });

  it("imports nothing from a CSV file with a bad row, naming file:line and field", async () => {
    const before = (await actors("export")).stdout;
    const broken = file("broken.csv", BROKEN_CSV);
    const res = await actors("import", broken);
    expect(res.code).toBe(1);
    expect(res.stderr.split("\n")).toEqual([
      `crisisdesk: ${broken}:3: field "office": Invalid option: expected one of "head_of_state"|"head_of_government"|"foreign_minister"|"igo_head"|"minister"|"other"`,
      `crisisdesk: ${broken}:4: field "kind": Invalid option: expected one of "state"|"person"|"government_body"|"igo"|"armed_group"|"party"|"media"|"other"`,
      `crisisdesk: ${broken}: nothing imported: 2 problems`,
      "",
    ]);
    expect((await actors("export")).stdout).toBe(before);
    expect((await actors("show", "John Roe")).code).toBe(1);
  });

  it("imports JSON in the Actor shape and the people-file shape", async () => {
    const res = await actors("import", file("analysts.json", ANALYST_JSON));
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const omar = JSON.parse((await actors("show", "Omar Example", "--json")).stdout);
    expect(omar.actor).toMatchObject({ kind: "person", country: "JOR" });
    const hawks = JSON.parse((await actors("show", "Suqour al-Sahraa", "--json")).stdout);
    expect(hawks.affiliations[0]).toMatchObject({ type: "allied_with", id: "state:SYR", name: "Syria" });
    const bad = await actors("import", file("bad.json", ANALYST_JSON.replace('"minister"', '"tsar"')));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.json:2: field "roles\.0\.office" \(entry "person:omar-example"\)/);
  });

  it("exports the overlay as JSON and CSV that import back to the same overlay", async () => {
    const json = (await actors("export")).stdout;
    const csv = (await actors("export", "--format", "csv")).stdout;
    expect(JSON.parse(json).length).toBeGreaterThanOrEqual(5);
    expect(csv.split("\n")[0]).toBe("id,name,kind,country,aliases,cameo,wikidata,title,office,of,start,end");
    const copy = join(dir, "copy.db");
    expect((await runCli(["--db", copy, "actors", "import", file("export.json", json)])).code).toBe(0);
    expect((await runCli(["--db", copy, "actors", "export"])).stdout).toBe(json);
    const csvCopy = join(dir, "csv-copy.db");
    expect((await runCli(["--db", csvCopy, "actors", "import", file("export.csv", csv)])).code).toBe(0);
    expect((await runCli(["--db", csvCopy, "actors", "export", "--format", "csv"])).stdout).toBe(csv);
    const all = JSON.parse((await actors("export", "--all")).stdout);
    expect(all.length).toBeGreaterThan(1000);
  });

  it("imports the PETRARCH validation actors and agents dictionaries", async () => {
    const petrarch = join(dir, "petrarch.db");
    const run = (...args: string[]) => runCli(["--db", petrarch, "actors", ...args]);
    const res = await run("import", PETRARCH_ACTORS);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(/\(petrarch-actors\)/);
    // Dated code lines become roles; the code in force on a date is marked.
    const gollum = JSON.parse((await run("show", "Smeagol", "--on", "1997-01-01", "--json")).stdout);
    expect(gollum.actor).toMatchObject({ id: "petrarch:gollum", name: "Gollum", kind: "armed_group" });
    expect(
      gollum.roles.filter((r: { held: boolean }) => r.held).map((r: { title: string }) => r.title),
    ).toEqual(["HOBGOV"]);
    const troops = JSON.parse((await run("show", "Israeli Troops", "--json")).stdout);
    expect(troops.actor).toMatchObject({ kind: "government_body", country: "ISR", cameo: "ISRMIL" });
    const bush = JSON.parse((await run("show", "President George W. Bush", "--json")).stdout);
    expect(bush.actor).toMatchObject({ kind: "person", country: "USA" });
    // A phrase coded as a known state is a name of that state, not a rival actor.
    const pyongyang = JSON.parse((await run("show", "The Hermit Kingdom", "--json")).stdout);
    expect(pyongyang.actor.id).toBe("state:PRK");
    expect(JSON.parse((await run("show", "Israel", "--json")).stdout).actor.id).toBe("state:ISR");

    const agents = await run("import", PETRARCH_AGENTS);
    expect([agents.code, agents.stderr]).toEqual([0, ""]);
    const minister = JSON.parse((await run("show", "agent:foreign-minister", "--json")).stdout);
    expect(minister.actor).toMatchObject({ kind: "other", cameo: "~GOVFRM" });
    expect(minister.actor.aliases).toContain("Foreign Ministers");
  });

  it("counts the knowledge base by kind", async () => {
    const stats = JSON.parse((await actors("stats", "--json")).stdout);
    expect(stats.states).toBeGreaterThanOrEqual(190);
    expect(stats.overlay).toBeGreaterThanOrEqual(5);
    expect(Object.keys(stats)).toEqual(
      expect.arrayContaining(["states", "people", "roles", "igos", "groups", "bodies", "aliases"]),
    );
  });

  it("has an example in the help of every subcommand, and exits 2 without one", async () => {
    for (const sub of ["show", "who", "add", "edit", "remove", "import", "export", "stats"]) {
      const help = await actors(sub, "--help");
      expect(help.code, sub).toBe(0);
      expect(help.stdout, sub).toMatch(/Examples:\n\s+\$ crisisdesk actors /);
    }
    expect((await actors()).code).toBe(2);
    expect((await actors("import", join(dir, "missing.csv"))).code).toBe(1);
  });
});
