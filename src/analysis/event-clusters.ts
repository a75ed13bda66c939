// Events across reports: the same real event told by ten reports becomes one cluster with ten
// accounts. Clustering is by type, date window, target, location and actors; every account keeps
// its report and sentence as provenance, and where the accounts differ (date, place, who did it,
// casualty figures) the cluster lists each version with its reports instead of averaging them.
import type { ActorRef, Event, ItemReview, Location } from "../domain/index.js";
import { casualtyFiguresIn } from "../extraction/index.js";
import { stateNameSet } from "../knowledge/index.js";
import { type CaseReport, cameoRoot, dayNumber, daysBetween } from "./cases.js";

/** One report's account of an event. */
export interface EventAccount {
  documentId: string;
  documentTitle: string | null;
  /** Where the report came from: its URL or file. */
  source: string;
  /** The outlet: the URL's host, else the file. Ten reports from one wire are one outlet. */
  outlet: string;
  published: string | null;
  eventId: string;
  summary: string;
  cameo: string;
  plover: string;
  date: string | null;
  location: Location | null;
  /** The location is the report's dateline ("CAIRO —"): where the reporter was, not the event. */
  dateline: boolean;
  source_actor: ActorRef | null;
  target_actor: ActorRef | null;
  attempted: boolean;
  sentence: string;
  offset: readonly [number, number];
  confidence: number;
  /** How an analyst confirmed the account's event (accepted, corrected, added), if they did. */
  review?: ItemReview["status"];
}

/** One version of a field and the reports that give it. */
export interface Variant {
  value: string;
  reports: number;
  documents: string[];
}

export interface CasualtyFigure {
  kind: "killed" | "wounded";
  /** null for a vague figure ("several", "dozens"). */
  count: number | null;
  phrase: string;
  documentId: string;
  sentence: string;
}

export interface Disagreement {
  field: "date" | "location" | "source_actor" | "casualties";
  variants: Variant[];
}

export interface EventCluster {
  /** E1, E2 … in date order. */
  id: string;
  /** The account chosen to name the cluster: the most complete and confident one. */
  label: string;
  /** The code most accounts give (on a tie, the most specific). */
  cameo: string;
  plover: string;
  /** The date most accounts give, or null when none gives one. */
  date: string | null;
  location: Location | null;
  target: ActorRef | null;
  dates: Variant[];
  locations: Variant[];
  targets: Variant[];
  sourceActors: Variant[];
  casualties: CasualtyFigure[];
  disagreements: Disagreement[];
  /** Distinct reports (documents) carrying the event. */
  reports: number;
  /** Distinct outlets among them. */
  sources: number;
  /** The earliest publication date among the reports carrying it. */
  firstReported: string | null;
  /** Accounts an analyst accepted, corrected or added. */
  confirmed: number;
  accounts: EventAccount[];
  /** The account that names the cluster (the most complete and confident one). */
  representative: { documentId: string; eventId: string };
}

export interface EventClusters {
  clusters: EventCluster[];
  /** The cluster of a report's event: `clusterOf(documentId, eventId)`. */
  clusterOf(documentId: string, eventId: string | null): EventCluster | undefined;
}

export const CLUSTER_WINDOW_DAYS = 2;

// ---------------------------------------------------------------------------------------------
// Accounts

function outletOf(report: CaseReport): string {
  const where = report.url ?? report.analysis.document.source ?? report.source;
  try {
    const url = new URL(where);
    if (url.protocol === "http:" || url.protocol === "https:") return url.hostname.replace(/^www\./, "");
  } catch {
    // a file path, not a URL
  }
  return report.source;
}

/** Whether the event's place is only the dateline the sentence opens with ("BAGHDAD/DUBAI, Nov 7 —"). */
function isDateline(event: Event): boolean {
  if (!event.location) return false;
  // "CAIRO —", "BAGHDAD/DUBAI, Nov 7 (Reuters) —", "HONG KONG (AP) —", "PARIS, May 15, 2024 (AFP) -"
  const head =
    /^([\p{Lu}][\p{Lu}\p{M} .'’/-]{2,}?)(?:,[^—–(]{0,40})?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s/u.exec(
      event.sentence,
    );
  return Boolean(head && head[1]!.toLowerCase().includes(event.location.name.toLowerCase()));
}

export function eventAccounts(reports: readonly CaseReport[]): EventAccount[] {
  return reports.flatMap((report) =>
    report.analysis.events.map((e) => ({
      documentId: report.id,
      documentTitle: report.title,
      source: report.url ?? report.source,
      outlet: outletOf(report),
      published: report.published,
      eventId: e.id,
      summary: e.summary,
      cameo: e.cameo,
      plover: e.plover,
      date: e.date,
      location: e.location,
      dateline: isDateline(e),
      source_actor: e.source_actor,
      target_actor: e.target_actor,
      attempted: e.attempted,
      sentence: e.sentence,
      offset: e.offset,
      confidence: e.confidence,
      ...(e.review ? { review: e.review.status } : {}),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Casualty figures

/** Casualty figures in a sentence, read by extraction's one casualty reader. */
export function casualtyFigures(
  sentence: string,
): { kind: CasualtyFigure["kind"]; count: number | null; phrase: string }[] {
  return casualtyFiguresIn(sentence).map(({ at: _at, ...f }) => f);
}

// ---------------------------------------------------------------------------------------------
// Clustering

/** Reports code one attack as 180, 185, 190 or 195: CAMEO's assault, fight and mass-violence roots are one type here. */
function typeKey(cameo: string): string {
  const root = cameoRoot(cameo);
  return root >= 18 && root <= 20 ? "18-20" : String(root);
}

const actorKey = (a: ActorRef | null): string | null => (a ? (a.id ?? `name:${a.name.toLowerCase()}`) : null);
const hardCountry = (a: EventAccount): string | null => (a.dateline ? null : (a.location?.country ?? null));
/** A place below the state ("Mosul", "the Green Zone"), not the dateline's, in lower case. */
const hardPlace = (a: EventAccount): string | null => {
  const name = a.dateline ? null : a.location?.name?.trim().toLowerCase();
  return name && !stateNameSet().has(name) ? name : null;
};

interface Draft {
  /** Creation order: ties between fitting clusters go to the oldest, as in a scan. */
  index: number;
  type: string;
  accounts: EventAccount[];
  dates: Map<string, number>;
  /** The most given date, kept as accounts join (`modal(dates)`). */
  date: string | null;
  targets: Set<string>;
  countries: Set<string>;
  places: Set<string>;
  sources: Set<string>;
}

/** What clustering compares of an account, computed once. */
interface Keys {
  document: string;
  type: string;
  date: string | null;
  day: number | null;
  target: string | null;
  country: string | null;
  place: string | null;
  source: string | null;
}

function keysOf(a: EventAccount): Keys {
  const day = dayNumber(a.date);
  return {
    document: a.documentId,
    type: typeKey(a.cameo),
    date: day === null ? null : a.date!.slice(0, 10),
    day,
    target: actorKey(a.target_actor),
    country: hardCountry(a),
    place: hardPlace(a),
    source: actorKey(a.source_actor),
  };
}

function modal(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [value, c] of counts)
    if (c > n || (c === n && best !== null && value < best)) [best, n] = [value, c];
  return best;
}

/** How well an account fits a cluster: null when something contradicts it, else a score ≥ 1. */
function fitness(draft: Draft, k: Keys, window: number): number | null {
  if (draft.type !== k.type) return null;
  const clusterDate = draft.date;
  if (k.date && clusterDate && Math.abs(daysBetween(clusterDate, k.date)!) > window) return null;
  // One report gives one happening one day: two days in the same report are two events (reports
  // may disagree with each other; a report does not disagree with itself).
  if (
    k.date &&
    draft.accounts.some((x) => x.documentId === k.document && x.date && x.date.slice(0, 10) !== k.date)
  )
    return null;
  const sameTarget = k.target !== null && draft.targets.has(k.target);
  if (k.target && draft.targets.size && !sameTarget) return null;
  const sameCountry = k.country !== null && draft.countries.has(k.country);
  // A different place splits accounts unless they name the same target: then it is a disagreement.
  if (k.country && draft.countries.size && !sameCountry && !sameTarget) return null;
  // Two cities of one state likewise: a strike in Baghdad and a killing in Mosul are two events.
  if (k.place && draft.places.size && !draft.places.has(k.place) && !sameTarget) return null;
  let score = 0;
  if (sameTarget) score += 3;
  if (sameCountry) score += 2;
  if (k.date && k.date === clusterDate) score += 1;
  if (k.source && draft.sources.has(k.source)) score += 1;
  return score >= 1 ? score : null;
}

function add(draft: Draft, a: EventAccount, k: Keys): void {
  draft.accounts.push(a);
  if (k.date) {
    draft.dates.set(k.date, (draft.dates.get(k.date) ?? 0) + 1);
    draft.date = modal(draft.dates);
  }
  if (k.target) draft.targets.add(k.target);
  if (k.country) draft.countries.add(k.country);
  if (k.place) draft.places.add(k.place);
  if (k.source) draft.sources.add(k.source);
}

/**
 * Clusters of one type, indexed by what an account must share with a cluster to score at all
 * (its target, country, acting actor or exact date): an account is compared with those only, not
 * with every cluster.
 */
class DraftIndex {
  private readonly by = new Map<string, Draft[]>();

  private list(key: string): Draft[] {
    const found = this.by.get(key);
    if (found) return found;
    const fresh: Draft[] = [];
    this.by.set(key, fresh);
    return fresh;
  }

  candidates(k: Keys): Draft[] {
    const seen = new Set<Draft>();
    const keys = [
      k.target && `${k.type}|t|${k.target}`,
      k.country && `${k.type}|c|${k.country}`,
      k.source && `${k.type}|s|${k.source}`,
      k.date && `${k.type}|d|${k.date}`,
    ];
    for (const key of keys) if (key) for (const d of this.by.get(key) ?? []) seen.add(d);
    return [...seen].sort((x, y) => x.index - y.index);
  }

  /** Files a draft under an account's keys once it has joined (the draft's modal date may move,
   * so every date it holds is filed). */
  file(d: Draft, k: Keys): void {
    const put = (key: string) => {
      const l = this.list(key);
      if (!l.includes(d)) l.push(d);
    };
    if (k.target) put(`${k.type}|t|${k.target}`);
    if (k.country) put(`${k.type}|c|${k.country}`);
    if (k.source) put(`${k.type}|s|${k.source}`);
    if (k.date) put(`${k.type}|d|${k.date}`);
  }
}

/** Accounts with a date, a target and a place seed clusters before vaguer ones join them. */
function completeness(a: EventAccount): number {
  return (a.target_actor ? 4 : 0) + (a.date ? 2 : 0) + (hardCountry(a) ? 2 : 0) + (a.source_actor ? 1 : 0);
}

function variants(accounts: EventAccount[], value: (a: EventAccount) => string | null): Variant[] {
  const by = new Map<string, Set<string>>();
  for (const a of accounts) {
    const v = value(a);
    if (v === null) continue;
    const docs = by.get(v) ?? new Set<string>();
    by.set(v, docs.add(a.documentId));
  }
  return [...by]
    .map(([v, docs]) => ({ value: v, reports: docs.size, documents: [...docs] }))
    .sort((x, y) => y.reports - x.reports || x.value.localeCompare(y.value));
}

const placeLabel = (a: EventAccount): string | null =>
  a.location
    ? `${a.location.name}${a.location.country ? `, ${a.location.country}` : ""}${a.dateline ? " (dateline)" : ""}`
    : null;

function finish(draft: Draft): Omit<EventCluster, "id"> {
  const accounts = draft.accounts;
  const codes = new Map<string, number>();
  for (const a of accounts) codes.set(a.cameo, (codes.get(a.cameo) ?? 0) + 1);
  const cameo = [...codes].sort(
    (x, y) => y[1] - x[1] || y[0].length - x[0].length || x[0].localeCompare(y[0]),
  )[0]![0];
  const date = modal(draft.dates);
  // The account that names the cluster agrees with the majority on code and date, then is the most
  // complete and confident: a headline ("Iran condemns attack on Kadhimi") rarely is.
  const representative = [...accounts].sort(
    (x, y) =>
      Number(y.cameo === cameo) - Number(x.cameo === cameo) ||
      Number(Boolean(date) && y.date?.slice(0, 10) === date) -
        Number(Boolean(date) && x.date?.slice(0, 10) === date) ||
      completeness(y) - completeness(x) ||
      y.confidence - x.confidence ||
      (x.published ?? "9999").localeCompare(y.published ?? "9999"),
  )[0]!;
  const located = accounts.filter((a) => a.location && !a.dateline);
  const placeVotes = variants(located, placeLabel);
  const place = located.find((a) => placeLabel(a) === placeVotes[0]?.value)?.location ?? null;
  const targets = variants(accounts, (a) => a.target_actor?.name ?? null);
  const target = accounts.find((a) => a.target_actor?.name === targets[0]?.value)?.target_actor ?? null;

  const seen = new Set<string>();
  const casualties: CasualtyFigure[] = [];
  for (const a of accounts) {
    const key = `${a.documentId}#${a.offset[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const f of casualtyFigures(a.sentence))
      casualties.push({ ...f, documentId: a.documentId, sentence: a.sentence });
  }

  const dates = variants(accounts, (a) => (dayNumber(a.date) === null ? null : a.date!.slice(0, 10)));
  const locations = variants(accounts, placeLabel);
  const sourceActors = variants(accounts, (a) => a.source_actor?.name ?? null);
  const disagreements: Disagreement[] = [];
  if (dates.length > 1) disagreements.push({ field: "date", variants: dates });
  if (new Set(accounts.flatMap((a) => (a.location?.country ? [a.location.country] : []))).size > 1)
    disagreements.push({ field: "location", variants: locations });
  if (sourceActors.length > 1) disagreements.push({ field: "source_actor", variants: sourceActors });
  for (const kind of ["killed", "wounded"] as const) {
    const figures = new Map<string, Set<string>>();
    for (const c of casualties.filter((f) => f.kind === kind)) {
      const value = `${c.count ?? c.phrase.toLowerCase()} ${kind}`;
      figures.set(value, (figures.get(value) ?? new Set()).add(c.documentId));
    }
    // "several wounded" does not contradict "six wounded"; two different numbers do.
    const numbers = new Set(
      casualties.filter((f) => f.kind === kind && f.count !== null).map((f) => f.count),
    );
    if (numbers.size > 1)
      disagreements.push({
        field: "casualties",
        variants: [...figures]
          .map(([value, docs]) => ({ value, reports: docs.size, documents: [...docs] }))
          .sort((x, y) => y.reports - x.reports || x.value.localeCompare(y.value)),
      });
  }

  const published = accounts
    .map((a) => a.published)
    .filter((p): p is string => Boolean(p))
    .sort();
  return {
    // An account lifted from a headline has the report's title as its summary; its sentence says more.
    label:
      representative.summary === representative.documentTitle
        ? representative.sentence
        : representative.summary,
    cameo,
    plover: accounts.find((a) => a.cameo === cameo)!.plover,
    date,
    location: place,
    target,
    dates,
    locations,
    targets,
    sourceActors,
    casualties,
    disagreements,
    reports: new Set(accounts.map((a) => a.documentId)).size,
    sources: new Set(accounts.map((a) => a.outlet)).size,
    firstReported: published[0] ?? null,
    confirmed: accounts.filter((a) => a.review).length,
    representative: { documentId: representative.documentId, eventId: representative.eventId },
    accounts: [...accounts].sort(
      (x, y) =>
        (x.published ?? "9999").localeCompare(y.published ?? "9999") ||
        x.documentId.localeCompare(y.documentId),
    ),
  };
}

/**
 * Clusters a case's events into real events. An account joins the cluster it fits best; it fits
 * when nothing contradicts (same type; date within ±2 days of the cluster's; same target when both
 * name one; same country unless the target is the same) and something agrees (target, country,
 * exact date or acting actor). Accounts that fit nowhere start their own cluster.
 */
export function clusterEvents(
  reports: readonly CaseReport[],
  options: { windowDays?: number } = {},
): EventClusters {
  const window = options.windowDays ?? CLUSTER_WINDOW_DAYS;
  const accounts = eventAccounts(reports);
  const order = accounts
    .map((a, i) => ({ a, i }))
    .sort(
      (x, y) =>
        completeness(y.a) - completeness(x.a) ||
        y.a.confidence - x.a.confidence ||
        (x.a.published ?? "9999").localeCompare(y.a.published ?? "9999") ||
        x.i - y.i,
    )
    .map((x) => x.a);
  const drafts: Draft[] = [];
  const index = new DraftIndex();
  for (const a of order) {
    const k = keysOf(a);
    let best: Draft | null = null;
    let bestScore = 0;
    for (const d of index.candidates(k)) {
      const score = fitness(d, k, window);
      if (score !== null && score > bestScore) [best, bestScore] = [d, score];
    }
    if (!best) {
      best = {
        index: drafts.length,
        type: k.type,
        accounts: [],
        dates: new Map(),
        date: null,
        targets: new Set(),
        countries: new Set(),
        places: new Set(),
        sources: new Set(),
      };
      drafts.push(best);
    }
    add(best, a, k);
    index.file(best, k);
  }
  const clusters = drafts
    .map(finish)
    .sort(
      (x, y) =>
        (x.date ?? x.firstReported ?? "9999").localeCompare(y.date ?? y.firstReported ?? "9999") ||
        Number(!x.date) - Number(!y.date) ||
        y.reports - x.reports ||
        (x.firstReported ?? "9999").localeCompare(y.firstReported ?? "9999") ||
        x.label.localeCompare(y.label),
    )
    .map((c, i) => ({ id: `E${i + 1}`, ...c }));
  const byAccount = new Map<string, EventCluster>();
  for (const c of clusters) for (const a of c.accounts) byAccount.set(`${a.documentId}#${a.eventId}`, c);
  return {
    clusters,
    clusterOf: (documentId, eventId) => (eventId ? byAccount.get(`${documentId}#${eventId}`) : undefined),
  };
}
