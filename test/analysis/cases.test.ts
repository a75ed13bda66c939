import { describe, expect, it } from "vitest";
import { mainEvent, matchAnchor, slugify } from "../../src/analysis/index.js";
import { event, IRAN, IRAQ, KADHIMI, reaction, report, USA } from "./hand-built-reports.js";

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

describe("judging a report on everything it offers", () => {
  const kadhimiCase = {
    targets: [{ id: KADHIMI.id!, name: KADHIMI.name, reports: 3 }],
    actors: [
      { id: "state:IRQ", name: "Iraq" },
      { id: KADHIMI.id!, name: KADHIMI.name },
    ],
    keywords: [],
  };

  it("proposes for review, not adds, a report dated near the anchor with nothing placing it", () => {
    const r = report("a", "2021-11-07", {
      events: [event({ date: "2021-11-07", sentence: "Leaders react to the attack." })],
    });
    const m = matchAnchor(ANCHOR, r);
    expect([m.decision, m.matched, m.score]).toEqual(["review", false, 2]);
    expect(m.reasons).toContain("no place or target in IRQ");
  });

  it("adds it once it names the case's target and leading actors", () => {
    const r = report("a", "2021-11-07", {
      events: [event({ date: "2021-11-07", sentence: "Leaders react to the attack." })],
      actors: [
        { ...KADHIMI, id: KADHIMI.id!, roles: [], mentions: 2 },
        { ...IRAQ, id: IRAQ.id!, roles: [], mentions: 2 },
      ],
    });
    const m = matchAnchor(ANCHOR, r, kadhimiCase);
    expect(m.decision).toBe("join");
    expect(m.reasons).toEqual(
      expect.arrayContaining([
        "names Mustafa al-Kadhimi, the case's target",
        "names 2 of the case's leading actors (Iraq, Mustafa al-Kadhimi)",
      ]),
    );
  });

  it("weighs an event striking the case's target, even placed elsewhere", () => {
    const r = report("a", "2021-11-09", {
      events: [event({ date: "2021-11-07", target_actor: { ...KADHIMI, country: null }, sentence: "x" })],
    });
    const m = matchAnchor(ANCHOR, r, kadhimiCase);
    expect(m.evidence.map((e) => [e.kind, e.points])).toEqual([
      ["date", 2],
      ["place", 0],
      ["target", 2],
    ]);
    expect(m.decision).toBe("join");
  });

  it("counts the analyst's keywords the report's sentences contain, at most two points", () => {
    const r = { ...report("doc-k", null, { events: [event({ sentence: "An attack." })] }) };
    const words = (...ids: string[]) => ({ word: "drone", documents: new Set(ids) });
    const profile = {
      ...kadhimiCase,
      keywords: [
        words("doc-k"),
        { ...words("doc-k"), word: "Green Zone" },
        { ...words("doc-k"), word: "PM" },
      ],
    };
    const m = matchAnchor(ANCHOR, { ...r, id: "doc-k" }, profile);
    expect(m.evidence.find((e) => e.kind === "keywords")).toEqual({
      kind: "keywords",
      points: 2,
      reason: 'mentions the case\'s keywords "drone", "Green Zone", "PM"',
    });
    // No evidence on the date: strong evidence alone is for the analyst to judge.
    expect(m.decision).toBe("review");
  });

  it("leaves out a report on another event a month or more away, whatever else it shares", () => {
    const r = report("a", "2022-01-06", {
      events: [event({ date: "2022-01-05", target_actor: KADHIMI, sentence: "Another attack." })],
      actors: [
        { ...KADHIMI, id: KADHIMI.id!, roles: [], mentions: 2 },
        { ...IRAQ, id: IRAQ.id!, roles: [], mentions: 2 },
      ],
    });
    const m = matchAnchor(ANCHOR, r, kadhimiCase);
    expect(m.decision).toBe("skip");
    expect(m.reasons[0]).toContain("dated 2022-01-05, report published 2022-01-06");
  });
});

describe("case ids", () => {
  it("are slugs of the title", () => {
    expect(slugify("Attack on Iraq's PM — Baghdad, 7 Nov")).toBe("attack-on-iraq-s-pm-baghdad-7-nov");
    expect(slugify("Ataque à residência")).toBe("ataque-a-residencia");
  });
});
