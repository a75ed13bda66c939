// The reaction matrix of a case: every reacting actor × stance, with the first date it was
// reported, its strongest wording and where that came from; grouped into domestic, regional and
// international by whom the actor speaks for relative to the case country; and the expected actors
// (neighbours, the permanent Security Council members, the country's regional organisations) that
// have not reacted in any report of the case.
import type { ActorRef, ItemReview, Stance } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { CaseInfo, CaseReport } from "./cases.js";
import { clusterEvents, type EventClusters } from "./event-clusters.js";
import { neighboursOf } from "./neighbours.js";
import { organisationChain, speaksFor, type Voice } from "./voices.js";

export interface ReactionMention {
  documentId: string;
  documentTitle: string | null;
  source: string;
  published: string | null;
  sentence: string;
  offset: readonly [number, number];
  confidence: number;
  /** The actor's own words in the sentence, when it quotes them. */
  quote: string | null;
  eventId: string | null;
  /** The case event (cluster) the reaction is to. */
  cluster: string | null;
  /** How an analyst confirmed the reaction (accepted, corrected, added), if they did. */
  review?: ItemReview["status"];
}

export interface ReactionRow {
  /** The actor's id, or `name:…` for an actor the engine did not resolve. */
  key: string;
  actor: ActorRef;
  stance: Stance;
  /** The earliest publication date among the reports carrying this reaction. */
  firstDate: string | null;
  reports: number;
  /** The sentence with the highest-confidence cue, preferring one that quotes the actor. */
  strongest: ReactionMention;
  mentions: ReactionMention[];
  /** Case events (cluster ids) the reaction is to. */
  events: string[];
  /** Mentions an analyst accepted, corrected or added: the row is analyst-confirmed when any is. */
  confirmed: number;
}

export const REACTION_GROUPS = ["domestic", "regional", "international", "unplaced"] as const;
export type ReactionGroup = (typeof REACTION_GROUPS)[number];

export interface Placement {
  group: ReactionGroup;
  /** Why, in words: "same region (Middle East and North Africa)", "IRQ is a member of the Arab League". */
  why: string;
}

export interface MatrixRow extends ReactionRow, Placement {
  voice: Voice;
}

export interface ExpectedActor {
  id: string;
  name: string;
  kind: "state" | "igo";
  reasons: string[];
  reacted: boolean;
  /** Who reacted for it, and how. */
  via: { actor: string; stance: Stance }[];
}

export interface ReactionMatrix {
  case: Pick<CaseInfo, "id" | "title" | "anchorDate">;
  /** The country reactions are placed against: the case's, else its main event's. */
  country: string | null;
  countryName: string | null;
  countryFrom: "case" | "main event" | null;
  rows: MatrixRow[];
  expected: ExpectedActor[];
  silent: ExpectedActor[];
}

/** The permanent members of the UN Security Council (UN Charter, Article 23). */
export const PERMANENT_FIVE = ["CHN", "FRA", "GBR", "RUS", "USA"] as const;

// ---------------------------------------------------------------------------------------------
// Reactions across reports

const QUOTED = /[“"«]([^”"»]{12,})[”"»]/u;

function quoteIn(report: CaseReport, r: CaseReport["analysis"]["reactions"][number]): string | null {
  const own = report.analysis.quotes.find(
    (q) =>
      q.offset[0] >= r.offset[0] &&
      q.offset[1] <= r.offset[1] &&
      (!q.speaker ||
        (q.speaker.id && r.actor.id ? q.speaker.id === r.actor.id : q.speaker.name === r.actor.name)),
  );
  // A two-word fragment ("non-state forces") is the report's wording more than the actor's.
  const text = own?.text ?? QUOTED.exec(r.sentence)?.[1] ?? null;
  return text && text.trim().split(/\s+/).length >= 3 ? text : null;
}

const keyOf = (a: ActorRef): string => a.id ?? `name:${a.name.toLowerCase()}`;

function strongest(mentions: ReactionMention[]): ReactionMention {
  const top = Math.max(...mentions.map((m) => m.confidence));
  // Among the cues near the strongest, the actor's own quoted words beat a paraphrase.
  return [...mentions]
    .filter((m) => m.confidence >= top - 0.1)
    .sort(
      (a, b) =>
        Number(Boolean(b.quote)) - Number(Boolean(a.quote)) ||
        b.confidence - a.confidence ||
        (a.published ?? "9999").localeCompare(b.published ?? "9999"),
    )[0]!;
}

/** Every reacting actor × stance across a case's reports, oldest first. */
export function reactionRows(reports: readonly CaseReport[], clusters?: EventClusters): ReactionRow[] {
  const events = clusters ?? clusterEvents(reports);
  const rows = new Map<string, { actor: ActorRef; stance: Stance; mentions: ReactionMention[] }>();
  for (const report of reports) {
    for (const r of report.analysis.reactions) {
      const key = `${keyOf(r.actor)}|${r.stance}`;
      const row = rows.get(key) ?? { actor: r.actor, stance: r.stance, mentions: [] };
      rows.set(key, row);
      row.mentions.push({
        documentId: report.id,
        documentTitle: report.title,
        source: report.url ?? report.source,
        published: report.published,
        sentence: r.sentence,
        offset: r.offset,
        confidence: r.confidence,
        quote: quoteIn(report, r),
        eventId: r.event_id,
        cluster: events.clusterOf(report.id, r.event_id)?.id ?? null,
        ...(r.review ? { review: r.review.status } : {}),
      });
    }
  }
  return [...rows.values()]
    .map(({ actor, stance, mentions }) => {
      const dates = mentions
        .map((m) => m.published)
        .filter((d): d is string => Boolean(d))
        .sort();
      return {
        key: keyOf(actor),
        actor,
        stance,
        firstDate: dates[0] ?? null,
        reports: new Set(mentions.map((m) => m.documentId)).size,
        strongest: strongest(mentions),
        mentions,
        events: [...new Set(mentions.flatMap((m) => (m.cluster ? [m.cluster] : [])))],
        confirmed: mentions.filter((m) => m.review).length,
      };
    })
    .sort(
      (a, b) =>
        (a.firstDate ?? "9999").localeCompare(b.firstDate ?? "9999") ||
        a.actor.name.localeCompare(b.actor.name) ||
        a.stance.localeCompare(b.stance),
    );
}

// ---------------------------------------------------------------------------------------------
// Domestic, regional, international

function parentState(kb: KnowledgeBase, iso3: string): string | null {
  const part = kb
    .state(iso3)
    ?.affiliations.find((a) => a.type === "part_of" && a.target.startsWith("state:"));
  return part ? part.target.slice(6) : null;
}

/** Organisations a state belongs to on a date whose knowledge-base region is not "Global". */
export function regionalOrganisations(kb: KnowledgeBase, iso3: string, date: string | null) {
  return kb
    .affiliationsOf(`state:${iso3}`, date ?? undefined)
    .filter((e) => e.type === "member_of")
    .flatMap((e) => kb.actor(e.to) ?? [])
    .filter((o) => o.kind === "igo" && o.region && o.region !== "Global");
}

/**
 * The organisation of the region that makes a fellow member "regional": an organisation of the
 * case country's own region whose members come from at most two regions. The Arab League makes
 * Somalia regional to Iraq; NATO (Europe, North America and Turkey) does not make the United
 * States regional to Slovakia, nor the OSCE Kazakhstan.
 */
function sharedRegionalOrganisation(kb: KnowledgeBase, home: string, other: string, date: string | null) {
  const region = kb.state(home)?.region;
  return regionalOrganisations(kb, home, date).find((o) => {
    if (o.region !== region) return false;
    // Member states only: the PLO's seat in the Arab League is not a region.
    const members = kb.membersOf(o.id, date ?? undefined).filter((m) => m.kind === "state");
    if (!members.some((m) => m.country === other)) return false;
    return new Set(members.flatMap((m) => m.region ?? [])).size <= 2;
  });
}

/** Where an actor's voice stands relative to the case country. */
export function placeVoice(
  kb: KnowledgeBase,
  voice: Voice,
  country: string | null,
  date: string | null,
): Placement {
  if (!country) return { group: "unplaced", why: "the case has no country" };
  const home = kb.state(country);
  const region = home?.region ?? null;
  if (voice.kind === "igo") {
    const chain = organisationChain(kb, voice.id);
    const orgId = chain.find((id) => (kb.actor(id)?.members?.length ?? 0) > 0) ?? chain[0]!;
    const org = kb.actor(orgId);
    if (!org) return { group: "unplaced", why: "an organisation not in the knowledge base" };
    const of = orgId === voice.id ? "" : ` (part of ${org.name})`;
    if (!org.region || org.region === "Global")
      return { group: "international", why: `${org.name} is a global organisation${of}` };
    if (kb.membersOf(orgId, date ?? undefined).some((m) => m.country === country))
      return { group: "regional", why: `${country} is a member of ${org.name}${of}` };
    if (org.region === region)
      return { group: "regional", why: `${org.name} is an organisation of ${region}${of}` };
    return { group: "international", why: `${org.name} is an organisation of ${org.region}${of}` };
  }
  const c = voice.country;
  if (!c) return { group: "unplaced", why: "no known country" };
  if (c === country || parentState(kb, c) === country || parentState(kb, country) === c)
    return { group: "domestic", why: `of ${country}` };
  const state = kb.state(c);
  if (region && state?.region === region) return { group: "regional", why: `same region (${region})` };
  const shared = sharedRegionalOrganisation(kb, country, c, date);
  if (shared) return { group: "regional", why: `fellow member of ${shared.name}` };
  return { group: "international", why: state?.region ? `of ${state.region}` : `of ${c}` };
}

// ---------------------------------------------------------------------------------------------
// The matrix

function mainEventCountry(rows: ReactionRow[], clusters: EventClusters): string | null {
  const votes = new Map<string, number>();
  for (const r of rows) for (const id of r.events) votes.set(id, (votes.get(id) ?? 0) + 1);
  const ranked = [...clusters.clusters].sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0));
  const main = ranked[0];
  return main?.location?.country ?? main?.target?.country ?? null;
}

function expectedActors(kb: KnowledgeBase, country: string, date: string | null): ExpectedActor[] {
  const out = new Map<string, ExpectedActor>();
  const expect = (id: string, name: string, kind: "state" | "igo", reason: string) => {
    const e = out.get(id) ?? { id, name, kind, reasons: [], reacted: false, via: [] };
    e.reasons.push(reason);
    out.set(id, e);
  };
  for (const n of neighboursOf(kb, country))
    expect(
      `state:${n.iso3}`,
      kb.state(n.iso3)?.name ?? n.iso3,
      "state",
      n.how === "land border" ? "neighbour" : "same sub-region",
    );
  for (const p of PERMANENT_FIVE)
    if (p !== country)
      expect(`state:${p}`, kb.state(p)?.name ?? p, "state", "permanent member of the UN Security Council");
  for (const o of regionalOrganisations(kb, country, date))
    expect(o.id, o.name, "igo", `regional organisation ${country} belongs to`);
  return [...out.values()];
}

/** The reaction matrix of a case; `info.country` (or else the main event's) places the actors. */
export function reactionMatrix(
  reports: readonly CaseReport[],
  kb: KnowledgeBase,
  info: Pick<CaseInfo, "id" | "title" | "anchorDate" | "country">,
  clusters: EventClusters = clusterEvents(reports),
): ReactionMatrix {
  const base = reactionRows(reports, clusters);
  const derived = info.country ? null : mainEventCountry(base, clusters);
  const country = info.country ?? derived;
  const rows: MatrixRow[] = base.map((row) => {
    const date = info.anchorDate ?? row.firstDate;
    const voice = speaksFor(kb, row.actor, date);
    return { ...row, voice, ...placeVoice(kb, voice, country, date) };
  });
  rows.sort(
    (a, b) =>
      REACTION_GROUPS.indexOf(a.group) - REACTION_GROUPS.indexOf(b.group) ||
      a.voice.name.localeCompare(b.voice.name) ||
      a.actor.name.localeCompare(b.actor.name) ||
      a.stance.localeCompare(b.stance),
  );
  const expected = country ? expectedActors(kb, country, info.anchorDate) : [];
  for (const e of expected) {
    for (const row of rows) {
      const v = row.voice;
      const speaks =
        e.kind === "state"
          ? v.kind === "state" && `state:${v.country}` === e.id
          : v.kind === "igo" && organisationChain(kb, v.id).includes(e.id);
      if (speaks) {
        e.reacted = true;
        e.via.push({ actor: row.actor.name, stance: row.stance });
      }
    }
  }
  return {
    case: { id: info.id, title: info.title, anchorDate: info.anchorDate },
    country,
    countryName: country ? (kb.state(country)?.name ?? country) : null,
    countryFrom: info.country ? "case" : derived ? "main event" : null,
    rows,
    expected,
    silent: expected.filter((e) => !e.reacted),
  };
}
