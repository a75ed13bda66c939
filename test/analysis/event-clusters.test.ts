import { describe, expect, it } from "vitest";
import { casualtyFigures, clusterEvents } from "../../src/analysis/index.js";
import { event, IRAN, IRAQ, KADHIMI, KATAIB_HEZBOLLAH, report } from "./hand-built-reports.js";

const BAGHDAD = { name: "Baghdad", country: "IRQ" };

const wire = report(
  "wire",
  "2021-11-07",
  {
    events: [
      event({
        id: "ev1",
        cameo: "185",
        date: "2021-11-07",
        location: BAGHDAD,
        target_actor: KADHIMI,
        sentence: "Kadhimi survived an assassination attempt by drone in Baghdad; six guards were wounded.",
      }),
    ],
  },
  { url: "https://wire.example/2021/11/07/attack" },
);
const followUp = report(
  "follow",
  "2021-11-08",
  {
    events: [
      event({
        id: "ev1",
        cameo: "1952",
        date: "2021-11-08",
        location: { name: "TEHRAN", country: "IRN" },
        target_actor: KADHIMI,
        source_actor: IRAN,
        sentence:
          "TEHRAN — Iran condemned Sunday's drone attack on Kadhimi, in which seven guards were wounded.",
      }),
      event({
        id: "ev2",
        cameo: "193",
        date: null,
        location: { name: "Green Zone", country: "IRQ" },
        target_actor: {
          id: "body:irq-police",
          name: "Police of Iraq",
          kind: "government_body",
          country: "IRQ",
        },
        sentence:
          "Two days earlier protesters clashed with police at the Green Zone, and one protester was killed.",
      }),
    ],
  },
  { url: "https://wire.example/2021/11/08/iran" },
);
const brief = report("brief", "2021-11-09", {
  events: [
    event({
      id: "ev1",
      cameo: "180",
      date: "2021-11-07",
      source_actor: KATAIB_HEZBOLLAH,
      sentence: "The attack of 7 November is most likely the work of a faction.",
    }),
    event({
      id: "ev2",
      cameo: "180",
      date: "2021-10-10",
      target_actor: KADHIMI,
      sentence: "An earlier plot failed.",
    }),
  ],
});

describe("clustering a case's events across reports", () => {
  const { clusters, clusterOf } = clusterEvents([wire, followUp, brief]);
  const attack = clusterOf("wire", "ev1")!;

  it("makes one event of one attack coded 185, 1952 and 180 by three reports", () => {
    expect(clusterOf("follow", "ev1")).toBe(attack);
    expect(clusterOf("brief", "ev1")).toBe(attack);
    expect([attack.reports, attack.sources, attack.firstReported]).toEqual([3, 2, "2021-11-07"]);
  });

  it("keeps each report's sentence, title, source and offset as provenance", () => {
    const account = attack.accounts.find((a) => a.documentId === "follow")!;
    expect(account).toMatchObject({
      documentTitle: "Report follow",
      source: "https://wire.example/2021/11/08/iran",
      outlet: "wire.example",
      eventId: "ev1",
    });
    expect(account.sentence).toContain("Iran condemned");
    expect(account.offset[1]).toBeGreaterThan(account.offset[0]);
  });

  it("takes a dateline for where the reporter was, not where the event happened", () => {
    expect(attack.accounts.find((a) => a.documentId === "follow")!.dateline).toBe(true);
    expect(attack.location).toEqual(BAGHDAD);
  });

  it("shows disagreements on date, acting actor and casualties instead of averaging them", () => {
    const fields = Object.fromEntries(
      attack.disagreements.map((d) => [d.field, d.variants.map((v) => v.value)]),
    );
    expect(fields.date).toEqual(["2021-11-07", "2021-11-08"]);
    expect(fields.source_actor).toEqual(expect.arrayContaining(["Iran", "Kata'ib Hezbollah"]));
    expect(fields.casualties).toEqual(["6 wounded", "7 wounded"]);
    expect(attack.date).toBe("2021-11-07");
  });

  it("keeps apart a clash with another target and a plot dated weeks earlier", () => {
    expect(clusterOf("follow", "ev2")).not.toBe(attack);
    expect(clusterOf("brief", "ev2")).not.toBe(attack);
    expect(clusters).toHaveLength(3);
    expect(clusterOf("follow", "ev2")!.casualties).toEqual([
      expect.objectContaining({ kind: "killed", count: 1, documentId: "follow" }),
    ]);
  });

  it("numbers clusters in date order", () => {
    expect(clusters.map((c) => c.date ?? c.firstReported)).toEqual([
      "2021-10-10",
      "2021-11-07",
      "2021-11-08",
    ]);
    expect(clusters.map((c) => c.id)).toEqual(["E1", "E2", "E3"]);
  });

  it("does not merge same-type events with nothing in common", () => {
    const a = report("a", "2021-11-07", {
      events: [event({ cameo: "016", sentence: "Both groups deny any role." })],
    });
    const b = report("b", "2021-11-08", {
      events: [event({ cameo: "016", sentence: "Both deny any role." })],
    });
    expect(clusterEvents([a, b]).clusters).toHaveLength(2);
    const c = report("c", "2021-11-07", {
      events: [
        event({ cameo: "090", source_actor: IRAQ, date: "2021-11-08", sentence: "Iraq opened an inquiry." }),
      ],
    });
    const d = report("d", "2021-11-09", {
      events: [
        event({ cameo: "090", source_actor: IRAQ, date: "2021-11-08", sentence: "An inquiry was opened." }),
      ],
    });
    expect(clusterEvents([c, d]).clusters).toHaveLength(1);
  });
});

describe("casualty figures", () => {
  it("reads number + killed/wounded/injured in either order, in digits or words", () => {
    expect(
      casualtyFigures("The rally shooting left one attendee dead and critically injured two others."),
    ).toEqual([
      { kind: "killed", count: 1, phrase: "one attendee dead" },
      { kind: "wounded", count: 2, phrase: "injured two" },
    ]);
    expect(casualtyFigures("At least 12 people were killed.")).toEqual([
      { kind: "killed", count: 12, phrase: "12 people were killed" },
    ]);
    expect(casualtyFigures("Several of his guards were wounded.")[0]).toMatchObject({
      kind: "wounded",
      count: null,
    });
  });

  it("ignores dates, durations and figures that are not casualties", () => {
    expect(casualtyFigures("The 7 November 2021 drone attack killed no one.")).toEqual([]);
    expect(casualtyFigures("Two days after the vote, two officials said nothing.")).toEqual([]);
    expect(casualtyFigures("Biden was relieved that Kadhimi was not injured.")).toEqual([]);
  });
});
