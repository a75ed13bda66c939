// Quote speakers: who the text gives as the speaker of each quoted span, through the analyser.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb, today: () => "2023-05-10" });

function analyseText(text: string, published = "2023-05-08"): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: "txt", published },
    blocks: plainTextBlocks(text, { markdown: false }),
  });
  return analyse(document);
}

const speakers = (a: Analysis) => a.quotes.map((q) => `${q.speaker?.name ?? "-"}|${q.text}`);

describe("quote speakers", () => {
  it("resolves 'the militant organisation' to a movement the knowledge base keeps as a de facto authority", () => {
    const a = analyseText(
      "The Taliban denounced the raid on a village near Kandahar that killed two al Qaeda fighters.\n\nThe militant organisation said the raid was “a breach of every agreement” signed so far.",
    );
    expect(speakers(a)).toEqual(["Taliban|a breach of every agreement"]);
  });

  it("gives a quotation inside the content clause of 'vowed that' to whoever vowed, not the clause's subject", () => {
    const a = analyseText(
      'Hezbollah buried four of its fighters on Friday. The movement vowed that Israel would face "a long and bitter reckoning."',
    );
    expect(speakers(a)).toEqual(["Hezbollah|a long and bitter reckoning"]);
  });

  it("gives a quotation to the frame closing the sentence, not to one in a relative clause on its words", () => {
    const a = analyseText(
      'Fire crews reached the depot after midnight. Police chief Carlos Mendes spoke to reporters at dawn. "We have traced the van" that Brazil has said carried the fuel, he said.',
    );
    expect(speakers(a)).toEqual(["Carlos Mendes|We have traced the van"]);
  });

  it("gives a quotation to the news agency that reports it, spelled in lower case as well as in capitals", () => {
    const a = analyseText(
      "Russian investigators opened a murder case on Sunday. “The suspect crossed the border in a rented van,” Tass reported on Monday.",
    );
    expect(speakers(a)).toEqual(["TASS|The suspect crossed the border in a rented van"]);
  });

  it("gives a quotation to the name that closes an apposition before the speech verb", () => {
    const a = analyseText(
      "Leaders in the Gulf sent messages after the fire. The ruler of Dubai, Sheikh Mohammed bin Rashid, tweeted “our prayers are with the families tonight.”",
    );
    expect(speakers(a)).toEqual(["Mohammed bin Rashid|our prayers are with the families tonight"]);
  });

  it("gives a quotation to a person the knowledge base lacks, named after an inverted speech verb and an apposition", () => {
    const a = analyseText(
      'The shelling of the port went on overnight. The raid was "a warning shot to the whole coast," said Lorna Vasquez, a senior fellow at the Meridian Institute in Lisbon.',
    );
    expect(speakers(a)).toEqual(["Lorna Vasquez|a warning shot to the whole coast"]);
    // An analyst judges the event; she is no party reacting to it.
    expect(a.reactions.map((r) => r.actor.name)).not.toContain("Lorna Vasquez");
    expect(a.actors.find((x) => x.name === "Lorna Vasquez")?.roles).toEqual([
      "a senior fellow at the Meridian Institute in Lisbon",
    ]);
  });

  it("keeps a person named after an inverted speech verb a reactor when the apposition gives an office", () => {
    const a = analyseText(
      'Gunmen stormed the town hall of Porto Alegre on Friday. "We condemn this cowardly attack," said Mirela Duarte, the mayor of the city.',
    );
    expect(speakers(a)).toEqual(["Mirela Duarte|We condemn this cowardly attack"]);
    expect(a.reactions.map((r) => `${r.actor.name}|${r.stance}`)).toContain("Mirela Duarte|condemn");
  });

  it("gives unnamed officials the quotation under the description the text gives, speaking for their state", () => {
    const a = analyseText(
      'A car bomb hit a convoy near Mosul on Tuesday. Senior Iraqi security officials called the blast "a message to the new cabinet."',
    );
    const quote = a.quotes.find((q) => q.text === "a message to the new cabinet");
    expect(quote?.speaker).toMatchObject({ name: "Senior Iraqi security officials", country: "IRQ" });
    expect(quote?.speaks_for).toMatchObject({ name: "Iraq", kind: "state" });
    // The reaction stays the state's (the annotation convention): only the quotation names them.
    expect(a.reactions.map((r) => r.actor.name)).not.toContain("Senior Iraqi security officials");
  });

  it("gives a quotation inside an absolute 'with X calling' phrase to X, not to the sentence's first actor", () => {
    const a = analyseText(
      'The Turkish authorities detained four suspects on Monday, with some Turkish lawmakers demanding a "full accounting" from the governor.',
    );
    expect(speakers(a)).toEqual(["Turkish lawmakers|full accounting"]);
  });

  it("reads a headline's quotation when the headline has a speech frame of its own, and only then", () => {
    const document = buildDocument({
      meta: { source: "test", format: "md", published: "2023-05-08" },
      blocks: plainTextBlocks(
        '# Germany says raid was "a grave breach"\n\nGerman officials met on Monday.\n\n## The "red line" debate\n\nThe talks went on.',
        { markdown: true },
      ),
    });
    expect(speakers(analyse(document))).toEqual(["Germany|a grave breach"]);
  });

  it("gives an unnamed ministry spokesman's quotation to whoever held the post on the report's day", () => {
    const text =
      'A fire broke out at a refinery near Abadan. Iran\'s Foreign Ministry spokesman said the blast was "an act of sabotage."';
    expect(speakers(analyseText(text, "2023-05-08"))).toEqual(["Nasser Kanaani|an act of sabotage"]);
    // In a year the post changed hands the knowledge base knows no single holder: the ministry speaks.
    expect(speakers(analyseText(text, "2022-06-01"))).toEqual([
      "Ministry of Foreign Affairs of Iran|an act of sabotage",
    ]);
  });

  it("keeps no speakerless term as a quotation: a nickname or a scare quote is not something said", () => {
    const a = analyseText(
      "The banker, often called “the Sultan of Swing,” left Geneva on Monday. Officials at the bank declined to comment.",
    );
    expect(a.quotes).toEqual([]);
  });

  it("does not give a quotation framed by a document to the previous paragraph's speaker", () => {
    const a = analyseText(
      'Interior Minister Mirela Duarte said the police had "secured the perimeter."\n\n' +
        '"We will keep fighting until the last checkpoint falls," said the statement, which was signed by no one.',
    );
    expect(speakers(a)).toEqual([
      "Mirela Duarte|secured the perimeter",
      "-|We will keep fighting until the last checkpoint falls",
    ]);
  });

  it("carries a speaker's words into the next sentence when its quotation has no speaker of its own", () => {
    const a = analyseText(
      "“Portugal will stand by Mozambique,” Prime Minister Luís Montenegro said in Lisbon on Friday. " +
        "The new council has a role to play to restore “calm, order and a swift return to elections.”",
    );
    expect(speakers(a)).toEqual([
      "Luís Montenegro|Portugal will stand by Mozambique",
      "Luís Montenegro|calm, order and a swift return to elections",
    ]);
  });
});
