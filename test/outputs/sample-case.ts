// A small hand-built case for the export tests: two reports on the November 2021 drone attack in
// Baghdad, written so that each mapping rule has something to bite on (a drone strike with
// fatalities, a foreign strike, a statement, a denial, a quote, an attribution with and without an
// event, a protest, an arrest, a killing of civilians, and a sentence built to break a CSV).
import type { ActorRef, Analysis } from "../../src/domain/index.js";
import { loadKnowledgeData } from "../../src/knowledge/index.js";
import {
  type CaseExport,
  type ExportDocument,
  type ExportReference,
  exportReference,
} from "../../src/outputs/index.js";

let reference: ExportReference | undefined;
/** The shipped knowledge base and codebooks, loaded once per test file. */
export function shippedReference(): ExportReference {
  reference ??= exportReference(loadKnowledgeData(), []);
  return reference;
}

const kadhimi: ActorRef = {
  id: "person:mustafa-al-kadhimi",
  name: "Mustafa al-Kadhimi",
  kind: "person",
  country: "IRQ",
};
const kuwait: ActorRef = { id: "state:KWT", name: "Kuwait", kind: "state", country: "KWT" };
const iraq: ActorRef = { id: "state:IRQ", name: "Iraq", kind: "state", country: "IRQ" };
const usa: ActorRef = { id: "state:USA", name: "United States", kind: "state", country: "USA" };
const kh: ActorRef = {
  id: "group:kataib-hezbollah",
  name: "Kata'ib Hezbollah",
  kind: "armed_group",
  country: "IRQ",
};
const salih: ActorRef = { id: "person:barham-salih", name: "Barham Salih", kind: "person", country: "IRQ" };
const sadrists: ActorRef = {
  id: "group:sadrist-movement",
  name: "Sadrist Movement",
  kind: "party",
  country: "IRQ",
};
const police: ActorRef = {
  id: "body:irq-police",
  name: "Police of Iraq",
  kind: "government_body",
  country: "IRQ",
};
const factions: ActorRef = { id: "new:factions", name: "factions", kind: "other", country: null };
const civilians: ActorRef = { name: "two civilians", kind: "other", country: null };

export const SENTENCES = {
  drone:
    "Two drones struck the residence of Prime Minister Mustafa al-Kadhimi in Baghdad, and three people were killed, police said.",
  usStrike: "A US drone strike hit a militia convoy near Baghdad airport.",
  statement: "Kuwait strongly condemned the cowardly attack on the Iraqi prime minister.",
  denial: "Kata'ib Hezbollah denied any role in the attack.",
  quote: "“We cannot accept that Iraq will be dragged into chaos,” President Barham Salih said.",
  claim:
    "Iraqi officials accused Kata'ib Hezbollah of carrying out the attack, citing the type of drones used.",
  looseClaim: "Suspicion has fallen on the factions.",
  protest: 'Protesters gathered in Basra, chanting "Down with the militias, now";\tsome stayed\novernight.',
  arrest: '=HYPERLINK("http://evil.example","Police") arrested four suspects.',
  killing: "Gunmen killed two civilians in Mosul.",
} as const;

const at = (start: number, sentence: string) => [start, start + sentence.length] as [number, number];

const wire: Analysis = {
  document: {
    id: "a".repeat(64),
    title: "Drones strike Iraqi PM's home",
    published: "2021-11-07",
    source: "https://example.org/2021/11/07/drones",
    language: "en",
    sentences: 7,
    words: 150,
  },
  actors: [
    { ...kadhimi, id: kadhimi.id!, roles: ["Prime Minister of Iraq"], mentions: 2 },
    { ...kuwait, id: kuwait.id!, roles: [], mentions: 1 },
    { ...iraq, id: iraq.id!, roles: [], mentions: 2 },
    { ...usa, id: usa.id!, roles: [], mentions: 1 },
    { ...kh, id: kh.id!, roles: [], mentions: 2 },
    { ...salih, id: salih.id!, roles: ["President of Iraq"], mentions: 1 },
  ],
  events: [
    {
      id: "ev1",
      summary: "Drones struck the residence of Mustafa al-Kadhimi",
      cameo: "1952",
      plover: "ASSAULT",
      mode: "drone",
      date: "2021-11-07",
      location: { name: "BAGHDAD", country: "IRQ" },
      source_actor: null,
      target_actor: kadhimi,
      attempted: true,
      sentence: SENTENCES.drone,
      offset: at(40, SENTENCES.drone),
      confidence: 0.9,
    },
    {
      id: "ev2",
      summary: "Kuwait condemned the attack",
      cameo: "111",
      plover: "ACCUSE",
      mode: "disapprove",
      date: null,
      location: null,
      source_actor: kuwait,
      target_actor: null,
      attempted: false,
      sentence: SENTENCES.statement,
      offset: at(300, SENTENCES.statement),
      confidence: 0.8,
    },
    {
      id: "ev3",
      summary: "A US drone strike hit a militia convoy",
      cameo: "195",
      plover: "ASSAULT",
      mode: "aerial",
      date: "2021-11-06",
      location: { name: "Baghdad", country: "IRQ" },
      source_actor: usa,
      target_actor: null,
      attempted: false,
      sentence: SENTENCES.usStrike,
      offset: at(600, SENTENCES.usStrike),
      confidence: 0.7,
    },
  ],
  reactions: [
    {
      actor: kuwait,
      stance: "condemn",
      event_id: "ev1",
      sentence: SENTENCES.statement,
      offset: at(300, SENTENCES.statement),
      confidence: 0.85,
    },
    {
      actor: kh,
      stance: "deny",
      event_id: "ev1",
      sentence: SENTENCES.denial,
      offset: at(400, SENTENCES.denial),
      confidence: 0.8,
    },
  ],
  quotes: [
    {
      speaker: salih,
      text: "We cannot accept that Iraq will be dragged into chaos",
      sentence: SENTENCES.quote,
      offset: at(460, SENTENCES.quote),
    },
  ],
  attributions: [
    {
      claimant: iraq,
      accused: kh,
      event_id: "ev1",
      evidence: "the type of drones used",
      sentence: SENTENCES.claim,
      offset: at(520, SENTENCES.claim),
      confidence: 0.75,
    },
    {
      claimant: "author",
      accused: factions,
      event_id: null,
      evidence: null,
      sentence: SENTENCES.looseClaim,
      offset: at(700, SENTENCES.looseClaim),
      confidence: 0.6,
    },
  ],
};

const statement: Analysis = {
  document: {
    id: "b".repeat(64),
    title: "Statement",
    published: null,
    source: "reports/statement.txt",
    language: "en",
    sentences: 3,
    words: 60,
  },
  actors: [
    { ...sadrists, id: sadrists.id!, roles: [], mentions: 1 },
    { ...police, id: police.id!, roles: [], mentions: 1 },
  ],
  events: [
    {
      id: "ev1",
      summary: "Protesters gathered in Basra",
      cameo: "141",
      plover: "PROTEST",
      mode: "demo",
      date: null,
      location: { name: "Basra", country: "IRQ" },
      source_actor: sadrists,
      target_actor: null,
      attempted: false,
      sentence: SENTENCES.protest,
      offset: at(0, SENTENCES.protest),
      confidence: 0.8,
    },
    {
      id: "ev2",
      summary: "Police arrested four suspects",
      cameo: "173",
      plover: "COERCE",
      mode: "arrest",
      date: null,
      location: null,
      source_actor: police,
      target_actor: null,
      attempted: false,
      sentence: SENTENCES.arrest,
      offset: at(100, SENTENCES.arrest),
      confidence: 0.7,
    },
    {
      id: "ev3",
      summary: "Gunmen killed two civilians in Mosul",
      cameo: "1823",
      plover: "ASSAULT",
      mode: null,
      date: null,
      location: { name: "Mosul", country: "IRQ" },
      source_actor: null,
      target_actor: civilians,
      attempted: false,
      sentence: SENTENCES.killing,
      offset: at(200, SENTENCES.killing),
      confidence: 0.8,
    },
  ],
  reactions: [],
  quotes: [],
  attributions: [],
};

function doc(analysis: Analysis, extra: Partial<ExportDocument>): ExportDocument {
  return {
    id: analysis.document.id,
    title: analysis.document.title,
    author: null,
    published: analysis.document.published,
    source: analysis.document.source,
    url: null,
    format: "txt",
    words: analysis.document.words,
    sentences: analysis.document.sentences,
    ingestedAt: "2021-11-08T09:00:00.000Z",
    analysis,
    addedBy: "analyst",
    leadEnd: 0,
    ...extra,
  };
}

/** The sample case, with the shipped reference data. */
export function sampleCase(): CaseExport {
  return {
    case: {
      id: "kadhimi-2021",
      title: "Drone attack on the Iraqi prime minister",
      anchorDate: "2021-11-07",
      country: "IRQ",
      description: "Test case for the exports.",
      createdAt: "2021-11-09T08:00:00.000Z",
      documents: 2,
    },
    documents: [
      doc(wire, {
        url: wire.document.source,
        author: "Example Wire staff",
        format: "html",
        ingestedAt: "2021-11-07T12:00:00.000Z",
        leadEnd: 250,
      }),
      doc(statement, { ingestedAt: "2021-11-08T09:30:00.000Z", leadEnd: 90 }),
    ],
    reference: shippedReference(),
  };
}
