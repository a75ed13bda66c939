import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CrisisdeskError } from "../../src/domain/index.js";
import {
  parseActorDictionary,
  parseAgentDictionary,
  parseDiscardDictionary,
  parseVerbDictionary,
} from "../../src/knowledge/import/petrarch-format.js";
import { SHARED } from "../helpers.js";

// The PETRARCH validation dictionaries are read where they are kept, never copied into the repo.
const PETRARCH = join(SHARED, "data", "reference", "petrarch2");
const reference = (name: string) => readFileSync(join(PETRARCH, name), "utf8");

/** The CrisisdeskError a parse throws, so a test can check where it points and what it says. */
function failure(parse: () => unknown): CrisisdeskError {
  try {
    parse();
  } catch (error) {
    if (error instanceof CrisisdeskError) return error;
    throw error;
  }
  throw new Error("expected the parse to fail");
}

describe("PETRARCH actor dictionaries", () => {
  const actors = parseActorDictionary(reference("PETR.Validate.actors.txt"), "PETR.Validate.actors.txt");
  const actor = (phrase: string) => actors.find((entry) => entry.phrase === phrase);

  it("reads every entry of the validation actor dictionary", () => {
    expect(actors).toHaveLength(128);
    expect(actors.flatMap((entry) => entry.synonyms)).toHaveLength(33);
    expect(actors.every((entry) => entry.phrase.length > 0 && !entry.phrase.includes("_"))).toBe(true);
    expect(actor("NASGUL")).toBeUndefined(); // commented out with #
  });

  it("turns dated role lines into start and end dates, in file order", () => {
    expect(actor("SAM GAMGEE")?.codes).toEqual([
      { code: "HOB", start: null, end: null },
      { code: "HOBCIV", start: null, end: "2008-01-20" },
      { code: "ORCHOB", start: "2010-01-09", end: "2010-01-12" },
      { code: "HOBMIL", start: "2008-01-20", end: "2012-11-09" },
      { code: "HOBGOV", start: "2012-11-09", end: "2013-01-19" },
      { code: "HOBELI", start: "2013-01-19", end: null },
    ]);
  });

  it("reads two-digit TABARI years and spaced restrictions such as [HOB < 950601]", () => {
    expect(actor("GOLLUM")?.codes).toEqual([
      { code: "HOB", start: null, end: "1995-06-01" },
      { code: "HOBGOV", start: "1995-06-01", end: "1999-08-15" },
      { code: "HOBREB", start: "1999-08-16", end: null },
    ]);
    expect(actor("PRINCE OF DOL AMROTH")?.codes).toEqual([
      { code: "---", start: null, end: "1995-06-30" },
      { code: "DOL", start: null, end: null },
    ]);
  });

  it("attaches + synonyms to the primary phrase above them", () => {
    expect(actor("GOLLUM")?.synonyms).toEqual(["SMEAGOL", "SLINKER", "STINKER"]);
    expect(actor("UNITED NATIONS")?.synonyms).toEqual([
      "U.N.",
      "SECRETARY GENERAL",
      "SECURITY COUNCIL",
      "UN",
    ]);
  });

  it("joins underscored words with spaces and keeps the primary line's comment", () => {
    expect(actor("PRESIDENT GEORGE W. BUSH")?.codes).toEqual([{ code: "USAGOV", start: null, end: null }]);
    expect(actor("INTERNATIONAL CRIMINAL POLICE ORGANIZATION")?.codes[0]?.code).toBe("IGOCOPITP");
    expect(actor("ATHENS")?.comment).toBe("JW   10/17/91");
  });

  it("keeps a code naming several actors as written", () => {
    expect(actor("THE SHIRE")?.codes).toEqual([{ code: "FRO/BIL/SAM", start: null, end: null }]);
  });

  it("reads a small dictionary with every kind of line", () => {
    const text = [
      "<!-- roles of a fictional republic",
      "     spanning two lines -->",
      "REPUBLIC_OF_VARNA [VRN] ; old KEDS comment",
      "+VARNAN",
      "PRESIDENT_IVO_PETROV",
      "\t[VRNELI 010120-090120]",
      "\t[VRNGOV >140608]  # sworn in",
      "\t[VRNOPP <050101]",
      "\t[VRNREB 320101-331108]",
    ].join("\n");
    expect(parseActorDictionary(text, "varna.actors")).toEqual([
      {
        phrase: "REPUBLIC OF VARNA",
        synonyms: ["VARNAN"],
        codes: [{ code: "VRN", start: null, end: null }],
        comment: "old KEDS comment",
        line: 3,
      },
      {
        phrase: "PRESIDENT IVO PETROV",
        synonyms: [],
        codes: [
          { code: "VRNELI", start: "2001-01-20", end: "2009-01-20" },
          { code: "VRNGOV", start: "2014-06-08", end: null },
          { code: "VRNOPP", start: null, end: "2005-01-01" },
          // KEDS/TABARI/PETRARCH read 31-99 as the 1900s
          { code: "VRNREB", start: "1932-01-01", end: "1933-11-08" },
        ],
        line: 5,
      },
    ]);
  });

  it("names the file and line of a malformed date", () => {
    const error = failure(() => parseActorDictionary("VARNA [VRN]\n\t[VRNGOV >991340]\n", "varna.actors"));
    expect(error.code).toBe("BAD_DATA");
    expect(error.where).toBe("varna.actors:2");
    expect(error.message).toContain("not a calendar date");
  });

  it("rejects a synonym with no primary phrase above it", () => {
    const error = failure(() => parseActorDictionary("# header\n+VARNAN\n", "varna.actors"));
    expect(error.where).toBe("varna.actors:2");
    expect(error.message).toContain("primary phrase");
  });

  it("rejects an unclosed code, a range that ends before it starts and an unclosed comment", () => {
    expect(failure(() => parseActorDictionary("VARNA [VRN\n", "a")).line()).toMatch(/^a:1: expected \]/);
    expect(failure(() => parseActorDictionary("VARNA\n\t[VRN 090101-010101]", "a")).message).toContain(
      "ends before it starts",
    );
    expect(failure(() => parseActorDictionary("VARNA [VRN]\n<!-- open\nMORE [X]", "a")).where).toBe("a:2");
  });
});

describe("PETRARCH agent dictionaries", () => {
  const agents = parseAgentDictionary(reference("PETR.Validate.agents.txt"), "PETR.Validate.agents.txt");
  const agent = (phrase: string) => agents.find((entry) => entry.phrase === phrase);

  it("reads every entry of the validation agent dictionary", () => {
    // 86 plain lines plus two !SET! lines expanding to 5 and 4 phrases
    expect(agents).toHaveLength(95);
    expect(agent("FOREIGN MINISTER")).toEqual({
      phrase: "FOREIGN MINISTER",
      plurals: [],
      regularPlural: true,
      code: "~GOVFRM",
      line: 11,
    });
  });

  it("reads a listed plural, and {} as no plural", () => {
    expect(agent("ATTORNEY GENERAL")?.plurals).toEqual(["ATTORNEYS GENERAL"]);
    expect(agent("GOLDEN GOOSE")?.plurals).toEqual(["GOLDEN GEESE"]);
    expect(agent("POLICE")).toMatchObject({ plurals: [], regularPlural: false, code: "~COP" });
  });

  it("keeps a code that goes before the actor's code", () => {
    expect(agent("HUMAN RIGHTS ORGANIZATION")?.code).toBe("NGO~");
  });

  it("expands a !PERSON! substitution into one phrase per member", () => {
    const congress = agents.filter((entry) => entry.template === "CONGRESS!PERSON!");
    expect(congress.map((entry) => entry.phrase)).toEqual([
      "CONGRESSMAN",
      "CONGRESSMEN",
      "CONGRESSWOMAN",
      "CONGRESSWOMEN",
      "CONGRESSPERSON",
    ]);
    expect(congress.every((entry) => entry.code === "~LEG" && entry.plurals.length === 0)).toBe(true);
    expect(agent("MINISTRIES OF SILLY WALKS")?.template).toBe("!MINST! OF SILLY WALKS");
  });

  it("expands every marker of a phrase that has two", () => {
    const text = "!RANK! = DEPUTY, ACTING\n!POST! = MINISTER, MINISTRY\n!RANK!_DEFENCE_!POST! [~GOVDEF]";
    expect(parseAgentDictionary(text, "ranks.agents").map((entry) => entry.phrase)).toEqual([
      "DEPUTY DEFENCE MINISTER",
      "DEPUTY DEFENCE MINISTRY",
      "ACTING DEFENCE MINISTER",
      "ACTING DEFENCE MINISTRY",
    ]);
  });

  it("names the line of a marker whose set is not defined above it", () => {
    const error = failure(() => parseAgentDictionary("MINISTER [~GOV]\n!MINST!_OF_WAR [~GOV]\n", "x.agents"));
    expect(error.line()).toBe(
      "x.agents:2: substitution set !MINST! is not defined above; expected a line !MINST! = WORD, ...",
    );
  });

  it("rejects an agent without a code and a code without ~", () => {
    expect(failure(() => parseAgentDictionary("\nDIPLOMAT # no code\n", "x.agents")).where).toBe(
      "x.agents:2",
    );
    expect(failure(() => parseAgentDictionary("DIPLOMAT [GOV]", "x.agents")).message).toContain("~");
  });
});

describe("PETRARCH verb dictionaries", () => {
  const { verbs, synsets } = parseVerbDictionary(
    reference("PETR.Validate.verbs.txt"),
    "PETR.Validate.verbs.txt",
  );
  const verb = (name: string) => verbs.find((entry) => entry.verb === name);

  it("reads every verb, pattern and synset of the validation verb dictionary", () => {
    expect(verbs).toHaveLength(269);
    expect(new Set(verbs.map((entry) => entry.patterns)).size).toBe(261); // one per --- group
    expect(new Set(verbs.flatMap((entry) => entry.patterns)).size).toBe(474);
    expect(synsets).toHaveLength(17);
  });

  it("keeps a pattern's code, its source and target markers and how its words are joined", () => {
    expect(verb("CELEBRATE")?.patterns[0]).toEqual({
      words: ["+", "HOSTING", "*", "TABASKI", "^", "$"],
      joins: [" ", " ", " ", " ", " "],
      code: "042",
      line: 304,
    });
    expect(verb("ACCORD")?.patterns[0]).toMatchObject({
      words: ["SUGGESTED", "+", "*", "DEMAND", "&GENINT", "CONVENTIONS"],
      joins: ["_", " ", " ", "_", "_"],
      code: "111",
    });
    const into = verb("ACCORD")?.patterns.filter((pattern) => pattern.words.join(" ") === "IN *");
    expect(into?.map((pattern) => [pattern.joins[0], pattern.code])).toEqual([
      ["_", "075"],
      [" ", "075A"], // TABARI's "IN_ *" is an ordinary space
      [" ", "072"],
    ]);
    expect(verb("AGREE")?.patterns.at(-1)).toMatchObject({ words: ["%", "*"], code: "030:030" });
  });

  it("keeps codes made of # inside brackets while # elsewhere starts a comment", () => {
    const restore = verb("RESTORE")?.patterns.map((pattern) => pattern.code);
    expect(restore).toEqual(["+++", "112", "064", "###", "xxy", "064"]);
  });

  it("gives a verb its own code or its group's, and shares the group's patterns", () => {
    expect(verb("ABANDON")).toMatchObject({
      code: "345",
      group: "ABANDON",
      groupCode: "345",
      regularForms: true,
    });
    expect(verb("KLM NOP RST")).toMatchObject({ head: "RST", code: "002", group: "ABANDON" });
    expect(verb("DOWNPLAY")?.code).toBe("014");
    expect(verb("POSTPONE")?.code).toBe("120");
    expect(verb("POSTPONE")?.patterns).toBe(verb("DELAY")?.patterns);
    expect(verb("DELAY")?.patterns.map((pattern) => pattern.code)).toEqual(["191", "112"]);
    expect(verb("TROUBLED")).toMatchObject({ code: "---", group: "TROUBLED" });
  });

  it("reads listed verb forms, including those of multi-word verbs", () => {
    expect(verb("BREAK")?.forms).toEqual(["BROKE", "BROKEN"]);
    expect(verb("BREAK DOWN")).toMatchObject({
      head: "BREAK",
      forms: ["BREAKS DOWN", "BREAKING DOWN", "BROKE DOWN", "BROKEN DOWN"],
      regularForms: false,
    });
    expect(verb("WIRE TAP")).toMatchObject({ head: "TAP", forms: ["WIRE TAPPED", "WIRE TAPPING"] });
  });

  it("reads synsets, their no-plural labels and synsets nested in synsets", () => {
    const byName = new Map(synsets.map((set) => [set.name, set]));
    expect(byName.get("&CURRENCY")?.members).toContain("GOLDEN GOBLIN GALLEONS");
    expect(byName.get("&PREPOSIT1")).toMatchObject({
      pluralize: false,
      members: ["AGAINST", "IN", "ON", "BY", "NEAR", "AT"],
    });
    expect(byName.get("&ACCORDSYN")?.members).toEqual(["&TIETYPES", "CLOSER", "NEARER", "&CURRENCY"]);
    expect(byName.get("&NEGATVAUXVRB")?.members[0]).toBe("DID N'T");
  });

  it("reads a TABARI file without group headers, each verb with its own patterns", () => {
    const text = [
      "&ARMS_",
      "+WEAPONS",
      "+SMALL_ARMS_",
      "",
      "SHIP {SHIPS SHIPPED SHIPPING} [---]",
      "- $ * &ARMS TO + [1711]  ; old comment",
      "AIRLIFT [0234]",
      "- * AID TO + [0233]",
    ].join("\n");
    const dictionary = parseVerbDictionary(text, "tabari.verbs");
    expect(dictionary.synsets).toEqual([
      {
        name: "&ARMS",
        members: ["WEAPONS", "SMALL ARMS"],
        pluralize: false,
        noPlural: ["SMALL ARMS"],
        line: 1,
      },
    ]);
    expect(
      dictionary.verbs.map((entry) => [entry.verb, entry.code, entry.patterns.map((p) => p.code)]),
    ).toEqual([
      ["SHIP", "---", ["1711"]],
      ["AIRLIFT", "0234", ["0233"]],
    ]);
    expect(dictionary.verbs[0]?.group).toBeUndefined();
  });

  it("names the line of a pattern without exactly one verb marker", () => {
    const error = failure(() =>
      parseVerbDictionary("--- SEIZE [210] ---\nSEIZE\n- CARGO [211]\n", "x.verbs"),
    );
    expect(error.where).toBe("x.verbs:3");
    expect(error.message).toContain("exactly one *");
  });

  it("names the line that uses an undefined synset", () => {
    const error = failure(() =>
      parseVerbDictionary("--- SEIZE [210] ---\nSEIZE\n\n- * &LOOT [211]\n", "x.verbs"),
    );
    expect(error.line()).toBe(
      "x.verbs:4: synset &LOOT is never defined; expected a line &LOOT with +MEMBER lines",
    );
  });

  it("rejects a pattern without a code, a pattern before any verb and TABARI alternatives", () => {
    expect(failure(() => parseVerbDictionary("SEIZE\n- * CARGO\n", "x")).message).toContain(
      "code in [brackets]",
    );
    expect(failure(() => parseVerbDictionary("--- SEIZE ---\n- * CARGO [211]\n", "x")).where).toBe("x:2");
    expect(failure(() => parseVerbDictionary("SEIZE\n- * {CARGO | SHIP} [211]\n", "x")).message).toContain(
      "synset",
    );
  });
});

describe("PETRARCH discard lists", () => {
  it("reads story-level and sentence-level discards", () => {
    const discards = parseDiscardDictionary(reference("PETR.Validate.discards.txt"), "discards.txt");
    expect(discards).toHaveLength(9);
    expect(discards.filter((entry) => entry.scope === "story").map((entry) => entry.phrase)).toEqual([
      "World Golf Championships",
      "Manchester United",
      "TYPHOON",
      "ESPN2",
    ]);
    expect(discards[0]).toEqual({ phrase: "MONTHS LATER", scope: "sentence", wholeWord: false, line: 3 });
  });

  it("marks a phrase ending in _ as a whole word and rejects an empty story discard", () => {
    expect(parseDiscardDictionary("CRICKET_\n", "d")[0]).toMatchObject({
      phrase: "CRICKET",
      wholeWord: true,
    });
    expect(failure(() => parseDiscardDictionary("CRICKET\n+   # nothing\n", "d")).where).toBe("d:2");
  });
});
