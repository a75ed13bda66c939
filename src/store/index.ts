import { SqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store-port.js";

export type {
  ActorRow,
  AffiliationRow,
  DocumentRow,
  GraphEdge,
  ItemRow,
  KnowledgeGraph,
  ListQuery,
  SaveOutcome,
  SearchHit,
  Store,
  StoreStats,
} from "./store-port.js";
export { SqliteStore };

export const DEFAULT_DB = "crisisdesk.db";

/** Opens the store named by a path (the embedded SQLite default). */
export function openStore(path: string = process.env.CRISISDESK_DB || DEFAULT_DB): Store {
  return new SqliteStore(path);
}
