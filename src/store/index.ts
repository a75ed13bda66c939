import { SqliteStore } from "./sqlite/sqlite-store.js";
import { SqliteUserStore } from "./sqlite/sqlite-user-store.js";

export { type CopyReport, copyStore } from "./copy-store.js";
export type { OpenStoreOptions } from "./open-store.js";
export { DEFAULT_DB, isPostgresTarget, openStore, openUserStore } from "./open-store.js";
export { openPostgresPool, redactUrl } from "./postgres/postgres-connection.js";
export { PostgresStore } from "./postgres/postgres-store.js";
export { PostgresUserStore } from "./postgres/postgres-user-store.js";
export type {
  ActorResolution,
  AnalysisVersions,
  Decision,
  DecisionAction,
  EngineChange,
  ItemLocation,
  ReviewStore,
  SourceGrade,
  StoredReport,
} from "./review-port.js";
export { openSqliteFile } from "./sqlite/sqlite-connection.js";
export type {
  ActorRow,
  AffiliationRow,
  AnalysedDocument,
  CandidateQuery,
  CaseDocument,
  CaseInput,
  CaseRow,
  CaseStore,
  Clock,
  DocumentRow,
  DocumentStore,
  GraphEdge,
  ItemRow,
  KnowledgeGraph,
  KnowledgeStore,
  ListQuery,
  SaveOutcome,
  SearchHit,
  SearchStore,
  StatsStore,
  Store,
  StoreStats,
} from "./store-port.js";
export type { CaseRecord, ReportRecord, TransferStore } from "./transfer-port.js";
export type { StoredUser, TokenRow, UserRole, UserRow, UserStore } from "./user-store-port.js";
export { SqliteStore, SqliteUserStore };
