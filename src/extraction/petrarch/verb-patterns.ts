// Matching a PETRARCH verb pattern around one verb, TABARI-style over the token stream: the words
// before `*` are matched leftwards from the verb and the words after it rightwards. Words joined by
// `_` must be adjacent; a space lets other words come between. `$` (source), `+` (target) and `%`
// (compound) take the nearest unit that has a code; `^` skips one unit, coded or not.
import type { CompiledPattern, PatternElement } from "./lexicon.js";
import type { SentenceAnalysis, Unit, VerbOccurrence } from "./sentence.js";

export interface PatternMatch {
  pattern: CompiledPattern;
  source?: Unit;
  target?: Unit;
  compound?: { unit: Unit; side: "before" | "after" };
  /** Units passed over by `^`: never a default source or target. */
  skipped: Set<Unit>;
  /** First token the pattern used before the verb (the verb's own start when none). */
  upperStart: number;
}

export interface UnitCodes {
  /** Codes of each member of a unit with a code. */
  members(unit: Unit): string[][];
}

interface Slots {
  source?: Unit;
  target?: Unit;
  compound?: { unit: Unit; side: "before" | "after" };
  skipped: Unit[];
}

export function matchPattern(
  pattern: CompiledPattern,
  sentence: SentenceAnalysis,
  verb: VerbOccurrence,
  codes: UnitCodes,
): PatternMatch | null {
  const { elements, joins, verbAt } = pattern;
  const { norms, allUnits: units } = sentence;
  const coded = (unit: Unit) => codes.members(unit).length > 0;

  const matchWords = (element: Extract<PatternElement, { kind: "words" }>, from: number) =>
    element.alternatives.filter((words) => words.every((word, k) => norms[from + k] === word));

  const after = (i: number, p: number, slots: Slots): Slots | null => {
    if (i >= elements.length) return slots;
    const element = elements[i]!;
    const adjacent = joins[i - 1] === "_";
    if (element.kind === "words") {
      for (let q = p; q < norms.length && (q === p || !adjacent); q++) {
        for (const words of matchWords(element, q)) {
          const result = after(i + 1, q + words.length, slots);
          if (result) return result;
        }
      }
      return null;
    }
    if (element.kind !== "slot") return null;
    if (element.slot === "^") {
      const inside = units.find((unit) => unit.start < p && p < unit.end);
      const skipped = inside ?? units.find((unit) => (adjacent ? unit.start === p : unit.start >= p));
      if (!skipped) return null;
      return after(i + 1, skipped.end, { ...slots, skipped: [...slots.skipped, skipped] });
    }
    const unit = units.find(
      (candidate) =>
        (adjacent ? candidate.start === p : candidate.start >= p) &&
        coded(candidate) &&
        (element.slot !== "%" || codes.members(candidate).length > 1),
    );
    if (!unit) return null;
    return after(i + 1, unit.end, withSlot(slots, element.slot, unit, "after"));
  };

  const before = (i: number, p: number, slots: Slots): { slots: Slots; start: number } | null => {
    if (i < 0) return { slots, start: p };
    const element = elements[i]!;
    const adjacent = joins[i] === "_";
    if (element.kind === "words") {
      for (let q = p; q >= 0 && (q === p || !adjacent); q--) {
        for (const words of element.alternatives) {
          const from = q - words.length;
          if (from < 0 || !words.every((word, k) => norms[from + k] === word)) continue;
          const result = before(i - 1, from, slots);
          if (result) return result;
        }
      }
      return null;
    }
    if (element.kind !== "slot") return null;
    if (element.slot === "^") {
      const inside = units.find((unit) => unit.start < p && p < unit.end);
      const skipped = inside ?? nearestBefore(units, p, adjacent, () => true);
      if (!skipped) return null;
      return before(i - 1, skipped.start, { ...slots, skipped: [...slots.skipped, skipped] });
    }
    const unit = nearestBefore(
      units,
      p,
      adjacent,
      (candidate) => coded(candidate) && (element.slot !== "%" || codes.members(candidate).length > 1),
    );
    if (!unit) return null;
    return before(i - 1, unit.start, withSlot(slots, element.slot, unit, "before"));
  };

  const lower = after(verbAt + 1, verb.end, { skipped: [] });
  if (!lower) return null;
  const upper = before(verbAt - 1, verb.start, lower);
  if (!upper) return null;
  const { source, target, compound, skipped } = upper.slots;
  return {
    pattern,
    ...(source ? { source } : {}),
    ...(target ? { target } : {}),
    ...(compound ? { compound } : {}),
    skipped: new Set(skipped),
    upperStart: upper.start,
  };
}

function withSlot(slots: Slots, slot: "$" | "+" | "%", unit: Unit, side: "before" | "after"): Slots {
  if (slot === "$") return { ...slots, source: unit };
  if (slot === "+") return { ...slots, target: unit };
  return { ...slots, compound: { unit, side } };
}

/** The unit ending nearest before token p (the outermost when several end there). */
function nearestBefore(
  units: readonly Unit[],
  p: number,
  adjacent: boolean,
  accept: (unit: Unit) => boolean,
): Unit | undefined {
  let best: Unit | undefined;
  for (const unit of units) {
    if (unit.end > p || (adjacent && unit.end !== p) || !accept(unit)) continue;
    if (!best || unit.end > best.end || (unit.end === best.end && unit.start < best.start)) best = unit;
  }
  return best;
}
