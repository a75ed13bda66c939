// Cases: the documents about one crisis, grouped so the rest of the analysis layer (clusters,
// timeline, reactions, network, dyads, ACH, scenarios, the brief) reads one crisis at a time.
// A case has an anchor (a date and, optionally, a country); `autoAssign` adds the stored reports
// whose main event matches that anchor, and says why for each.

import { z } from "zod";
import { type ActorRef, type Analysis, CrisisdeskError, type Event, UsageError } from "../domain/index.js";
import type { Store } from "../store/index.js";

/** What a case holds about itself (the store's case row satisfies it). */
export interface CaseInfo {
  id: string;
  title: string;
  anchorDate: string | null;
  country: string | null;
  description: string | null;
}

/** One report of a case: enough of the stored document to cite it, and its analysis. */
export interface CaseReport {
  id: string;
  title: string | null;
  published: string | null;
  source: string;
  url?: string | null;
  analysis: Analysis;
}

export type StoredCase = NonNullable<Awaited<ReturnType<Store["getCase"]>>>;
export type StoredCaseDocument = Awaited<ReturnType<Store["caseDocuments"]>>[number];

// ---------------------------------------------------------------------------------------------
// Dates

const DAY = /^\d{4}-\d{2}-\d{2}/;

/** Days since the epoch for a YYYY-MM-DD date (longer ISO strings are cut), or null. */
export function dayNumber(date: string | null | undefined): number | null {
  if (!date || !DAY.test(date)) return null;
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
}

/** `b - a` in days, or null when either is not a full date. */
export function daysBetween(a: string | null | undefined, b: string | null | undefined): number | null {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === null || y === null ? null : y - x;
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayNumber(value) !== null;
}

// ---------------------------------------------------------------------------------------------
// Creating and filling cases

export function slugify(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "case"
  );
}

export interface NewCase {
  title: string;
  id?: string;
  anchorDate?: string | null;
  country?: string | null;
  description?: string | null;
}

/** Checks a new case's fields and creates it; `knownCountry` says whether an ISO3 code exists. */
export async function createCase(
  store: Store,
  input: NewCase,
  knownCountry: (iso3: string) => boolean = () => true,
): Promise<StoredCase> {
  const title = input.title.trim();
  if (!title) throw new UsageError("a case needs a title");
  const id = input.id?.trim() || slugify(title);
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id))
    throw new UsageError(`--id expects letters, digits, ".", "_" or "-", not "${id}"`);
  if (input.anchorDate && !isDate(input.anchorDate))
    throw new UsageError(`--anchor-date expects a date as YYYY-MM-DD, not "${input.anchorDate}"`);
  const country = input.country ? input.country.trim().toUpperCase() : null;
  if (country && !(/^[A-Z]{3}$/.test(country) && knownCountry(country)))
    throw new UsageError(
      `--country expects a known ISO 3166-1 alpha-3 code such as IRQ, not "${input.country}"`,
    );
  return store.createCase({
    id,
    title,
    anchorDate: input.anchorDate ?? null,
    country,
    description: input.description?.trim() || null,
  });
}

export async function requireCase(store: Store, id: string): Promise<StoredCase> {
  const found = await store.getCase(id);
  if (!found)
    throw new CrisisdeskError("NOT_FOUND", "no such case; `crisisdesk case list` shows the cases", {
      where: id,
    });
  return found;
}

/** A case and its reports, oldest first: what every analysis of a case starts from. */
export async function openCase(
  store: Store,
  id: string,
): Promise<{ info: StoredCase; reports: StoredCaseDocument[] }> {
  const info = await requireCase(store, id);
  return { info, reports: await store.caseDocuments(id) };
}

export interface AddOutcome {
  added: string[];
  already: string[];
  /** Ids that name no stored document. */
  missing: string[];
}

/**
 * Adds documents by exact id (the CLI resolves prefixes before). The ones that exist are added
 * even if some do not; an analyst's add lifts an earlier `case remove`.
 */
export async function addDocumentsToCase(
  store: Store,
  caseId: string,
  ids: readonly string[],
): Promise<AddOutcome> {
  await requireCase(store, caseId);
  const inCase = new Set((await store.caseMembers(caseId)).map((d) => d.id));
  const found = new Set((await store.getAnalyses(ids)).map((d) => d.id));
  const outcome: AddOutcome = { added: [], already: [], missing: [] };
  for (const id of ids) {
    if (!found.has(id)) outcome.missing.push(id);
    else if (inCase.has(id) || outcome.added.includes(id)) outcome.already.push(id);
    else outcome.added.push(id);
  }
  if (outcome.added.length) await store.addToCase(caseId, outcome.added, "analyst");
  const excluded = await stateList(store, caseId, EXCLUDED_STATE_KEY);
  if (excluded.some((id) => found.has(id)))
    await store.putCaseState(
      caseId,
      EXCLUDED_STATE_KEY,
      excluded.filter((id) => !found.has(id)),
    );
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// The anchor event and auto-assignment

/** CAMEO root (the first two digits) as a number: 14 protest … 20 mass violence. */
export function cameoRoot(code: string): number {
  return Number.parseInt(code.slice(0, 2), 10);
}

/** Material conflict in CAMEO's quad classes: protest, force posture, reduced relations, coercion, violence. */
export function isMaterialConflict(event: Pick<Event, "cameo">): boolean {
  return cameoRoot(event.cameo) >= 14;
}

/**
 * The event a report is about: the one its reactions point to (the most pointed-to, on a tie the
 * first), else its first material-conflict event, else none.
 */
export function mainEvent(analysis: Pick<Analysis, "events" | "reactions">): Event | null {
  const votes = new Map<string, number>();
  for (const r of analysis.reactions) if (r.event_id) votes.set(r.event_id, (votes.get(r.event_id) ?? 0) + 1);
  let best: Event | null = null;
  let bestVotes = 0;
  for (const e of analysis.events) {
    const v = votes.get(e.id) ?? 0;
    if (v > bestVotes) {
      best = e;
      bestVotes = v;
    }
  }
  return best ?? analysis.events.find(isMaterialConflict) ?? null;
}

export const ANCHOR_EVENT_DAYS = 3;
export const ANCHOR_PUBLISHED_DAYS = 7;
/** An event dated further than this from the anchor is another event, not a misdated account. */
export const FAR_DAYS = 30;

/** Points a report needs to join a case (with evidence on its date), and to be proposed for review. */
export const JOIN_SCORE = 3;
export const REVIEW_SCORE = 2;

/** What the case already knows about its event beyond the anchor: who was hit, who took part, its words. */
export interface CaseProfile {
  /** The targets of the case reports' events (knowledge-base ids), most reported first. */
  targets: { id: string; name: string; reports: number }[];
  /** Actors most of the case's reports mention (knowledge-base ids). */
  actors: { id: string; name: string }[];
  /** The analyst's keywords, each with the documents whose sentences contain it. */
  keywords: { word: string; documents: ReadonlySet<string> }[];
}

export const EMPTY_PROFILE: CaseProfile = { targets: [], actors: [], keywords: [] };

/** One piece of evidence for (points > 0) or against (points < 0) a report being about the case. */
export interface Evidence {
  kind: "date" | "place" | "target" | "actors" | "keywords";
  points: number;
  reason: string;
}

export type AssignmentDecision = "join" | "review" | "skip";

export interface AnchorMatch {
  /** The report joins the case (decision "join"). */
  matched: boolean;
  decision: AssignmentDecision;
  /** The sum of the evidence's points. */
  score: number;
  /** The event that matched best (or, when none did, the report's main event). */
  event: Event | null;
  evidence: Evidence[];
  /** Why it matched or not, in words an analyst can check. */
  reasons: string[];
}

/** The country of the actor a report mentions most, when one actor clearly leads. */
function leadingActorCountry(analysis: Analysis): { name: string; country: string } | null {
  const ranked = analysis.actors.filter((a) => a.country).sort((a, b) => b.mentions - a.mentions);
  const [first, second] = ranked;
  if (!first || (second && second.mentions === first.mentions)) return null;
  return { name: first.name, country: first.country! };
}

function eventLabel(e: Event): string {
  return `${e.id} (CAMEO ${e.cameo}${e.date ? `, ${e.date}` : ""}${e.location ? `, ${e.location.name}` : ""})`;
}

/** Date evidence of one event: dated near the anchor, or reported soon after it, or neither. */
function dateEvidence(anchorDate: string, e: Event, published: string | null): Evidence {
  const gap = daysBetween(anchorDate, e.date);
  const after = daysBetween(anchorDate, published);
  const soon = after !== null && after >= 0 && after <= ANCHOR_PUBLISHED_DAYS;
  if (gap !== null && Math.abs(gap) <= ANCHOR_EVENT_DAYS)
    return { kind: "date", points: 2, reason: `event dated ${e.date}` };
  if (soon)
    return {
      kind: "date",
      points: 1,
      reason: `report published ${published}${e.date ? ` (event dated ${e.date})` : " (event undated)"}`,
    };
  // A date that contradicts the anchor counts against (a month or more away: another event
  // altogether); no date at all says nothing.
  return {
    kind: "date",
    points: gap === null ? 0 : Math.abs(gap) > FAR_DAYS ? -4 : -2,
    reason: `${e.date ? `dated ${e.date}` : "undated"}, report published ${published ?? "undated"}`,
  };
}

/** Place evidence of one event against the case country. */
function placeEvidence(country: string | null, e: Event, analysis: Analysis): Evidence | null {
  // A case without a country cannot be contradicted on place, and lets a dated event stand alone.
  if (!country) return { kind: "place", points: 1, reason: "the case has no country" };
  const place = e.location?.country ?? null;
  const target = e.target_actor?.country ?? null;
  if (place === country) return { kind: "place", points: 2, reason: `in ${country} (${e.location!.name})` };
  if (target === country)
    return { kind: "place", points: 2, reason: `target ${e.target_actor!.name} of ${target}` };
  if (place || target)
    return {
      kind: "place",
      points: -2,
      reason: `in ${place ?? "?"}, target of ${target ?? "?"}, not ${country}`,
    };
  const lead = leadingActorCountry(analysis);
  if (lead?.country === country)
    return {
      kind: "place",
      points: 1,
      reason: `place and target unknown; the report's most-mentioned actor, ${lead.name}, is of ${lead.country}`,
    };
  return { kind: "place", points: 0, reason: `no place or target in ${country}` };
}

/** Target evidence of one event: it strikes the actor the case's reports say was struck. */
function targetEvidence(profile: CaseProfile, e: Event): Evidence | null {
  const id = e.target_actor?.id;
  const hit = id ? profile.targets.find((t) => t.id === id) : undefined;
  return hit ? { kind: "target", points: 2, reason: `targets ${hit.name}, the case's target` } : null;
}

/**
 * Whether a report is about a case's event, judged on everything the report offers: each of its
 * conflict events (the main one first) is weighed on date (near the anchor, or reported soon
 * after it), place (in the case country, or striking its people) and target (the actor the case's
 * reports say was struck); the best event's evidence is joined by the report's own: whether it
 * mentions the case's target and leading actors, and the analyst's keywords. A report joins with
 * JOIN_SCORE points and some evidence on its date; one with REVIEW_SCORE points, or strong
 * evidence but none on the date, is proposed for the analyst's review rather than dropped.
 */
export function matchAnchor(
  anchor: Pick<CaseInfo, "anchorDate" | "country">,
  report: Pick<CaseReport, "published" | "analysis"> & { id?: string },
  profile: CaseProfile = EMPTY_PROFILE,
): AnchorMatch {
  const skip = (reason: string, event: Event | null = null): AnchorMatch => ({
    matched: false,
    decision: "skip",
    score: 0,
    event,
    evidence: [],
    reasons: [reason],
  });
  if (!anchor.anchorDate) return skip("the case has no anchor date");
  const main = mainEvent(report.analysis);
  if (!main) return skip("the report has no main event");
  const candidates = [main, ...report.analysis.events.filter((e) => e !== main && isMaterialConflict(e))];
  let best: { event: Event; evidence: Evidence[]; score: number; date: number; which: string } | null = null;
  const considered: string[] = [];
  for (const [i, e] of candidates.entries()) {
    const which = i === 0 ? "main event" : "another conflict event it reports";
    const date = dateEvidence(anchor.anchorDate, e, report.published);
    const evidence = [
      date,
      placeEvidence(anchor.country, e, report.analysis),
      targetEvidence(profile, e),
    ].filter((x): x is Evidence => x !== null);
    const score = evidence.reduce((n, x) => n + x.points, 0);
    considered.push(`${eventLabel(e)}: ${evidence.map((x) => x.reason).join("; ")}`);
    if (!best || score > best.score) best = { event: e, evidence, score, date: date.points, which };
  }
  const evidence = [...best!.evidence];
  const actorIds = new Set(report.analysis.actors.map((a) => a.id));
  if (!evidence.some((x) => x.kind === "target")) {
    const named = profile.targets.find((t) => actorIds.has(t.id));
    if (named) evidence.push({ kind: "target", points: 1, reason: `names ${named.name}, the case's target` });
  }
  const shared = profile.actors.filter((a) => actorIds.has(a.id));
  if (shared.length >= 2)
    evidence.push({
      kind: "actors",
      points: 1,
      reason: `names ${shared.length} of the case's leading actors (${shared
        .slice(0, 4)
        .map((a) => a.name)
        .join(", ")})`,
    });
  const id = report.id;
  const words = id ? profile.keywords.filter((k) => k.documents.has(id)).map((k) => k.word) : [];
  if (words.length)
    evidence.push({
      kind: "keywords",
      points: Math.min(2, words.length),
      reason: `mentions the case's keywords ${words.map((w) => `"${w}"`).join(", ")}`,
    });
  const score = evidence.reduce((n, x) => n + x.points, 0);
  const decision: AssignmentDecision =
    score >= JOIN_SCORE && best!.date > 0 ? "join" : score >= REVIEW_SCORE ? "review" : "skip";
  // A skipped report lists every event it was weighed on; the others, the evidence of the best.
  const reasons =
    decision === "skip"
      ? considered
      : [`${best!.which} ${eventLabel(best!.event)}`, ...evidence.map((x) => x.reason)];
  return { matched: decision === "join", decision, score, event: best!.event, evidence, reasons };
}

// ---------------------------------------------------------------------------------------------
// Auto-assignment over the store

export interface AutoAssignment {
  documentId: string;
  title: string | null;
  published: string | null;
  /** added: joins now; already: in the case; review: proposed, the analyst decides (`case add`);
   * excluded: the analyst removed it (`case remove`); skipped: not about the case. */
  status: "added" | "already" | "review" | "excluded" | "skipped";
  match: AnchorMatch;
}

/** The analyst's per-case settings kept beside the ACH and scenarios. */
export const KEYWORDS_STATE_KEY = "keywords";
export const EXCLUDED_STATE_KEY = "excluded";

const stringList = z.array(z.string());

async function stateList(store: Store, caseId: string, key: string): Promise<string[]> {
  const value = await store.getCaseState<unknown>(caseId, key);
  if (value === null) return [];
  const parsed = stringList.safeParse(value);
  if (!parsed.success)
    throw new CrisisdeskError("STORE", `the case's stored ${key} are not a list of strings`, {
      where: caseId,
    });
  return parsed.data;
}

export function caseKeywords(store: Store, caseId: string): Promise<string[]> {
  return stateList(store, caseId, KEYWORDS_STATE_KEY);
}

/** Sets the words `case auto` looks for in a report's sentences (an empty list clears them). */
export async function setCaseKeywords(
  store: Store,
  caseId: string,
  words: readonly string[],
): Promise<string[]> {
  await requireCase(store, caseId);
  const clean = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  await store.putCaseState(caseId, KEYWORDS_STATE_KEY, clean);
  return clean;
}

/** Documents a case's profile is built from: what its members say was struck, and who speaks. */
function buildProfile(
  members: readonly Pick<CaseReport, "published" | "analysis">[],
  anchor: Pick<CaseInfo, "anchorDate" | "country">,
  keywords: CaseProfile["keywords"],
): CaseProfile {
  const targets = new Map<string, { id: string; name: string; reports: number }>();
  const actors = new Map<string, { id: string; name: string; reports: number }>();
  for (const m of members) {
    const matched = matchAnchor(anchor, m).event;
    const t = matched?.target_actor;
    // A state as a target is too broad to find a case's reports by ("Iraq" is in every Iraqi report).
    if (t?.id && t.kind !== "state") {
      const entry = targets.get(t.id) ?? { id: t.id, name: t.name, reports: 0 };
      entry.reports += 1;
      targets.set(t.id, entry);
    }
    for (const a of m.analysis.actors) {
      const entry = actors.get(a.id) ?? { id: a.id, name: a.name, reports: 0 };
      entry.reports += 1;
      actors.set(a.id, entry);
    }
  }
  const half = Math.max(2, Math.ceil(members.length / 2));
  return {
    targets: [...targets.values()]
      .filter((t) => t.reports * 3 >= members.length)
      .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name)),
    actors: [...actors.values()]
      .filter((a) => a.reports >= half && !a.id.startsWith("new:"))
      .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name))
      .map(({ id, name }) => ({ id, name })),
    keywords,
  };
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * Finds the stored reports about a case's event and adds the ones that clearly are. Candidates
 * come through indexed lookups only (events dated near the anchor, reports published soon after
 * it, events striking the case's target, sentences with its keywords), never a scan of the store;
 * each is judged by `matchAnchor` against the case's profile (built from its reports, then again
 * with the ones that joined), and borderline ones are proposed for review, not added.
 */
export async function autoAssign(
  store: Store,
  caseId: string,
  options: { dryRun?: boolean } = {},
): Promise<AutoAssignment[]> {
  const info = await requireCase(store, caseId);
  const anchorDate = info.anchorDate;
  if (!anchorDate)
    throw new UsageError(
      `case "${caseId}" has no anchor date; auto-assignment needs one (case create --anchor-date)`,
    );
  const memberIds = new Set((await store.caseMembers(caseId)).map((m) => m.id));
  const excluded = new Set(await stateList(store, caseId, EXCLUDED_STATE_KEY));
  const keywords: CaseProfile["keywords"] = [];
  for (const word of await caseKeywords(store, caseId))
    keywords.push({ word, documents: new Set((await store.search(word, 2000)).map((h) => h.documentId)) });

  const members = await store.getAnalyses([...memberIds]);
  const near = await store.candidateDocuments({
    eventDays: {
      from: shiftDay(anchorDate, -ANCHOR_EVENT_DAYS),
      to: shiftDay(anchorDate, ANCHOR_EVENT_DAYS),
    },
    published: { from: anchorDate, to: shiftDay(anchorDate, ANCHOR_PUBLISHED_DAYS) },
  });
  const judged = new Map<string, AutoAssignment>();
  const judge = async (ids: Iterable<string>, profile: CaseProfile) => {
    const fresh = [...ids].filter((id) => !memberIds.has(id));
    const docs = await store.getAnalyses(fresh);
    for (const doc of docs) {
      const match = matchAnchor(info, doc, profile);
      const status = excluded.has(doc.id)
        ? "excluded"
        : match.decision === "join"
          ? "added"
          : match.decision === "review"
            ? "review"
            : "skipped";
      judged.set(doc.id, { documentId: doc.id, title: doc.title, published: doc.published, status, match });
    }
  };
  const firstProfile = buildProfile(members, info, keywords);
  await judge(new Set([...near, ...keywords.flatMap((k) => [...k.documents])]), firstProfile);
  // With the reports that joined, the case knows its target and its voices better: judge again,
  // and look for the reports that strike the same target outside the date window.
  const joined = [...judged.values()].filter((a) => a.status === "added").map((a) => a.documentId);
  const secondProfile = buildProfile([...members, ...(await store.getAnalyses(joined))], info, keywords);
  const more = await store.candidateDocuments({ targets: secondProfile.targets.map((t) => t.id) });
  await judge(new Set([...judged.keys(), ...more]), secondProfile);

  const out = [...judged.values()];
  for (const m of members)
    out.push({
      documentId: m.id,
      title: m.title,
      published: m.published,
      status: "already",
      match: matchAnchor(info, m, secondProfile),
    });
  const toAdd = out.filter((a) => a.status === "added").map((a) => a.documentId);
  if (toAdd.length && !options.dryRun) await store.addToCase(caseId, toAdd, "auto");
  return out.sort(
    (a, b) =>
      (a.published ?? "").localeCompare(b.published ?? "") || a.documentId.localeCompare(b.documentId),
  );
}

export interface RemoveOutcome {
  removed: string[];
  /** Inputs that were not in the case. */
  absent: string[];
}

/**
 * Takes documents out of a case and remembers it, so that `case auto` does not add them back
 * (`case add` lifts the exclusion).
 */
export async function removeDocumentsFromCase(
  store: Store,
  caseId: string,
  ids: readonly string[],
): Promise<RemoveOutcome> {
  await requireCase(store, caseId);
  const members = new Set((await store.caseMembers(caseId)).map((m) => m.id));
  const removed = [...new Set(ids)].filter((id) => members.has(id));
  const absent = ids.filter((id) => !members.has(id));
  await store.removeFromCase(caseId, removed);
  const excluded = new Set(await stateList(store, caseId, EXCLUDED_STATE_KEY));
  for (const id of removed) excluded.add(id);
  await store.putCaseState(caseId, EXCLUDED_STATE_KEY, [...excluded].sort());
  return { removed, absent };
}
