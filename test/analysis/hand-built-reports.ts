// Small hand-built reports for the analysis layer's unit tests: the analysis JSON of a document,
// with only the fields a test is about filled in.

import type { CaseReport } from "../../src/analysis/index.js";
import type { ActorRef, Analysis, Attribution, Event, Reaction } from "../../src/domain/index.js";

export const KADHIMI: ActorRef = {
  id: "person:mustafa-al-kadhimi",
  name: "Mustafa al-Kadhimi",
  kind: "person",
  country: "IRQ",
};
export const IRAQ: ActorRef = { id: "state:IRQ", name: "Iraq", kind: "state", country: "IRQ" };
export const IRAN: ActorRef = { id: "state:IRN", name: "Iran", kind: "state", country: "IRN" };
export const KUWAIT_MFA: ActorRef = {
  id: "body:kwt-foreign-ministry",
  name: "Ministry of Foreign Affairs of Kuwait",
  kind: "government_body",
  country: "KWT",
};
export const USA: ActorRef = { id: "state:USA", name: "United States", kind: "state", country: "USA" };
export const ARAB_LEAGUE: ActorRef = {
  id: "igo:arab-league",
  name: "League of Arab States",
  kind: "igo",
  country: null,
};
export const KATAIB_HEZBOLLAH: ActorRef = {
  id: "group:kataib-hezbollah",
  name: "Kata'ib Hezbollah",
  kind: "armed_group",
  country: "IRQ",
};

let offset = 0;
const span = (sentence: string): [number, number] => {
  const start = offset;
  offset += sentence.length + 1;
  return [start, start + sentence.length];
};

export function event(fields: Partial<Event> & { sentence: string }): Event {
  return {
    id: "ev1",
    summary: fields.sentence,
    cameo: "1952",
    plover: "ASSAULT",
    mode: null,
    date: null,
    location: null,
    source_actor: null,
    target_actor: null,
    attempted: false,
    offset: span(fields.sentence),
    confidence: 0.9,
    ...fields,
  };
}

export function reaction(
  actor: ActorRef,
  stance: Reaction["stance"],
  sentence: string,
  more: Partial<Reaction> = {},
): Reaction {
  return { actor, stance, event_id: "ev1", sentence, offset: span(sentence), confidence: 0.9, ...more };
}

export function attribution(claimant: ActorRef | "author", accused: ActorRef, sentence: string): Attribution {
  return {
    claimant,
    accused,
    event_id: "ev1",
    evidence: null,
    sentence,
    offset: span(sentence),
    confidence: 0.7,
  };
}

export function report(
  id: string,
  published: string | null,
  parts: Partial<Pick<Analysis, "events" | "reactions" | "quotes" | "attributions" | "actors">>,
  more: { title?: string; url?: string | null; source?: string } = {},
): CaseReport {
  const title = more.title ?? `Report ${id}`;
  const source = more.url ?? more.source ?? `reports/${id}.txt`;
  return {
    id,
    title,
    published,
    source: more.source ?? source,
    url: more.url ?? null,
    analysis: {
      document: { id, title, published, source, language: "en", sentences: 10, words: 200 },
      actors: parts.actors ?? [],
      events: parts.events ?? [],
      reactions: parts.reactions ?? [],
      quotes: parts.quotes ?? [],
      attributions: parts.attributions ?? [],
    },
  };
}
