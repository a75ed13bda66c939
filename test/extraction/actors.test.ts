import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { ActorResolver, createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb, today: () => "2021-11-10" });

function documentOf(text: string, published: string) {
  return buildDocument({
    meta: { source: "test", format: "txt", published },
    blocks: plainTextBlocks(text, { markdown: false }),
  });
}

function analyseText(text: string, published = "2021-11-07"): Analysis {
  return analyse(documentOf(text, published));
}

/** Every mention the resolver finds, sentence by sentence, as "surface → name <kind, country>". */
function mentions(text: string, published = "2021-11-07"): string[] {
  const document = documentOf(text, published);
  const resolver = new ActorResolver(kb, published);
  return document.sentences.flatMap((s) =>
    resolver
      .resolve(s)
      .mentions.map((m) => `${m.surface} → ${m.actor.name} <${m.actor.kind}, ${m.actor.country}>`),
  );
}

const reactors = (a: Analysis) => [
  ...new Set(a.reactions.map((r) => `${r.actor.name}|${r.actor.kind}|${r.actor.country}`)),
];

describe("organisations the knowledge base lacks", () => {
  it("makes a state's own committee a government body of that state", () => {
    expect(mentions("Belarus's Investigative Committee said it had opened a criminal case.")).toEqual([
      "Belarus's Investigative Committee → Investigative Committee of Belarus <government_body, BLR>",
    ]);
  });

  it("reads a name that opens with its head noun, and leaves the closing place out of it", () => {
    const found = mentions("The Front for Unity and Renewal in Zembla claimed the ambush on the convoy.");
    expect(found).toEqual(["Front for Unity and Renewal → Front for Unity and Renewal <armed_group, null>"]);
  });

  it("does not read the victim's unit as an armed group: it is the state's", () => {
    const found = mentions(
      "The bomb killed the commander of the Belarusian Special Operations Forces outside his home.",
    );
    expect(found).toEqual([
      "Belarusian Special Operations Forces → Special Operations Forces of Belarus <government_body, BLR>",
    ]);
  });

  it("makes a force of an organisation an organisation, not a state", () => {
    const found = mentions("The Joint Force of the African Union said its patrol had been ambushed.");
    expect(found).toEqual([
      "Joint Force of the African Union → Joint Force of the African Union <igo, null>",
    ]);
  });

  it("keeps states listed in parentheses after a group as its members, not reactors", () => {
    const a = analyseText(
      "The Contact Group (Norway, Chile and Kenya) condemned the bombing of the hospital.",
    );
    expect(reactors(a)).toEqual(["Contact Group|igo|null"]);
  });

  it("gives a national institution named without its state to the country the report is from", () => {
    const a = analyseText(
      "MINSK, 3 March 2024 — The Investigative Committee condemned the killing of the editor.",
    );
    expect(reactors(a)).toEqual(["Investigative Committee|government_body|BLR"]);
  });

  it("reads a demonym before a shared organ's name as that state's organ", () => {
    expect(mentions("The Armenian Security Council met on Sunday.")).toEqual([
      "Armenian Security Council → Security Council of Armenia <government_body, ARM>",
    ]);
  });
});

describe("actors named by role", () => {
  it("reads a state's lawmakers as its legislature", () => {
    const a = analyseText("Georgian lawmakers condemned the assassination of the journalist.");
    expect(reactors(a)).toEqual(["Parliament of Georgia|government_body|GEO"]);
  });

  it("reads a leader's name before 'administration' or 'regime' as that government, not the leader", () => {
    const a = analyseText("The Obama administration condemned the attack on the consulate.", "2015-06-01");
    expect(reactors(a)).toEqual(["Obama administration|government_body|USA"]);
  });

  it("reads 'the [demonym] opposition' as that state's opposition", () => {
    expect(mentions("The Belarusian opposition condemned the arrest of the blogger.")).toEqual([
      "Belarusian opposition → Belarusian opposition <party, BLR>",
    ]);
  });

  it("reads a capital as the government when it denies, in its older spelling too", () => {
    const a = analyseText("Kiev denied any involvement in the blast, while talks went on in Beijing.");
    expect(reactors(a)).toEqual(["Ukraine|state|UKR"]);
  });
});

describe("places named by their state", () => {
  it("does not read a state that places a city as an actor", () => {
    expect(mentions("Dozens of students marched in Harare, Zimbabwe's capital, chanting slogans.")).toEqual(
      [],
    );
  });

  it("reads one state in parentheses after a person as the person's country, not an actor", () => {
    expect(mentions("Council President Aroha Tane (Fiji) read out the statement.")).toEqual([
      "President Aroha Tane → Aroha Tane <person, FJI>",
    ]);
  });
});

describe("people the knowledge base lacks", () => {
  it("lets an official it introduces by title react by speaking", () => {
    const a = analyseText(
      'Deputy Interior Minister Olga Petrenko said the blast offered "a chance to regroup".',
    );
    expect(reactors(a)).toEqual(["Olga Petrenko|person|null"]);
  });

  it("introduces a minister named after a demonym and a portfolio", () => {
    expect(mentions("Kenyan Information Minister Amos Wekesa said the attack was cowardly.")).toEqual([
      "Kenyan Information Minister Amos Wekesa → Amos Wekesa <person, KEN>",
    ]);
  });

  it("introduces a person named after 'the former president of [state],'", () => {
    const found = mentions(
      "The former president of Malawi, Joseph Banda Phiri, said the coup was a disgrace.",
    );
    expect(found).toEqual(["president of Malawi, Joseph Banda Phiri → Joseph Banda Phiri <person, MWI>"]);
  });

  it("reads a round-up's capitalised 'NAME, ROLE' heading as a person of the role's state", () => {
    const found = mentions("ARMEN GRIGORYAN, ARMENIAN PRESIDENTIAL SPOKESMAN\n\n“We are shocked.”");
    expect(found[0]).toBe("ARMEN GRIGORYAN → Armen Grigoryan <person, ARM>");
  });

  it("takes a founder introduced in apposition before 'said'", () => {
    const found = mentions("Acme founder and CEO, Jane Roe, said the riot was shameful.");
    expect(found).toEqual(["Jane Roe → Jane Roe <person, null>"]);
  });
});

describe("titles", () => {
  it("resolves a later bare title to the office-holder the report named, not the one of the report's date", () => {
    const found = mentions(
      "Prime Minister Imran Khan condemned the attack. The Pakistani prime minister later called for calm.",
      "2024-05-01",
    );
    expect(found.at(-1)).toBe("Pakistani prime minister → Imran Khan <person, PAK>");
  });

  it("gives a title in apposition to the person just named", () => {
    const found = mentions(
      "Theresa May, the Prime Minister of the United Kingdom, condemned the attack.",
      "2024-05-01",
    );
    expect(found.at(-1)).toBe("Prime Minister of the United Kingdom → Theresa May <person, GBR>");
  });

  it("does not read a surname inside another name as that person", () => {
    const found = mentions("The criminals followed her in a Mini Cooper.", "2025-11-01");
    expect(found).toEqual([]);
  });
});
