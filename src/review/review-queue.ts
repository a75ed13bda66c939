// The review queue: every item of the effective record, with its id and where it stands, the
// unreviewed ones lowest confidence first (the engine's least certain work is what an analyst
// should look at first). Rejected items are listed too, so that a rejection can be undone.
import { ITEM_KINDS, ITEM_LISTS, type Item, type ItemKind, itemIds } from "../domain/index.js";
import type { Store } from "../store/index.js";
import { latestDecisions } from "./effective-record.js";

export interface QueueItem {
  id: string;
  kind: ItemKind;
  documentId: string;
  documentTitle: string | null;
  /** unreviewed, or the analyst's decision. */
  status: "unreviewed" | "accepted" | "corrected" | "added" | "rejected";
  confidence: number | null;
  sentence: string;
  /** One line saying what the item claims: "France — condemn". */
  summary: string;
  item: Item;
}

const name = (ref: { name: string } | null | undefined) => ref?.name ?? "(unknown)";

export function describeItem(kind: ItemKind, item: Item): string {
  const i = item as unknown as Record<string, never>;
  switch (kind) {
    case "reaction":
      return `${name(i.actor)} — ${i.stance}`;
    case "quote":
      return `${name(i.speaker)}: “${String(i.text).slice(0, 80)}”`;
    case "attribution":
      return `${i.claimant === "author" ? "the author" : name(i.claimant)} blames ${name(i.accused)}`;
    case "event":
      return `${i.cameo} ${i.summary}`.slice(0, 100);
  }
}

export interface QueueQuery {
  caseId?: string;
  /** Only these kinds. */
  kinds?: readonly ItemKind[];
  /** Include reviewed and rejected items (default: unreviewed only). */
  all?: boolean;
}

export async function reviewQueue(store: Store, query: QueueQuery = {}): Promise<QueueItem[]> {
  const ids = await store.documentIds(query.caseId ? { caseId: query.caseId } : {});
  const kinds = query.kinds?.length ? query.kinds : ITEM_KINDS;
  const queue: QueueItem[] = [];
  for (const documentId of ids) {
    const report = await store.loadReport(documentId);
    if (!report) continue;
    const latest = latestDecisions(await store.decisions(documentId));
    for (const kind of kinds) {
      const items = report.analysis[ITEM_LISTS[kind]] as Item[];
      const itemIdsNow = itemIds(documentId, kind, items);
      const entry = (id: string, item: Item, status: QueueItem["status"]): QueueItem => ({
        id,
        kind,
        documentId,
        documentTitle: report.document.title,
        status,
        confidence: "confidence" in item ? item.confidence : null,
        sentence: item.sentence,
        summary: describeItem(kind, item),
        item,
      });
      items.forEach((item, i) => {
        const id = item.review?.item ?? itemIdsNow[i]!;
        if (item.review) {
          if (query.all) queue.push(entry(id, item, item.review.status));
        } else queue.push(entry(id, item, "unreviewed"));
      });
      if (!query.all) continue;
      const engine = report.engine[ITEM_LISTS[kind]] as Item[];
      itemIds(documentId, kind, engine).forEach((id, i) => {
        if (latest.get(id)?.action === "reject") queue.push(entry(id, engine[i]!, "rejected"));
      });
    }
  }
  // Lowest confidence first; a quotation has none and counts as middling.
  const rank = (q: QueueItem) => (q.status === "unreviewed" ? 0 : 1) * 10 + (q.confidence ?? 0.5);
  return queue.sort((a, b) => rank(a) - rank(b));
}
