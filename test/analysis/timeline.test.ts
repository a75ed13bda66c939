import { describe, expect, it } from "vitest";
import { buildTimeline } from "../../src/analysis/index.js";
import { event, IRAN, KADHIMI, KUWAIT_MFA, reaction, report } from "./hand-built-reports.js";

const attack = (date: string | null) =>
  event({
    id: "ev1",
    date,
    target_actor: KADHIMI,
    location: { name: "Baghdad", country: "IRQ" },
    sentence: "Drones struck the residence.",
  });

describe("the timeline of a case", () => {
  const first = report("first", "2021-11-07", {
    events: [attack("2021-11-07")],
    reactions: [reaction(IRAN, "condemn", "Iran condemned the attack.")],
  });
  const second = report("second", "2021-11-08", {
    events: [
      attack(null),
      event({
        id: "ev2",
        cameo: "173",
        sentence: "Police detained two suspects.",
        target_actor: { name: "two suspects", kind: "other", country: null },
      }),
    ],
    reactions: [
      reaction(IRAN, "condemn", "Tehran condemned it again."),
      reaction(KUWAIT_MFA, "condemn", "Kuwait condemned the attack."),
    ],
  });
  const entries = buildTimeline([second, first]);

  it("puts events and reactions in date order, events first within a day", () => {
    expect(
      entries.map((e) => [e.date, e.kind === "event" ? e.cluster : `${e.actor.name}/${e.stance}`]),
    ).toEqual([
      ["2021-11-07", "E1"],
      ["2021-11-07", "Iran/condemn"],
      ["2021-11-08", "E2"],
      ["2021-11-08", "Ministry of Foreign Affairs of Kuwait/condemn"],
    ]);
  });

  it("gives each event its first-reported date and the number of reports", () => {
    const e1 = entries[0]!;
    expect(e1).toMatchObject({
      kind: "event",
      date: "2021-11-07",
      dateFrom: "stated",
      firstReported: "2021-11-07",
      reports: 2,
    });
  });

  it("places an event no report dates on the day it was first reported, and says so", () => {
    expect(entries[2]).toMatchObject({
      kind: "event",
      date: "2021-11-08",
      dateFrom: "first report",
      cameo: "173",
    });
  });

  it("dates a reaction by the first report carrying it and links it to the event", () => {
    expect(entries[1]).toMatchObject({
      kind: "reaction",
      firstReported: "2021-11-07",
      reports: 2,
      events: ["E1"],
    });
  });
});
