// The report's main event, scored as the shared scorer scores it: the predicted event most
// reactions point to (through their event_id), else the first event, checked against the gold
// `event` for its day, its country and its target. The day is checked only where the gold says
// the text can fix it (`date_knowable` not false): elsewhere the engine should give no day.
import type { Gold } from "./gold.js";
import { nameTokens, type ScoredActor } from "./same-actor.js";

/** What is scored of a predicted event. */
export interface PredictedEvent {
  id: string | null;
  date: string | null;
  location: { country: string | null } | null;
  target_actor: ScoredActor | null;
}

export const MAIN_EVENT_CHECKS = ["date", "country", "target"] as const;
export type MainEventCheck = (typeof MAIN_EVENT_CHECKS)[number];

/** One check of the main event: whether it holds, and both sides' values. */
export interface EventCheck {
  ok: boolean;
  gold: string;
  pred: string | null;
}

/** The checks the gold event allows (a check is absent where the gold gives no value). */
export type MainEventScore = Partial<Record<MainEventCheck, EventCheck>>;

export interface CheckTotal {
  correct: number;
  total: number;
  /** `correct / total`, three places; null when no file allows the check. */
  accuracy: number | null;
}

export type MainEventTotals = Record<MainEventCheck, CheckTotal>;

/** The predicted main event: the one most reactions point to, else the first; null without events. */
export function predictedMainEvent<E extends PredictedEvent>(
  events: readonly E[],
  reactions: readonly { event_id?: string | null }[],
): E | null {
  const first = events[0];
  if (first === undefined) return null;
  const votes = new Map<string, number>();
  for (const r of reactions) if (r.event_id) votes.set(r.event_id, (votes.get(r.event_id) ?? 0) + 1);
  // The sort is stable: between events with as many votes, the one voted for first wins.
  const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0];
  return (best && events.find((e) => e.id === best[0])) ?? first;
}

/**
 * A target is a person, a body or a thing ("Saudi Aramco oil facilities"): the same last word,
 * or a word of more than three letters in both.
 */
export function sameTarget(gold: string, predicted: string): boolean {
  const a = nameTokens(gold);
  const b = nameTokens(predicted);
  if (a.length === 0 || b.length === 0) return false;
  return a[a.length - 1] === b[b.length - 1] || a.some((t) => t.length > 3 && b.includes(t));
}

export function scoreMainEvent(
  gold: Gold["event"],
  prediction: { events: readonly PredictedEvent[]; reactions: readonly { event_id?: string | null }[] },
): MainEventScore {
  const ev = predictedMainEvent(prediction.events, prediction.reactions);
  const out: MainEventScore = {};
  if (gold?.date && gold.date_knowable !== false)
    out.date = { ok: ev?.date === gold.date, gold: gold.date, pred: ev?.date ?? null };
  if (gold?.country) {
    const country = ev?.location?.country ?? null;
    out.country = { ok: country === gold.country, gold: gold.country, pred: country };
  }
  if (gold?.target) {
    const name = ev?.target_actor?.name ?? "";
    out.target = { ok: sameTarget(gold.target, name), gold: gold.target, pred: name || null };
  }
  return out;
}

function round3(x: number): number {
  return Number(x.toFixed(3));
}

/** How many files got each check right, over the files whose gold allows it. */
export function totalMainEvent(scores: readonly MainEventScore[]): MainEventTotals {
  const out = {} as MainEventTotals;
  for (const check of MAIN_EVENT_CHECKS) {
    const allowed = scores.flatMap((s) => (s[check] ? [s[check]] : []));
    const correct = allowed.filter((c) => c.ok).length;
    out[check] = {
      correct,
      total: allowed.length,
      accuracy: allowed.length ? round3(correct / allowed.length) : null,
    };
  }
  return out;
}
