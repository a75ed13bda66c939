// Analysis of Competing Hypotheses (Heuer) for a case's attribution question: who did it?
// Hypotheses are seeded from the case's attribution claims, evidence from the claims' cited
// evidence and from events and reactions (claims of responsibility, denials, downplaying,
// weapons, prior threats); the engine suggests consistency ratings that the analyst confirms or
// changes, and scores follow the PARC ACH weighted inconsistency convention. The state lives in
// the case's analyst state under "ach"; docs/ach-and-scenarios.md explains every rule.
import {
  type ActorRef,
  type Analysis,
  CrisisdeskError,
  type DocumentOrigin,
  gradeText,
  gradeWeight,
  ITEM_KINDS,
  ITEM_LISTS,
  type Item,
  isGraded,
  itemGrade,
  type SourceGrade,
  type Span,
  sourceGradeOf,
  UsageError,
} from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Store } from "../store/index.js";
import { actorKey, actorsSpokenFor, type CaseDocumentInput } from "./indicator-query.js";

// ---------------------------------------------------------------------------------------------
// The vocabulary

export const RATINGS = ["CC", "C", "N", "I", "II"] as const;
export type Rating = (typeof RATINGS)[number];

/** Consistency on a signed scale, used for diagnosticity: CC +2 … II −2. */
export const CONSISTENCY: Record<Rating, number> = { CC: 2, C: 1, N: 0, I: -1, II: -2 };

/** What a rating adds to a hypothesis's inconsistency (PARC ACH: only I and II count). */
export const INCONSISTENCY: Record<Rating, number> = { CC: 0, C: 0, N: 0, I: 1, II: 2 };

/** PARC ACH's credibility and relevance levels as numbers; the analyst may also give any number. */
export const WEIGHT_LEVELS = { low: Math.SQRT1_2, medium: 1, high: Math.SQRT2 } as const;

export const EVIDENCE_KINDS = [
  "claim_of_responsibility",
  "accusation",
  "cited_evidence",
  "denial",
  "downplay",
  "weapon",
  "prior_threat",
  "analyst",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Default relevance by kind of evidence: a claim of responsibility bears most directly on "who
 * did it", an unsupported accusation, a denial or downplaying least (each is what one would
 * expect to hear whoever did it).
 */
export const DEFAULT_RELEVANCE: Record<EvidenceKind, number> = {
  claim_of_responsibility: WEIGHT_LEVELS.high,
  cited_evidence: WEIGHT_LEVELS.medium,
  weapon: WEIGHT_LEVELS.medium,
  prior_threat: WEIGHT_LEVELS.medium,
  accusation: WEIGHT_LEVELS.low,
  denial: WEIGHT_LEVELS.low,
  downplay: WEIGHT_LEVELS.low,
  analyst: WEIGHT_LEVELS.medium,
};

export const OTHER_LABEL = "Other / unknown";

export interface Hypothesis {
  id: string;
  label: string;
  /** Actor keys (knowledge-base ids, or "new:slug" for unresolved names) the hypothesis blames. */
  actors: string[];
  /** The catch-all "Other / unknown" hypothesis. */
  other: boolean;
  origin: "seeded" | "analyst";
  /** The analyst renamed it: re-seeding keeps the label. */
  renamed: boolean;
}

export interface EvidenceSource {
  documentId: string;
  documentTitle: string | null;
  published: string | null;
  sentence: string;
  offset: Span;
  /** The source's Admiralty grade ("B2") when an analyst graded the outlet or the item. */
  grade?: string;
}

export interface EvidenceItem {
  id: string;
  /** What the item was seeded from (stable across re-seeding); null for the analyst's own items. */
  key: string | null;
  kind: EvidenceKind;
  summary: string;
  /** The actors the item is about: who claimed, denied, was accused, threatened, used the weapon. */
  actors: { key: string; name: string }[];
  /** Who made the accusation or cited the evidence ("the author" for the report's own voice). */
  claimant: string | null;
  /** The earliest publication date among its sources. */
  date: string | null;
  sources: EvidenceSource[];
  /** The extraction's confidence (the highest among its sources); with the sources' Admiralty
   * grades, the default credibility (see applyGrades). */
  confidence: number;
  credibility: number;
  relevance: number;
  edited: { credibility: boolean; relevance: boolean };
  origin: "seeded" | "analyst";
}

export interface RatingCell {
  evidence: string;
  hypothesis: string;
  rating: Rating;
  /** The engine's suggestion, not yet confirmed by the analyst. */
  suggested: boolean;
  reason: string;
}

export interface AchState {
  version: 1;
  seededAt: string | null;
  hypotheses: Hypothesis[];
  evidence: EvidenceItem[];
  ratings: RatingCell[];
  /** What the analyst removed, so that re-seeding does not bring it back. */
  dismissed: { actors: string[]; other: boolean; evidence: string[] };
  next: { hypothesis: number; evidence: number };
}

export function emptyAchState(): AchState {
  return {
    version: 1,
    seededAt: null,
    hypotheses: [],
    evidence: [],
    ratings: [],
    dismissed: { actors: [], other: false, evidence: [] },
    next: { hypothesis: 1, evidence: 1 },
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding

export interface SeedInput {
  documents: readonly (CaseDocumentInput & Partial<DocumentOrigin>)[];
  /** The analyst's grades of sources (crisisdesk sources): they weigh the evidence's credibility. */
  grades?: readonly SourceGrade[];
  kb: KnowledgeBase;
  /** The case's anchor date: threats after it are not "prior". */
  anchorDate?: string | null;
  now?: Date;
}

interface Seed {
  key: string;
  kind: EvidenceKind;
  actors: Map<string, string>;
  claimants: Set<string>;
  texts: Set<string>;
  sources: EvidenceSource[];
  confidence: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function summaryOf(seed: Seed): string {
  const names = [...seed.actors.values()];
  const who = names.length ? names.join(", ") : "unnamed actors";
  const by = [...seed.claimants].join(", ");
  switch (seed.kind) {
    case "claim_of_responsibility":
      return `${who} claimed responsibility`;
    case "denial":
      return `${who} denied responsibility`;
    case "downplay":
      return `${who} downplayed the attack or cast doubt on it`;
    case "accusation":
      return by === "the author" ? `Reports point to ${who}` : `${by} accused ${who}`;
    case "cited_evidence":
      return `${[...seed.texts][0]} (cited by ${by} against ${who})`;
    case "weapon":
      return `Weapon or mode of attack: ${[...seed.texts][0]}${names.length ? ` (reports name ${who} as the attacker)` : ""}`;
    case "prior_threat":
      return `${who} made threats beforehand: ${[...seed.texts][0]}`;
    case "analyst":
      return [...seed.texts][0] ?? "";
  }
}

/** An unresolved name without the preposition the extraction left on it ("on the factions"). */
function cleanName(ref: ActorRef): string {
  return actorKey(ref).startsWith("new:") ? ref.name.replace(/^((on|against|by|of|the)\s+)+/i, "") : ref.name;
}

function isClaimOf(kb: KnowledgeBase, claimant: ActorRef, accused: ActorRef, date: string | null): boolean {
  return actorsSpokenFor(kb, actorKey(claimant), date).has(actorKey(accused));
}

/** Everything in a case's documents that bears on who did it. */
function collectSeeds(input: SeedInput): {
  seeds: Seed[];
  suspects: Map<string, { name: string; weight: number }>;
} {
  const seeds = new Map<string, Seed>();
  const suspects = new Map<string, { name: string; weight: number }>();
  const suspect = (ref: ActorRef) => {
    const key = actorKey(ref);
    const s = suspects.get(key) ?? { name: cleanName(ref), weight: 0 };
    s.weight++;
    suspects.set(key, s);
  };
  const add = (
    key: string,
    kind: EvidenceKind,
    doc: CaseDocumentInput,
    at: { sentence: string; offset: Span; confidence: number },
    extra: { actor?: ActorRef | null; claimant?: string; text?: string } = {},
  ) => {
    const seed: Seed = seeds.get(key) ?? {
      key,
      kind,
      actors: new Map(),
      claimants: new Set(),
      texts: new Set(),
      sources: [],
      confidence: 0,
    };
    if (extra.actor) seed.actors.set(actorKey(extra.actor), cleanName(extra.actor));
    if (extra.claimant) seed.claimants.add(extra.claimant);
    if (extra.text) seed.texts.add(extra.text);
    if (!seed.sources.some((s) => s.documentId === doc.id && s.offset[0] === at.offset[0]))
      seed.sources.push({
        documentId: doc.id,
        documentTitle: doc.title,
        published: doc.published,
        sentence: at.sentence,
        offset: at.offset,
      });
    seed.confidence = Math.max(seed.confidence, at.confidence);
    seeds.set(key, seed);
  };

  for (const doc of input.documents) {
    const a = doc.analysis;
    for (const x of a.attributions) {
      const accused = actorKey(x.accused);
      if (x.claimant !== "author" && isClaimOf(input.kb, x.claimant, x.accused, doc.published)) {
        suspect(x.accused);
        add(`claim:${accused}`, "claim_of_responsibility", doc, x, { actor: x.accused });
        continue;
      }
      suspect(x.accused);
      const claimant = x.claimant === "author" ? "the author" : x.claimant.name;
      if (x.evidence) {
        const text = x.evidence.trim();
        const key = `evidence:${text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .slice(0, 80)}`;
        add(key, "cited_evidence", doc, x, { actor: x.accused, claimant, text });
      } else {
        const by = x.claimant === "author" ? "author" : actorKey(x.claimant);
        add(`accusation:${by}:${accused}`, "accusation", doc, x, { actor: x.accused, claimant });
      }
    }
    for (const r of a.reactions) {
      const key = actorKey(r.actor);
      if (r.stance === "claim_responsibility") {
        suspect(r.actor);
        add(`claim:${key}`, "claim_of_responsibility", doc, r, { actor: r.actor });
      } else if (r.stance === "deny") add(`denial:${key}`, "denial", doc, r, { actor: r.actor });
      else if (r.stance === "downplay") add(`downplay:${key}`, "downplay", doc, r, { actor: r.actor });
    }
    for (const e of a.events) {
      const actor = e.source_actor;
      if (actor && e.cameo.startsWith("015")) {
        suspect(actor);
        add(`claim:${actorKey(actor)}`, "claim_of_responsibility", doc, e, { actor });
      } else if (actor && e.cameo.startsWith("016"))
        add(`denial:${actorKey(actor)}`, "denial", doc, e, { actor });
      else if (e.plover === "ASSAULT" && e.mode)
        add(`mode:${e.mode}`, "weapon", doc, e, { actor, text: e.mode });
      else if (e.plover === "THREATEN" && actor) {
        const date = e.date ?? doc.published;
        if (!input.anchorDate || !date || date.slice(0, 10) <= input.anchorDate.slice(0, 10))
          add(`threat:${actorKey(actor)}`, "prior_threat", doc, e, { actor, text: e.summary });
      }
    }
  }
  return { seeds: [...seeds.values()], suspects };
}

/** Whether the knowledge base says `x` is part of, a proxy of, or (for a person) an office of `y`. */
function under(kb: KnowledgeBase, x: string, y: string): boolean {
  return (
    kb.affiliationsOf(x).some((e) => e.to === y && (e.type === "part_of" || e.type === "proxy_of")) ||
    (kb.actor(x)?.kind === "person" && actorsSpokenFor(kb, x, null).has(y))
  );
}

/** Suspects grouped into hypotheses: the same actor, or one part of / a proxy of the other. */
function groupSuspects(
  kb: KnowledgeBase,
  suspects: Map<string, { name: string; weight: number }>,
): { actors: string[]; label: string; weight: number }[] {
  const keys = [...suspects.keys()];
  const parent = new Map(keys.map((k) => [k, k]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++)
      if (under(kb, keys[i]!, keys[j]!) || under(kb, keys[j]!, keys[i]!))
        parent.set(find(keys[i]!), find(keys[j]!));
  const groups = new Map<string, string[]>();
  for (const k of keys) groups.set(find(k), [...(groups.get(find(k)) ?? []), k]);
  return [...groups.values()]
    .map((actors) => {
      // The parent organisation first: "Popular Mobilization Forces / Kata'ib Hezbollah".
      const isParent = (k: string) => actors.some((o) => o !== k && under(kb, o, k));
      const weight = actors.reduce((n, k) => n + suspects.get(k)!.weight, 0);
      const ordered = [...actors].sort(
        (x, y) =>
          Number(isParent(y)) - Number(isParent(x)) ||
          suspects.get(y)!.weight - suspects.get(x)!.weight ||
          x.localeCompare(y),
      );
      return { actors: ordered, label: ordered.map((k) => suspects.get(k)!.name).join(" / "), weight };
    })
    .sort((x, y) => y.weight - x.weight || x.label.localeCompare(y.label));
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Seeds (or re-seeds) the ACH state from a case's documents. Analyst edits survive: renamed
 * labels, added or removed hypotheses and evidence, edited weights and confirmed ratings.
 */
export function seedAch(input: SeedInput, previous: AchState | null = null): AchState {
  const state = clone(previous ?? emptyAchState());
  const { kb } = input;
  const { seeds, suspects } = collectSeeds(input);
  const dismissedActors = new Set(state.dismissed.actors);

  for (const group of groupSuspects(kb, suspects)) {
    const members = group.actors.filter((k) => !dismissedActors.has(k));
    if (members.length === 0) continue;
    const existing = state.hypotheses.find(
      (h) => h.origin === "seeded" && !h.other && h.actors.some((a) => members.includes(a)),
    );
    if (existing) {
      existing.actors = [...new Set([...existing.actors, ...members])];
      if (!existing.renamed && existing.actors.every((k) => suspects.has(k)))
        existing.label = existing.actors.map((k) => suspects.get(k)!.name).join(" / ");
      continue;
    }
    const hypothesis: Hypothesis = {
      id: `H${state.next.hypothesis++}`,
      label: members.map((k) => suspects.get(k)!.name).join(" / "),
      actors: members,
      other: false,
      origin: "seeded",
      renamed: false,
    };
    const otherAt = state.hypotheses.findIndex((h) => h.other);
    if (otherAt < 0) state.hypotheses.push(hypothesis);
    else state.hypotheses.splice(otherAt, 0, hypothesis);
  }
  if (!state.dismissed.other && !state.hypotheses.some((h) => h.other))
    state.hypotheses.push({
      id: `H${state.next.hypothesis++}`,
      label: OTHER_LABEL,
      actors: [],
      other: true,
      origin: "seeded",
      renamed: false,
    });

  const dismissedEvidence = new Set(state.dismissed.evidence);
  const seededKeys = new Set<string>();
  for (const seed of seeds) {
    if (dismissedEvidence.has(seed.key)) continue;
    seededKeys.add(seed.key);
    const fresh = {
      kind: seed.kind,
      summary: summaryOf(seed),
      actors: [...seed.actors].map(([key, name]) => ({ key, name })),
      claimant: seed.claimants.size ? [...seed.claimants].join(", ") : null,
      date:
        seed.sources
          .map((s) => s.published)
          .filter((d): d is string => d !== null)
          .sort()[0] ?? null,
      sources: seed.sources,
      confidence: round2(seed.confidence),
    };
    const existing = state.evidence.find((e) => e.key === seed.key);
    if (existing) {
      Object.assign(existing, fresh);
      if (!existing.edited.credibility) existing.credibility = fresh.confidence;
      if (!existing.edited.relevance) existing.relevance = DEFAULT_RELEVANCE[seed.kind];
    } else
      state.evidence.push({
        id: `E${state.next.evidence++}`,
        key: seed.key,
        ...fresh,
        credibility: fresh.confidence,
        relevance: DEFAULT_RELEVANCE[seed.kind],
        edited: { credibility: false, relevance: false },
        origin: "seeded",
      });
  }
  // A seeded item whose reports left the case goes, unless the analyst has worked on it.
  state.evidence = state.evidence.filter(
    (e) =>
      e.origin === "analyst" ||
      seededKeys.has(e.key!) ||
      e.edited.credibility ||
      e.edited.relevance ||
      state.ratings.some((r) => r.evidence === e.id && !r.suggested),
  );
  state.seededAt = (input.now ?? new Date()).toISOString();
  return refreshSuggestions(applyGrades(state, input.documents, input.grades ?? []), kb);
}

// ---------------------------------------------------------------------------------------------
// Source grades

/** A case document as grading reads it: where it came from, and its items (which an analyst may
 * have graded one by one). */
export type GradedDocument = CaseDocumentInput & Partial<DocumentOrigin>;

/** The information credibility an analyst gave an item at this place of the report, if any. */
function itemCredibility(analysis: Analysis, offset: Span) {
  let best: Item["credibility"];
  for (const kind of ITEM_KINDS)
    for (const item of analysis[ITEM_LISTS[kind]] as Item[])
      if (item.credibility && item.offset[0] === offset[0] && item.offset[1] === offset[1])
        best =
          best === undefined ? item.credibility : (Math.min(best, item.credibility) as Item["credibility"]);
  return best;
}

/**
 * Weighs each seeded item's credibility by its sources' Admiralty grades: the extraction's
 * confidence times the best-graded source's factor (gradeWeight: A1 ×√2 … E5 ×√½, F6 ×1), and
 * marks each source with its grade. Credibility the analyst set by hand is left alone. Applied
 * whenever the ACH is read, so a new grade takes effect without re-seeding.
 */
export function applyGrades(
  state: AchState,
  documents: readonly GradedDocument[],
  grades: readonly SourceGrade[],
): AchState {
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const e of state.evidence) {
    if (e.origin !== "seeded") continue;
    let factor = 0;
    for (const source of e.sources) {
      const doc = byId.get(source.documentId);
      const outlet =
        doc && doc.source !== undefined
          ? sourceGradeOf({ url: doc.url ?? null, author: doc.author ?? null, source: doc.source }, grades)
          : null;
      const grade = itemGrade(outlet, doc ? itemCredibility(doc.analysis, source.offset) : undefined);
      if (isGraded(grade)) source.grade = gradeText(grade);
      else delete source.grade;
      factor = Math.max(factor, gradeWeight(grade));
    }
    if (!e.edited.credibility) e.credibility = round2(e.confidence * (factor || 1));
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// The engine's suggested ratings

function suggest(
  kb: KnowledgeBase,
  e: EvidenceItem,
  h: Hypothesis,
  hypotheses: readonly Hypothesis[],
): { rating: Rating; reason: string } {
  if (e.kind === "analyst") return { rating: "N", reason: "the analyst's own evidence: rate it by hand" };
  if (!h.other && h.actors.length === 0)
    return { rating: "N", reason: "no actors are linked to this hypothesis: rate it by hand" };
  const names = e.actors.map((a) => a.name).join(", ") || "no named actor";
  const expanded = new Set(e.actors.flatMap((a) => [...actorsSpokenFor(kb, a.key, e.date)]));
  const blames = (x: Hypothesis) => !x.other && x.actors.some((k) => expanded.has(k));
  const backers = new Set(
    [...expanded].flatMap((k) =>
      kb
        .affiliationsOf(k, e.date ?? undefined)
        .filter((x) => x.type === "backed_by")
        .map((x) => x.to),
    ),
  );
  const backs = !h.other && h.actors.some((k) => backers.has(k));
  const named = hypotheses.some(blames);
  const inH = blames(h);
  switch (e.kind) {
    case "claim_of_responsibility":
      if (inH) return { rating: "CC", reason: `${names} claimed responsibility` };
      if (h.other)
        return named
          ? { rating: "I", reason: `${names}, a named suspect, claimed responsibility` }
          : { rating: "C", reason: `${names}, whom no hypothesis names, claimed responsibility` };
      if (backs)
        return {
          rating: "N",
          reason: `${names} claimed it and is backed by ${h.label}: consistent with acting through it, not proof`,
        };
      return {
        rating: "I",
        reason: `${names} claimed responsibility, which argues against another perpetrator`,
      };
    case "denial":
      return inH
        ? { rating: "N", reason: "a denial is what one would hear whether or not they did it" }
        : { rating: "N", reason: `${names}'s denial says nothing about this hypothesis` };
    case "downplay":
      return inH
        ? { rating: "N", reason: "mockery or doubt about the attack is expected from them either way" }
        : { rating: "N", reason: `${names} downplaying the attack says nothing about this hypothesis` };
    case "accusation":
      if (inH)
        return { rating: "C", reason: `${e.claimant ?? "a source"} blames ${names}, citing no evidence` };
      if (h.other && !named)
        return { rating: "C", reason: `the accused (${names}) is not named by any hypothesis` };
      return { rating: "N", reason: "an accusation without evidence says little about other hypotheses" };
    case "cited_evidence":
      if (inH) return { rating: "C", reason: `evidence cited against ${names}` };
      if (backs) return { rating: "C", reason: `the evidence points to ${names}, which ${h.label} backs` };
      if (h.other)
        return named
          ? { rating: "I", reason: `specific evidence points to a named suspect (${names})` }
          : { rating: "C", reason: `the evidence points to ${names}, whom no hypothesis names` };
      return { rating: "N", reason: `the evidence points to ${names}, not against this hypothesis` };
    case "weapon":
      if (e.actors.length === 0)
        return {
          rating: "N",
          reason: "no report names who used it: rate by who is known to use such weapons",
        };
      if (inH) return { rating: "C", reason: `reports name ${names} behind attacks of this kind` };
      return { rating: "N", reason: "no known link between this hypothesis and the weapon: rate by hand" };
    case "prior_threat":
      if (inH) return { rating: "C", reason: `${names} threatened beforehand` };
      return { rating: "N", reason: `a threat by ${names} says little about this hypothesis` };
  }
}

/** Fills every evidence × hypothesis cell: confirmed ratings stay, suggestions are recomputed. */
export function refreshSuggestions(state: AchState, kb: KnowledgeBase): AchState {
  const cells: RatingCell[] = [];
  for (const e of state.evidence)
    for (const h of state.hypotheses) {
      const old = state.ratings.find((r) => r.evidence === e.id && r.hypothesis === h.id);
      if (old && !old.suggested) cells.push(old);
      else
        cells.push({
          evidence: e.id,
          hypothesis: h.id,
          suggested: true,
          ...suggest(kb, e, h, state.hypotheses),
        });
    }
  state.ratings = cells;
  return state;
}

// ---------------------------------------------------------------------------------------------
// The analyst's edits

function findHypothesis(state: AchState, ref: string): Hypothesis {
  const h =
    state.hypotheses.find((x) => x.id.toLowerCase() === ref.toLowerCase()) ??
    state.hypotheses.find((x) => x.label.toLowerCase() === ref.toLowerCase());
  if (!h)
    throw new CrisisdeskError(
      "NOT_FOUND",
      `no hypothesis with this id or label (there are ${state.hypotheses.map((x) => x.id).join(", ") || "none"})`,
      { where: ref },
    );
  return h;
}

function findEvidence(state: AchState, ref: string): EvidenceItem {
  const e = state.evidence.find((x) => x.id.toLowerCase() === ref.toLowerCase());
  if (!e)
    throw new CrisisdeskError("NOT_FOUND", "no evidence item with this id (see crisisdesk ach CASE)", {
      where: ref,
    });
  return e;
}

export function addHypothesis(
  previous: AchState,
  kb: KnowledgeBase,
  input: { label: string; actors?: string[] },
): { state: AchState; hypothesis: Hypothesis } {
  const label = input.label.trim();
  if (!label) throw new UsageError("a hypothesis needs a label");
  if (previous.hypotheses.some((h) => h.label.toLowerCase() === label.toLowerCase()))
    throw new UsageError("a hypothesis with this label already exists", { where: label });
  const state = clone(previous);
  const hypothesis: Hypothesis = {
    id: `H${state.next.hypothesis++}`,
    label,
    actors: [...new Set(input.actors ?? [])],
    other: false,
    origin: "analyst",
    renamed: false,
  };
  state.hypotheses.push(hypothesis);
  return { state: refreshSuggestions(state, kb), hypothesis };
}

export function removeHypothesis(
  previous: AchState,
  kb: KnowledgeBase,
  ref: string,
): { state: AchState; hypothesis: Hypothesis } {
  const state = clone(previous);
  const hypothesis = findHypothesis(state, ref);
  state.hypotheses = state.hypotheses.filter((h) => h.id !== hypothesis.id);
  if (hypothesis.origin === "seeded") {
    if (hypothesis.other) state.dismissed.other = true;
    state.dismissed.actors = [...new Set([...state.dismissed.actors, ...hypothesis.actors])];
  }
  state.ratings = state.ratings.filter((r) => r.hypothesis !== hypothesis.id);
  return { state: refreshSuggestions(state, kb), hypothesis };
}

export function renameHypothesis(
  previous: AchState,
  ref: string,
  label: string,
): { state: AchState; hypothesis: Hypothesis } {
  const state = clone(previous);
  const hypothesis = findHypothesis(state, ref);
  if (!label.trim()) throw new UsageError("a hypothesis needs a label");
  hypothesis.label = label.trim();
  hypothesis.renamed = true;
  return { state, hypothesis };
}

function checkWeight(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 10))
    throw new UsageError(
      `${name} must be a number from 0 to 10 (PARC levels: low 0.71, medium 1, high 1.41)`,
    );
}

export function addEvidence(
  previous: AchState,
  kb: KnowledgeBase,
  input: { summary: string; credibility?: number; relevance?: number; source?: EvidenceSource },
): { state: AchState; evidence: EvidenceItem } {
  if (!input.summary.trim()) throw new UsageError("an evidence item needs a description");
  checkWeight("credibility", input.credibility);
  checkWeight("relevance", input.relevance);
  const state = clone(previous);
  const evidence: EvidenceItem = {
    id: `E${state.next.evidence++}`,
    key: null,
    kind: "analyst",
    summary: input.summary.trim(),
    actors: [],
    claimant: null,
    date: input.source?.published ?? null,
    sources: input.source ? [input.source] : [],
    confidence: 1,
    credibility: input.credibility ?? 1,
    relevance: input.relevance ?? 1,
    edited: { credibility: input.credibility !== undefined, relevance: input.relevance !== undefined },
    origin: "analyst",
  };
  state.evidence.push(evidence);
  return { state: refreshSuggestions(state, kb), evidence };
}

export function setEvidenceWeights(
  previous: AchState,
  ref: string,
  weights: { credibility?: number; relevance?: number },
): { state: AchState; evidence: EvidenceItem } {
  checkWeight("credibility", weights.credibility);
  checkWeight("relevance", weights.relevance);
  const state = clone(previous);
  const evidence = findEvidence(state, ref);
  if (weights.credibility !== undefined) {
    evidence.credibility = weights.credibility;
    evidence.edited.credibility = true;
  }
  if (weights.relevance !== undefined) {
    evidence.relevance = weights.relevance;
    evidence.edited.relevance = true;
  }
  return { state, evidence };
}

export function removeEvidence(previous: AchState, ref: string): { state: AchState; evidence: EvidenceItem } {
  const state = clone(previous);
  const evidence = findEvidence(state, ref);
  state.evidence = state.evidence.filter((e) => e.id !== evidence.id);
  state.ratings = state.ratings.filter((r) => r.evidence !== evidence.id);
  if (evidence.key) state.dismissed.evidence = [...new Set([...state.dismissed.evidence, evidence.key])];
  return { state, evidence };
}

/** Confirms or changes a rating; "suggested" hands the cell back to the engine. */
export function rateEvidence(
  previous: AchState,
  kb: KnowledgeBase,
  evidenceRef: string,
  hypothesisRef: string,
  rating: string,
): { state: AchState; cell: RatingCell } {
  const state = clone(previous);
  const e = findEvidence(state, evidenceRef);
  const h = findHypothesis(state, hypothesisRef);
  const wanted = rating.toUpperCase();
  const cellOf = (s: AchState) => s.ratings.find((r) => r.evidence === e.id && r.hypothesis === h.id)!;
  if (wanted === "SUGGESTED") {
    state.ratings = state.ratings.filter((r) => !(r.evidence === e.id && r.hypothesis === h.id));
    const next = refreshSuggestions(state, kb);
    return { state: next, cell: cellOf(next) };
  }
  if (!RATINGS.includes(wanted as Rating))
    throw new UsageError(`a rating is one of ${RATINGS.join(", ")} (or "suggested"), not "${rating}"`);
  const cell = cellOf(state);
  cell.rating = wanted as Rating;
  cell.suggested = false;
  cell.reason = "rated by the analyst";
  return { state, cell };
}

// ---------------------------------------------------------------------------------------------
// Scores, diagnosticity and sensitivity

export interface HypothesisScore {
  id: string;
  label: string;
  /** Weighted inconsistency: Σ credibility × relevance × (I = 1, II = 2, others 0). Lower is better. */
  inconsistency: number;
  /** Competition rank, least inconsistent first: tied hypotheses share a rank (1, 1, 3). */
  rank: number;
  tied: boolean;
  counts: Record<Rating, number>;
}

export interface Diagnosticity {
  evidence: string;
  /** Spread of the item's ratings across hypotheses (max − min on CC +2 … II −2): 0 to 4. */
  diagnosticity: number;
  diagnostic: boolean;
}

export interface Sensitivity {
  evidence: string;
  /** Top-ranked hypotheses without the item. */
  ifDropped: string[];
  dropChangesTop: boolean;
  /** Top-ranked hypotheses if the item were wrong (its ratings inverted: CC↔II, C↔I). */
  ifFlipped: string[];
  flipChangesTop: boolean;
}

export interface AchScores {
  scores: HypothesisScore[];
  /** Hypothesis ids, least inconsistent first. */
  ranking: string[];
  /** The least inconsistent hypotheses (more than one when tied). */
  top: string[];
  tiedAtTop: boolean;
  diagnosticity: Diagnosticity[];
  sensitivity: Sensitivity[];
  suggestedCells: number;
}

const EPSILON = 1e-9;
const FLIP: Record<Rating, Rating> = { CC: "II", C: "I", N: "N", I: "C", II: "CC" };

function inconsistencies(state: AchState, skip?: string, flip?: string): Map<string, number> {
  const totals = new Map(state.hypotheses.map((h) => [h.id, 0]));
  const items = new Map(state.evidence.map((e) => [e.id, e]));
  for (const cell of state.ratings) {
    if (cell.evidence === skip || !totals.has(cell.hypothesis)) continue;
    const e = items.get(cell.evidence);
    if (!e) continue;
    const rating = cell.evidence === flip ? FLIP[cell.rating] : cell.rating;
    totals.set(
      cell.hypothesis,
      totals.get(cell.hypothesis)! + e.credibility * e.relevance * INCONSISTENCY[rating],
    );
  }
  return totals;
}

function topOf(totals: Map<string, number>): string[] {
  if (totals.size === 0) return [];
  const best = Math.min(...totals.values());
  return [...totals].filter(([, v]) => v - best < EPSILON).map(([id]) => id);
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Heuer's weighted inconsistency scores, the ranking, diagnosticity and the sensitivity view. */
export function scoreAch(state: AchState): AchScores {
  const totals = inconsistencies(state);
  const order = state.hypotheses
    .map((h) => h.id)
    .sort((a, b) => {
      const d = totals.get(a)! - totals.get(b)!;
      return Math.abs(d) < EPSILON ? 0 : d;
    });
  const scores: HypothesisScore[] = state.hypotheses.map((h) => {
    const score = totals.get(h.id)!;
    const rank = 1 + [...totals.values()].filter((v) => v < score - EPSILON).length;
    const tied = [...totals].some(([id, v]) => id !== h.id && Math.abs(v - score) < EPSILON);
    const counts: Record<Rating, number> = { CC: 0, C: 0, N: 0, I: 0, II: 0 };
    for (const cell of state.ratings) if (cell.hypothesis === h.id) counts[cell.rating]++;
    return { id: h.id, label: h.label, inconsistency: Math.round(score * 1000) / 1000, rank, tied, counts };
  });
  const top = topOf(totals);
  const diagnosticity = state.evidence.map((e) => {
    const values = state.ratings.filter((r) => r.evidence === e.id).map((r) => CONSISTENCY[r.rating]);
    const spread = values.length > 1 ? Math.max(...values) - Math.min(...values) : 0;
    return { evidence: e.id, diagnosticity: spread, diagnostic: spread > 0 };
  });
  const sensitivity = state.evidence.map((e) => {
    const ifDropped = topOf(inconsistencies(state, e.id));
    const ifFlipped = topOf(inconsistencies(state, undefined, e.id));
    return {
      evidence: e.id,
      ifDropped,
      dropChangesTop: !sameSet(ifDropped, top),
      ifFlipped,
      flipChangesTop: !sameSet(ifFlipped, top),
    };
  });
  return {
    scores,
    ranking: order,
    top,
    tiedAtTop: top.length > 1,
    diagnosticity,
    sensitivity,
    suggestedCells: state.ratings.filter((r) => r.suggested).length,
  };
}

// ---------------------------------------------------------------------------------------------
// The case's ACH, through the store

export const ACH_STATE_KEY = "ach";

export interface CaseAch {
  caseId: string;
  title: string;
  state: AchState;
  scores: AchScores;
  /** The state was seeded (or re-seeded) by this call. */
  seeded: boolean;
}

function checkState(caseId: string, value: unknown): AchState | null {
  if (value === null) return null;
  const v = value as Partial<AchState>;
  if (
    v.version !== 1 ||
    !Array.isArray(v.hypotheses) ||
    !Array.isArray(v.evidence) ||
    !Array.isArray(v.ratings)
  )
    throw new CrisisdeskError("BAD_DATA", `the stored ACH state is not one this version understands`, {
      where: caseId,
    });
  return v as AchState;
}

async function caseOf(store: Store, caseId: string) {
  const row = await store.getCase(caseId);
  if (!row)
    throw new CrisisdeskError("NOT_FOUND", "no case with this id (see crisisdesk case list)", {
      where: caseId,
    });
  return row;
}

/** The case's ACH, seeded from its documents on first use. */
export async function caseAch(
  store: Store,
  kb: KnowledgeBase,
  caseId: string,
  options: { reseed?: boolean; now?: Date } = {},
): Promise<CaseAch> {
  const row = await caseOf(store, caseId);
  let state = checkState(caseId, await store.getCaseState<AchState>(caseId, ACH_STATE_KEY));
  const seeded = options.reseed === true || state === null;
  const documents = await store.caseDocuments(caseId);
  const grades = await store.listSources();
  if (seeded) {
    state = seedAch({ documents, kb, grades, anchorDate: row.anchorDate, now: options.now }, state);
    await store.putCaseState(caseId, ACH_STATE_KEY, state);
  } else state = applyGrades(state!, documents, grades);
  return { caseId, title: row.title, state: state!, scores: scoreAch(state!), seeded };
}

/** Applies one analyst edit to the case's ACH (seeding it first if needed) and saves it. */
export async function editCaseAch<T>(
  store: Store,
  kb: KnowledgeBase,
  caseId: string,
  edit: (state: AchState) => { state: AchState } & T,
): Promise<CaseAch & { result: T }> {
  const current = await caseAch(store, kb, caseId);
  const { state, ...result } = edit(current.state);
  await store.putCaseState(caseId, ACH_STATE_KEY, state);
  return { ...current, state, scores: scoreAch(state), result: result as T };
}
