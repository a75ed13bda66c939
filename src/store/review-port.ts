// The review port: what the analyst's layer (src/review) keeps in a store. The engine's analysis
// and the analyst's decisions are stored apart; the effective record (engine items with the
// decisions applied) is derived by src/review and stored beside them, so that every reader of
// documents and items (lists, cases, outputs) sees the reviewed record without knowing of it.
import type { Analysis, Document, ItemKind, SourceGrade } from "../domain/index.js";

export type { SourceGrade };

/** The engine and knowledge-base versions that made an analysis. */
export interface AnalysisVersions {
  engine: string;
  kb: string;
}

export type DecisionAction = "accept" | "reject" | "set" | "add";

/** One analyst decision on one item. Decisions are appended, never edited; the latest per item wins. */
export interface Decision {
  documentId: string;
  /** The item's id (itemId of the engine's item, or of the item the analyst added). */
  item: string;
  kind: ItemKind;
  action: DecisionAction;
  /** The item as the analyst left it (accept, set, add); null for a rejection. */
  data: unknown | null;
  by: string;
  at: string;
  note: string | null;
}

/** One change the engine made to an item on re-analysis. */
export interface EngineChange {
  documentId: string;
  item: string;
  kind: ItemKind;
  action: "added" | "removed" | "changed" | "replaced";
  before: unknown | null;
  after: unknown | null;
  reason: string;
  at: string;
}

/** A stored report as re-analysis and review need it. */
export interface StoredReport {
  document: Document;
  /** The engine's output, before decisions. */
  engine: Analysis;
  /** The effective record: the engine's output with the analyst's decisions applied. */
  analysis: Analysis;
  versions: AnalysisVersions | null;
  ingestedAt: string;
  analysedAt: string | null;
}

/** Where an item id is found: the document and kind, from the items or the decisions. */
export interface ItemLocation {
  documentId: string;
  kind: ItemKind;
}

/** What an analyst decided about an actor the engine minted (a `new:` id): that it is a known
 * actor (link: the name became an alias of it), a new one (add: promoted to the overlay), or a
 * descriptive phrase that names no one in particular. Kept so that each can be undone. */
export interface ActorResolution {
  /** The minted id ("new:iran-aligned-factions"). */
  actor: string;
  /** The name the engine gave it. */
  name: string;
  action: "link" | "add" | "phrase";
  /** The knowledge-base actor it was linked to or added as; null for a phrase. */
  target: string | null;
  /** The alias the link added to the target, when it was not already one (undo removes it). */
  alias: string | null;
  by: string;
  at: string;
  note: string | null;
}

export interface ReviewStore {
  /** Ids of the stored documents (all of them, or a case's), oldest first. */
  documentIds(query?: { caseId?: string }): Promise<string[]>;
  loadReport(documentId: string): Promise<StoredReport | null>;
  /** Replaces a document's analysis after re-analysis, in one transaction: the engine's output,
   * the effective record, the versions and the engine's changes to items. */
  replaceAnalysis(
    documentId: string,
    update: {
      engine: Analysis;
      analysis: Analysis;
      versions: AnalysisVersions;
      at: string;
      changes: EngineChange[];
    },
  ): Promise<void>;
  /** Records that an unchanged analysis was checked against these versions. */
  markAnalysed(documentId: string, versions: AnalysisVersions, at: string): Promise<void>;
  /** Appends a decision and stores the effective record it leads to, in one transaction. */
  addDecision(decision: Decision, analysis: Analysis): Promise<void>;
  /** A document's decisions, oldest first. */
  decisions(documentId: string): Promise<Decision[]>;
  /** Where an item id (or a unique prefix of one) is found. */
  findItem(id: string): Promise<(ItemLocation & { item: string }) | null>;
  itemDecisions(item: string): Promise<Decision[]>;
  itemChanges(item: string): Promise<EngineChange[]>;
  /** How many analyses were made by other versions than these (or by an unrecorded one). */
  countStale(versions: AnalysisVersions): Promise<number>;
  /** Sets an outlet's grade (a name already graded, in any case, is graded again). */
  putSource(grade: SourceGrade): Promise<void>;
  /** Removes an outlet's grade; false when it had none. */
  removeSource(name: string): Promise<boolean>;
  listSources(): Promise<SourceGrade[]>;
  /** Records (or replaces) the resolution of a minted actor. */
  putActorResolution(resolution: ActorResolution): Promise<void>;
  /** Forgets a minted actor's resolution; false when it had none. */
  removeActorResolution(actor: string): Promise<boolean>;
  actorResolutions(): Promise<ActorResolution[]>;
}
