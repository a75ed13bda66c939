import { describe, expect, it } from "vitest";
import { placeVoice, reactionMatrix, reactionRows, speaksFor } from "../../src/analysis/index.js";
import type { ActorRef } from "../../src/domain/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import {
  ARAB_LEAGUE,
  event,
  IRAN,
  KADHIMI,
  KATAIB_HEZBOLLAH,
  KUWAIT_MFA,
  reaction,
  report,
  USA,
} from "./hand-built-reports.js";

const kb = KnowledgeBase.load();
const ANCHOR = "2021-11-07";
const person = (id: string, name: string, country: string | null): ActorRef => ({
  id,
  name,
  kind: "person",
  country,
});
const GUTERRES = person("person:antonio-guterres", "António Guterres", "PRT");
const ABOUL_GHEIT = person("person:ahmed-aboul-gheit", "Ahmed Aboul Gheit", "EGY");
const state = (iso3: string): ActorRef => ({
  id: `state:${iso3}`,
  name: kb.state(iso3)!.name,
  kind: "state",
  country: iso3,
});
const igo = (id: string): ActorRef => ({ id, name: kb.actor(id)!.name, kind: "igo", country: null });
const place = (ref: ActorRef, country = "IRQ", date = ANCHOR) =>
  placeVoice(kb, speaksFor(kb, ref, date), country, date);

describe("whom a reacting actor speaks for", () => {
  it("takes an organisation's head for the organisation, not their own country", () => {
    expect(speaksFor(kb, GUTERRES, ANCHOR)).toMatchObject({ kind: "igo", id: "igo:un" });
    expect(speaksFor(kb, ABOUL_GHEIT, ANCHOR)).toMatchObject({ kind: "igo", id: "igo:arab-league" });
  });

  it("takes a ministry, and a person in office on the date, for their state", () => {
    expect(speaksFor(kb, KUWAIT_MFA, ANCHOR)).toMatchObject({ kind: "state", country: "KWT" });
    expect(speaksFor(kb, KADHIMI, ANCHOR)).toMatchObject({ kind: "state", country: "IRQ" });
    expect(speaksFor(kb, KADHIMI, "2024-01-01")).toMatchObject({ kind: "non_state", country: "IRQ" });
  });

  it("marks an unresolved person's country as inferred, and an armed group as speaking for itself", () => {
    expect(speaksFor(kb, { name: "Ned Price", kind: "person", country: "USA" }, ANCHOR)).toMatchObject({
      kind: "state",
      country: "USA",
      inferred: true,
    });
    expect(speaksFor(kb, KATAIB_HEZBOLLAH, ANCHOR)).toMatchObject({ kind: "non_state", country: "IRQ" });
  });
});

describe("domestic, regional and international", () => {
  it("places actors of the case country, and of a region of it, as domestic", () => {
    expect(place(KADHIMI).group).toBe("domestic");
    expect(place(KATAIB_HEZBOLLAH).group).toBe("domestic");
    expect(place(state("KRD")).group).toBe("domestic");
  });

  it("places states of the same region as regional, and fellow members of its regional organisation", () => {
    expect(place(KUWAIT_MFA)).toEqual({
      group: "regional",
      why: "same region (Middle East and North Africa)",
    });
    expect(place(IRAN).group).toBe("regional");
    // Somalia is in Sub-Saharan Africa but, like Iraq, in the Arab League.
    expect(place(state("SOM"))).toEqual({ group: "regional", why: "fellow member of League of Arab States" });
  });

  it("does not make the United States regional to Slovakia through NATO or the OSCE", () => {
    expect(place(USA, "SVK", "2024-05-15").group).toBe("international");
    expect(place(state("UKR"), "SVK", "2024-05-15").group).toBe("regional");
    expect(place(USA).group).toBe("international");
  });

  it("places an organisation as regional when the case country is a member or it is of the country's region", () => {
    expect(place(ARAB_LEAGUE)).toEqual({
      group: "regional",
      why: "IRQ is a member of League of Arab States",
    });
    expect(place(ABOUL_GHEIT).group).toBe("regional");
    expect(place(igo("igo:gcc"))).toEqual({
      group: "regional",
      why: "Gulf Cooperation Council is an organisation of Middle East and North Africa",
    });
    expect(place(igo("igo:eu")).group).toBe("international");
    expect(place(igo("igo:european-commission"), "SVK", "2024-05-15")).toMatchObject({ group: "regional" });
  });

  it("places a global organisation as international even though the country is a member", () => {
    expect(place(GUTERRES)).toEqual({
      group: "international",
      why: "United Nations is a global organisation",
    });
    expect(place(igo("igo:unsc")).group).toBe("international");
  });

  it("leaves an actor of no known country unplaced", () => {
    expect(place({ name: "the factions", kind: "other", country: null }).group).toBe("unplaced");
  });
});

describe("the reaction matrix", () => {
  const attack = event({
    id: "ev1",
    date: "2021-11-07",
    location: { name: "Baghdad", country: "IRQ" },
    target_actor: KADHIMI,
    sentence: "Drones struck the residence of Prime Minister Kadhimi in Baghdad.",
  });
  const wire = report("wire", "2021-11-07", {
    events: [attack],
    reactions: [
      reaction(KUWAIT_MFA, "condemn", "Kuwait's foreign ministry condemned the attack.", { confidence: 0.9 }),
      reaction(IRAN, "condemn", "Iran also condemned the attack.", { confidence: 0.9 }),
      reaction(GUTERRES, "condemn", "Guterres condemned the attack.", { confidence: 0.9 }),
    ],
  });
  const later = report("later", "2021-11-09", {
    events: [{ ...attack, id: "ev1" }],
    reactions: [
      reaction(
        KUWAIT_MFA,
        "condemn",
        "Kuwait denounced “a cowardly terrorist act against Iraq”, its ministry said.",
        {
          confidence: 0.85,
        },
      ),
      reaction(USA, "condemn", "The United States condemned the attack.", { confidence: 0.86 }),
      reaction(ABOUL_GHEIT, "condemn", "Aboul Gheit denounced the attempt.", { confidence: 0.9 }),
    ],
  });
  const matrix = reactionMatrix([wire, later], kb, {
    id: "c",
    title: "Attack",
    anchorDate: ANCHOR,
    country: "IRQ",
  });
  const row = (name: string) => matrix.rows.find((r) => r.actor.name === name)!;

  it("has one row per actor and stance, with the first date and the number of reports", () => {
    const kuwait = row("Ministry of Foreign Affairs of Kuwait");
    expect([kuwait.stance, kuwait.firstDate, kuwait.reports, kuwait.group]).toEqual([
      "condemn",
      "2021-11-07",
      2,
      "regional",
    ]);
    expect(kuwait.events).toEqual(["E1"]);
  });

  it("takes as strongest wording the actor's own quoted words over a near-equal paraphrase", () => {
    const kuwait = row("Ministry of Foreign Affairs of Kuwait");
    expect(kuwait.strongest.quote).toBe("a cowardly terrorist act against Iraq");
    expect(kuwait.strongest.documentId).toBe("later");
  });

  it("groups the rows domestic, regional, international, with the reason", () => {
    expect(matrix.rows.map((r) => [r.actor.name, r.group])).toEqual([
      ["Iran", "regional"],
      ["Ministry of Foreign Affairs of Kuwait", "regional"],
      ["Ahmed Aboul Gheit", "regional"],
      ["António Guterres", "international"],
      ["United States", "international"],
    ]);
  });

  it("lists as silent the neighbours, permanent Security Council members and regional organisations that have not reacted", () => {
    const silent = matrix.silent.map((s) => s.id).sort();
    expect(silent).toEqual(
      [
        "state:CHN",
        "state:FRA",
        "state:GBR",
        "state:JOR",
        "state:RUS",
        "state:SAU",
        "state:SYR",
        "state:TUR",
      ].sort(),
    );
    const expected = Object.fromEntries(matrix.expected.map((e) => [e.id, e]));
    expect(expected["state:KWT"]).toMatchObject({ reacted: true, reasons: ["neighbour"] });
    expect(expected["igo:arab-league"]).toMatchObject({
      reacted: true,
      via: [{ actor: "Ahmed Aboul Gheit", stance: "condemn" }],
    });
    expect(expected["state:IRN"]?.reacted).toBe(true);
    expect(expected["igo:oic"]).toBeUndefined();
  });

  it("places reactions against the main event's country when the case has none", () => {
    const m = reactionMatrix([wire], kb, { id: "c", title: "Attack", anchorDate: ANCHOR, country: null });
    expect([m.country, m.countryFrom]).toEqual(["IRQ", "main event"]);
  });

  it("dates a reaction by its earliest report", () => {
    expect(reactionRows([later, wire]).find((r) => r.actor.name === "Iran")!.firstDate).toBe("2021-11-07");
  });
});
