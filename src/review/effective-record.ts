// The effective record: the engine's analysis of a report with the analyst's decisions applied.
// This is the one place the two layers meet; every output reads its result (the store keeps it as
// the document's analysis), so both layers can be re-derived at any time.
//
// Rules: the latest decision on an item wins. A rejected item is left out whenever the engine
// produces it again (same content key). An accepted or corrected item is the analyst's version,
// whatever the engine now says; if the engine no longer produces it under the same key, the
// analyst's version stays, and takes the place of the one engine item of that kind at the same
// place in the report, if there is exactly one. An added item stays. No item appears twice.
import {
  type Analysis,
  type Event,
  ITEM_KINDS,
  ITEM_LISTS,
  type Item,
  type ItemKind,
  type ItemReview,
  itemIds,
} from "../domain/index.js";
import type { Decision } from "../store/index.js";

const STATUS = { accept: "accepted", set: "corrected", add: "added" } as const;

/** The latest decision per item, in the order the items were first decided. */
export function latestDecisions(decisions: readonly Decision[]): Map<string, Decision> {
  const latest = new Map<string, Decision>();
  for (const d of decisions) latest.set(d.item, d);
  return latest;
}

function reviewOf(d: Decision): ItemReview {
  const status = STATUS[d.action as keyof typeof STATUS];
  return { status, item: d.item, by: d.by, at: d.at, ...(d.note ? { note: d.note } : {}) };
}

/** The analyst's version of an item, marked with its review. */
function reviewed(d: Decision): Item {
  const { review: _old, ...data } = d.data as Item;
  return { ...data, review: reviewOf(d) } as Item;
}

const place = (item: Item) => `${item.offset[0]}:${item.offset[1]}`;

function resolveKind(
  documentId: string,
  kind: ItemKind,
  engine: readonly Item[],
  decisions: ReadonlyMap<string, Decision>,
): Item[] {
  const ids = itemIds(documentId, kind, engine);
  const out: (Item | null)[] = [];
  const used = new Set<string>();
  const open: number[] = [];
  engine.forEach((item, i) => {
    const d = decisions.get(ids[i]!);
    if (!d) {
      out.push(item);
      open.push(i);
      return;
    }
    used.add(d.item);
    out.push(d.action === "reject" ? null : reviewed(d));
  });
  const extra: Item[] = [];
  for (const d of decisions.values()) {
    if (d.kind !== kind || used.has(d.item) || d.action === "reject") continue;
    const item = reviewed(d);
    // An accepted or corrected item the engine now words differently: it replaces the one
    // unreviewed engine item at the same place, if the place holds just one.
    const same = d.action === "add" ? [] : open.filter((i) => out[i] && place(engine[i]!) === place(item));
    if (same.length === 1) out[same[0]!] = item;
    else extra.push(item);
  }
  const items = [...(out.filter(Boolean) as Item[]), ...extra.sort((a, b) => a.offset[0] - b.offset[0])];
  // No item twice: an unreviewed engine item saying what a reviewed one says yields to it.
  const finalIds = itemIds(documentId, kind, items);
  const reviewedIds = new Set(finalIds.filter((_, i) => items[i]!.review));
  return items.filter((item, i) => item.review || !reviewedIds.has(finalIds[i]!));
}

/** The engine's analysis with the analyst's decisions applied. */
export function effectiveRecord(engine: Analysis, decisions: readonly Decision[]): Analysis {
  if (decisions.length === 0) return engine;
  const latest = latestDecisions(decisions);
  const documentId = engine.document.id;
  const result: Analysis = { ...engine };
  for (const kind of ITEM_KINDS) {
    const list = ITEM_LISTS[kind];
    (result as unknown as Record<string, Item[]>)[list] = resolveKind(
      documentId,
      kind,
      engine[list] as Item[],
      latest,
    );
  }
  // Events keep unique ids: an analyst's event whose id the engine now gives another takes a new one.
  const seen = new Set<string>();
  let next = Math.max(0, ...result.events.map((e) => Number(/\d+$/.exec(e.id)?.[0] ?? 0))) + 1;
  result.events = result.events.map((e): Event => {
    if (!seen.has(e.id)) {
      seen.add(e.id);
      return e;
    }
    const id = `e${next++}`;
    seen.add(id);
    return { ...e, id };
  });
  // A reaction or claim about a rejected event is about no known event.
  const events = new Set(result.events.map((e) => e.id));
  const known = <T extends { event_id: string | null }>(x: T): T =>
    x.event_id && !events.has(x.event_id) ? { ...x, event_id: null } : x;
  result.reactions = result.reactions.map(known);
  result.attributions = result.attributions.map(known);
  // Actors the analyst named that the engine did not are listed with the report's actors.
  const actors = new Map(result.actors.map((a) => [a.id, a]));
  const named = [
    ...result.reactions.filter((r) => r.review).map((r) => r.actor),
    ...result.quotes.filter((q) => q.review).flatMap((q) => (q.speaker ? [q.speaker] : [])),
    ...result.attributions
      .filter((a) => a.review)
      .flatMap((a) => [a.accused, ...(a.claimant === "author" ? [] : [a.claimant])]),
  ];
  for (const ref of named) {
    if (ref.id && !actors.has(ref.id)) actors.set(ref.id, { ...ref, id: ref.id, roles: [], mentions: 1 });
  }
  if (actors.size !== result.actors.length) result.actors = [...actors.values()];
  return result;
}
