import { describe, expect, it } from "vitest";
import { createPetrarchCoder, type PetrarchCoding } from "../../src/extraction/petrarch-coder.js";
import {
  parseActorDictionary,
  parseAgentDictionary,
  parseDiscardDictionary,
  parseVerbDictionary,
} from "../../src/knowledge/index.js";

// Small dictionaries in PETRARCH's formats, written for these tests. The PETRARCH validation
// records are the benchmark (npm run bench:petrarch), not unit tests.
const ACTORS = `
FREEDONIA [FRE]
+FREEDONIAN
SYLVANIA [SYL]
+SYLVANIAN
MARXONIA [MRX]
RUFUS_FIREFLY  # leader of Freedonia, then in opposition
\t[FREGOV 20100101-20141231]
\t[FREOPP >20150101]
\t[FRE]
THE_BALTIC_STATES [EST/LVA/LTU]
`;

const AGENTS = `
FOREIGN_MINISTER [~GOVFRM]
MINISTER [~GOV]
OFFICIAL [~GOV]
POLICE {} [~COP]
RED_CRESCENT {} [NGO~]
`;

const VERBS = `
&WEAPONS
+ROCKET
+MORTAR_SHELL

--- DENOUNCE [122] ---
DENOUNCE

--- FIRE [190] ---
FIRE
- * &WEAPONS AT + [195]

--- RECEIVE [033] ---
RECEIVE
- + * AID FROM $ [071]

--- GIVE [070] ---
GIVE {GAVE GIVEN GIVES GIVING}
- + WAS * ARMS [072]

--- MEET [031:031] ---
MEET {MET MEETS MEETING}

--- SAY [023] ---
SAY {SAID SAYS}

--- ATTACK [190] ---
ATTACK
`;

const DISCARDS = `
+FOOTBALL
YEARS LATER
`;

const coder = createPetrarchCoder({
  actors: parseActorDictionary(ACTORS, "test.actors"),
  agents: parseAgentDictionary(AGENTS, "test.agents"),
  verbs: parseVerbDictionary(VERBS, "test.verbs"),
  discards: parseDiscardDictionary(DISCARDS, "test.discards"),
});

const events = (coding: PetrarchCoding) => coding.events.map((e) => `${e.source}>${e.target}:${e.code}`);
const code = (sentence: string, date = "2012-05-01") => events(coder.code(sentence, date));

describe("PETRARCH-style coding from text", () => {
  it("codes a verb with its subject as source and its object as target", () => {
    expect(code("Freedonia on Tuesday denounced Sylvania over the border dispute.")).toEqual(["FRE>SYL:122"]);
  });

  it("fills the source and target slots of a matching pattern", () => {
    expect(code("Freedonia has received emergency aid from Sylvania, officials said.")).toEqual([
      "SYL>FRE:071",
    ]);
    expect(code("Freedonia received a delegation from Sylvania.")).toEqual(["FRE>SYL:033"]);
  });

  it("takes the default source from before a target that a pattern placed", () => {
    expect(code("Sylvania insisted Freedonia was given arms.")).toEqual(["SYL>FRE:072"]);
    expect(code("Freedonia was given arms by Sylvania.")).toEqual(["SYL>FRE:072"]);
    expect(code("Freedonia was given arms.")).toEqual([]);
  });

  it("matches a synset member, its plural, and multi-word members, else falls back to the verb's code", () => {
    expect(code("Sylvania fired rockets at Freedonia overnight.")).toEqual(["SYL>FRE:195"]);
    expect(code("Sylvania fired a mortar shell at Freedonia.")).toEqual(["SYL>FRE:195"]);
    expect(code("Sylvania fired warning shots at Freedonia.")).toEqual(["SYL>FRE:190"]);
  });

  it("joins an agent to the country before it, after a possessive, or after 'of'", () => {
    expect(code("Freedonia's foreign minister denounced Sylvania.")).toEqual(["FREGOVFRM>SYL:122"]);
    expect(code("A Sylvanian official denounced the police of Marxonia.")).toEqual(["SYLGOV>MRXCOP:122"]);
    expect(code("The Red Crescent of Freedonia denounced Sylvania.")).toEqual(["NGOFRE>SYL:122"]);
  });

  it("codes an agent with no known country as ---", () => {
    expect(code("Police denounced Sylvania.")).toEqual(["---COP>SYL:122"]);
  });

  it("picks an actor's code for the story's date", () => {
    const sentence = "Rufus Firefly denounced Sylvania.";
    expect(code(sentence, "2012-05-01")).toEqual(["FREGOV>SYL:122"]);
    expect(code(sentence, "20160301")).toEqual(["FREOPP>SYL:122"]);
    expect(code(sentence, "2001-01-01")).toEqual(["FRE>SYL:122"]);
  });

  it("reverses the roles of a passive verb whose agent is named", () => {
    expect(code("Freedonia was sharply denounced by Sylvania on Monday.")).toEqual(["SYL>FRE:122"]);
  });

  it("codes each member of a compound, and a reciprocal code both ways", () => {
    expect(code("Freedonia and Sylvania denounced Marxonia.")).toEqual(["FRE>MRX:122", "SYL>MRX:122"]);
    expect(code("Freedonia met Sylvania and Marxonia in Geneva.")).toEqual([
      "FRE>SYL:031",
      "SYL>FRE:031",
      "FRE>MRX:031",
      "MRX>FRE:031",
    ]);
    expect(code("The Baltic States denounced Marxonia.")).toEqual([
      "EST>MRX:122",
      "LVA>MRX:122",
      "LTU>MRX:122",
    ]);
  });

  it("does not code a dictionary verb used as a noun", () => {
    expect(code("Sylvania denounced an attack by Marxonia on Freedonia.")).toEqual(["SYL>MRX:122"]);
  });

  it("shares the subject between verbs joined by 'and'", () => {
    expect(code("Freedonia denounced the raid on Sylvania and fired rockets at Marxonia.")).toEqual([
      "FRE>SYL:122",
      "FRE>MRX:195",
    ]);
  });

  it("codes one-sided events as --- only when a dyad is not required", () => {
    expect(code("A Freedonian official said on Monday.")).toEqual([]);
    expect(
      events(coder.code("A Freedonian official said on Monday.", "2012-05-01", { requireDyad: false })),
    ).toEqual(["FREGOV>---:023"]);
  });

  it("discards a story or a sentence that holds a discard phrase", () => {
    expect(coder.code("Freedonia denounced Sylvania after the football final.", "2012-05-01")).toEqual({
      events: [],
      discarded: "story",
    });
    expect(coder.code("Years later Freedonia denounced Sylvania.", "2012-05-01").discarded).toBe("sentence");
    const story = coder.codeStory(
      ["Freedonia denounced Sylvania.", "The football final ended in a draw."],
      "2012-05-01",
    );
    expect(story.map((coding) => coding.discarded)).toEqual(["story", "story"]);
  });

  it("declines a text that opens with a dateline", () => {
    expect(coder.code("FREEDONIA CITY: -- Freedonia denounced Sylvania.", "2012-05-01")).toEqual({
      events: [],
      error: "dateline",
    });
  });
});
