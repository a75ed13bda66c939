// Reliability of the engine's confidences: predicted items that carry one (reactions and
// attributions; events have no gold to check them against) are put in bins of confidence, and
// each bin's observed precision is the share of its items the scorer matched to gold. A
// well-calibrated engine is right about 9 times in 10 on its items at 0.9.
import type { DocumentScore, Match } from "./score.js";

export const CALIBRATED_KINDS = ["reactions", "attributions"] as const;
export type CalibratedKind = (typeof CALIBRATED_KINDS)[number];

/** Lower edges of the bins; each bin runs to the next edge, the last one up to 1.0 inclusive. */
export const CONFIDENCE_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export interface CalibrationBin {
  /** `[from, to)`, or `[from, to]` for the last bin. */
  from: number;
  to: number;
  items: number;
  correct: number;
  /** Observed precision, `correct / items`; null for an empty bin. */
  precision: number | null;
  /** Mean stated confidence of the bin's items; null for an empty bin. */
  meanConfidence: number | null;
}

export interface Calibration {
  /** Every calibrated kind together. */
  bins: CalibrationBin[];
  byKind: Record<CalibratedKind, CalibrationBin[]>;
  /** Items weighed: those with a confidence. */
  items: number;
  /**
   * Expected calibration error: the gap between mean confidence and observed precision in each
   * bin, weighted by the bin's share of items. 0 is perfectly calibrated.
   */
  ece: number | null;
}

interface Judged {
  confidence: number;
  correct: boolean;
}

function judged(match: Match<unknown, { confidence?: number }>): Judged[] {
  const out: Judged[] = [];
  for (const [, p] of match.matched)
    if (p.confidence !== undefined) out.push({ confidence: p.confidence, correct: true });
  for (const p of match.spurious)
    if (p.confidence !== undefined) out.push({ confidence: p.confidence, correct: false });
  return out;
}

function binIndex(confidence: number): number {
  for (let i = CONFIDENCE_EDGES.length - 1; i > 0; i--) if (confidence >= CONFIDENCE_EDGES[i]!) return i;
  return 0;
}

function round3(x: number): number {
  return Number(x.toFixed(3));
}

function bins(items: readonly Judged[]): CalibrationBin[] {
  return CONFIDENCE_EDGES.map((from, i) => {
    const inBin = items.filter((x) => binIndex(x.confidence) === i);
    const correct = inBin.filter((x) => x.correct).length;
    const sum = inBin.reduce((s, x) => s + x.confidence, 0);
    return {
      from,
      to: CONFIDENCE_EDGES[i + 1] ?? 1,
      items: inBin.length,
      correct,
      precision: inBin.length ? round3(correct / inBin.length) : null,
      meanConfidence: inBin.length ? round3(sum / inBin.length) : null,
    };
  });
}

function expectedCalibrationError(items: readonly Judged[]): number | null {
  if (items.length === 0) return null;
  let ece = 0;
  for (let i = 0; i < CONFIDENCE_EDGES.length; i++) {
    const inBin = items.filter((x) => binIndex(x.confidence) === i);
    if (inBin.length === 0) continue;
    const precision = inBin.filter((x) => x.correct).length / inBin.length;
    const mean = inBin.reduce((s, x) => s + x.confidence, 0) / inBin.length;
    ece += (inBin.length / items.length) * Math.abs(mean - precision);
  }
  return round3(ece);
}

/** The reliability table over scored documents, from the same matching that gives the figures. */
export function calibrate(documents: readonly DocumentScore[]): Calibration {
  const reactions = documents.flatMap((d) => judged(d.reactions));
  const attributions = documents.flatMap((d) => judged(d.attributions));
  const all = [...reactions, ...attributions];
  return {
    bins: bins(all),
    byKind: { reactions: bins(reactions), attributions: bins(attributions) },
    items: all.length,
    ece: expectedCalibrationError(all),
  };
}
