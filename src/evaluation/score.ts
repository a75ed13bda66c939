// Scoring one analysis against hand annotations: the project's own implementation of the rules of
// the shared scorer (../shared/bin/score-analysis.mjs), so `crisisdesk eval` and the scorer the
// engine is judged by print the same figures. Pure functions; reading files is evaluate.ts's job;
// which names are the same actor is same-actor.ts's, the main event main-event.ts's.
//
// Items are matched greedily and one to one, gold in order against the first unused prediction:
//   reactions          the same stance and the same actor (or one of the gold's alternates)
//   reaction_actors    the same actor, after folding each side's repeats
//   quotes             quoted words overlapping by at least 0.6 (shared words / longer quote)
//   quotes_attributed  such a quote, and the same speaker
//   attributions       the same accused party
//   main_event         the day, country and target of the main event (main-event.ts)
// Precision, recall and F1 are micro-averaged over all files, rounded to three places.
import type { Gold } from "./gold.js";
import {
  type MainEventScore,
  type MainEventTotals,
  type PredictedEvent,
  scoreMainEvent,
  totalMainEvent,
} from "./main-event.js";
import { type ScoredActor, sameActor, words } from "./same-actor.js";

export type { ScoredActor } from "./same-actor.js";

/**
 * What is scored of an analysis. The analysis JSON contract (`Analysis`) fits it as it is; a
 * prediction file read from disk is brought to it by `parsePrediction`.
 */
export interface Prediction {
  events: readonly PredictedEvent[];
  reactions: readonly {
    actor: ScoredActor;
    stance: string;
    confidence?: number;
    /** The event the reaction is to; the main event is the one most reactions point to. */
    event_id?: string | null;
  }[];
  quotes: readonly { text: string; speaker: ScoredActor | null }[];
  attributions: readonly { accused: ScoredActor; confidence?: number }[];
}

export type GoldReaction = Gold["reactions"][number];
export type GoldQuote = Gold["quotes"][number];
export type GoldAttribution = Gold["attributions"][number];
export type PredictedReaction = Prediction["reactions"][number];
export type PredictedQuote = Prediction["quotes"][number];
export type PredictedAttribution = Prediction["attributions"][number];

export const SCORED_KINDS = [
  "reactions",
  "reaction_actors",
  "quotes",
  "quotes_attributed",
  "attributions",
] as const;
export type ScoredKind = (typeof SCORED_KINDS)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Match<G, P> extends Counts {
  /** Gold items and the prediction each was matched to. */
  matched: [G, P][];
  /** Gold items nothing matched (false negatives). */
  missed: G[];
  /** Predictions that matched no gold item (false positives). */
  spurious: P[];
}

export interface DocumentScore {
  reactions: Match<GoldReaction, PredictedReaction>;
  reaction_actors: Match<ScoredActor, ScoredActor>;
  quotes: Match<GoldQuote, PredictedQuote>;
  quotes_attributed: Match<GoldQuote, PredictedQuote>;
  attributions: Match<GoldAttribution, PredictedAttribution>;
  main_event: MainEventScore;
}

// ---------------------------------------------------------------------------------------------
// Quotes and accused parties

/** Shared words over the longer quote's length; the gold's repeated words each count. */
export function quoteOverlap(gold: string, predicted: string): number {
  const wg = words(gold);
  const wp = words(predicted);
  if (wg.length === 0 || wp.length === 0) return 0;
  const inPredicted = new Set(wp);
  const shared = wg.filter((w) => inPredicted.has(w)).length;
  return shared / Math.max(wg.length, wp.length);
}

export const QUOTE_OVERLAP_THRESHOLD = 0.6;

// Accused parties are loose phrases ("Iran's proxies", "pro-Iran militias"): compared as sets of
// words, with the words for a sponsored armed group folded into one, so that "Iran" and
// "Iran-backed militias" stay different while "Iran's proxies" and "pro-Iran militias" agree.
const PROXY_WORDS = new Set([
  "proxy",
  "proxies",
  "militia",
  "militias",
  "backed",
  "pro",
  "allied",
  "affiliated",
  "aligned",
  "loyal",
  "sponsored",
  "armed",
  "groups",
  "group",
  "factions",
  "faction",
]);
const PROXY = "<proxy>";

function accusedKey(phrase: string): Set<string> {
  const ws = words(phrase.replace(/['’]s\b/g, "")).filter((t) => t !== "the");
  return new Set(ws.map((t) => (PROXY_WORDS.has(t) ? PROXY : t)));
}

/** Whether two accused phrases agree: one's words within the other's, and both or neither a proxy. */
export function sameAccused(a: string, b: string): boolean {
  const ka = accusedKey(a);
  const kb = accusedKey(b);
  if (ka.size === 0 || kb.size === 0) return false;
  const [small, large] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
  for (const t of small) if (!large.has(t)) return false;
  return small.has(PROXY) === large.has(PROXY);
}

// ---------------------------------------------------------------------------------------------
// Matching and scoring

/** Greedy one-to-one matching: each gold item, in order, takes the first unused prediction it fits. */
export function matchOneToOne<G, P>(
  gold: readonly G[],
  predicted: readonly P[],
  same: (g: G, p: P) => boolean,
): Match<G, P> {
  const used = new Set<number>();
  const matched: [G, P][] = [];
  const missed: G[] = [];
  for (const g of gold) {
    const j = predicted.findIndex((p, k) => !used.has(k) && same(g, p));
    const p = predicted[j];
    if (j >= 0 && p !== undefined) {
      used.add(j);
      matched.push([g, p]);
    } else missed.push(g);
  }
  const spurious = predicted.filter((_, k) => !used.has(k));
  const tp = matched.length;
  return { tp, fp: predicted.length - tp, fn: gold.length - tp, matched, missed, spurious };
}

function goldActor(r: GoldReaction): ScoredActor {
  return { name: r.actor, kind: r.actor_kind, country: r.country };
}

// A gold reaction may name alternates (the spokesperson of an organisation, say): any one matches.
function goldActors(r: GoldReaction): ScoredActor[] {
  return [goldActor(r), ...r.actor_alt.map((name) => ({ name, kind: "any", country: null }))];
}

function distinctActors(actors: readonly ScoredActor[]): ScoredActor[] {
  const out: ScoredActor[] = [];
  for (const a of actors) if (!out.some((b) => sameActor(a, b))) out.push(a);
  return out;
}

const NO_SPEAKER: ScoredActor = { name: "", kind: "other", country: null };

function sameQuote(g: GoldQuote, p: PredictedQuote): boolean {
  return quoteOverlap(g.quote, p.text) >= QUOTE_OVERLAP_THRESHOLD;
}

// Speakers are people by the annotation rules, so both sides are compared as people (surnames).
function sameSpeaker(g: GoldQuote, p: PredictedQuote): boolean {
  const speaker = p.speaker ?? NO_SPEAKER;
  return sameActor({ name: g.speaker, kind: "person", country: null }, { ...speaker, kind: "person" });
}

export function scoreDocument(gold: Gold, prediction: Prediction): DocumentScore {
  return {
    reactions: matchOneToOne(
      gold.reactions,
      prediction.reactions,
      (g, p) => g.stance === p.stance && goldActors(g).some((a) => sameActor(a, p.actor)),
    ),
    reaction_actors: matchOneToOne(
      distinctActors(gold.reactions.map(goldActor)),
      distinctActors(prediction.reactions.map((p) => p.actor)),
      sameActor,
    ),
    quotes: matchOneToOne(gold.quotes, prediction.quotes, sameQuote),
    quotes_attributed: matchOneToOne(
      gold.quotes,
      prediction.quotes,
      (g, p) => sameQuote(g, p) && sameSpeaker(g, p),
    ),
    attributions: matchOneToOne(gold.attributions, prediction.attributions, (g, p) =>
      sameAccused(g.accused, p.accused.name),
    ),
    main_event: scoreMainEvent(gold.event, prediction),
  };
}

function round3(x: number): number {
  return Number(x.toFixed(3));
}

export function metrics(c: Counts): Metrics {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return { precision: round3(p), recall: round3(r), f1: round3(f), tp: c.tp, fp: c.fp, fn: c.fn };
}

export type KindMetrics = Record<ScoredKind, Metrics>;

/** A file's figures: each kind's, and the checks of its main event. */
export type FileFigures = KindMetrics & { main_event: MainEventScore };

/** The figures over all files: each kind micro-averaged, and the main event's checks counted. */
export type SummaryFigures = KindMetrics & { main_event: MainEventTotals };

export interface ScoredPair {
  /** The gold file's name, e.g. `01-report.gold.json`. */
  name: string;
  gold: Gold;
  prediction: Prediction;
}

export interface Scores {
  /** Micro-averaged over every file. */
  summary: SummaryFigures;
  /** Per file, by gold file name. */
  files: Record<string, FileFigures>;
  /** The matching behind the figures, per file, for listing misses and for calibration. */
  documents: Record<string, DocumentScore>;
}

function kindMetrics(counts: Record<ScoredKind, Counts>): KindMetrics {
  const out = {} as KindMetrics;
  for (const kind of SCORED_KINDS) out[kind] = metrics(counts[kind]);
  return out;
}

export function scoreAll(pairs: readonly ScoredPair[]): Scores {
  const total = {} as Record<ScoredKind, Counts>;
  for (const kind of SCORED_KINDS) total[kind] = { tp: 0, fp: 0, fn: 0 };
  const files: Record<string, FileFigures> = {};
  const documents: Record<string, DocumentScore> = {};
  for (const { name, gold, prediction } of pairs) {
    const score = scoreDocument(gold, prediction);
    documents[name] = score;
    files[name] = { ...kindMetrics(score), main_event: score.main_event };
    for (const kind of SCORED_KINDS) {
      total[kind].tp += score[kind].tp;
      total[kind].fp += score[kind].fp;
      total[kind].fn += score[kind].fn;
    }
  }
  const main_event = totalMainEvent(Object.values(documents).map((d) => d.main_event));
  return { summary: { ...kindMetrics(total), main_event }, files, documents };
}
