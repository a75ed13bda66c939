// The dyad trend: cooperation and conflict over time between two actors, on the Goldstein scale
// (−10 most conflictual … +10 most cooperative) of the CAMEO codes of the events between them in
// either direction, per day, as GDELT users compute it: one score per real event (a cluster of
// accounts, like GDELT's one row per event with its NumArticles), summed and averaged by day.
// A state stands for every actor speaking for it or of it (its officials, bodies, and groups of
// that country), as GDELT's country codes do; an organisation for its organs and its head.
import { type ActorRef, UsageError } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { CaseInfo, CaseReport } from "./cases.js";
import { clusterEvents, type EventClusters } from "./event-clusters.js";
import { organisationChain, speaksFor } from "./voices.js";

export type Party =
  | { kind: "state"; country: string; name: string }
  | { kind: "igo"; id: string; name: string }
  | { kind: "actor"; id: string; name: string };

export interface GoldsteinEntry {
  goldstein: number;
  name: string;
}

export interface DyadEvent {
  cluster: string;
  date: string | null;
  dateFrom: "stated" | "first report" | "none";
  direction: "a_to_b" | "b_to_a";
  cameo: string;
  name: string | null;
  goldstein: number;
  reports: number;
  accounts: { documentId: string; source: string; target: string; cameo: string; sentence: string }[];
}

export interface DyadDay {
  date: string;
  events: number;
  /** Reports carrying them (GDELT's NumArticles). */
  mentions: number;
  goldsteinSum: number;
  goldsteinMean: number;
  aToB: number;
  bToA: number;
}

export interface DyadTrend {
  a: Party;
  b: Party;
  days: DyadDay[];
  events: DyadEvent[];
  /** Events no report or account dates. */
  undated: DyadEvent[];
  total: { events: number; goldsteinSum: number; goldsteinMean: number | null };
}

const keyOf = (a: ActorRef): string => a.id ?? `name:${a.name.toLowerCase()}`;

function partyOf(id: string, name: string, kind: string, country: string | null): Party {
  if (kind === "state" && country) return { kind: "state", country, name };
  if (kind === "igo") return { kind: "igo", id, name };
  return { kind: "actor", id, name };
}

/** An actor named on the command line: an ISO3 code, an id, or a name or alias in the case or the knowledge base. */
export function resolveParty(kb: KnowledgeBase, reports: readonly CaseReport[], query: string): Party {
  const q = query.trim();
  const state = /^[A-Za-z]{3}$/.test(q) ? kb.state(q) : undefined;
  if (state?.country) return { kind: "state", country: state.country, name: state.name };
  const inCase = new Map<string, ActorRef>();
  for (const r of reports) for (const a of r.analysis.actors) inCase.set(keyOf(a), a);
  if (q.includes(":")) {
    const known = kb.actor(q) ?? inCase.get(q);
    if (known) return partyOf(q, known.name, known.kind, known.country);
  }
  const found = new Map<string, { name: string; kind: string; country: string | null }>();
  for (const a of kb.lookup(q)) found.set(a.id, a);
  for (const [id, a] of inCase) if (a.name.toLowerCase() === q.toLowerCase()) found.set(id, a);
  // A name the knowledge base gives to several actors means the one the case is about, if only one is.
  const inThisCase = [...found.keys()].filter((id) => inCase.has(id));
  if (found.size > 1 && inThisCase.length === 1)
    for (const id of [...found.keys()]) if (id !== inThisCase[0]) found.delete(id);
  if (found.size === 1) {
    const [id, a] = [...found][0]!;
    return partyOf(id, a.name, a.kind, a.country);
  }
  if (found.size > 1)
    throw new UsageError(`"${q}" names several actors (${[...found.keys()].join(", ")}); give an id`);
  throw new UsageError(
    `no actor "${q}" in the case or the knowledge base; give an ISO3 code, an id or a name`,
  );
}

function matches(kb: KnowledgeBase, party: Party, ref: ActorRef | null, date: string | null): boolean {
  if (!ref) return false;
  if (party.kind === "actor")
    return keyOf(ref) === party.id || ref.name.toLowerCase() === party.name.toLowerCase();
  const voice = speaksFor(kb, ref, date);
  if (party.kind === "state")
    return (voice.kind === "state" || voice.kind === "non_state") && voice.country === party.country;
  return voice.kind === "igo" && organisationChain(kb, voice.id).includes(party.id);
}

export function goldsteinOf(
  codebook: ReadonlyMap<string, GoldsteinEntry>,
  cameo: string,
): GoldsteinEntry | null {
  return codebook.get(cameo) ?? codebook.get(cameo.slice(0, 3)) ?? codebook.get(cameo.slice(0, 2)) ?? null;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function partyLabel(p: Party): string {
  return p.kind === "state" ? `${p.name} (${p.country})` : `${p.name} (${p.id})`;
}

export function dyadTrend(
  reports: readonly CaseReport[],
  kb: KnowledgeBase,
  codebook: ReadonlyMap<string, GoldsteinEntry>,
  a: Party,
  b: Party,
  info: Pick<CaseInfo, "anchorDate">,
  clusters: EventClusters = clusterEvents(reports),
): DyadTrend {
  if (partyLabel(a) === partyLabel(b)) throw new UsageError("a dyad needs two different actors");
  const events: DyadEvent[] = [];
  for (const c of clusters.clusters) {
    for (const direction of ["a_to_b", "b_to_a"] as const) {
      const [from, to] = direction === "a_to_b" ? [a, b] : [b, a];
      const accounts = c.accounts.filter((x) => {
        const date = x.date ?? x.published ?? info.anchorDate;
        return matches(kb, from, x.source_actor, date) && matches(kb, to, x.target_actor, date);
      });
      if (!accounts.length) continue;
      const codes = new Map<string, number>();
      for (const x of accounts) codes.set(x.cameo, (codes.get(x.cameo) ?? 0) + 1);
      const cameo = [...codes].sort((p, q) => q[1] - p[1] || q[0].length - p[0].length)[0]![0];
      const entry = goldsteinOf(codebook, cameo);
      events.push({
        cluster: c.id,
        date: c.date ?? c.firstReported,
        dateFrom: c.date ? "stated" : c.firstReported ? "first report" : "none",
        direction,
        cameo,
        name: entry?.name ?? null,
        goldstein: entry?.goldstein ?? 0,
        reports: new Set(accounts.map((x) => x.documentId)).size,
        accounts: accounts.map((x) => ({
          documentId: x.documentId,
          source: x.source_actor!.name,
          target: x.target_actor!.name,
          cameo: x.cameo,
          sentence: x.sentence,
        })),
      });
    }
  }
  const byDay = new Map<string, DyadEvent[]>();
  for (const e of events) if (e.date) byDay.set(e.date, [...(byDay.get(e.date) ?? []), e]);
  const days: DyadDay[] = [...byDay]
    .sort((x, y) => x[0].localeCompare(y[0]))
    .map(([date, list]) => {
      const sum = list.reduce((s, e) => s + e.goldstein, 0);
      return {
        date,
        events: list.length,
        mentions: list.reduce((s, e) => s + e.reports, 0),
        goldsteinSum: round(sum),
        goldsteinMean: round(sum / list.length),
        aToB: list.filter((e) => e.direction === "a_to_b").length,
        bToA: list.filter((e) => e.direction === "b_to_a").length,
      };
    });
  const sum = events.reduce((s, e) => s + e.goldstein, 0);
  return {
    a,
    b,
    days,
    events: events.filter((e) => e.date).sort((x, y) => x.date!.localeCompare(y.date!)),
    undated: events.filter((e) => !e.date),
    total: {
      events: events.length,
      goldsteinSum: round(sum),
      goldsteinMean: events.length ? round(sum / events.length) : null,
    },
  };
}
