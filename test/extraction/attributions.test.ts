// Attribution claims through the engine's public face: a small hand-written report in, who is
// said to be responsible (and by whom) out. Each case is one class of claim, or of non-claim.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/index.js";
import { createAnalyser } from "../../src/extraction/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import { plainTextBlocks } from "../../src/text/index.js";

const kb = KnowledgeBase.load();
const analyse = createAnalyser({ kb, today: () => "2022-08-01" });

function analyseText(text: string, published = "2022-08-01"): Analysis {
  const markdown = text.startsWith("# ");
  const document = buildDocument({
    meta: { source: "test", format: markdown ? "md" : "txt", published },
    blocks: plainTextBlocks(text, { markdown }),
  });
  return analyse(document);
}

/** "claimant -> accused" for each claim. */
const claims = (text: string, published?: string) =>
  analyseText(text, published).attributions.map(
    (a) => `${typeof a.claimant === "string" ? a.claimant : a.claimant.name} -> ${a.accused.name}`,
  );

describe("attribution claims: blame verbs", () => {
  it.each([
    ["Egypt held Hamas responsible for the rocket fire on the border post.", "Egypt -> Hamas"],
    ["Turkey blamed it on the PKK.", "Turkey -> Kurdistan Workers' Party"],
    ["Kuwait accused Hezbollah of orchestrating the bombing.", "Kuwait -> Hezbollah"],
    ["Jordan said the blast was the work of the Islamic State.", "Jordan -> Islamic State"],
    ["Pakistan vowed to punish the Pakistani Taliban.", "Pakistan -> Tehrik-i-Taliban Pakistan"],
    ["Lebanon said Israel must be held accountable for the strike.", "Lebanon -> Israel"],
    ["Iraq said the Islamic State was behind the bombing.", "Iraq -> Islamic State"],
  ])("reads %s", (sentence, claim) => {
    expect(claims(sentence)).toEqual([claim]);
  });

  it("puts the blame on whoever it is placed squarely on, and gives each listed party its own claim", () => {
    expect(claims("Turkey placed the blame squarely on the shoulders of the PKK.")).toEqual([
      "Turkey -> Kurdistan Workers' Party",
    ]);
    expect(claims('Syria pointed the finger at Israel and "its local agents" after the blast.')).toEqual([
      "Syria -> Israel",
      "Syria -> its local agents",
    ]);
  });

  it("reads creating the atmosphere for an act as blame for it", () => {
    expect(
      claims(
        "A mob stormed government buildings in Brasilia on Sunday. Brazilian President Luiz Inacio Lula da Silva said Jair Bolsonaro had created a climate that led to the violence.",
      ),
    ).toEqual(["Lula da Silva -> Jair Bolsonaro"]);
  });

  it("reads 'blamed the unrest on X' as blame on X, and only when X is a party", () => {
    expect(claims("Egypt blamed the unrest on foreign-backed agitators.")).toEqual([
      "Egypt -> foreign-backed agitators",
    ]);
    expect(claims("Officials blamed the fire on an electrical fault.")).toEqual([]);
  });

  it("reads a participle after a denial as the denier's own accusation", () => {
    expect(claims("Hamas denied any role, instead accusing Israel of staging the explosion.")).toEqual([
      "Hamas -> Israel",
    ]);
  });

  it("reads a reported subject as the claimant's accused: 'said X and Y took part in the act'", () => {
    expect(
      claims("Prosecutors said foreign special services and local accomplices took part in the bombing."),
    ).toEqual(["Prosecutors -> foreign special services", "Prosecutors -> local accomplices"]);
  });

  it("reads 'no doubt' as certainty, and a state and its known leader blamed together as one party", () => {
    expect(
      claims(
        'Venezuela blamed neighbouring Colombia: "I have no doubt that Ivan Duque is behind this attack."',
        "2019-05-01",
      ),
    ).toEqual(["Venezuela -> Colombia"]);
  });

  it("gives a coordinated clause its own claimant: 'X denied involvement as Y blamed Z'", () => {
    expect(claims("The United States denied involvement as Iran blamed Israel for the blast.")).toEqual([
      "Iran -> Israel",
    ]);
  });

  it("names the speaker as claimant of a claim it reports after the fact: 'X, Israel alleged'", () => {
    expect(claims("The plot was orchestrated by Iran, Israel alleged.")).toEqual(["Israel -> Iran"]);
  });
});

describe("attribution claims: passives, acts named with their doer, and the author's voice", () => {
  it("takes the agent of a passive act, and a person introduced by name", () => {
    expect(claims("The ambush was carried out by al-Shabaab.")).toEqual(["author -> Al-Shabaab"]);
    expect(claims("The envoy was stabbed by a 31-year-old man named Karim Lodi.")).toEqual([
      "author -> Karim Lodi",
    ]);
  });

  it("reads 'according to' sources and unnamed parties named by a phrase", () => {
    expect(claims("According to unnamed officials, the raid was carried out by pro-Iran militias.")).toEqual([
      "unnamed officials -> pro-Iran militias",
    ]);
  });

  it("names the state whose weapon did it, not the weapon, and never a bomb", () => {
    expect(claims("Officials said the strike was carried out by Israeli drones.")).toEqual([
      "Officials -> Israel",
    ]);
    expect(claims("Investigators suspect the bomb was hidden in a bag.")).toEqual([]);
  });

  it("reads the perpetrator named before an act, by the author or by whoever condemns it", () => {
    expect(claims("Qatar condemned the Houthi missile attack on the airport.")).toEqual(["Qatar -> Houthis"]);
    expect(claims("The Russian invasion displaced millions.")).toEqual(["author -> Russia"]);
    expect(claims("Observers feared that Trump-incited violence would return.")).toEqual([
      "author -> Donald Trump",
    ]);
  });

  it("does not read a victim named before a killing, or the country of a targeted site, as the perpetrator", () => {
    expect(claims("The Nemtsov killing shocked Moscow.")).toEqual([]);
    expect(claims("Leaders were shaken by the Norway school attacks.")).toEqual([]);
  });

  it("reads the author's own 'suspected' and 'allegedly carried out by'", () => {
    expect(claims("The attack, allegedly carried out by Hezbollah, killed four.")).toEqual([
      "author -> Hezbollah",
    ]);
    expect(claims("Suspicion has fallen on local militias that lost the vote.")).toEqual([
      "author -> local militias",
    ]);
  });
});

describe("attribution claims: claims of responsibility", () => {
  it("makes a group that claims responsibility accuse itself, and gives it the claim_responsibility stance", () => {
    const a = analyseText("The Pakistani Taliban said it carried out the suicide bombing.");
    expect(a.attributions.map((x) => [x.claimant, x.accused.name])).toEqual([
      [expect.objectContaining({ name: "Tehrik-i-Taliban Pakistan" }), "Tehrik-i-Taliban Pakistan"],
    ]);
    expect(a.reactions.map((r) => `${r.actor.name}|${r.stance}`)).toContain(
      "Tehrik-i-Taliban Pakistan|claim_responsibility",
    );
  });

  it("reads a claim made by a passive, by an offshoot named in apposition, and by a group the knowledge base lacks", () => {
    expect(claims("The bombing was claimed by al-Shabaab.")).toEqual(["Al-Shabaab -> Al-Shabaab"]);
    expect(claims("The blast was claimed by an affiliate of al-Qaeda, the Nusra Front.")).toEqual([
      "Al-Nusra Front -> Al-Nusra Front",
    ]);
    expect(
      claims("The Free Brigade, the rebel group that took credit for the raid, said it would fight on."),
    ).toEqual(["Free Brigade -> Free Brigade"]);
  });

  it("credits the claim of a little-known group to it, not to the accuser in the same sentence", () => {
    const a = analyseText("Iran blamed Israel, as a little-known militant group claimed responsibility.");
    expect(claims("Iran blamed Israel, as a little-known militant group claimed responsibility.")).toEqual([
      "little-known militant group -> little-known militant group",
      "Iran -> Israel",
    ]);
    const claimed = a.reactions.filter((r) => r.stance === "claim_responsibility").map((r) => r.actor.name);
    expect(claimed).toEqual(["little-known militant group"]);
  });

  it("reads a group saying its fighters carried out the act as its claim", () => {
    expect(claims("Hamas said its fighters had carried out the ambush.")).toEqual(["Hamas -> Hamas"]);
  });

  it("reads an act its state's ministry defends as self-defence as the state's claim of responsibility", () => {
    const a = analyseText("The strikes were carried out in self-defence, the Turkish defence ministry said.");
    expect(
      a.attributions.map((x) => [
        typeof x.claimant === "string" ? x.claimant : x.claimant.name,
        x.accused.name,
      ]),
    ).toEqual([["Turkey", "Turkey"]]);
    expect(a.reactions.map((r) => `${r.actor.name}|${r.stance}`)).toContain("Turkey|claim_responsibility");
    expect(
      claims("Russia said the Ukrainian attack was carried out in response to the strikes."),
    ).not.toContain("Russia -> Russia");
  });

  it("reads an office-holder calling the act his side's response as his claim of responsibility for his state", () => {
    const a = analyseText(
      'Rockets hit two army posts near Kirkuk on Tuesday. Iranian President Hassan Rouhani called the strikes "a firm response" to the killing of a commander.',
      "2019-06-12",
    );
    expect(
      a.attributions.map(
        (x) => `${typeof x.claimant === "string" ? x.claimant : x.claimant.name} -> ${x.accused.name}`,
      ),
    ).toContain("Hassan Rouhani -> Iran");
    const stances = a.reactions.map((r) => `${r.actor.name}|${r.stance}`);
    expect(stances).toContain("Hassan Rouhani|claim_responsibility");
    expect(stances).not.toContain("Hassan Rouhani|other");
    // Someone with no office naming it so claims nothing for a state.
    expect(
      claims("Rockets hit two army posts. A shopkeeper in Basra called the strikes a response."),
    ).toEqual([]);
  });

  it("reads an office-holder saying his state took proportionate measures as a claim for it", () => {
    const a = analyseText(
      "Missiles struck an air base in Syria overnight. Turkish Foreign Minister Mevlut Cavusoglu said Turkey had taken proportionate measures.",
      "2020-02-20",
    );
    expect(a.attributions.map((x) => x.accused.name)).toEqual(["Turkey"]);
    expect(a.reactions.map((r) => `${r.actor.name}|${r.stance}`)).toContain(
      "Mevlut Cavusoglu|claim_responsibility",
    );
  });

  it("reads 'the Islamic Republic' as Iran", () => {
    expect(claims("The Islamic Republic's retaliation was calibrated to spare lives.")).toEqual([
      "author -> Iran",
    ]);
  });

  it("reads a state announcing that its own agency struck as the state claiming responsibility", () => {
    const a = analyseText("US President Joe Biden announced that the CIA had carried out the drone strike.");
    expect(a.attributions.map((x) => x.accused.name)).toEqual(["Central Intelligence Agency"]);
    expect(a.reactions.map((r) => `${r.actor.name}|${r.stance}`)).toContain(
      "United States|claim_responsibility",
    );
  });
});

describe("attribution claims: the headline", () => {
  it("reads a claim the headline makes, unless the report's sentences already name that party", () => {
    const a = analyseText(
      "# Beijing blames foreign agents for pipeline blast\n\nA pipeline exploded near the border on Sunday.",
    );
    expect(a.attributions.map((x) => x.accused.name)).toEqual(["foreign agents"]);
    const b = analyseText(
      "# Ukraine claims responsibility for depot strike\n\nUkraine's Security Service has taken credit for the strike on the depot.",
    );
    expect(b.attributions.map((x) => x.accused.name)).toEqual([expect.stringMatching(/Ukraine/)]);
  });
});

describe("attribution claims: what is not a claim", () => {
  it.each([
    ["Iran denied any involvement in the attack."],
    ["Iran denied it was behind the attack."],
    ["Hamas dismissed suggestions that its fighters were behind the blast."],
    ["They staged the attack to put the blame on the rebels."],
    ["An attack ordered by Tehran is unlikely, analysts said."],
    ["If Hezbollah was behind it, the border will not stay quiet."],
    ["Was Hezbollah behind the bombing?"],
    ["The blame game over the bombing went on for days."],
    ["Kiev accused the general of involvement in the use of chemical agents."],
    ["The rebels accused the regime of corruption."],
    ["Israel strongly condemns this attack on civilians."],
    ["Arab League and GCC condemn attack on Iraqi prime minister"],
    ["The perpetrators must be held accountable, the European Union said."],
  ])("finds no claim in %s", (sentence) => {
    expect(claims(sentence)).toEqual([]);
  });
});
