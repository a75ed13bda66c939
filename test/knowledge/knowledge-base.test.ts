import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Actor, CrisisdeskError } from "../../src/domain/index.js";
import {
  DATA_DIR,
  groupSchema,
  KnowledgeBase,
  loadKnowledgeData,
  personSchema,
  validate,
} from "../../src/knowledge/index.js";
import { tempDir } from "../helpers.js";

const KB_DIR = join(DATA_DIR, "kb");
const jsonIn = (dir: string) =>
  readdirSync(join(KB_DIR, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(dir, f));
const readKb = (file: string): unknown => JSON.parse(readFileSync(join(KB_DIR, file), "utf8"));

/** The CrisisdeskError a call throws, so a test can check what it names. */
function failure(call: () => unknown): CrisisdeskError {
  try {
    call();
  } catch (error) {
    if (error instanceof CrisisdeskError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("the shipped knowledge-base data files", () => {
  const data = loadKnowledgeData();

  it("all load through their schemas", () => {
    expect(data.states.length).toBeGreaterThan(0);
    expect(data.titles.length).toBeGreaterThan(0);
    expect(data.bodies.named.length).toBeGreaterThan(0);
  });

  it.each(jsonIn("people"))("people file %s validates entry by entry", (file) => {
    expect(validate(personSchema.array(), readKb(file), file).length).toBeGreaterThan(0);
  });

  it.each(jsonIn("non-state"))("non-state file %s validates entry by entry", (file) => {
    expect(validate(groupSchema.array(), readKb(file), file).length).toBeGreaterThan(0);
  });

  it("gives each state, organisation, group and body one id across all files", () => {
    const ids = [
      ...data.states.map((s) => s.id),
      ...data.igos.map((o) => o.id),
      ...data.groups.map((g) => g.id),
      ...data.bodies.named.map((b) => b.id),
    ];
    const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    expect(repeated).toEqual([]);
  });

  it("merges a person listed in two regional files instead of letting one replace the other", () => {
    const kb = new KnowledgeBase(data);
    for (const id of new Set(data.people.map((p) => p.id).filter((id, i, all) => all.indexOf(id) !== i))) {
      const titles = new Set(
        data.people.filter((p) => p.id === id).flatMap((p) => p.roles.map((r) => `${r.title}|${r.start}`)),
      );
      const merged = new Set(kb.actor(id)!.roles.map((r) => `${r.title}|${r.start}`));
      for (const t of titles) expect(merged.has(t), `${id}: ${t}`).toBe(true);
    }
    expect(kb.actor("person:ban-ki-moon")?.roles.map((r) => r.office)).toEqual(
      expect.arrayContaining(["igo_head", "foreign_minister"]),
    );
  });

  it("meets the coverage targets: 190 states, 40 IGOs, 600 dated roles, 60 non-state actors", () => {
    expect(data.states.length).toBeGreaterThanOrEqual(190);
    expect(data.igos.length).toBeGreaterThanOrEqual(40);
    const datedRoles = data.people.flatMap((p) => p.roles).filter((r) => r.start !== null);
    expect(datedRoles.length).toBeGreaterThanOrEqual(600);
    expect(data.groups.length).toBeGreaterThanOrEqual(60);
  });
});

describe("a broken data file", () => {
  const brokenCopy = () => {
    const dir = tempDir("crisisdesk-kb-");
    cpSync(DATA_DIR, dir, { recursive: true });
    return dir;
  };

  it("stops the load with the file, the entry and the field named", () => {
    const dir = brokenCopy();
    const file = join(dir, "kb", jsonIn("people")[0]!);
    const people = JSON.parse(readFileSync(file, "utf8")) as { id: string; roles: { office: string }[] }[];
    const victim = people.findIndex((p) => p.roles.length > 0);
    people[victim]!.roles[0]!.office = "tsar";
    writeFileSync(file, JSON.stringify(people, null, 2));
    const error = failure(() => loadKnowledgeData(dir));
    expect(error.code).toBe("BAD_DATA");
    expect(error.where?.endsWith(join("kb", jsonIn("people")[0]!))).toBe(true);
    expect(error.message).toContain(`field "${victim}.roles.0.office"`);
    expect(error.message).toContain(`(entry ${victim} "${people[victim]!.id}")`);
  });

  it("that is not JSON names the file", () => {
    const dir = brokenCopy();
    writeFileSync(join(dir, "kb", "titles.json"), '[{"phrase": "president",');
    const error = failure(() => loadKnowledgeData(dir));
    expect(error.where).toBe(join(dir, "kb", "titles.json"));
    expect(error.message).toMatch(/^not valid JSON/);
  });
});

describe("the knowledge base", () => {
  const kb = KnowledgeBase.load();
  const ids = (name: string) => kb.lookup(name).map((a) => a.id);
  const holder = (title: string, date: string) => kb.whoHeld(title, date).map((h) => h.person.name);

  it("resolves a state from its demonym and from its capital", () => {
    expect(ids("Emirati")).toEqual(["state:ARE"]);
    expect(ids("Riyadh")).toEqual(["state:SAU"]);
    expect(kb.state("ARE")?.name).toBe("United Arab Emirates");
  });

  it("says who held a title on a date", () => {
    expect(holder("President of Egypt", "2021-11-07")).toEqual(["Abdel Fattah el-Sisi"]);
    expect(holder("Prime Minister of Iraq", "2021-11-07")).toEqual(["Mustafa al-Kadhimi"]);
    expect(holder("Prime Minister of Iraq", "2023-01-01")).toEqual(["Mohammed Shia al-Sudani"]);
  });

  it("lists an organisation's member states on a date", () => {
    const members = kb.membersOf("igo:gcc", "2021-01-01").map((s) => s.country);
    expect(members).toContain("QAT");
    expect(members).toEqual(expect.arrayContaining(["BHR", "KWT", "OMN", "SAU", "ARE"]));
  });

  it("knows the heads of state of the Sahel through their coups", () => {
    expect(kb.holders("head_of_state", "TCD", "2020-06-01").map((p) => p.name)).toEqual(["Idriss Déby"]);
    expect(kb.holders("head_of_state", "TCD", "2023-06-01").map((p) => p.name)).toEqual([
      "Mahamat Idriss Déby",
    ]);
    expect(kb.holders("head_of_state", "MLI", "2019-06-01").map((p) => p.name)).toEqual([
      "Ibrahim Boubacar Keïta",
    ]);
    expect(kb.holders("head_of_state", "NER", "2024-01-01").map((p) => p.name)).toEqual([
      "Abdourahamane Tchiani",
    ]);
  });

  it("knows sub-regional organisations with their members on a date: Mali left the G5 Sahel in 2022", () => {
    const g5 = (date: string) => kb.membersOf("igo:g5-sahel", date).map((s) => s.country);
    expect(g5("2020-01-01")).toEqual(expect.arrayContaining(["BFA", "MLI", "MRT", "NER", "TCD"]));
    expect(g5("2023-01-01")).not.toContain("MLI");
    expect(kb.membersOf("igo:g5-sahel-joint-force", "2020-01-01")).toHaveLength(5);
    for (const name of ["ECCAS", "CARICOM", "SICA", "BIMSTEC", "Nordic Council", "MINUSMA"])
      expect(kb.lookup(name).map((a) => a.kind)).toEqual(["igo"]);
  });

  it("knows the spokespeople of governments and of the UN with the country they speak for", () => {
    expect(kb.lookup("Dmitry Peskov")[0]?.country).toBe("RUS");
    expect(kb.lookup("Nasser Kanani")[0]?.country).toBe("IRN");
    expect(kb.lookup("Stephane Dujarric")[0]?.roles[0]?.of).toBe("igo:un");
  });

  it("knows the civil and religious bodies that speak on crises", () => {
    for (const name of [
      "Amnesty International",
      "Human Rights Watch",
      "Reporters Without Borders",
      "Al-Azhar",
    ])
      expect(kb.lookup(name)).toHaveLength(1);
    expect(kb.lookup("Grand Imam of Al-Azhar")[0]?.name).toBe("Ahmed el-Tayeb");
  });

  it("knows a group's affiliations: Kata'ib Hezbollah is part of the PMF and backed by Iran", () => {
    const [kh] = kb.lookup("Kata'ib Hezbollah");
    expect(kh?.kind).toBe("armed_group");
    const edges = kb.affiliationsOf(kh!.id).map((e) => `${e.type} ${e.to}`);
    expect(edges).toEqual(expect.arrayContaining(["part_of group:pmf", "backed_by state:IRN"]));
    expect(kb.affiliatedTo("state:IRN", ["backed_by"]).map((e) => e.from)).toContain(kh!.id);
  });

  it("resolves the Kremlin to a Russian government body", () => {
    const [kremlin] = kb.lookup("the Kremlin");
    expect([kremlin?.kind, kremlin?.country]).toEqual(["government_body", "RUS"]);
    expect(kb.affiliationsOf(kremlin!.id).map((e) => e.to)).toContain("state:RUS");
  });

  it("normalises aliases: article, hyphen, case and transliteration variants meet", () => {
    const kadhimi = ["al-Kadhimi", "Al Kadhimi", "Kadhimi", "AL-KADHIMI"].map(ids);
    expect(kadhimi).toEqual(Array(4).fill(["person:mustafa-al-kadhimi"]));
    expect(ids("Ghaani")).toEqual(ids("Qaani"));
    expect(ids("Qaani")).toHaveLength(1);
  });

  it("lets an overlay actor win over the shipped one with the same id", () => {
    const shipped = kb.actor("person:mustafa-al-kadhimi")!;
    const edited: Actor = {
      ...shipped,
      aliases: [...shipped.aliases, "Abu Haidar"],
      roles: shipped.roles.map((r) => ({ ...r, end: "2021-11-01" })),
    };
    const withOverlay = KnowledgeBase.load([edited]);
    expect(withOverlay.actor(shipped.id)).toBe(edited);
    expect(withOverlay.lookup("Kadhimi")).toEqual([edited]);
    expect(withOverlay.lookup("Abu Haidar")).toEqual([edited]);
    expect(withOverlay.whoHeld("Prime Minister of Iraq", "2021-11-07")).toEqual([]);
    expect(kb.lookup("Abu Haidar")).toEqual([]);
  });
});
