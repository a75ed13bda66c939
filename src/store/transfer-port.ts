// The transfer port: a store's contents record by record, as `crisisdesk migrate` copies them from
// one backend to another without loss (times, versions, the analyst's decisions and the engine's
// history kept as they were, not stamped anew).
import type { Decision, EngineChange, StoredReport } from "./review-port.js";
import type { SaveOutcome } from "./store-port.js";

/** A report with everything kept about it: the engine's output, the effective record, the
 * analyst's decisions and the engine's changes to its items, oldest first. */
export interface ReportRecord extends StoredReport {
  decisions: Decision[];
  changes: EngineChange[];
}

/** A case with its members (who added each, when) and its analyst state (ACH, scenarios). */
export interface CaseRecord {
  id: string;
  title: string;
  anchorDate: string | null;
  country: string | null;
  description: string | null;
  createdAt: string;
  members: { id: string; addedBy: string; addedAt: string }[];
  state: { key: string; value: unknown; updatedAt: string }[];
}

export interface TransferStore {
  exportReport(documentId: string): Promise<ReportRecord | null>;
  /** Stores a report as it was recorded, in one transaction; "duplicate" when the store has it. */
  importReport(record: ReportRecord): Promise<SaveOutcome>;
  exportCases(): Promise<CaseRecord[]>;
  /** Stores a case, its members and state, in one transaction; what the store already has of the
   * case (the case, a member, a state key) is left as it is. */
  importCase(record: CaseRecord): Promise<void>;
}
