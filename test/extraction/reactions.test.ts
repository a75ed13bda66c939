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
