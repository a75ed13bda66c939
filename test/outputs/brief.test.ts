// The brief composed from a small hand-built case: two reports on a drone attack on the Iraqi
// prime minister's residence, written so that each part of the brief has something to show — three
// Gulf states condemning in one sentence, a quote, an accusation citing evidence, a denial, two
// casualty figures and two dates that disagree, a stated motive, and a sentence that only
// condemns. The CLI test runs the brief on the shipped examples end to end.
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  addIndicator,
  addScenario,
  type CaseInfo,
  emptyScenarioState,
  type ScenarioState,
  scenarioStatus,
  seedAch,
} from "../../src/analysis/index.js";
import type { ActorRef, Analysis, Event, Reaction } from "../../src/domain/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import {
  type Brief,
  type BriefInput,
  type BriefReport,
  briefHtml,
  briefMarkdown,
  buildBrief,
  CHROMIUM_MISSING,
  findChromium,
} from "../../src/outputs/index.js";

const kb = KnowledgeBase.load();

const kadhimi: ActorRef = {
  id: "person:mustafa-al-kadhimi",
  name: "Mustafa al-Kadhimi",
  kind: "person",
  country: "IRQ",
};
const state = (iso3: string, name: string): ActorRef => ({
  id: `state:${iso3}`,
  name,
  kind: "state",
  country: iso3,
});
const kh: ActorRef = {
  id: "group:kataib-hezbollah",
  name: "Kata'ib Hezbollah",
  kind: "armed_group",
  country: "IRQ",
};

/** A report from paragraphs; `span(sentence)` gives a sentence's offsets in the normalised text. */
function report(id: string, title: string, published: string, url: string | null, paragraphs: string[]) {
  const text = [title, ...paragraphs].join("\n\n");
  const span = (sentence: string): [number, number] => {
    const at = text.indexOf(sentence);
    if (at < 0) throw new Error(`not in the text: ${sentence}`);
    return [at, at + sentence.length];
  };
  return { id: id.repeat(64).slice(0, 64), title, published, url, text, span };
}

const S = {
  attack:
    "Three drones struck the Baghdad residence of Prime Minister Mustafa al-Kadhimi early on Sunday, in what the military called a failed assassination attempt.",
  shot: "Security forces shot down two of the drones and the third hit the house.",
  wounded: "Six members of his protection force were wounded, security sources said.",
  gulf: "Saudi Arabia, the United Arab Emirates and Qatar condemned the attack.",
  salih: "“We cannot accept that Iraq will be dragged into chaos,” President Barham Salih said.",
  motive:
    "The attack came two days after supporters of the factions, who reject the results of the October election, clashed with security forces.",
  claim:
    "Iraqi officials accused Kata'ib Hezbollah of carrying out the attack, citing the type of drones used.",
  denial: "Kata'ib Hezbollah denied any role in the attack.",
  attack2: "The drone attack on Kadhimi's home in Baghdad happened on Monday, one report said.",
  wounded2: "Seven guards were wounded in the attack, two officials said.",
  condemnOnly: "Kuwait condemned the attack in a statement after the meeting.",
};

const wire = report(
  "a",
  "Drones strike Iraqi PM's home",
  "2021-11-07",
  "https://example.org/2021/11/07/drones",
  [
    `BAGHDAD — ${S.attack} ${S.shot} ${S.wounded}`,
    `${S.gulf} ${S.salih}`,
    `${S.motive} ${S.claim} ${S.denial}`,
  ],
);
const follow = report("b", "Kadhimi unhurt after attack", "2021-11-08", null, [
  `${S.attack2} ${S.wounded2}`,
  S.condemnOnly,
]);

const at = (r: typeof wire, sentence: string) => ({ sentence: sentence, offset: r.span(sentence) });
const attackEvent = (r: typeof wire, id: string, sentence: string, date: string, cameo = "1952"): Event => ({
  id,
  summary: sentence,
  cameo,
  plover: "ASSAULT",
  mode: cameo === "185" ? "assassinate" : "drone",
  date,
  location: { name: "Baghdad", country: "IRQ" },
  source_actor: null,
  target_actor: kadhimi,
  attempted: true,
  ...at(r, sentence),
  confidence: 0.9,
});
const condemn = (r: typeof wire, actor: ActorRef, sentence: string, event = "ev1"): Reaction => ({
  actor,
  stance: "condemn",
  event_id: event,
  ...at(r, sentence),
  confidence: 0.9,
});

function analysis(r: typeof wire, parts: Partial<Analysis>): Analysis {
  return {
    document: {
      id: r.id,
      title: r.title,
      published: r.published,
      source: r.url ?? "file.txt",
      language: "en",
      sentences: 8,
      words: 120,
    },
    actors: [],
    events: [],
    reactions: [],
    quotes: [],
    attributions: [],
    ...parts,
  };
}

const salih: ActorRef = { id: "person:barham-salih", name: "Barham Salih", kind: "person", country: "IRQ" };
const reports: BriefReport[] = [
  {
    id: wire.id,
    title: wire.title,
    published: wire.published,
    source: wire.url!,
    url: wire.url,
    author: "Example Wire",
    text: wire.text,
    analysis: analysis(wire, {
      events: [attackEvent(wire, "ev1", S.attack, "2021-11-07", "185")],
      reactions: [
        condemn(wire, state("SAU", "Saudi Arabia"), S.gulf),
        condemn(wire, state("ARE", "United Arab Emirates"), S.gulf),
        condemn(wire, state("QAT", "Qatar"), S.gulf),
        condemn(wire, salih, S.salih),
        { actor: kh, stance: "deny", event_id: "ev1", ...at(wire, S.denial), confidence: 0.8 },
      ],
      quotes: [
        {
          speaker: salih,
          text: "We cannot accept that Iraq will be dragged into chaos",
          ...at(wire, S.salih),
        },
      ],
      attributions: [
        {
          claimant: state("IRQ", "Iraq"),
          accused: kh,
          event_id: "ev1",
          evidence: "the type of drones used",
          ...at(wire, S.claim),
          confidence: 0.75,
        },
      ],
    }),
  },
  {
    id: follow.id,
    title: follow.title,
    published: follow.published,
    source: "reports/kadhimi-unhurt.txt",
    url: null,
    author: null,
    text: follow.text,
    analysis: analysis(follow, {
      events: [attackEvent(follow, "ev1", S.attack2, "2021-11-08")],
      reactions: [condemn(follow, state("KWT", "Kuwait"), S.condemnOnly)],
    }),
  },
];

const info: CaseInfo = {
  id: "kadhimi",
  title: "Drone attack on the Iraqi prime minister",
  anchorDate: "2021-11-07",
  country: "IRQ",
  description: null,
};

function input(scenarios: ScenarioState = emptyScenarioState()): BriefInput {
  return {
    case: info,
    reports,
    kb,
    ach: { state: seedAch({ documents: reports, kb, anchorDate: info.anchorDate }), stored: false },
    scenarios: scenarioStatus(scenarios, info.id, info.title),
    date: "2021-11-10",
  };
}

const prose = (brief: Brief, section: string) =>
  brief.sections
    .find((s) => s.id === section)!
    .blocks.flatMap((b) => (b.kind === "paragraph" ? b.lines : b.kind === "list" ? b.items : []))
    .map((l) => l.text);

describe("the analytic brief", () => {
  const brief = buildBrief(input());

  it("has its sections in an analyst's order, and a summary that leads with the event", () => {
    expect(brief.sections.map((s) => s.title)).toEqual([
      "What happened",
      "Parties involved and attribution",
      "Stated motives and context",
      "Reactions",
      "Scenarios and indicators",
    ]);
    expect(brief.keyPoints[0]!.text).toBe(
      "On 7 November 2021, Mustafa al-Kadhimi, the Prime Minister of Iraq, was the target of an assassination attempt with armed drones in Baghdad.",
    );
    expect(brief.coverage).toBe("Based on two reports from two sources, published 7–8 November 2021.");
  });

  it("joins the states that took one stance into one sentence, with their articles", () => {
    expect(prose(brief, "reactions")).toContain(
      "Saudi Arabia, the United Arab Emirates, Qatar and Kuwait condemned the assassination attempt.",
    );
  });

  it("quotes a reactor's own words as a sentence of the brief", () => {
    expect(prose(brief, "reactions")).toContain(
      "Barham Salih said: “We cannot accept that Iraq will be dragged into chaos”.",
    );
  });

  it("states where the reports disagree: the date and the number of wounded", () => {
    const happened = prose(brief, "what-happened");
    expect(happened).toContain("One report dates it to 8 November 2021.");
    expect(happened).toContain(
      "The reports differ on the number of wounded: six in one report and seven in one report.",
    );
    // The reports' own details, tidied: the dateline is dropped.
    expect(happened).toContain(S.shot);
  });

  it("says who blames whom on what evidence, and who denies it", () => {
    const attribution = prose(brief, "attribution");
    expect(attribution).toContain(
      "Officials in Iraq blamed Kata'ib Hezbollah, citing the type of drones used.",
    );
    expect(attribution).toContain("Kata'ib Hezbollah denied any role.");
    expect(attribution.join(" ")).toMatch(/seeded for this brief .* not been reviewed by an analyst/);
  });

  it("marks the engine's ACH ratings as suggestions in the matrix", () => {
    const matrix = brief.sections
      .find((s) => s.id === "attribution")!
      .blocks.find((b) => b.kind === "table" && b.caption.includes("ACH matrix"));
    expect(matrix?.kind).toBe("table");
    if (matrix?.kind !== "table") return;
    expect(matrix.head).toEqual(expect.arrayContaining(["Evidence", "Cred.", "Rel.", "Diag."]));
    const ratings = matrix.rows.flatMap((r) => r.filter((c) => /^(CC|C|N|I|II)\*?$/.test(c.text)));
    expect(ratings.length).toBeGreaterThan(0);
    expect(ratings.every((c) => c.text.endsWith("*") && c.tone === "suggested")).toBe(true);
  });

  it("takes a stated motive or context from the reports, not a plain condemnation", () => {
    const motives = prose(brief, "motives");
    expect(motives).toContain(S.motive);
    expect(motives).not.toContain(S.condemnOnly);
  });

  it("says when no scenarios are defined and how to add them", () => {
    expect(prose(brief, "scenarios")).toEqual([
      'No scenarios have been defined for this case; add them with `crisisdesk scenarios kadhimi add NAME --prior P` and their indicators with `crisisdesk scenarios kadhimi indicator add NAME "QUERY" --lr R`.',
    ]);
  });

  it("shows the scenarios with their likelihoods and indicators when there are some", () => {
    let s = addScenario(emptyScenarioState(), { name: "escalation", prior: 0.3 }).state;
    s = addScenario(s, { name: "settlement", prior: 0.7 }).state;
    s = addIndicator(s, { scenario: "escalation", query: "plover=ASSAULT", lr: 3 }).state;
    const withScenarios = buildBrief(input(s));
    const lines = prose(withScenarios, "scenarios");
    expect(lines[0]).toBe("Two scenarios are defined; “settlement” is the most likely at 70% (prior 70%).");
    expect(lines.join(" ")).toMatch(/I1 for “escalation”, likelihood ratio 3: `plover=ASSAULT`; not fired\./);
  });

  it("footnotes sentences with the exact sentence of a report, numbered in reading order", () => {
    const texts = new Map(reports.map((r) => [r.id, r.text]));
    expect(brief.footnotes.map((f) => f.n)).toEqual(brief.footnotes.map((_, i) => i + 1));
    for (const f of brief.footnotes) {
      expect(texts.get(f.documentId)!.slice(f.offset[0], f.offset[1])).toBe(f.sentence);
      expect(brief.sources[f.source - 1]!.documentId).toBe(f.documentId);
    }
    expect(brief.keyPoints[0]!.cites[0]).toBe(1);
  });

  it("renders Markdown whose every footnote marker has its footnote, quoting the sentence", () => {
    const md = briefMarkdown(brief);
    const markers = new Set([...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1])));
    const notes = new Map([...md.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((m) => [Number(m[1]), m[2]!]));
    expect([...markers].sort((a, b) => a - b)).toEqual([...notes.keys()].sort((a, b) => a - b));
    const web = notes.get(brief.footnotes.find((f) => f.url)!.n)!;
    expect(web).toContain("Drones strike Iraqi PM's home (7 November 2021; source 1): “");
    expect(web).toContain("<https://example.org/2021/11/07/drones>");
    expect(md).toMatch(
      /^## 6\. Sources\n\n1\. Drones strike Iraqi PM's home\. example\.org, 7 November 2021\./m,
    );
  });

  it("renders one self-contained, well-formed HTML page whose footnote links all land", () => {
    const html = briefHtml(brief);
    expect(XMLValidator.validate(html)).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).toContain("@page { size: A4;");
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids, m[1]).toContain(m[1]);
    expect(html).toContain('<li id="fn-1">');
  });
});

describe("the brief of a case without reports", () => {
  it("says the case holds no reports and how to add them, instead of inventing an event", () => {
    const empty = buildBrief({
      ...input(),
      reports: [],
      ach: { state: seedAch({ documents: [], kb }), stored: false },
    });
    expect(empty.keyPoints.map((l) => l.text)).toEqual([
      "The case holds no reports yet; add them with `crisisdesk case add kadhimi DOC...` or `crisisdesk case auto kadhimi`.",
    ]);
    expect(empty.footnotes).toEqual([]);
    expect(XMLValidator.validate(briefHtml(empty))).toBe(true);
  });
});

describe("finding Chromium for PDF", () => {
  it("says in one line what to do when the binary named by CHROMIUM_PATH is not there", () => {
    expect(() => findChromium({ CHROMIUM_PATH: "/no/such/chromium", PATH: "" })).toThrow(CHROMIUM_MISSING);
  });
});
