// One real event told by several reports exports as one incident, one ACLED row and one GDELT row
// with its reports counted, never as one per report.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { acledRows, type CaseExport, gdeltRows, stixBundle } from "../../src/outputs/index.js";
import { sampleCase } from "./sample-case.js";
import { bundleProblems } from "./stix-schema.js";

const RETOLD = "Three drones hit the home of Mustafa al-Kadhimi in Baghdad overnight, killing two guards.";

/** The sample case and a second outlet's report of the same drone strike (another count of drones
 * and of the dead), with a strike elsewhere that is another event. */
function caseWithRetelling(): CaseExport {
  const c = sampleCase();
  const wire = c.documents[0]!;
  const drone = wire.analysis.events[0]!;
  const analysis: Analysis = {
    ...wire.analysis,
    document: { ...wire.analysis.document, id: "c".repeat(64), source: "https://other.example.net/kadhimi" },
    events: [
      {
        ...drone,
        id: "ev1",
        summary: "Three drones hit the home of Mustafa al-Kadhimi",
        sentence: RETOLD,
        offset: [0, RETOLD.length],
        confidence: 0.8,
        casualties: { killed: 2, wounded: null, phrase: "killing two guards", offset: [60, 78] },
      },
    ],
    reactions: [],
    quotes: [],
    attributions: [],
  };
  c.documents.push({
    ...wire,
    id: analysis.document.id,
    url: "https://other.example.net/kadhimi",
    published: "2021-11-08",
    ingestedAt: "2021-11-08T10:00:00.000Z",
    analysis,
  });
  c.documents[0] = {
    ...wire,
    analysis: {
      ...wire.analysis,
      events: wire.analysis.events.map((e) =>
        e.id === drone.id
          ? {
              ...e,
              casualties: { killed: 3, wounded: null, phrase: "three people were killed", offset: [0, 1] },
            }
          : e,
      ),
    },
  };
  return c;
}

describe("an event several reports tell", () => {
  const c = caseWithRetelling();

  it("is one STIX incident with every report as a reference and one sighting counting them", () => {
    const bundle = stixBundle(c);
    expect(bundleProblems(bundle)).toEqual([]);
    const drones = bundle.objects.filter((o) => o.type === "incident" && String(o.name).includes("Kadhimi"));
    expect(drones).toHaveLength(1);
    const [incident] = drones;
    expect((incident!.external_references as { url?: string }[]).map((r) => r.url?.split("#")[0])).toEqual([
      "https://example.org/2021/11/07/drones",
      "https://other.example.net/kadhimi",
    ]);
    expect(incident).toMatchObject({ x_crisisdesk_reports: 2, x_crisisdesk_sources: 2 });
    expect(String(incident!.description)).toMatch(/Told by 2 reports from 2 sources/);
    const sighting = bundle.objects.find((o) => o.type === "sighting" && o.sighting_of_ref === incident!.id);
    expect(sighting).toMatchObject({ count: 2 });
    expect(sighting!.where_sighted_refs).toHaveLength(2);
    // The other report's strike on a militia convoy stays its own incident.
    expect(bundle.objects.filter((o) => o.type === "incident").map((o) => o.name)).toContain(
      "A US drone strike hit a militia convoy",
    );
  });

  it("is one ACLED row naming both outlets, with the most conservative death toll", () => {
    const rows = acledRows(c).filter((r) => r.actor2 === "Mustafa al-Kadhimi");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "example.org; other.example.net", fatalities: 2 });
    expect(rows[0]!.tags).toMatch(/reports=2; sources=2/);
  });

  it("is one GDELT row counting its mentions, sources and articles", () => {
    const rows = gdeltRows(c).filter((r) => r.EventCode === "1952");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ NumMentions: 2, NumSources: 2, NumArticles: 2 });
  });
});
