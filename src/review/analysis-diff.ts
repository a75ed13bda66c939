// What a re-analysis changed, item by item: items are matched by their content ids; an item gone
// and a new one at the same place in the report count as one changed item (its actor, say, now
// resolves to a knowledge-base entry).
import { isDeepStrictEqual } from "node:util";
import { type Analysis, ITEM_KINDS, ITEM_LISTS, type Item, type ItemKind, itemIds } from "../domain/index.js";

export interface ItemChange {
  kind: ItemKind;
  action: "added" | "removed" | "changed";
  /** The item's id before (removed, changed) and after (added, changed). */
  before: { id: string; item: Item } | null;
  after: { id: string; item: Item } | null;
}

export interface AnalysisDiff {
  changes: ItemChange[];
  /** Actors the report is now found to mention, and no longer. */
  actors: { added: string[]; removed: string[] };
}

const place = (item: Item) => `${item.offset[0]}:${item.offset[1]}`;

function diffKind(
  documentId: string,
  kind: ItemKind,
  before: readonly Item[],
  after: readonly Item[],
): ItemChange[] {
  const beforeIds = itemIds(documentId, kind, before);
  const afterIds = itemIds(documentId, kind, after);
  const old = new Map(beforeIds.map((id, i) => [id, before[i]!]));
  const now = new Map(afterIds.map((id, i) => [id, after[i]!]));
  const changes: ItemChange[] = [];
  const removed: { id: string; item: Item }[] = [];
  for (const [id, item] of old) {
    const next = now.get(id);
    if (!next) removed.push({ id, item });
    // As values: a stored item may come back with its keys in another order (jsonb), and a fresh
    // one may hold undefined fields that storing drops.
    else if (!isDeepStrictEqual(JSON.parse(JSON.stringify(next)), JSON.parse(JSON.stringify(item))))
      changes.push({ kind, action: "changed", before: { id, item }, after: { id, item: next } });
  }
  const added = [...now].filter(([id]) => !old.has(id)).map(([id, item]) => ({ id, item }));
  for (const gone of removed) {
    const at = added.filter((a) => place(a.item) === place(gone.item));
    const sameElsewhere = removed.filter((r) => place(r.item) === place(gone.item));
    if (at.length === 1 && sameElsewhere.length === 1) {
      added.splice(added.indexOf(at[0]!), 1);
      changes.push({ kind, action: "changed", before: gone, after: at[0]! });
    } else changes.push({ kind, action: "removed", before: gone, after: null });
  }
  for (const a of added) changes.push({ kind, action: "added", before: null, after: a });
  return changes;
}

export function diffAnalyses(before: Analysis, after: Analysis): AnalysisDiff {
  const documentId = after.document.id;
  const changes = ITEM_KINDS.flatMap((kind) =>
    diffKind(documentId, kind, before[ITEM_LISTS[kind]] as Item[], after[ITEM_LISTS[kind]] as Item[]),
  );
  const oldActors = new Set(before.actors.map((a) => a.id));
  const newActors = new Set(after.actors.map((a) => a.id));
  return {
    changes,
    actors: {
      added: [...newActors].filter((id) => !oldActors.has(id)),
      removed: [...oldActors].filter((id) => !newActors.has(id)),
    },
  };
}
