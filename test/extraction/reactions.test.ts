// Reactions and speakers through the engine's public face: a small hand-written report in, the
// analysis's reactions and quotes out.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb, today: () => "2021-11-10" });

function analyseText(text: string, published = "2021-11-07"): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: "txt", published },
    blocks: plainTextBlocks(text, { markdown: false }),
  });
  return analyse(document);
}

const reactions = (a: Analysis) => a.reactions.map((r) => `${r.actor.name}|${r.stance}`).sort();

describe("stance vocabulary", () => {
  it("gives 'other' beside the specific stance to a demand for a probe or a summoned envoy", () => {
    const a = analyseText(
      "A car bomb killed a senior judge in Nairobi on Monday.\n\n" +
        "Canada denounced the bombing and urged Kenya to conduct a thorough investigation.\n\n" +
        "Egypt summoned the Kenyan ambassador over the bombing.",
    );
    expect(reactions(a)).toEqual(["Canada|condemn", "Canada|other", "Egypt|other"]);
  });

  it("gives a state and its ministry calling for the same thing one reaction, the state's", () => {
    const a = analyseText(
      "A drone struck an army base in northern Mali on Tuesday.\n\n" +
        "The Ghanaian foreign ministry called for restraint.\n\n" +
        "Ghana also urged restraint and dialogue.",
    );
    const ghana = a.reactions.filter((r) => r.actor.country === "GHA");
    expect(ghana.map((r) => `${r.actor.kind}|${r.stance}`)).toEqual(["state|call_for_restraint"]);
  });

  it("reads a characterisation of the act as a condemnation", () => {
    const a = analyseText(
      "Gunmen killed a mayor in northern Mexico on Friday.\n\nChile called the shooting a hateful murder. Peru, voicing indignation, recalled its envoy.",
    );
    expect(reactions(a)).toEqual(["Chile|condemn", "Peru|condemn", "Peru|other"]);
  });

  it("reads offers to send aid and claims of credit", () => {
    const a = analyseText(
      "A blast destroyed a fuel depot in Aden on Tuesday.\n\n" +
        "Oman said it would send medical teams. The Houthis took credit for the blast.",
    );
    expect(reactions(a)).toEqual(["Houthis|claim_responsibility", "Oman|offer_assistance"]);
  });
});

describe("who takes a stance", () => {
  it("gives no actor the stance of an unnamed collective it is only named in", () => {
    const a = analyseText(
      "A car bomb killed a senior judge in Nairobi on Monday.\n\n" +
        "Close allies and old rivals of Kenya voiced shock on Tuesday.\n\n" +
        "Kenya supporters abroad offered condolences.\n\n" +
        "Egypt condemned the bombing.",
    );
    expect(reactions(a)).toEqual(["Egypt|condemn"]);
  });

  it("does not pass an unnamed collective's stance on to the actor named before it", () => {
    const a = analyseText(
      "A car bomb killed a senior judge in Nairobi on Monday.\n\nEgypt urged restraint. World leaders voiced shock at the bombing.",
    );
    expect(reactions(a)).toEqual(["Egypt|call_for_restraint"]);
  });

  it("credits a quotation opened by an actor's possessive to that actor, not to whoever relays it", () => {
    const a = analyseText(
      "A car bomb killed a senior judge in Nairobi on Monday.\n\n" +
        'Antonio Guterres\'s "heart goes out to the families of the victims," spokesman Stephane Dujarric said.',
    );
    expect(reactions(a)).toEqual(["Antonio Guterres|other"]);
  });

  it("credits every author of a joint statement with its first person plural", () => {
    const a = analyseText(
      "We, the leaders of Norway, Denmark and Finland, condemn the bombing of the parliament in Oslo on Monday.\n\n" +
        "We call on all sides to exercise restraint.",
    );
    expect(reactions(a)).toEqual([
      "Denmark|call_for_restraint",
      "Denmark|condemn",
      "Finland|call_for_restraint",
      "Finland|condemn",
      "Norway|call_for_restraint",
      "Norway|condemn",
    ]);
  });

  it("gives 'other' to an actor quoted on the event without a stance cue", () => {
    const a = analyseText(
      "A bomb killed a provincial governor in Kandahar on Sunday.\n\n" +
        "“The governor was travelling without his usual escort,” Pakistan said.",
    );
    expect(reactions(a)).toEqual(["Pakistan|other"]);
  });

  it("reads 'concerned by the army' as the cause of concern, not its agent", () => {
    const a = analyseText(
      "Soldiers seized power in Conakry on Sunday.\n\nThe African Union said it was deeply concerned by the army's takeover.",
    );
    expect(reactions(a)).toEqual(["African Union|express_concern"]);
  });

  it("skips an opening prepositional phrase to find the clause's subject", () => {
    const a = analyseText(
      "Soldiers seized power in Bamako on Tuesday.\n\nFollowing the mutiny within the Malian Armed Forces, ECOWAS strongly condemned the coup.",
    );
    expect(reactions(a).some((r) => r.startsWith("Economic Community of West African States|condemn"))).toBe(
      true,
    );
    expect(reactions(a).some((r) => r.startsWith("Armed Forces of Mali"))).toBe(false);
  });

  it("credits the subject a quotation names itself, not the spokesman relaying it", () => {
    const a = analyseText(
      "A drone strike killed a commander in Gaza on Sunday.\n\n" +
        "“Hamas strongly condemns this attack,” its spokesman Abu Kareem said.",
    );
    expect(reactions(a)).toEqual(["Hamas|condemn"]);
  });
});

describe("who is speaking", () => {
  const speakers = (a: Analysis) => a.quotes.map((q) => `${q.speaker?.name ?? "-"}|${q.text}`);

  it("gives a quotation to the frame before it when the next frame opens a new clause", () => {
    const a = analyseText(
      "A blast shook the port of Aden on Monday.\n\n" +
        "Joe Biden said “it looks like a deliberate attack” and that Saudi Arabia had told him of a second blast.",
    );
    expect(speakers(a)[0]).toBe("Joe Biden|it looks like a deliberate attack");
  });

  it("reads 'said X' as a frame only after a quotation or a comma", () => {
    const a = analyseText(
      "A blast shook the port of Aden on Monday.\n\n" +
        "The Arab League condemned the attack and said Yemen's security was the region's security.",
    );
    expect(reactions(a)).toEqual(["League of Arab States|condemn"]);
  });
});

describe("stances not taken", () => {
  it("keeps forecasts of a reaction out of the record", () => {
    const a = analyseText(
      "A car bomb killed a minister in Mogadishu on Monday.\n\nKenya will press for restraint. Uganda is likely to urge calm.",
    );
    expect(reactions(a)).toEqual([]);
  });
});

describe("stances of one actor", () => {
  it("keeps worry about what follows beside a condemnation, but folds condolences into it", () => {
    const a = analyseText(
      "Gunmen killed a judge in Quito on Monday.\n\n" +
        "Peru condemned the killing and offered its condolences. Peru also voiced concerns about further unrest.\n\n" +
        "Chile condemned the killing and sent condolences to the family.",
    );
    expect(reactions(a)).toEqual(["Chile|condemn", "Peru|condemn", "Peru|express_concern"]);
  });
});

describe("subjects and speakers by grammar", () => {
  const speakers = (a: Analysis) => a.quotes.map((q) => `${q.speaker?.name ?? "-"}|${q.text}`);

  it("reads the subject of an absolute phrase after 'with'", () => {
    const a = analyseText(
      "A fire gutted a hospital in Tripoli on Monday.\n\nNeighbours were quick to respond, with Tunisia promising to send medical teams.",
    );
    expect(reactions(a)).toEqual(["Tunisia|offer_assistance"]);
  });

  it("credits the body whose members speak", () => {
    const a = analyseText(
      "Soldiers detained the prime minister in Khartoum on Monday.\n\nThe members of the Security Council called for the immediate release of the prime minister.",
    );
    expect(reactions(a)).toEqual(["United Nations Security Council|other"]);
  });

  it("does not make a place's apposition the subject", () => {
    const a = analyseText(
      "A gunman killed worshippers at a mosque in Oslo on Friday.\n\nHundreds of marchers in Lahore, Pakistan’s second city, chanted “Justice now!” after prayers.",
    );
    // The crowd chants under its description; no state or city reacts.
    expect(speakers(a)).toEqual(["marchers in Lahore|Justice now!"]);
    expect(a.reactions).toEqual([]);
  });

  it("lets a named spokesperson speak for the ministry through the report", () => {
    const a = analyseText(
      "A man stabbed a novelist in Chicago on Friday.\n\n" +
        "“We reject any link to the attack,” Ali Rezaei, the spokesman of Iran’s Foreign Ministry, said.\n\n" +
        "“Nobody should blame Tehran,” Rezaei added.",
    );
    expect(speakers(a)).toEqual([
      "Ali Rezaei|We reject any link to the attack",
      "Ali Rezaei|Nobody should blame Tehran",
    ]);
    expect(a.reactions.map((r) => r.actor.country)).toEqual(["IRN"]);
  });

  it("gives 'X was quoted by Y as saying' to X", () => {
    const a = analyseText(
      "A gunman shot an opposition leader in Moscow on Friday.\n\n" +
        'Putin was quoted by the Kremlin as saying the crime "bore the hallmarks of a contract killing."',
    );
    expect(speakers(a)[0]).toMatch(/^Vladimir Putin\|/);
  });
});

describe("quotations under a speaker's heading", () => {
  it("gives a paragraph's opening quotation to the person its heading names, and its stance 'other'", () => {
    const a = analyseText(
      "A plane carrying a warlord crashed near Tver on Wednesday. Following are reactions:\n\n" +
        "ANNALENA BAERBOCK, GERMAN FOREIGN MINISTER\n\n" +
        "“We do not know yet what happened on that plane.”\n\n" +
        "“We will look closely at the facts.”",
    );
    expect(a.quotes.map((q) => q.speaker?.name)).toEqual(["Annalena Baerbock", "Annalena Baerbock"]);
    expect(reactions(a)).toEqual(["Annalena Baerbock|other"]);
  });
});

describe("quotation marks", () => {
  it("finds single-quoted words and mixed marks, but not apostrophes", () => {
    const a = analyseText(
      "A bomb hit a bridge in Crimea on Saturday.\n\n" +
        "Kenya's president praised the rescuers' 'courage under fire.' Russia’s envoy said it was “a terrorist act\" and left.",
    );
    expect(a.quotes.map((q) => q.text)).toEqual(["courage under fire", "a terrorist act"]);
  });
});

describe("quotation frames", () => {
  const speakers = (a: Analysis) => a.quotes.map((q) => `${q.speaker?.name ?? "-"}|${q.text}`);

  it("does not give a quotation to a frame across 'while'", () => {
    const a = analyseText(
      "A gunman killed an opposition leader in Moscow on Friday.\n\n" +
        'Emmanuel Macron called the killing a "cowardly murder", while Olaf Scholz said the crime must be "fully investigated".',
    );
    expect(speakers(a)).toEqual(["Emmanuel Macron|cowardly murder", "Olaf Scholz|fully investigated"]);
  });

  it("gives every quotation of a sentence to the frame that closes it", () => {
    const a = analyseText(
      "A gunman killed an opposition leader in Moscow on Friday.\n\n" +
        'The leader could have been "a sacrifice" by those who are "not averse to such methods," the Russian foreign ministry suggested.',
    );
    expect(speakers(a).map((s) => s.split("|")[0])).toEqual([
      "Ministry of Foreign Affairs of Russia",
      "Ministry of Foreign Affairs of Russia",
    ]);
  });

  it("gives a quotation to a passive's agent", () => {
    const a = analyseText(
      "Drones struck a refinery in Abu Dhabi on Monday.\n\nThe strike was labelled “terrorist” by the Omani Foreign Ministry.",
    );
    expect(speakers(a)).toEqual(["Ministry of Foreign Affairs of Oman|terrorist"]);
  });

  it("makes the person a possessive phrase ends in its head, whatever the apostrophe", () => {
    const a = analyseText(
      "A gunman killed worshippers in Christchurch on Friday.\n\n" +
        "Iran´s foreign ministry spokesman Ali Rezaei condemned the “savage” attacks and urged the government to punish “the perpetrators”.",
    );
    expect(speakers(a)).toEqual(["Ali Rezaei|savage", "Ali Rezaei|the perpetrators"]);
    expect(a.reactions.map((r) => `${r.actor.country}|${r.stance}`)).toContain("IRN|condemn");
  });
});

describe("a statement that does not name itself", () => {
  const statement = (advice: string) =>
    "Statement on the bombing in Nairobi\n\n" +
    "A car bomb struck a shopping centre in Nairobi yesterday, killing eleven people.\n\n" +
    "We condemn this senseless act of terror. We urge all sides to exercise restraint and avoid any escalation.\n\n" +
    advice;

  it("speaks for the state whose own people it addresses", () => {
    const a = analyseText(
      statement(
        "We advise Indian nationals in Kenya to stay vigilant and to follow the advisories of our missions.",
      ),
    );
    expect(reactions(a)).toEqual(["India|call_for_restraint", "India|condemn"]);
  });

  it("stays anonymous when it addresses the people of more than one state", () => {
    const a = analyseText(
      statement("We advise Indian nationals and Pakistani nationals in Kenya to stay vigilant."),
    );
    expect(reactions(a)).toEqual([]);
  });
});

describe("the victim's side", () => {
  it("gives the victim its own stance when it states it in a frame of its own", () => {
    const a = analyseText(
      "A missile strike hit an oil terminal in Qatar on Sunday.\n\n" +
        "Qatar has stated that it reserves the right to respond to the strike.",
    );
    expect(reactions(a)).toContain("Qatar|other");
  });

  it("does not make a reaction of the victim's campaign reporting on the victim", () => {
    const a = analyseText(
      "A gunman shot at Joe Biden at a rally in Ohio on Saturday.\n\n" +
        'Joe Biden\'s campaign said the president was "doing well" after being treated.',
    );
    expect(a.reactions.map((r) => r.actor.name)).not.toContain("Joe Biden's campaign");
  });
});
