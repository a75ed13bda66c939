// The storage ports. The pipeline and the interfaces talk to these interfaces only, each as narrow
// as its caller needs (documents, cases, the knowledge overlay and graph, search, stats); an
// adapter (SQLite, PostgreSQL) implements them all and passes one contract suite
// (test/store/store-contract.ts). Methods are async so that a networked backend fits.
import type { Actor, Analysis, Document } from "../domain/index.js";
import type { AnalysisVersions, ReviewStore } from "./review-port.js";
import type { TransferStore } from "./transfer-port.js";

export interface ListQuery {
  /** Only items from documents published (or, if undated, ingested) on or after this date. */
  since?: string;
  /** Actor name, alias, id or country code to filter on. */
  actor?: string;
  limit?: number;
}

export interface DocumentRow {
  id: string;
  title: string | null;
  author: string | null;
  published: string | null;
  source: string;
  url: string | null;
  format: string;
  words: number;
  sentences: number;
  ingestedAt: string;
}

export interface ActorRow {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  documents: number;
  mentions: number;
}

export interface ItemRow {
  documentId: string;
  documentTitle: string | null;
  published: string | null;
  [field: string]: unknown;
}

export interface SearchHit {
  documentId: string;
  documentTitle: string | null;
  sentence: number;
  snippet: string;
  offset: [number, number];
}

export interface StoreStats {
  documents: number;
  sentences: number;
  words: number;
  actors: number;
  mentions: number;
  events: number;
  reactions: number;
  quotes: number;
  attributions: number;
  overlayActors: number;
  path: string;
  schemaVersion: number;
}

export interface CaseRow {
  id: string;
  title: string;
  anchorDate: string | null;
  country: string | null;
  description: string | null;
  createdAt: string;
  documents: number;
}

export interface CaseInput {
  id: string;
  title: string;
  anchorDate?: string | null;
  country?: string | null;
  description?: string | null;
}

export interface CaseDocument extends DocumentRow {
  analysis: Analysis;
  addedBy: string;
}

/** A stored report with its analysis, without its text. */
export interface AnalysedDocument extends DocumentRow {
  analysis: Analysis;
}

/**
 * What a case's candidate reports are found by: each clause is an indexed lookup, and a report
 * that meets any of them is a candidate (dates are YYYY-MM-DD, both ends included).
 */
export interface CandidateQuery {
  /** An event of the report is dated in this range. */
  eventDays?: { from: string; to: string };
  /** The report was published in this range. */
  published?: { from: string; to: string };
  /** An event of the report targets one of these actors (knowledge-base ids). */
  targets?: readonly string[];
  /** The report mentions one of these actors (knowledge-base ids). */
  actors?: readonly string[];
}

export interface GraphEdge {
  from: string;
  type: string;
  to: string;
  start?: string;
  end?: string;
  note?: string;
}

export interface KnowledgeGraph {
  /** Changes whenever the shipped data or the overlay changes; an unchanged graph is not rewritten. */
  version: string;
  actors: { id: string; name: string; kind: string; country: string | null }[];
  edges: GraphEdge[];
}

export interface AffiliationRow extends GraphEdge {
  fromName: string | null;
  toName: string | null;
  origin: string;
}

export type SaveOutcome = "added" | "duplicate";

/** The time an adapter stamps rows with (ingested, created, updated): passed in, never read. */
export type Clock = () => Date;

/** Reports and what was extracted from them. */
export interface DocumentStore {
  hasDocument(id: string): Promise<boolean>;
  /** Saves a document and its analysis in one transaction: all of it, or none of it. */
  saveDocument(document: Document, analysis: Analysis, versions?: AnalysisVersions): Promise<SaveOutcome>;
  /** One document by its exact id. */
  getDocument(id: string): Promise<(DocumentRow & { text: string; analysis: Analysis }) | null>;
  /** Ids that start with a prefix (at most `limit`, default 2): for resolving what a user typed. */
  documentIdsByPrefix(prefix: string, limit?: number): Promise<string[]>;
  /** Documents by exact id with their analyses, not their text; unknown ids are left out. */
  getAnalyses(ids: readonly string[]): Promise<AnalysedDocument[]>;
  /** The texts of documents by exact id. */
  documentTexts(ids: readonly string[]): Promise<Map<string, string>>;
  /** Ids of the documents that meet any clause of the query, through indexed columns. */
  candidateDocuments(query: CandidateQuery): Promise<string[]>;
  listDocuments(query?: ListQuery): Promise<DocumentRow[]>;
  listActors(query?: ListQuery): Promise<ActorRow[]>;
  listEvents(query?: ListQuery): Promise<ItemRow[]>;
  listReactions(query?: ListQuery): Promise<ItemRow[]>;
  listQuotes(query?: ListQuery): Promise<ItemRow[]>;
  listAttributions(query?: ListQuery): Promise<ItemRow[]>;
}

/** Cases (documents grouped by crisis) and the analyst's state kept per case. */
export interface CaseStore {
  createCase(input: CaseInput): Promise<CaseRow>;
  getCase(id: string): Promise<CaseRow | null>;
  listCases(): Promise<CaseRow[]>;
  /** Adds documents to a case; returns how many were new to it. */
  addToCase(caseId: string, documentIds: readonly string[], addedBy?: "analyst" | "auto"): Promise<number>;
  /** Removes documents from a case; returns how many were in it. */
  removeFromCase(caseId: string, documentIds: readonly string[]): Promise<number>;
  caseDocuments(caseId: string): Promise<CaseDocument[]>;
  /** The ids of a case's documents and who added each, without reading the documents. */
  caseMembers(caseId: string): Promise<{ id: string; addedBy: string }[]>;
  /** Analyst state kept per case (the ACH matrix, scenarios and their history), as JSON. */
  getCaseState<T>(caseId: string, key: string): Promise<T | null>;
  putCaseState(caseId: string, key: string, value: unknown): Promise<void>;
}

/** The analyst's overlay on the knowledge base, and the affiliation graph mirrored beside the reports. */
export interface KnowledgeStore {
  /** Analyst-maintained actors that win over the shipped knowledge base. */
  overlayActors(): Promise<Actor[]>;
  putOverlayActors(actors: Actor[]): Promise<void>;
  removeOverlayActor(id: string): Promise<boolean>;
  /** Mirrors the knowledge base's affiliation graph into the store, so that it can be queried
   * beside the reports ("which reacting actors are backed by Iran?"). Returns whether it changed. */
  syncKnowledgeGraph(graph: KnowledgeGraph): Promise<boolean>;
  listAffiliations(query?: {
    actor?: string;
    target?: string;
    type?: string;
    limit?: number;
  }): Promise<AffiliationRow[]>;
}

/** Full-text search over stored sentences. */
export interface SearchStore {
  /** Sentences holding every word, best first, the words bracketed in the snippet ("[word]"). */
  search(words: string, limit?: number): Promise<SearchHit[]>;
}

/** Counts of what the store holds. */
export interface StatsStore {
  stats(): Promise<StoreStats>;
}

/** An open store: every port, its location (a file path or a redacted URL) and a way to close it.
 * Callers that need only one port should ask for that port. */
export interface Store
  extends DocumentStore,
    CaseStore,
    KnowledgeStore,
    SearchStore,
    StatsStore,
    ReviewStore,
    TransferStore {
  readonly path: string;
  close(): Promise<void>;
}
