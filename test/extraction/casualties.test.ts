import { describe, expect, it } from "vitest";
import { casualtyFigures } from "../../src/analysis/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { fatalitiesIn } from "../../src/outputs/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const analyse = createAnalyser({ kb: KnowledgeBase.load() });
const analyseText = (text: string) =>
  analyse(
    buildDocument({
      meta: { source: "test", format: "txt", published: "2022-05-02" },
      blocks: plainTextBlocks(text),
    }),
  );

describe("casualties and instrument, read once in extraction", () => {
  it("puts the killed and wounded of an event's sentence on the event, with the words they come from", () => {
    const text = "A drone attack on the convoy killed three guards and wounded seven others on Sunday.";
    const a = analyseText(text);
    const e = a.events[0]!;
    expect(e.casualties).toMatchObject({ killed: 3, wounded: 7, phrase: "killed three" });
    expect(text.slice(e.casualties!.offset[0], e.casualties!.offset[1])).toBe("killed three");
    expect(e.instrument).toBe("drone");
  });

  it("reads a number of victims named by a longer noun phrase the same way in every stage", () => {
    const sentence = "Two members of the village defence force were killed.";
    expect(fatalitiesIn(sentence)).toBe(2);
    expect(casualtyFigures(sentence)).toEqual([{ kind: "killed", count: 2, phrase: sentence.slice(0, -1) }]);
  });

  it("gives no casualties to an event whose sentence reports none", () => {
    expect(analyseText("Gunmen attacked a checkpoint on Sunday.").events[0]?.casualties).toBeNull();
  });
});
