import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb, today: () => "2021-11-10" });

function analyseText(text: string, published = "2021-11-07", markdown = false): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: markdown ? "md" : "txt", published },
    blocks: plainTextBlocks(text, { markdown }),
  });
  return analyse(document);
}

const reactions = (a: Analysis) => a.reactions.map((r) => `${r.actor.name}|${r.actor.country}|${r.stance}`);

describe("actor resolution", () => {
  it("resolves a ministry named only by its demonym to its state", () => {
    const a = analyseText(
      "The Omani Foreign Ministry condemned the attack on the prime minister's residence.",
    );
    expect(reactions(a)).toEqual(["Ministry of Foreign Affairs of Oman|OMN|condemn"]);
  });

  it("resolves a ministry named as '[state]'s Ministry of Foreign Affairs' and as 'Ministry ... of [state]'", () => {
    const a = analyseText(
      "Saudi Arabia's Ministry of Foreign Affairs denounced the attack. The Ministry of Foreign Affairs of Qatar also condemned it.",
    );
    expect(a.reactions.map((r) => r.actor.country)).toEqual(["SAU", "QAT"]);
  });

  it("resolves a title alone to whoever held the office on the report's date", () => {
    const a = analyseText(
      "The Iraqi prime minister called for calm and restraint after the drone attack.",
      "2021-11-07",
    );
    expect(reactions(a)).toEqual(["Mustafa al-Kadhimi|IRQ|call_for_restraint"]);
    const later = analyseText(
      "The Iraqi prime minister called for calm and restraint after the drone attack.",
      "2023-06-01",
    );
    expect(later.reactions[0]?.actor.name).toBe("Mohammed Shia al-Sudani");
  });

  it("resolves title + name, and transliterated names with and without al-", () => {
    const a = analyseText(
      "President Kais Saied condemned the attack. Al Kadhimi was unhurt. Mustafa Kadhimi later spoke on television.",
    );
    const people = a.actors.filter((x) => x.kind === "person").map((x) => [x.name, x.country, x.mentions]);
    expect(people).toContainEqual(["Kais Saied", "TUN", 1]);
    expect(people).toContainEqual([expect.stringMatching(/Kadhimi/), "IRQ", 2]);
  });

  it("turns an unknown name introduced by a title into a new person of the title's state", () => {
    const a = analyseText(
      "Fictionland aside, Austrian Chancellor Karl Nehammer said he was appalled by the attack.",
      "2024-07-14",
    );
    expect(a.reactions[0]?.actor).toMatchObject({ name: "Karl Nehammer", kind: "person", country: "AUT" });
    expect(a.reactions[0]?.actor.id).toMatch(/^(new:|person:)/);
  });

  it("reads a capital as its government only when it speaks", () => {
    const a = analyseText("Riyadh said it condemned the attack. Officials in Riyadh met on Monday.");
    expect(reactions(a)).toEqual(["Saudi Arabia|SAU|condemn"]);
  });
});

describe("ambiguous names", () => {
  const person = (id: string, country: string) => ({
    id,
    name: "Ahmed Hassan",
    kind: "person" as const,
    country,
    aliases: ["Ahmed Hassan"],
    roles: [],
    affiliations: [],
  });
  const twoHassans = createAnalyser({
    kb: KnowledgeBase.load([
      person("person:ahmed-hassan-egy", "EGY"),
      person("person:ahmed-hassan-irq", "IRQ"),
    ]),
  });
  const run = (text: string) =>
    twoHassans(
      buildDocument({
        meta: { source: "t", format: "txt", published: "2021-11-07" },
        blocks: plainTextBlocks(text),
      }),
    );

  it("reports a name shared by two known people rather than guessing", () => {
    const a = run("Ahmed Hassan condemned the attack.");
    expect(a.ambiguities).toEqual([
      expect.objectContaining({
        surface: "Ahmed Hassan",
        candidates: ["person:ahmed-hassan-egy", "person:ahmed-hassan-irq"],
      }),
    ]);
    expect(a.reactions[0]?.actor).toMatchObject({
      name: "Ahmed Hassan",
      id: "ambiguous:ahmed-hassan",
      country: null,
    });
  });

  it("settles it by the countries the report is about", () => {
    const a = run("Iraq's government met on Sunday. Ahmed Hassan condemned the attack.");
    expect(a.ambiguities).toEqual([]);
    expect(a.reactions[0]?.actor.id).toBe("person:ahmed-hassan-irq");
  });
});

describe("context", () => {
  it("scopes paragraphs to the actor named only in their heading, pronouns included", () => {
    const a = analyseText(
      "# Reactions to the attack\n\n## France\n\nIt voiced its rejection of the attack on the prime minister.\n\n## The African Union (AU)\n\nThe Commission urged all parties to exercise restraint.",
      "2021-11-07",
      true,
    );
    expect(reactions(a)).toEqual(["France|FRA|condemn", "African Union|null|call_for_restraint"]);
  });

  it("resolves an unnamed ministry to the state of the heading above it", () => {
    const a = analyseText(
      "## United Arab Emirates\n\nThe Ministry of Foreign Affairs and International Cooperation strongly condemned the attack.",
      "2021-11-07",
      true,
    );
    expect(reactions(a)).toEqual(["Ministry of Foreign Affairs of United Arab Emirates|ARE|condemn"]);
  });

  it("resolves 'he' to the subject of the previous sentence, not the last person named", () => {
    const a = analyseText(
      'Canada\'s Prime Minister Justin Trudeau posted that his thoughts were with Donald Trump.\n\n"Political violence is never acceptable," he wrote.',
      "2024-07-14",
    );
    expect(a.quotes.map((q) => [q.speaker?.name, q.text])).toEqual([
      ["Justin Trudeau", "Political violence is never acceptable"],
    ]);
  });
});

describe("reactions", () => {
  it.each([
    ["Kuwait denounced the heinous act.", "condemn"],
    ["Egypt described it as a cowardly crime.", "condemn"],
    ["Jordan urged all sides to exercise restraint.", "call_for_restraint"],
    ["France stands ready to assist the investigation.", "offer_assistance"],
    ["Iran dismissed the reports as exaggerated.", "downplay"],
    ["Hezbollah denied any involvement in the attack.", "deny"],
    ["Kata'ib Hezbollah claimed responsibility for the attack.", "claim_responsibility"],
    ["Turkey expressed deep concern over the attack.", "express_concern"],
    ["Hamas praised the operation.", "support"],
  ])("codes %s as %s", (sentence, stance) => {
    expect(analyseText(sentence).reactions.map((r) => r.stance)).toEqual([stance]);
  });

  it("gives one reaction per actor per stance, and drops concern when the actor also condemns", () => {
    const a = analyseText(
      "Qatar condemned the attack. Qatar said it was shocked and wished him a speedy recovery. Qatar urged restraint.",
    );
    expect(reactions(a)).toEqual(["Qatar|QAT|condemn", "Qatar|QAT|call_for_restraint"]);
  });

  it("does not count a denied or conditional cue", () => {
    expect(analyseText("No group has claimed responsibility for the attack.").reactions).toEqual([]);
    expect(analyseText("Oman did not condemn the strike.").reactions).toEqual([]);
  });

  it("credits a cue inside a quotation to its speaker", () => {
    const a = analyseText(
      '"We strongly condemn this act of violence," said Ukrainian President Volodymyr Zelensky.',
      "2024-05-15",
    );
    expect(reactions(a)).toEqual(["Volodymyr Zelensky|UKR|condemn"]);
  });
});

describe("quotes", () => {
  it("finds straight and curly quotes, split by 'he said', with their speakers", () => {
    const a = analyseText(
      'President Barham Salih said: “We cannot accept that Iraq will be dragged into chaos.” "This is a crime," Salih added, "and it will be punished."',
    );
    expect(a.quotes.map((q) => [q.speaker?.name, q.text])).toEqual([
      ["Barham Salih", "We cannot accept that Iraq will be dragged into chaos"],
      ["Barham Salih", "This is a crime"],
      ["Barham Salih", "and it will be punished"],
    ]);
  });

  it("takes the speaker from 'according to X' and from the subject who utters the words", () => {
    const a = analyseText(
      'The attack was "a cowardly act", according to Antonio Guterres. Narendra Modi "strongly condemned" the attack.',
      "2024-07-14",
    );
    expect(a.quotes.map((q) => q.speaker?.name)).toEqual(["Antonio Guterres", "Narendra Modi"]);
  });

  it("keeps a multi-sentence quotation whole and gives a standalone quote the previous speaker", () => {
    const a = analyseText('Joe Biden spoke on Sunday. "I am relieved. He is safe."', "2024-07-14");
    expect(a.quotes).toEqual([
      expect.objectContaining({
        text: "I am relieved. He is safe",
        speaker: expect.objectContaining({ name: "Joe Biden" }),
      }),
    ]);
  });
});

describe("attribution claims", () => {
  it("credits an author's own claim to the author, with the evidence cited", () => {
    const a = analyseText(
      "The bombing bears the hallmarks of Kata'ib Hezbollah, citing the type of explosives used.",
    );
    expect(a.attributions).toEqual([
      expect.objectContaining({
        claimant: "author",
        accused: expect.objectContaining({ name: "Kata'ib Hezbollah" }),
        evidence: "the type of explosives used",
      }),
    ]);
  });

  it("finds who blames whom, including accused the knowledge base does not know", () => {
    const a = analyseText(
      'Iraqi officials accused Asaib Ahl al-Haq of involvement. Argentina\'s President Javier Milei blamed the "international left" for the attack.',
      "2024-07-14",
    );
    expect(
      a.attributions.map((x) => [
        typeof x.claimant === "string" ? x.claimant : x.claimant.name,
        x.accused.name,
      ]),
    ).toEqual([
      ["Iraq", "Asa'ib Ahl al-Haq"],
      ["Javier Milei", "international left"],
    ]);
  });
});

describe("attribution claims by description", () => {
  it("reads 'this administration' in a report about the United States as the president's administration", () => {
    const a = analyseText(
      'Donald Trump was shot at a rally in Pennsylvania. The Kremlin said the "atmosphere created by this administration has led to" the attack.',
      "2024-07-14",
    );
    expect(a.attributions.map((x) => x.accused.name)).toEqual(["Biden administration"]);
  });
});

describe("events", () => {
  it("codes a drone attack with CAMEO and PLOVER, its target, place, date and attempted flag", () => {
    const a = analyseText(
      "BAGHDAD, 7 November 2021 — Three drones targeted the residence of Prime Minister Mustafa al-Kadhimi in Baghdad early on Sunday in a failed assassination attempt.",
    );
    const [event] = a.events;
    expect(event).toBeDefined();
    expect(event!.cameo).toMatch(/^(18|19)/);
    expect(event!.attempted).toBe(true);
    expect(event!.date).toBe("2021-11-07");
    expect(event!.location?.country).toBe("IRQ");
    expect(event!.target_actor?.name).toMatch(/Kadhimi/);
  });

  it("links later mentions of the same attack to one event and refers reactions to it", () => {
    const a = analyseText(
      "A drone attack hit the residence of Iraq's prime minister. Kuwait condemned the attack.",
    );
    expect(a.events).toHaveLength(1);
    expect(a.reactions[0]?.event_id).toBe(a.events[0]?.id);
  });
});
