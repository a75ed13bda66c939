// The event coder's rules, through the engine's public face: which cue codes a sentence (its main
// verb, not an aside), how a frame ("threatened to", "will", "refused to", "urged X to") recodes the
// act it governs, and that an event's mode is always one of PLOVER's.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const analyse = createAnalyser({ kb: KnowledgeBase.load(), today: () => "2021-11-10" });

function analyseText(text: string): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: "txt", published: "2021-11-07" },
    blocks: plainTextBlocks(text, { markdown: false }),
  });
  return analyse(document);
}

/** The first event of a one-sentence report as "CAMEO PLOVER/mode". */
function coded(sentence: string): string {
  const event = analyseText(sentence).events[0];
  return event ? `${event.cameo} ${event.plover}/${event.mode}` : "none";
}

describe("which cue codes a sentence", () => {
  it("codes the main verb, not an event named in an aside of time", () => {
    expect(
      coded("Peru granted asylum to five officers who fled the country after last month's invasion."),
    ).toBe("075 AID/null");
    expect(coded("Israel launched a ground offensive after the rocket attack on Sderot.")).toBe(
      "190 ASSAULT/null",
    );
  });

  it("takes the phrase with more words where phrases overlap", () => {
    expect(coded("A suicide car bombing killed 12 people in the market.")).toMatch(/^1831 ASSAULT/);
    expect(coded("The rebels threatened to attack the capital.")).toBe("138 THREATEN/violence");
  });

  it("takes an event noun enacted by a past verb over an infinitive of purpose", () => {
    expect(
      coded("Hundreds of prisoners began a hunger strike on Monday to protest against their detention."),
    ).toBe("142 PROTEST/hunger");
  });

  it("codes a sentence about violence with the specific cue an aside names it by", () => {
    expect(
      coded(
        "Gunmen attacked the governor's convoy on Sunday, in what officials called an assassination attempt.",
      ),
    ).toMatch(/^185 ASSAULT/);
  });

  it("leaves out an act that only stands in a condition", () => {
    expect(coded("Iran said it would respond if it is attacked.")).toBe("none");
  });

  it("counts talk about the attack (condemnation, solidarity after it) as another mention of the attack", () => {
    const a = analyseText(
      "A drone attack hit the residence of Iraq's prime minister. Kuwait condemned the attack.",
    );
    expect(a.events.map((e) => e.cameo)).toEqual(["1952"]);
    const solidarity = analyseText(
      "A drone attack hit the residence of Iraq's prime minister. Kuwait expressed solidarity with Iraq after the attack.",
    );
    expect(solidarity.events.map((e) => e.cameo)).toEqual(["1952"]);
  });

  it("reads rejecting an attack as talk about it, and rejecting an ultimatum as a rejection", () => {
    const a = analyseText(
      "A drone attack hit the residence of Iraq's prime minister. Jordan rejected the attack on Sunday.",
    );
    expect(a.events.map((e) => e.cameo)).toEqual(["1952"]);
    expect(coded("Serbia rejected an ultimatum to hand over a guard involved in a shooting.")).toBe(
      "120 REJECT/null",
    );
  });

  it("counts a reference to the attack in a sentence coded otherwise as a mention of it", () => {
    const once = analyseText("A drone attack hit the residence of Iraq's prime minister.");
    const twice = analyseText(
      "A drone attack hit the residence of Iraq's prime minister. Iraq declared a state of emergency after the attack.",
    );
    expect(twice.events.map((e) => e.cameo)).toEqual(["1952", "1724"]);
    expect(twice.events[0]!.confidence).toBeGreaterThan(once.events[0]!.confidence);
  });
});

describe("intent, threat, refusal and request frames", () => {
  it("codes a threatened act as its threat", () => {
    expect(coded("Iran threatened to impose a curfew in Tehran.")).toBe("1323 THREATEN/restrict");
    expect(coded("The ministry warned that it would impose sanctions on the company.")).toBe(
      "1312 THREATEN/restrict",
    );
    expect(coded("Farmers said they would blockade the port from Monday.")).toBe("1381 THREATEN/restrict");
  });

  it("codes a promised cooperative act as an intent in the same branch", () => {
    expect(coded("The rebels said they will release the hostages on Sunday.")).toBe("0353 AGREE/null");
    expect(coded("The minister will visit Baghdad next week.")).toBe("036 AGREE/null");
    expect(coded("Egypt offered to mediate between the two sides.")).toBe("039 AGREE/null");
    expect(coded("The President has agreed to resign.")).toBe("0341 AGREE/null");
  });

  it("reads 'ready', 'prepared' and 'willing' as a promise only after a form of 'be'", () => {
    expect(coded("The government is prepared to impose martial law.")).toBe("1324 THREATEN/restrict");
    expect(coded("The army prepared to resume shelling the town.")).toBe("194 ASSAULT/heavy-weapons");
  });

  it("codes a refused act as its rejection", () => {
    expect(coded("Israel is refusing to lift the curfew on the West Bank.")).toBe("1241 REJECT/change");
    expect(coded("The minister declined to resign despite the protests.")).toBe("1231 REJECT/change");
    expect(coded("The government said it would not release the prisoners.")).toBe("1243 REJECT/yield");
  });

  it("codes a demanded act as a demand on its addressee", () => {
    const a = analyseText("The European Union demanded that Russia withdraw its troops from the border.");
    expect(a.events[0]).toMatchObject({ cameo: "1056", plover: "REQUEST", mode: "yield" });
    expect(a.events[0]?.target_actor?.country).toBe("RUS");
  });

  it("codes an appeal to an addressee in the appeal branch, with the addressee as target", () => {
    const a = analyseText("The UN called on Israel to lift the blockade of Gaza.");
    expect(a.events[0]?.cameo).toBe("0256");
    expect(a.events[0]?.target_actor?.country).toBe("ISR");
  });

  it("does not carry a frame over another act: 'would investigate the attack' is an inquiry", () => {
    expect(coded("Iran said it would investigate the attack.")).toBe("090 ACCUSE/investigate");
  });
});

describe("modes", () => {
  it("writes PLOVER's heavy-weapons for artillery, air strikes and drones", () => {
    expect(coded("Rebels shelled the town overnight.")).toBe("194 ASSAULT/heavy-weapons");
    expect(coded("Warplanes bombed the city on Sunday.")).toBe("195 ASSAULT/heavy-weapons");
    expect(coded("A drone strike hit a car near the airport.")).toBe("1952 ASSAULT/heavy-weapons");
  });

  it("keeps a pattern's mode that PLOVER has and drops one it has not", () => {
    expect(coded("A roadside bomb exploded near a police patrol.")).toBe("1833 ASSAULT/explosives");
    expect(coded("Air defences shot down two drones over the capital.")).toBe("190 ASSAULT/null");
  });
});

describe("phrases", () => {
  it("codes calls, ties, aid, and the easing of curfews and emergency rule", () => {
    expect(coded("The foreign minister telephoned his Turkish counterpart on Tuesday.")).toBe(
      "041 CONSULT/phone",
    );
    expect(coded("Sri Lanka established diplomatic ties with Iran.")).toBe("050 SUPPORT/null");
    expect(coded("The charity donated medical supplies to the hospital.")).toBe("070 AID/null");
    expect(coded("The army lifted the nightly curfew in the capital.")).toBe("0813 RETREAT/null");
    expect(coded("Serbia eased emergency measures in the province.")).toBe("0814 RETREAT/null");
  });
});
