import { describe, expect, it } from "vitest";
import { analysisSchema } from "../../src/domain/index.js";
import {
  caseJson,
  eventDate,
  eventNumber,
  leadParagraphEnd,
  resolvePlace,
  sourceName,
} from "../../src/outputs/index.js";
import { sampleCase, shippedReference } from "./sample-case.js";

describe("the case as JSON", () => {
  it("holds the case's metadata and every document's analysis, in the analysis contract", () => {
    const json = JSON.parse(JSON.stringify(caseJson(sampleCase())));
    expect(json).toMatchObject({
      format: "crisisdesk-case",
      version: 1,
      case: { id: "kadhimi-2021", anchorDate: "2021-11-07", country: "IRQ", documents: 2 },
    });
    expect(json.documents.map((d: { id: string }) => d.id)).toEqual(["a".repeat(64), "b".repeat(64)]);
    expect(json.documents[0]).toMatchObject({
      url: "https://example.org/2021/11/07/drones",
      addedBy: "analyst",
    });
    expect(json.documents[0]).not.toHaveProperty("leadEnd");
    for (const d of json.documents) expect(analysisSchema.safeParse(d.analysis).success).toBe(true);
  });
});

describe("what the exports share", () => {
  const reference = shippedReference();

  it("resolves places: a capital in capitals, a site, a country, an unknown place in its country", () => {
    expect(resolvePlace(reference, { name: "BAGHDAD", country: "IRQ" })).toEqual({
      name: "Baghdad",
      kind: "city",
      country: "IRQ",
      lat: 33.315,
      long: 44.366,
    });
    expect(resolvePlace(reference, { name: "Green Zone", country: "IRQ" })).toMatchObject({
      kind: "site",
      lat: 33.305,
    });
    expect(resolvePlace(reference, { name: "Iraq", country: null })).toEqual({
      name: "Iraq",
      kind: "country",
      country: "IRQ",
    });
    expect(resolvePlace(reference, { name: "Jurf al-Nasr", country: "IRQ" })).toEqual({
      name: "Jurf al-Nasr",
      kind: "named",
      country: "IRQ",
    });
    expect(resolvePlace(reference, { name: "Nowhere-in-particular", country: null })).toBeNull();
    // Erbil is both a gazetteer city of Iraq and the capital of the Kurdistan Region (part of Iraq).
    expect(resolvePlace(reference, { name: "Erbil", country: null }, "IRQ")).toMatchObject({
      country: "IRQ",
    });
    expect(resolvePlace(reference, { name: "Erbil", country: "IRQ" })).toMatchObject({ lat: 36.191 });
  });

  it("dates events by their text, else their report, else the case", () => {
    const c = sampleCase();
    const [wire, statement] = c.documents;
    expect(eventDate(c, wire!, wire!.analysis.events[0]!)).toEqual({
      date: "2021-11-07",
      precision: "event",
    });
    expect(eventDate(c, wire!, wire!.analysis.events[1]!)).toEqual({
      date: "2021-11-07",
      precision: "report",
    });
    expect(eventDate(c, statement!, statement!.analysis.events[0]!)).toEqual({
      date: "2021-11-07",
      precision: "case",
    });
  });

  it("names sources by web site, else author, else file; numbers events stably", () => {
    expect(sourceName({ url: "https://www.example.com/a", author: "X", source: "f.html" })).toBe(
      "example.com",
    );
    expect(sourceName({ url: null, author: "Wire staff", source: "f.html" })).toBe("Wire staff");
    expect(sourceName({ url: null, author: null, source: "reports/f.txt" })).toBe("reports/f.txt");
    const event = sampleCase().documents[0]!.analysis.events[0]!;
    expect(eventNumber({ id: "a".repeat(64) }, event)).toBe(
      eventNumber({ id: "a".repeat(64) }, { ...event }),
    );
    expect(eventNumber({ id: "a".repeat(64) }, event)).not.toBe(eventNumber({ id: "b".repeat(64) }, event));
  });

  it("finds where the lead paragraph ends, past the title", () => {
    const text = "A title\n\nThe lead paragraph.\nStill the lead.\n\nThe second paragraph.";
    expect(text.slice(0, leadParagraphEnd(text, "A title"))).toBe(
      "A title\n\nThe lead paragraph.\nStill the lead.",
    );
    expect(leadParagraphEnd("No title here.\n\nMore.", null)).toBe("No title here.".length);
  });
});
