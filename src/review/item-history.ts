// Every version of one item, engine's and analyst's, oldest first, each with its reason: the
// engine's first reading (at ingest), each re-analysis that changed it, each decision taken on it.
import { CrisisdeskError, ITEM_LISTS, type Item, type ItemKind, itemIds } from "../domain/index.js";
import type { Store } from "../store/index.js";

export interface ItemVersion {
  at: string;
  origin: "engine" | "analyst";
  /** ingested, added/removed/changed/replaced (engine), accept/reject/set/add (analyst). */
  action: string;
  by: string | null;
  reason: string;
  /** The item as it stood after this step (null when it left the record). */
  item: Item | null;
}

export interface ItemHistory {
  id: string;
  kind: ItemKind;
  documentId: string;
  documentTitle: string | null;
  versions: ItemVersion[];
}

export async function itemHistory(store: Store, id: string): Promise<ItemHistory> {
  const found = await store.findItem(id);
  if (!found)
    throw new CrisisdeskError("NOT_FOUND", "no item has this id (see `crisisdesk review list`)", {
      where: id,
    });
  const report = (await store.loadReport(found.documentId))!;
  const changes = await store.itemChanges(found.item);
  const decisions = await store.itemDecisions(found.item);
  const versions: ItemVersion[] = [];
  // The engine's first reading: what the first re-analysis found before it, or what it says now.
  const first = changes[0];
  const engineItems = report.engine[ITEM_LISTS[found.kind]] as Item[];
  const engineIds = itemIds(found.documentId, found.kind, engineItems);
  const original = first
    ? (first.before as Item | null)
    : (engineItems[engineIds.indexOf(found.item)] ?? null);
  if (original)
    versions.push({
      at: report.ingestedAt,
      origin: "engine",
      action: "ingested",
      by: null,
      reason: "extracted when the report was ingested",
      item: original,
    });
  for (const c of changes)
    versions.push({
      at: c.at,
      origin: "engine",
      action: c.action,
      by: null,
      reason: c.reason,
      item: (c.action === "removed" ? null : c.after) as Item | null,
    });
  for (const d of decisions)
    versions.push({
      at: d.at,
      origin: "analyst",
      action: d.action,
      by: d.by,
      reason: d.note ?? { accept: "accepted", reject: "rejected", set: "corrected", add: "added" }[d.action],
      item: d.data as Item | null,
    });
  versions.sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: found.item,
    kind: found.kind,
    documentId: found.documentId,
    documentTitle: report.document.title,
    versions,
  };
}
