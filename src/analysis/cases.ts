// Cases: the documents about one crisis, grouped so the rest of the analysis layer (clusters,
// timeline, reactions, network, dyads, ACH, scenarios, the brief) reads one crisis at a time.
// A case has an anchor (a date and, optionally, a country); `autoAssign` adds the stored reports
// whose main event matches that anchor, and says why for each.
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
  /** Inputs that name no document, or more than one (a prefix that is not unique). */
  missing: string[];
}

/** Adds documents named by id or unique id prefix; the ones that resolve are added even if some do not. */
export async function addDocumentsToCase(
  store: Store,
  caseId: string,
  refs: readonly string[],
): Promise<AddOutcome> {
  await requireCase(store, caseId);
  const inCase = new Set((await store.caseDocuments(caseId)).map((d) => d.id));
  const outcome: AddOutcome = { added: [], already: [], missing: [] };
  const ids: string[] = [];
  for (const ref of refs) {
    const doc = ref.trim() ? await store.getDocument(ref.trim()) : null;
    if (!doc) outcome.missing.push(ref);
    else if (inCase.has(doc.id) || ids.includes(doc.id)) outcome.already.push(doc.id);
    else ids.push(doc.id);
  }
  if (ids.length) await store.addToCase(caseId, ids, "analyst");
  outcome.added = ids;
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

export interface AnchorMatch {
  matched: boolean;
  /** The event that matched (or, when nothing did, the report's main event). */
  event: Event | null;
  /** Why it matched or not, in words an analyst can check. */
  reasons: string[];
}

function countryOf(ref: ActorRef | null): string | null {
  return ref?.country ?? null;
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

/**
 * Whether a report belongs to a case: its main event is dated within ±3 days of the anchor date
 * (or, undated or misdated, the report was published within 7 days after it), and the event's
 * location or target is in the case country when the case has one. When the main event fails,
 * the report's other material-conflict events are tried: a follow-up report's headline event is
 * often the follow-up itself ("Iraq detains officers …") while it still reports the attack.
 */
export function matchAnchor(
  anchor: Pick<CaseInfo, "anchorDate" | "country">,
  report: Pick<CaseReport, "published" | "analysis">,
): AnchorMatch {
  if (!anchor.anchorDate) return { matched: false, event: null, reasons: ["the case has no anchor date"] };
  const main = mainEvent(report.analysis);
  if (!main) return { matched: false, event: null, reasons: ["the report has no main event"] };
  const candidates = [main, ...report.analysis.events.filter((e) => e !== main && isMaterialConflict(e))];
  const failures: string[] = [];
  for (const [i, e] of candidates.entries()) {
    const reasons: string[] = [];
    const gap = daysBetween(anchor.anchorDate, e.date);
    const published = daysBetween(anchor.anchorDate, report.published);
    if (gap !== null && Math.abs(gap) <= ANCHOR_EVENT_DAYS) reasons.push(`event dated ${e.date}`);
    else if (published !== null && published >= 0 && published <= ANCHOR_PUBLISHED_DAYS)
      reasons.push(
        `report published ${report.published}${e.date ? ` (event dated ${e.date})` : " (event undated)"}`,
      );
    else {
      failures.push(
        `${eventLabel(e)}: ${e.date ? `dated ${e.date}` : "undated"}, report published ${report.published ?? "undated"}`,
      );
      continue;
    }
    if (anchor.country) {
      const place = e.location?.country ?? null;
      const target = countryOf(e.target_actor);
      if (place === anchor.country) reasons.push(`in ${anchor.country} (${e.location!.name})`);
      else if (target === anchor.country) reasons.push(`target ${e.target_actor!.name} of ${target}`);
      else if (!place && !target) {
        const lead = leadingActorCountry(report.analysis);
        if (lead?.country !== anchor.country) {
          failures.push(`${eventLabel(e)}: no place or target in ${anchor.country}`);
          continue;
        }
        reasons.push(
          `place and target unknown; the report's most-mentioned actor, ${lead.name}, is of ${lead.country}`,
        );
      } else {
        failures.push(
          `${eventLabel(e)}: in ${place ?? "?"}, target of ${target ?? "?"}, not ${anchor.country}`,
        );
        continue;
      }
    }
    const which = i === 0 ? "main event" : "another conflict event it reports";
    return { matched: true, event: e, reasons: [`${which} ${eventLabel(e)}`, ...reasons] };
  }
  return { matched: false, event: main, reasons: failures };
}

export interface AutoAssignment {
  documentId: string;
  title: string | null;
  published: string | null;
  status: "added" | "already" | "skipped";
  match: AnchorMatch;
}

/** Matches every stored report against the case's anchor and adds the ones that match. */
export async function autoAssign(
  store: Store,
  caseId: string,
  options: { dryRun?: boolean } = {},
): Promise<AutoAssignment[]> {
  const info = await requireCase(store, caseId);
  if (!info.anchorDate)
    throw new UsageError(
      `case "${caseId}" has no anchor date; auto-assignment needs one (case create --anchor-date)`,
    );
  const inCase = new Set((await store.caseDocuments(caseId)).map((d) => d.id));
  const out: AutoAssignment[] = [];
  for (const row of await store.listDocuments()) {
    const doc = await store.getDocument(row.id);
    if (!doc) continue;
    const match = matchAnchor(info, doc);
    const status = inCase.has(doc.id) ? "already" : match.matched ? "added" : "skipped";
    out.push({ documentId: doc.id, title: doc.title, published: doc.published, status, match });
  }
  const toAdd = out.filter((a) => a.status === "added").map((a) => a.documentId);
  if (toAdd.length && !options.dryRun) await store.addToCase(caseId, toAdd, "auto");
  return out.sort((a, b) => (a.published ?? "").localeCompare(b.published ?? ""));
}
