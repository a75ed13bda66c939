import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CrisisdeskError } from "../../src/domain/index.js";
import {
  ACLED_COLUMNS,
  ACLED_MAPPING_FILE,
  ACLED_TYPES,
  acledRows,
  acledRule,
  acledTable,
  csvCell,
  fatalitiesIn,
  loadAcledMapping,
} from "../../src/outputs/index.js";
import { tempDir } from "../helpers.js";
import { parseCsv } from "./read-csv.js";
import { SENTENCES, sampleCase } from "./sample-case.js";

const mapping = loadAcledMapping();
const c = sampleCase();
const rows = acledRows(c, mapping);
const row = (sub: string) => rows.find((r) => r.sub_event_type === sub)!;

describe("the ACLED mapping file", () => {
  it("validates, with each sub-event type under its own event type", () => {
    expect(mapping.events.length).toBeGreaterThan(10);
    for (const rule of mapping.events)
      expect(Object.keys(ACLED_TYPES[rule.event_type])).toContain(rule.sub_event_type);
  });

  it("names the file, the rule and the field when an edit breaks it", () => {
    const dir = tempDir();
    const broken = join(dir, "acled-mapping.json");
    const data = structuredClone(mapping);
    data.events[2] = { cameo: ["190"], event_type: "Battles", sub_event_type: "Air/drone strike" };
    writeFileSync(broken, JSON.stringify(data));
    expect(() => loadAcledMapping(broken)).toThrow(CrisisdeskError);
    try {
      loadAcledMapping(broken);
    } catch (error) {
      expect((error as CrisisdeskError).line()).toBe(
        `${broken}: field "events.2.sub_event_type": the sub_event_type is not one of ACLED's sub-event types for this event_type`,
      );
    }
    expect(ACLED_MAPPING_FILE).toMatch(/data\/codebook\/acled-mapping\.json$/);
  });

  it("codes by CAMEO code, PLOVER mode and type, first rule first", () => {
    const rule = (cameo: string, mode: string | null, plover = "ASSAULT") => {
      const r = acledRule(mapping, { cameo, mode, plover });
      return r ? `${r.event_type} / ${r.sub_event_type}` : "none";
    };
    expect(rule("185", "drone")).toBe("Explosions/Remote violence / Air/drone strike");
    expect(rule("185", "assassinate")).toBe("Violence against civilians / Attack");
    expect(rule("190", "air-defence")).toBe("Strategic developments / Disrupted weapons use");
    expect(rule("1831", "suicide-attack")).toBe("Explosions/Remote violence / Suicide bomb");
    expect(rule("1833", "explosives")).toBe("Explosions/Remote violence / Remote explosive/landmine/IED");
    expect(rule("194", "artillery")).toBe("Explosions/Remote violence / Shelling/artillery/missile attack");
    expect(rule("145", "riot", "PROTEST")).toBe("Riots / Violent demonstration");
    expect(rule("0871", "ceasefire", "RETREAT")).toBe("Strategic developments / Agreement");
    expect(rule("111", "disapprove", "ACCUSE")).toBe("none");
  });
});

describe("reported fatalities", () => {
  it.each([
    ["Two drones struck, and three people were killed, police said.", 3],
    ["Gunmen killed two civilians in Mosul.", 2],
    ["The blast left 14 dead.", 14],
    ["A rocket hit the base, killing at least 1,200 soldiers.", 1200],
    ["The death toll rose to 40 on Monday.", 40],
    ["Two people were killed and the death toll later rose to 5.", 2],
    ["One of the drones killed two guards.", 2],
    ["No one was killed.", 0],
    ["Six members of the protection force were wounded.", 0],
    ["Two members of the protection force were killed.", 2],
    ["Kadhimi was unhurt.", 0],
  ])("reads %j as %i", (sentence, n) => {
    expect(fatalitiesIn(sentence)).toBe(n);
  });
});

describe("the ACLED-style table", () => {
  it("leaves out what ACLED does not record (statements) and codes the rest", () => {
    expect(rows.map((r) => `${r.event_type} / ${r.sub_event_type}`)).toEqual([
      "Explosions/Remote violence / Air/drone strike",
      "Explosions/Remote violence / Air/drone strike",
      "Protests / Peaceful protest",
      "Strategic developments / Arrests",
      "Violence against civilians / Attack",
    ]);
  });

  it("codes a drone strike by an unidentified group on the prime minister", () => {
    const drone = rows[0]!;
    expect(drone).toMatchObject({
      event_date: "2021-11-07",
      year: 2021,
      time_precision: 1,
      disorder_type: "Political violence",
      actor1: "Unidentified Armed Group (Iraq)",
      inter1: 3,
      actor2: "Mustafa al-Kadhimi",
      inter2: 1,
      interaction: 13,
      civilian_targeting: "",
      iso: "",
      iso3: "IRQ",
      region: "Middle East",
      country: "Iraq",
      admin1: "",
      location: "Baghdad",
      latitude: 33.315,
      longitude: 44.366,
      geo_precision: 1,
      source: "example.org",
      notes: SENTENCES.drone,
      fatalities: 3,
      timestamp: Date.parse("2021-11-07T12:00:00.000Z") / 1000,
    });
    expect(drone.event_id_cnty).toMatch(/^IRQ\d+$/);
    expect(drone.tags).toBe("cameo=1952; plover=ASSAULT/drone; attempted");
  });

  it("codes a state's forces abroad as external forces", () => {
    expect(rows[1]).toMatchObject({ actor1: "United States", inter1: 8, interaction: 80, fatalities: 0 });
  });

  it("names the crowd in a protest and the organisation behind it", () => {
    expect(row("Peaceful protest")).toMatchObject({
      disorder_type: "Demonstrations",
      actor1: "Protesters (Iraq)",
      assoc_actor_1: "Sadrist Movement",
      inter1: 6,
      interaction: 60,
      location: "Basra",
      time_precision: 3,
      event_date: "2021-11-07",
      source: "reports/statement.txt",
    });
    expect(row("Peaceful protest").tags).toContain("date from case");
  });

  it("codes civilians as the target of violence against them", () => {
    expect(row("Attack")).toMatchObject({
      actor1: "Unidentified Armed Group (Iraq)",
      actor2: "Civilians (Iraq)",
      assoc_actor_2: "two civilians",
      inter2: 7,
      interaction: 37,
      civilian_targeting: "Civilian targeting",
      fatalities: 2,
      location: "Mosul",
    });
    expect(row("Arrests")).toMatchObject({
      actor1: "Police of Iraq",
      inter1: 1,
      geo_precision: 3,
      location: "Iraq",
    });
    expect(row("Arrests").tags).toContain("place from case");
  });

  it("writes RFC 4180 CSV that survives quotes, commas, tabs and line breaks, and defuses formulas", () => {
    const text = acledTable(c, mapping);
    expect(text.endsWith("\r\n")).toBe(true);
    const table = parseCsv(text);
    expect(table[0]).toEqual([...ACLED_COLUMNS]);
    expect(table.slice(1).every((r) => r.length === ACLED_COLUMNS.length)).toBe(true);
    const notes = table.slice(1).map((r) => r[ACLED_COLUMNS.indexOf("notes")]);
    expect(notes).toContain(SENTENCES.protest);
    expect(notes).toContain(`'${SENTENCES.arrest}`);
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("-12")).toBe("'-12");
    expect(csvCell(-12)).toBe("-12");
  });
});
