import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser, sentenceModality } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb });

function analyseText(text: string, published: string | null = "2022-03-14", markdown = false): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: markdown ? "md" : "txt", published },
    blocks: plainTextBlocks(text, { markdown }),
  });
  return analyse(document);
}

describe("sentence modality", () => {
  it("keeps a past-tense report of an act a fact", () => {
    expect(sentenceModality("Gunmen stormed a police station in the north on Tuesday.").hypothetical).toBe(
      false,
    );
  });

  it("marks the narrator's forecast as hypothetical", () => {
    const m = sentenceModality("The regional powers will press for de-escalation at the summit.");
    expect(m).toMatchObject({ hypothetical: true, reason: "forecast" });
    expect(sentenceModality("The clashes are likely to spread to the capital.").hypothetical).toBe(true);
  });

  it("marks a conditional with its consequence as hypothetical", () => {
    const m = sentenceModality("If the militia shells the port again, the navy would blockade the coast.");
    expect(m).toMatchObject({ hypothetical: true, reason: "conditional", clauseStart: 0 });
  });

  it("marks the narrator's hypothesis about authorship as hypothetical", () => {
    expect(sentenceModality("A bombing ordered by the rebels themselves is unlikely.")).toMatchObject({
      hypothetical: true,
      reason: "hypothesis",
    });
    expect(sentenceModality("The blast may have been caused by a faulty gas line.").reason).toBe(
      "hypothesis",
    );
  });

  it("marks a narrator's question as hypothetical", () => {
    expect(sentenceModality("Who stands to gain from the killing?")).toMatchObject({
      hypothetical: true,
      reason: "question",
    });
  });

  it("keeps a reported intent a fact, and marks where a reported conjecture starts", () => {
    expect(sentenceModality("The defence minister warned that the army would retaliate.")).toMatchObject({
      hypothetical: false,
      reason: "intent",
    });
    const text = "The envoy said the talks could collapse within days.";
    const m = sentenceModality(text);
    expect(m.hypothetical).toBe(false);
    expect(m.clauseStart).toBe(text.indexOf(" the talks"));
  });

  it("keeps the narrator's 'will' with a fixed time a reported plan", () => {
    expect(sentenceModality("The envoy will fly to the capital on Thursday.")).toMatchObject({
      hypothetical: false,
      reason: "schedule",
    });
  });

  it("keeps a past act a fact when a relative clause forecasts its effect", () => {
    expect(
      sentenceModality("The coup, which is likely to worsen the crisis, was condemned.").hypothetical,
    ).toBe(false);
    expect(
      sentenceModality("Rebels killed nine soldiers in an ambush that will strain the truce.").hypothetical,
    ).toBe(false);
  });

  it("does not read 'the will of the people', 'in May' or 'could not' as modals", () => {
    expect(sentenceModality("The junta said it had acted on the will of the people.").reason).toBeNull();
    expect(sentenceModality("Protesters marched in May against the decree.").reason).toBeNull();
    expect(sentenceModality("Officials could not confirm the toll.").reason).toBeNull();
  });
});

describe("hypothetical sentences in the analysis", () => {
  it("gives no event for a forecast or a conditional", () => {
    const a = analyseText(
      "Analysts expect more violence. The armed forces will launch an offensive against the rebels. If talks collapse, the rebels could attack the capital.",
    );
    expect(a.events).toEqual([]);
  });

  it("gives no event for the sentences of a scenario section, up to the next section", () => {
    const a = analyseText(
      "# Report\n\nGunmen attacked a checkpoint near the border on Sunday.\n\n## Scenarios\n\nThe rebels launch an offensive on the capital.\n\nThe army stages a coup.\n\n## Background\n\nPolice arrested two suspects.",
      "2022-03-14",
      true,
    );
    const sentences = a.events.map((e) => e.sentence);
    expect(sentences).toContain("Gunmen attacked a checkpoint near the border on Sunday.");
    expect(sentences).toContain("Police arrested two suspects.");
    expect(sentences.some((s) => /offensive|coup/.test(s))).toBe(false);
  });

  it("keeps a reported threat an event but not an act in a modal clause it embeds", () => {
    const a = analyseText("The interior minister said an attack on the capital could follow within days.");
    expect(a.events.filter((e) => Number(e.cameo.slice(0, 2)) >= 18)).toEqual([]);
  });
});
