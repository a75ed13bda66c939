// The main job: read inputs, analyse each new document, and store document and analysis together
// in one transaction. Duplicates (same normalised text) are detected before any work is done.
import type { Analysis, CrisisdeskError, Document } from "../domain/index.js";
import { type Input, type ReadOptions, readInputs } from "../ingestion/index.js";
import type { AnalysisVersions, DocumentStore } from "../store/index.js";

export type Analyse = (document: Document) => Analysis;

export interface IngestReport {
  added: { input: string; id: string; title: string | null }[];
  duplicates: { input: string; id: string; title: string | null }[];
  failed: { input: string; code: string; reason: string }[];
  /** Inputs of which some records or items were stored and some failed (a JSONL file with a bad
   * line, a feed past its item cap): how many of each. */
  partial: { input: string; read: number; failed: number }[];
}

export interface IngestProgress {
  input: string;
  outcome: "added" | "duplicate" | "failed";
  done: number;
}

export interface IngestDeps {
  store: DocumentStore;
  analyse: Analyse;
  /** The engine and knowledge-base versions the analyses are stamped with (see reanalyze). */
  versions?: AnalysisVersions;
  read?: ReadOptions;
  onProgress?: (progress: IngestProgress) => void;
}

export async function ingest(inputs: readonly Input[], deps: IngestDeps): Promise<IngestReport> {
  const report: IngestReport = { added: [], duplicates: [], failed: [], partial: [] };
  let done = 0;
  const fail = (input: string, error: CrisisdeskError) => {
    report.failed.push({ input: error.where ?? input, code: error.code, reason: error.message });
    deps.onProgress?.({ input, outcome: "failed", done: ++done });
  };
  for await (const result of readInputs(inputs, deps.read)) {
    if (result.error) {
      fail(result.input, result.error);
      continue;
    }
    for (const problem of result.problems) fail(result.input, problem);
    if (result.problems.length > 0 && result.documents.length > 0)
      report.partial.push({
        input: result.input,
        read: result.documents.length,
        failed: result.problems.length,
      });
    for (const document of result.documents) {
      const entry = { input: document.url ?? result.input, id: document.id, title: document.title };
      try {
        if (await deps.store.hasDocument(document.id)) {
          report.duplicates.push(entry);
          deps.onProgress?.({ input: result.input, outcome: "duplicate", done: ++done });
          continue;
        }
        const outcome = await deps.store.saveDocument(document, deps.analyse(document), deps.versions);
        (outcome === "added" ? report.added : report.duplicates).push(entry);
        deps.onProgress?.({ input: result.input, outcome, done: ++done });
      } catch (cause) {
        const error = cause as CrisisdeskError;
        fail(
          result.input,
          error.code
            ? error
            : ({ code: "STORE", message: String(cause), where: result.input } as CrisisdeskError),
        );
      }
    }
  }
  return report;
}
