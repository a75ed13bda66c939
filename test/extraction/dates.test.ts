import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
// A clock far from every report's date: nothing below may come from it.
const analyse = createAnalyser({ kb, today: () => "2031-01-15" });

function analyseText(text: string, meta: { published?: string; url?: string } = {}): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: "txt", ...meta },
    blocks: plainTextBlocks(text),
  });
  return analyse(document);
}

const mainDate = (a: Analysis) => a.events[0]?.date ?? null;

describe("the reference date", () => {
  it("counts a weekday back from the report's date: 'on Saturday' in a Monday report", () => {
    const a = analyseText(
      "Gunmen attacked a police station in the north on Saturday, killing four officers.",
      {
        published: "2021-11-08",
      },
    );
    expect(mainDate(a)).toBe("2021-11-06");
    expect(a.reference_date?.from).toBe("metadata");
  });

  it("gives no day for 'on Sunday' in a report nothing dates, and says why", () => {
    const a = analyseText("Gunmen attacked a police station in the north on Sunday, killing four officers.");
    expect(mainDate(a)).toBeNull();
    expect(a.reference_date).toMatchObject({ date: null, from: null });
    expect(a.reference_date?.note).toMatch(/no metadata/);
  });

  it("reads a numeric date in the day-month order the report writes its dates in", () => {
    const a = analyseText(
      "ROME, 12 July 2021 - Officials said the bombing of the rail depot on 11/07/2021 was the worst in years.",
    );
    expect(a.reference_date?.date).toBe("2021-07-12");
    expect(mainDate(a)).toBe("2021-07-11");
  });

  it("takes the reference date from a source address that carries one", () => {
    const a = analyseText(
      "https://news.example.org/2020/08/05/port-blasts/\n\nRescuers searched the rubble after an explosion ripped through the port on Tuesday.",
    );
    expect(a.reference_date).toMatchObject({ date: "2020-08-05", from: "source" });
    expect(mainDate(a)).toBe("2020-08-04");
  });

  it("takes a full date written anywhere in a statement, such as its signature line", () => {
    const a = analyseText(
      [
        "The Council condemns the seizure of power by the armed forces.",
        "It demands the release of the detained ministers.",
        "It suspends the country from its bodies until constitutional order returns.",
        "It remains seized of the matter.",
        "Done in Abuja on 3rd March 2019",
      ].join("\n\n"),
    );
    expect(a.reference_date).toMatchObject({ date: "2019-03-03", from: "text" });
  });

  it("gives a month and day the report's year when only a year is given", () => {
    const a = analyseText(
      "Rebels shelled the town on March 9, and by March 2016 the siege had cut it off entirely.",
    );
    expect(a.reference_date?.date).toBeNull();
    expect(mainDate(a)).toBe("2016-03-09");
  });

  it("places an undated report by the office-holders it names, without fixing a day", () => {
    const a = analyseText("Prime Minister Mustafa al-Kadhimi condemned the drone attack on Sunday.");
    expect(a.reference_date).toMatchObject({ date: null, from: "office_holders" });
    expect(mainDate(a)).toBeNull();
  });
});
