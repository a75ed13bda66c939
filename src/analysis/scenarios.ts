// Scenarios and indicators for a case: the analyst's futures (escalation, settlement, chaos ...)
// with prior likelihoods, and indicators written in the indicator query language, each with a
// likelihood ratio for its scenario. `updateScenarios` runs the indicators over the case's events
// and reactions and applies Bayes' rule for each newly fired one, keeping every step in the
// history; once the outcome is known, the Brier score grades the recorded likelihoods. The state
// lives in the case's analyst state under "scenarios"; docs/ach-and-scenarios.md has the maths.
import { CrisisdeskError, type Span, UsageError } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Store } from "../store/index.js";
import {
  type CaseItem,
  caseItems,
  countSatisfied,
  itemSignature,
  parseIndicatorQuery,
  type QueryContext,
  runIndicatorQuery,
} from "./indicator-query.js";

export interface Scenario {
  id: string;
  name: string;
  description: string | null;
  /** The analyst's prior, 0 to 1; priors are normalised over the scenarios when they do not sum to 1. */
  prior: number;
  createdAt: string;
}

export interface Indicator {
  id: string;
  /** The scenario's id. */
  scenario: string;
  query: string;
  /** Likelihood ratio for the scenario when the indicator fires: its odds are multiplied by it. */
  lr: number;
  /** Fire again for each new set of matching items (default: fire once). */
  repeat: boolean;
  label: string | null;
  addedAt: string;
  fired: number;
  /** Signatures of the items that made it fire, never counted again. */
  consumed: string[];
}

/** Scenario id → likelihood (probability), summing to 1. */
export type Likelihoods = Record<string, number>;

export interface FiredEvidence {
  kind: CaseItem["kind"];
  documentId: string;
  documentTitle: string | null;
  /** The event's id or the reaction's position in its document's analysis. */
  item: string;
  date: string | null;
  sentence: string;
  offset: Span;
}

export interface HistoryEntry {
  at: string;
  /** baseline: the likelihoods before indicators fired (or after the analyst changed priors). */
  kind: "baseline" | "fired" | "resolved";
  note: string;
  indicator?: string;
  scenario?: string;
  query?: string;
  lr?: number;
  evidence?: FiredEvidence[];
  before?: Likelihoods;
  after: Likelihoods;
}

export interface ScenarioState {
  version: 1;
  scenarios: Scenario[];
  indicators: Indicator[];
  history: HistoryEntry[];
  resolved: { scenario: string; at: string } | null;
  next: { scenario: number; indicator: number };
}

export function emptyScenarioState(): ScenarioState {
  return {
    version: 1,
    scenarios: [],
    indicators: [],
    history: [],
    resolved: null,
    next: { scenario: 1, indicator: 1 },
  };
}

/** Every scenario has likelihood zero: Bayes' rule cannot renormalise. */
export class ZeroLikelihoodError extends CrisisdeskError {
  constructor(message: string, where?: string) {
    super("BAD_DATA", message, { where });
    this.name = "ZeroLikelihoodError";
  }
}

const clone = <T>(value: T): T => structuredClone(value);
const TOLERANCE = 1e-9;

// ---------------------------------------------------------------------------------------------
// Likelihoods

export interface CurrentLikelihoods {
  likelihoods: Likelihoods;
  priorSum: number;
  warnings: string[];
}

/**
 * The current likelihoods: each scenario's prior times the likelihood ratios of the indicators
 * that fired for it, normalised over the scenarios. Multiplying one scenario's weight by LR and
 * renormalising multiplies its odds against the rest by exactly LR.
 */
export function currentLikelihoods(state: ScenarioState): CurrentLikelihoods {
  const warnings: string[] = [];
  const priorSum = state.scenarios.reduce((n, s) => n + s.prior, 0);
  if (state.scenarios.length === 0) return { likelihoods: {}, priorSum, warnings };
  if (Math.abs(priorSum - 1) > TOLERANCE && priorSum > 0)
    warnings.push(
      `the priors sum to ${Number(priorSum.toFixed(4))}, not 1: they are normalised (each divided by ${Number(priorSum.toFixed(4))})`,
    );
  const weights = new Map(state.scenarios.map((s) => [s.id, s.prior]));
  for (const h of state.history)
    if (h.kind === "fired" && h.scenario && weights.has(h.scenario))
      weights.set(h.scenario, weights.get(h.scenario)! * h.lr!);
  const total = [...weights.values()].reduce((n, w) => n + w, 0);
  if (!(total > 0))
    throw new ZeroLikelihoodError(
      priorSum > 0
        ? "every scenario now has likelihood 0 (likelihood ratios of 0 ruled them all out): nothing can be renormalised; revise a likelihood ratio or add a scenario"
        : "every scenario has a prior of 0: give at least one a prior above 0",
    );
  const likelihoods: Likelihoods = {};
  for (const [id, w] of weights) likelihoods[id] = w / total;
  return { likelihoods, priorSum, warnings };
}

function sameLikelihoods(a: Likelihoods, b: Likelihoods): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] !== undefined && b[k] !== undefined && Math.abs(a[k]! - b[k]!) < 1e-12);
}

function snapshots(state: ScenarioState): HistoryEntry[] {
  return state.history.filter((h) => h.kind === "baseline" || h.kind === "fired");
}

/** Records the current likelihoods as a baseline snapshot unless the last snapshot already equals them. */
function ensureBaseline(state: ScenarioState, now: Date): void {
  const { likelihoods } = currentLikelihoods(state);
  const last = snapshots(state).at(-1);
  if (last && sameLikelihoods(last.after, likelihoods)) return;
  state.history.push({
    at: now.toISOString(),
    kind: "baseline",
    note: last
      ? "priors or scenarios changed since the last snapshot"
      : "the priors, before any indicator fired",
    after: likelihoods,
  });
}

// ---------------------------------------------------------------------------------------------
// The analyst's edits

export function findScenario(state: ScenarioState, ref: string): Scenario {
  const s =
    state.scenarios.find((x) => x.id.toLowerCase() === ref.toLowerCase()) ??
    state.scenarios.find((x) => x.name.toLowerCase() === ref.toLowerCase());
  if (!s)
    throw new CrisisdeskError(
      "NOT_FOUND",
      `no scenario with this id or name (there ${state.scenarios.length === 1 ? "is" : "are"} ${state.scenarios.map((x) => `${x.id} ${x.name}`).join(", ") || "none"})`,
      { where: ref },
    );
  return s;
}

function checkPrior(prior: number): void {
  if (!(Number.isFinite(prior) && prior >= 0 && prior <= 1))
    throw new UsageError(`a prior is a probability from 0 to 1 (0.3 for 30%), not ${prior}`);
}

export function addScenario(
  previous: ScenarioState,
  input: { name: string; prior: number; description?: string | null },
  now = new Date(),
): { state: ScenarioState; scenario: Scenario } {
  const name = input.name.trim();
  if (!name) throw new UsageError("a scenario needs a name");
  if (/^S\d+$/i.test(name))
    throw new UsageError("a scenario name cannot look like an id (S1, S2 ...)", { where: name });
  if (previous.scenarios.some((s) => s.name.toLowerCase() === name.toLowerCase()))
    throw new UsageError("a scenario with this name already exists", { where: name });
  checkPrior(input.prior);
  const state = clone(previous);
  const scenario: Scenario = {
    id: `S${state.next.scenario++}`,
    name,
    description: input.description?.trim() || null,
    prior: input.prior,
    createdAt: now.toISOString(),
  };
  state.scenarios.push(scenario);
  return { state, scenario };
}

export function editScenario(
  previous: ScenarioState,
  ref: string,
  input: { prior?: number; description?: string | null },
): { state: ScenarioState; scenario: Scenario } {
  if (input.prior !== undefined) checkPrior(input.prior);
  const state = clone(previous);
  const scenario = findScenario(state, ref);
  if (input.prior !== undefined) scenario.prior = input.prior;
  if (input.description !== undefined) scenario.description = input.description?.trim() || null;
  return { state, scenario };
}

/** Removes a scenario and its indicators; the history keeps what they did. */
export function removeScenario(
  previous: ScenarioState,
  ref: string,
): { state: ScenarioState; scenario: Scenario } {
  const state = clone(previous);
  const scenario = findScenario(state, ref);
  if (state.resolved?.scenario === scenario.id)
    throw new UsageError("this scenario is the resolved outcome; it cannot be removed", { where: ref });
  state.scenarios = state.scenarios.filter((s) => s.id !== scenario.id);
  state.indicators = state.indicators.filter((i) => i.scenario !== scenario.id);
  return { state, scenario };
}

export function addIndicator(
  previous: ScenarioState,
  input: { scenario: string; query: string; lr: number; repeat?: boolean; label?: string | null },
  now = new Date(),
): { state: ScenarioState; indicator: Indicator; warnings: string[] } {
  parseIndicatorQuery(input.query);
  if (!(Number.isFinite(input.lr) && input.lr >= 0))
    throw new UsageError(`a likelihood ratio is a number of 0 or more (3 triples the odds), not ${input.lr}`);
  const state = clone(previous);
  const scenario = findScenario(state, input.scenario);
  const indicator: Indicator = {
    id: `I${state.next.indicator++}`,
    scenario: scenario.id,
    query: input.query.trim(),
    lr: input.lr,
    repeat: input.repeat ?? false,
    label: input.label?.trim() || null,
    addedAt: now.toISOString(),
    fired: 0,
    consumed: [],
  };
  state.indicators.push(indicator);
  const warnings = input.lr === 1 ? ["a likelihood ratio of 1 changes nothing when the indicator fires"] : [];
  return { state, indicator, warnings };
}

export function removeIndicator(
  previous: ScenarioState,
  ref: string,
): { state: ScenarioState; indicator: Indicator } {
  const state = clone(previous);
  const indicator = state.indicators.find((i) => i.id.toLowerCase() === ref.toLowerCase());
  if (!indicator) throw new CrisisdeskError("NOT_FOUND", "no indicator with this id", { where: ref });
  state.indicators = state.indicators.filter((i) => i.id !== indicator.id);
  return { state, indicator };
}

// ---------------------------------------------------------------------------------------------
// Updating on the evidence

export interface UpdateResult {
  state: ScenarioState;
  /** The history entries this update added (a baseline first, if the priors were not yet recorded). */
  entries: HistoryEntry[];
  fired: HistoryEntry[];
  warnings: string[];
}

function evidenceOf(item: CaseItem): FiredEvidence {
  return {
    kind: item.kind,
    documentId: item.documentId,
    documentTitle: item.documentTitle,
    item: item.itemId,
    date: item.date,
    sentence: item.sentence,
    offset: item.offset,
  };
}

const pct = (p: number | undefined) => `${((p ?? 0) * 100).toFixed(1)}%`;

/**
 * Runs every indicator over the case's items and applies Bayes' rule for each that fires anew,
 * in indicator order. An indicator fires once (or, with `repeat`, once per new set of matching
 * items): items that made it fire are never counted again, so re-running changes nothing.
 */
export function updateScenarios(
  previous: ScenarioState,
  items: readonly CaseItem[],
  context: QueryContext,
  now = new Date(),
): UpdateResult {
  if (previous.resolved)
    throw new UsageError(
      `the scenarios were resolved on ${previous.resolved.at.slice(0, 10)}: updating now would grade the forecast on hindsight`,
    );
  if (previous.scenarios.length === 0)
    throw new UsageError("no scenarios yet: add some with crisisdesk scenarios CASE add NAME --prior P");
  const state = clone(previous);
  const start = state.history.length;
  ensureBaseline(state, now);
  const fired: HistoryEntry[] = [];
  for (const indicator of state.indicators) {
    const scenario = state.scenarios.find((s) => s.id === indicator.scenario);
    if (!scenario || (!indicator.repeat && indicator.fired > 0)) continue;
    const query = parseIndicatorQuery(indicator.query);
    const used = new Set(indicator.consumed);
    const fresh = runIndicatorQuery(query, items, context).items.filter((i) => !used.has(itemSignature(i)));
    const signatures = [...new Set(fresh.map(itemSignature))];
    if (signatures.length === 0 || !countSatisfied(query, signatures.length)) continue;
    const before = currentLikelihoods(state).likelihoods;
    const entry: HistoryEntry = {
      at: now.toISOString(),
      kind: "fired",
      note: "",
      indicator: indicator.id,
      scenario: scenario.id,
      query: indicator.query,
      lr: indicator.lr,
      evidence: fresh.map(evidenceOf),
      before,
      after: {},
    };
    state.history.push(entry);
    try {
      entry.after = currentLikelihoods(state).likelihoods;
    } catch (error) {
      if (error instanceof ZeroLikelihoodError)
        throw new ZeroLikelihoodError(
          `${error.message}; indicator ${indicator.id} (LR ${indicator.lr} for "${scenario.name}") fired on ${signatures.length} matching item${signatures.length === 1 ? "" : "s"}, and nothing was updated`,
          indicator.id,
        );
      throw error;
    }
    const matched = `${signatures.length} matching event${signatures.length === 1 ? "" : "s"} or reaction${signatures.length === 1 ? "" : "s"}${fresh.length > signatures.length ? ` (${fresh.length} reports)` : ""}`;
    entry.note = `${indicator.label ?? indicator.id} fired on ${matched}: "${scenario.name}" ${pct(before[scenario.id])} → ${pct(entry.after[scenario.id])} (LR ${indicator.lr})`;
    indicator.fired++;
    indicator.consumed.push(...signatures);
    fired.push(entry);
  }
  return {
    state,
    entries: state.history.slice(start),
    fired,
    warnings: currentLikelihoods(state).warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Forecast hygiene

export interface BrierScore {
  outcome: string;
  /** Mean over the recorded snapshots of Σ over scenarios of (likelihood − outcome)²: 0 best, 2 worst. */
  score: number;
  snapshots: { at: string; kind: HistoryEntry["kind"]; score: number }[];
}

/** The multi-category Brier score of one snapshot against the outcome. */
export function brierOf(likelihoods: Likelihoods, outcome: string): number {
  const ids = new Set([...Object.keys(likelihoods), outcome]);
  let sum = 0;
  for (const id of ids) sum += ((likelihoods[id] ?? 0) - (id === outcome ? 1 : 0)) ** 2;
  return sum;
}

/** The case's Brier score: the mean over every recorded snapshot (baselines and firings). */
export function brierScore(state: ScenarioState): BrierScore | null {
  if (!state.resolved) return null;
  const outcome = state.resolved.scenario;
  const points = snapshots(state).map((h) => ({ at: h.at, kind: h.kind, score: brierOf(h.after, outcome) }));
  const score = points.length ? points.reduce((n, p) => n + p.score, 0) / points.length : 0;
  return { outcome, score, snapshots: points };
}

/** Marks the scenario that happened; the current likelihoods are recorded first if they are not yet. */
export function resolveScenarios(
  previous: ScenarioState,
  ref: string,
  now = new Date(),
): { state: ScenarioState; scenario: Scenario; brier: BrierScore } {
  const state = clone(previous);
  const scenario = findScenario(state, ref);
  ensureBaseline(state, now);
  state.resolved = { scenario: scenario.id, at: now.toISOString() };
  state.history.push({
    at: now.toISOString(),
    kind: "resolved",
    note: `resolved: "${scenario.name}" is what happened`,
    scenario: scenario.id,
    after: currentLikelihoods(state).likelihoods,
  });
  return { state, scenario, brier: brierScore(state)! };
}

// ---------------------------------------------------------------------------------------------
// Status

export interface ScenarioStatus {
  caseId: string;
  title: string;
  scenarios: (Scenario & {
    normalisedPrior: number;
    likelihood: number;
    change: number;
    indicators: number;
    fired: number;
  })[];
  indicators: (Indicator & { scenarioName: string })[];
  resolved: { scenario: string; name: string; at: string } | null;
  brier: BrierScore | null;
  warnings: string[];
  history: HistoryEntry[];
}

export function scenarioStatus(state: ScenarioState, caseId: string, title: string): ScenarioStatus {
  const { likelihoods, priorSum, warnings } = state.scenarios.length
    ? currentLikelihoods(state)
    : { likelihoods: {} as Likelihoods, priorSum: 0, warnings: [] as string[] };
  const name = (id: string) => state.scenarios.find((s) => s.id === id)?.name ?? id;
  return {
    caseId,
    title,
    scenarios: state.scenarios.map((s) => {
      const normalisedPrior = priorSum > 0 ? s.prior / priorSum : 0;
      const likelihood = likelihoods[s.id] ?? 0;
      const mine = state.indicators.filter((i) => i.scenario === s.id);
      return {
        ...s,
        normalisedPrior,
        likelihood,
        change: likelihood - normalisedPrior,
        indicators: mine.length,
        fired: mine.filter((i) => i.fired > 0).length,
      };
    }),
    indicators: state.indicators.map((i) => ({ ...i, scenarioName: name(i.scenario) })),
    resolved: state.resolved
      ? { scenario: state.resolved.scenario, name: name(state.resolved.scenario), at: state.resolved.at }
      : null,
    brier: brierScore(state),
    warnings,
    history: state.history,
  };
}

// ---------------------------------------------------------------------------------------------
// The case's scenarios, through the store

export const SCENARIOS_STATE_KEY = "scenarios";

async function load(store: Store, caseId: string) {
  const row = await store.getCase(caseId);
  if (!row)
    throw new CrisisdeskError("NOT_FOUND", "no case with this id (see crisisdesk case list)", {
      where: caseId,
    });
  const stored = await store.getCaseState<ScenarioState>(caseId, SCENARIOS_STATE_KEY);
  if (stored && (stored.version !== 1 || !Array.isArray(stored.scenarios) || !Array.isArray(stored.history)))
    throw new CrisisdeskError(
      "BAD_DATA",
      "the stored scenarios are not in a shape this version understands",
      {
        where: caseId,
      },
    );
  return { row, state: stored ?? emptyScenarioState() };
}

export async function caseScenarios(store: Store, caseId: string): Promise<ScenarioStatus> {
  const { row, state } = await load(store, caseId);
  return scenarioStatus(state, caseId, row.title);
}

/** Applies one analyst edit to the case's scenarios and saves them. */
export async function editCaseScenarios<T>(
  store: Store,
  caseId: string,
  edit: (state: ScenarioState) => { state: ScenarioState } & T,
): Promise<{ status: ScenarioStatus; result: T }> {
  const { row, state: before } = await load(store, caseId);
  const { state, ...result } = edit(before);
  const status = scenarioStatus(state, caseId, row.title);
  await store.putCaseState(caseId, SCENARIOS_STATE_KEY, state);
  return { status, result: result as T };
}

/** Runs the indicators over the case's documents and saves the updated likelihoods and history. */
export async function updateCaseScenarios(
  store: Store,
  kb: KnowledgeBase,
  caseId: string,
  now = new Date(),
): Promise<{ status: ScenarioStatus; update: UpdateResult }> {
  const { row, state } = await load(store, caseId);
  const items = caseItems(await store.caseDocuments(caseId));
  const update = updateScenarios(state, items, { kb, anchorDate: row.anchorDate }, now);
  await store.putCaseState(caseId, SCENARIOS_STATE_KEY, update.state);
  return { status: scenarioStatus(update.state, caseId, row.title), update };
}

/** What a query matches in a case now, without firing anything: for writing indicators. */
export async function testCaseQuery(store: Store, kb: KnowledgeBase, caseId: string, source: string) {
  const { row } = await load(store, caseId);
  const query = parseIndicatorQuery(source);
  const items = caseItems(await store.caseDocuments(caseId));
  const result = runIndicatorQuery(query, items, { kb, anchorDate: row.anchorDate });
  return { query, ...result, fires: result.items.length > 0 && countSatisfied(query, result.distinct) };
}
