import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb });

function analyseText(text: string, published: string | null = null): Analysis {
  const document = buildDocument({
    meta: { source: "test", format: "txt", ...(published ? { published } : {}) },
    blocks: plainTextBlocks(text),
  });
  return analyse(document);
}

/** The main event as the scorer picks it: the one most reactions point to, else the first. */
function main(a: Analysis) {
  const votes = new Map<string, number>();
  for (const r of a.reactions) if (r.event_id) votes.set(r.event_id, (votes.get(r.event_id) ?? 0) + 1);
  const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0];
  return (best && a.events.find((e) => e.id === best[0])) ?? a.events[0];
}

describe("the main event", () => {
  it("places missiles launched at a state's territory in that state, not where a reaction mentions", () => {
    const a = analyseText(
      [
        "Statement on the attack on Jordanian territory",
        "In the early hours of March 3, dozens of missiles were launched at the territory of Jordan. The strike followed the bombing of a depot in Baghdad on February 20.",
        "Egypt condemned the attack.",
      ].join("\n\n"),
      "2025-03-03",
    );
    const m = main(a)!;
    expect(m.cameo).toBe("195");
    expect(m.target_actor?.name).toBe("territory of Jordan");
    expect(m.location?.country).toBe("JOR");
  });

  it("is the attack of the lead, not the event of a reaction paragraph", () => {
    const a = analyseText(
      [
        "Outrage after gunmen attack church",
        "Gunmen opened fire on worshippers at a church in Kano on Sunday, killing nine people.",
        "Protesters marched through Abuja on Monday to demand better security.",
        "The United Nations condemned the attack.",
      ].join("\n\n"),
      "2023-05-16",
    );
    const m = main(a)!;
    expect(m.sentence).toMatch(/^Gunmen opened fire/);
    expect(m.target_actor?.name).toMatch(/worshippers at a church/);
    expect(m.location?.country).toBe("NGA");
    expect(m.date).toBe("2023-05-14");
  });

  it("takes the place from the lead, not from the dateline's city", () => {
    const a = analyseText(
      "LONDON, 3 May 2021 (Reuters) - A bomb exploded at a bus station in Kano on Saturday, wounding dozens of travellers.",
    );
    const m = main(a)!;
    expect(m.location?.country).toBe("NGA");
    expect(m.date).toBe("2021-05-01");
  });

  it("names the person attacked: the object of the act, the victim before it, the owner of it", () => {
    const object = analyseText(
      "Leaders condemned the assassination of Iraqi Prime Minister Mustafa al-Kadhimi.",
    );
    expect(main(object)?.target_actor?.name).toMatch(/Kadhimi/);
    const victim = analyseText(
      "Mustafa al-Kadhimi survived an assassination attempt at his home in Baghdad.",
    );
    expect(main(victim)).toMatchObject({ attempted: true, location: { country: "IRQ" } });
    expect(main(victim)?.target_actor?.name).toMatch(/Kadhimi/);
  });

  it("gives a thing or a place as the target when no actor is named", () => {
    const a = analyseText(
      "A truck bomb struck the main bridge to the island early on Saturday.",
      "2022-10-10",
    );
    expect(main(a)?.target_actor).toMatchObject({ kind: "other" });
    expect(main(a)?.target_actor?.name).toMatch(/bridge/);
  });

  it("joins later paragraphs that report the same act to the lead's event", () => {
    const a = analyseText(
      [
        "A suicide bomber attacked a market in Kabul on Friday, killing twelve people.",
        "The attack was the deadliest this year.",
        "Witnesses said the suicide bomber walked into the crowd before the blast.",
      ].join("\n\n"),
      "2021-08-28",
    );
    expect(a.events.filter((e) => e.cameo.startsWith("18"))).toHaveLength(1);
  });
});

describe("the main event's target and place, by class", () => {
  it("gives a coup the government of its state as target, placed by the state's own forces", () => {
    const a = analyseText(
      "The regional bloc condemned the seizure of power by the Sudanese military on Wednesday.",
      "2023-07-27",
    );
    expect(main(a)).toMatchObject({
      location: { country: "SDN" },
      target_actor: { name: "government of Sudan", kind: "government_body", country: "SDN" },
    });
  });

  it("reads 'the son of X' as the son, not X", () => {
    const a = analyseText("A car bomb killed the son of Mustafa al-Kadhimi outside Baghdad.");
    expect(main(a)?.target_actor?.name).toMatch(/^son of/);
  });

  it("takes the state after 'in Town, State' as the place, and the names joined by 'and' as the target", () => {
    const a = analyseText(
      "The four leaders condemned the attack that took place against Ivan and Olga Petrov in Dunmore, Ireland.",
    );
    expect(main(a)?.location?.country).toBe("IRL");
    expect(main(a)?.target_actor?.name).toMatch(/Ivan and Olga Petrov/);
  });

  it("places an act in a federal region of the state list in its state", () => {
    const a = analyseText("A rocket attack struck the airport in the Kurdistan Region of Iraq on Monday.");
    expect(main(a)?.location?.country).toBe("IRQ");
  });

  it("makes the place an explosion hit its target when no other is named", () => {
    const a = analyseText("Rescuers searched through the night after massive twin blasts in Beirut.");
    expect(main(a)?.target_actor?.name).toBe("Beirut");
  });

  it("takes an aircraft crash that killed a leader as the main event, its passenger the target", () => {
    const a = analyseText(
      [
        "Militia commander Viktor Balan was on board a small plane that crashed on Monday near Kyiv, officials said.",
        "The European Union said it was following the reports closely.",
      ].join("\n\n"),
      "2022-03-09",
    );
    const m = main(a)!;
    expect(m.cameo).toBe("180");
    expect(m.target_actor?.name).toMatch(/Balan/);
    expect(m.location?.country).toBe("UKR");
    expect(m.date).toBe("2022-03-07");
  });

  it("dates the act by its own day, not the day the lead gives the reaction to it", () => {
    const own = analyseText(
      "African leaders voiced alarm Tuesday over an assassination attempt on opposition leader Tunde Bakare at a rally in Lagos on Monday.",
      "2023-05-16",
    );
    expect(main(own)?.date).toBe("2023-05-15");
    const none = analyseText(
      "African leaders voiced alarm Tuesday over an assassination attempt on opposition leader Tunde Bakare at a rally in Lagos.",
      "2023-05-16",
    );
    expect(main(none)?.date).toBeNull();
  });

  it("dates an act the lead leaves undated no later than what the report says followed it", () => {
    // Published Wednesday 2023-05-17; the governor acted on Monday, after the bombing.
    const a = analyseText(
      [
        "Officials in Kaduna condemned the bombing of the central market as a crime against traders.",
        "",
        "Governor Uba Sani imposed a curfew late on Monday after the bombing, police said.",
      ].join("\n"),
      "2023-05-17",
    );
    expect(main(a)?.date).toBe("2023-05-15");
  });

  it("does not date an act by the day a later quotation of it was spoken", () => {
    const a = analyseText(
      [
        "Police in Kaduna said the bombing of the central market on Monday killed nine traders.",
        "",
        "\u201cThis bombing was a crime against traders,\u201d the governor said at a meeting on Tuesday.",
      ].join("\n"),
      "2023-05-17",
    );
    expect(main(a)?.date).toBe("2023-05-15");
    const later = analyseText(
      [
        "Officials in Kaduna condemned the bombing of the central market.",
        "",
        "\u201cThe bombing was a crime against traders,\u201d the governor said at a meeting on Tuesday.",
      ].join("\n"),
      "2023-05-17",
    );
    // The quotation's day is the speaking's; with nothing else, the act is of the report's day.
    expect(main(later)?.date).toBe("2023-05-17");
  });

  it("takes a mutiny as the main event, striking the government of the state it happens in", () => {
    const a = analyseText(
      [
        "Governments were watching closely on Tuesday as an armed mutiny by army units in Peru threatened the president.",
        "Chile said it was concerned by the mutiny.",
      ].join("\n\n"),
      "2021-11-02",
    );
    const m = main(a)!;
    expect(m.cameo).toBe("190");
    expect(m.location?.country).toBe("PER");
    expect(m.target_actor?.name).toMatch(/Peru/);
  });
});

describe("the main event's place when the lead names only the state", () => {
  it("keeps the dateline's city when it lies in that state", () => {
    const a = analyseText(
      "KABUL — A suicide bomber attacked a wedding hall in Afghanistan on Saturday.",
      "2021-08-30",
    );
    expect(main(a)?.location).toMatchObject({ name: "Kabul", country: "AFG" });
  });
});
