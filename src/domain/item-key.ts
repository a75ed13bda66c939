// Content keys for extracted items. A decision an analyst takes refers to an item by what it says
// (its document, kind, sentence and content such as actor and stance), never by a row id, so that
// it finds the same item again after a re-analysis renumbers or reorders everything.
import type { ActorRef, Analysis, Attribution, Event, Quote, Reaction } from "./model.js";
import { newActorId } from "./model.js";

export const ITEM_KINDS = ["event", "reaction", "quote", "attribution"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemOf {
  event: Event;
  reaction: Reaction;
  quote: Quote;
  attribution: Attribution;
}
export type Item = ItemOf[ItemKind];

/** The list of an analysis that holds items of a kind. */
export const ITEM_LISTS = {
  event: "events",
  reaction: "reactions",
  quote: "quotes",
  attribution: "attributions",
} as const satisfies Record<ItemKind, keyof Analysis>;

const PREFIX: Record<ItemKind, string> = { event: "e", reaction: "r", quote: "q", attribution: "a" };
const KIND_OF_PREFIX: Record<string, ItemKind> = { e: "event", r: "reaction", q: "quote", a: "attribution" };

/** The analyst's mark on an item of the effective record (absent on the engine's unreviewed items). */
export interface ItemReview {
  /** accepted as the engine gave it, corrected by the analyst, or added by the analyst. */
  status: "accepted" | "corrected" | "added";
  /** The item's id (see itemId), under which its decisions and history are kept. */
  item: string;
  by: string;
  at: string;
  note?: string;
}

const normal = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
const actorKey = (ref: ActorRef | null | undefined) => (ref ? (ref.id ?? newActorId(ref.name)) : "");

/** What makes an item this item rather than another in the same sentence. */
function content(kind: ItemKind, item: Item): string[] {
  switch (kind) {
    case "event": {
      const e = item as Event;
      return [e.cameo, actorKey(e.source_actor), actorKey(e.target_actor)];
    }
    case "reaction": {
      const r = item as Reaction;
      return [actorKey(r.actor), r.stance];
    }
    case "quote": {
      const q = item as Quote;
      return [actorKey(q.speaker), normal(q.text)];
    }
    case "attribution": {
      const a = item as Attribution;
      return [a.claimant === "author" ? "author" : actorKey(a.claimant), actorKey(a.accused)];
    }
  }
}

/** The item's content key: document, kind, sentence text and content, as one string. */
export function itemKey(documentId: string, kind: ItemKind, item: Item): string {
  return [documentId, kind, normal(item.sentence), ...content(kind, item)].join("\u241f");
}

/** A 64-bit hash as 16 hex digits, from two 32-bit FNV-1a style passes with different seeds (the
 * domain imports nothing, so no crypto module; this is an identifier, not a security measure). */
function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** The short id a person types for an item: its kind's letter and 12 hex digits of its key's hash
 * ("r-3fa2c9d01b2c"). The same content in the same report always has the same id. */
export function itemId(documentId: string, kind: ItemKind, item: Item, occurrence = 0): string {
  const key = itemKey(documentId, kind, item) + (occurrence > 0 ? `\u241f#${occurrence}` : "");
  return `${PREFIX[kind]}-${hash64(key).slice(0, 12)}`;
}

/** Ids for every item of a kind in order; a repeated item (same content twice in one sentence)
 * gets an occurrence suffix in its key, so ids stay unique within a report. */
export function itemIds(documentId: string, kind: ItemKind, items: readonly Item[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = itemKey(documentId, kind, item);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return itemId(documentId, kind, item, n);
  });
}

/** The kind an item id names, or null when the text is not an item id. */
export function kindOfItemId(id: string): ItemKind | null {
  const m = /^([erqa])-[0-9a-f]{12}$/.exec(id);
  return m ? KIND_OF_PREFIX[m[1]!]! : null;
}
