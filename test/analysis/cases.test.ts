import { describe, expect, it } from "vitest";
import { mainEvent, matchAnchor, slugify } from "../../src/analysis/index.js";
import { event, IRAN, KADHIMI, reaction, report, USA } from "./hand-built-reports.js";

const ANCHOR = { anchorDate: "2021-11-07", country: "IRQ" };

describe("the main event of a report", () => {
  it("is the event the report's reactions point to", () => {
    const a = report("a", "2021-11-08", {
      events: [
        event({ id: "ev1", cameo: "090", sentence: "Iraq ordered an investigation." }),
        event({ id: "ev2", cameo: "1952", sentence: "Drones struck the residence." }),
      ],
      reactions: [reaction(IRAN, "condemn", "Iran condemned the attack.", { event_id: "ev2" })],
    });
    expect(mainEvent(a.analysis)?.id).toBe("ev2");
  });

  it("is else the first material-conflict event (CAMEO root 14 or above)", () => {
    const a = report("a", "2021-11-08", {
      events: [
        event({ id: "ev1", cameo: "051", sentence: "Biden praised Kadhimi." }),
        event({ id: "ev2", cameo: "141", sentence: "Protesters gathered." }),
        event({ id: "ev3", cameo: "185", sentence: "An assassination attempt." }),
      ],
    });
    expect(mainEvent(a.analysis)?.id).toBe("ev2");
    expect(
      mainEvent(report("b", null, { events: [event({ cameo: "051", sentence: "Talks." })] }).analysis),
    ).toBeNull();
  });
});

describe("matching a report to a case's anchor", () => {
  it("matches an event dated within three days of the anchor in the case country", () => {
    const r = report("a", "2021-11-12", {
      events: [
        event({
          date: "2021-11-09",
          location: { name: "Baghdad", country: "IRQ" },
          sentence: "Drones struck.",
        }),
      ],
    });
    const m = matchAnchor(ANCHOR, r);
    expect(m.matched).toBe(true);
    expect(m.reasons.join(" ")).toContain("event dated 2021-11-09");
  });

  it("matches an undated or misdated event when the report came out within seven days after the anchor", () => {
    const undated = report("a", "2021-11-14", {
      events: [event({ target_actor: KADHIMI, sentence: "The attack on Kadhimi's home." })],
    });
    expect(matchAnchor(ANCHOR, undated).matched).toBe(true);
    const late = report("b", "2021-11-15", {
      events: [event({ target_actor: KADHIMI, sentence: "The attack." })],
    });
    expect(matchAnchor(ANCHOR, late).matched).toBe(false);
    const before = report("c", "2021-11-06", {
      events: [event({ target_actor: KADHIMI, sentence: "An attack." })],
    });
    expect(matchAnchor(ANCHOR, before).matched).toBe(false);
  });

  it("needs the event's place or target in the case country", () => {
    const elsewhere = report("a", "2021-11-07", {
      events: [
        event({
          date: "2021-11-07",
          location: { name: "Kabul", country: "AFG" },
          sentence: "A bomb in Kabul.",
        }),
      ],
    });
    expect(matchAnchor(ANCHOR, elsewhere).matched).toBe(false);
    const targetOnly = report("b", "2021-11-07", {
      events: [
        event({
          date: "2021-11-07",
          location: { name: "Tehran", country: "IRN" },
          target_actor: KADHIMI,
          sentence: "x",
        }),
      ],
    });
    expect(matchAnchor(ANCHOR, targetOnly).reasons.join(" ")).toContain("target Mustafa al-Kadhimi of IRQ");
  });

  it("falls back to the report's most-mentioned actor when the event has neither place nor target", () => {
    const r = report("a", "2021-11-07", {
      events: [event({ date: "2021-11-07", sentence: "Leaders react to the attack." })],
      actors: [
        { ...KADHIMI, id: KADHIMI.id!, roles: [], mentions: 5 },
        { ...USA, id: USA.id!, roles: [], mentions: 2 },
      ],
    });
    expect(matchAnchor(ANCHOR, r).matched).toBe(true);
    expect(matchAnchor({ ...ANCHOR, country: "USA" }, r).matched).toBe(false);
  });

  it("tries the report's other conflict events when its main event does not match", () => {
    const r = report("a", "2021-11-30", {
      events: [
        event({
          id: "ev1",
          cameo: "173",
          date: "2021-11-30",
          target_actor: KADHIMI,
          sentence: "Iraq detains officers.",
        }),
        event({
          id: "ev2",
          cameo: "1952",
          date: "2021-11-07",
          target_actor: KADHIMI,
          sentence: "The 7 November attack.",
        }),
      ],
    });
    const m = matchAnchor(ANCHOR, r);
    expect([m.matched, m.event?.id]).toEqual([true, "ev2"]);
    expect(m.reasons[0]).toContain("another conflict event");
  });

  it("matches on date alone when the case has no country, and never without an anchor date", () => {
    const r = report("a", "2021-11-07", {
      events: [event({ date: "2021-11-07", location: { name: "Kabul", country: "AFG" }, sentence: "x" })],
    });
    expect(matchAnchor({ anchorDate: "2021-11-07", country: null }, r).matched).toBe(true);
    expect(matchAnchor({ anchorDate: null, country: "IRQ" }, r).matched).toBe(false);
  });
});

describe("case ids", () => {
  it("are slugs of the title", () => {
    expect(slugify("Attack on Iraq's PM — Baghdad, 7 Nov")).toBe("attack-on-iraq-s-pm-baghdad-7-nov");
    expect(slugify("Ataque à residência")).toBe("ataque-a-residencia");
  });
});
