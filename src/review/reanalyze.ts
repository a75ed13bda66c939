// Re-analysis: the current engine and knowledge base over stored reports (after a knowledge-base
// edit or an engine upgrade), one transaction per report. The engine's new output replaces its
// old one; the analyst's decisions are applied again, so reviewed items stand and rejected ones
// stay out; what changed is reported per kind and kept in each item's history.
import { isDeepStrictEqual } from "node:util";
import {
  type Analysis,
  CrisisdeskError,
  type Document,
  ITEM_KINDS,
  ITEM_LISTS,
  type Item,
  type ItemKind,
  itemIds,
  UsageError,
} from "../domain/index.js";
import type { AnalysisVersions, EngineChange, Store } from "../store/index.js";
import { diffAnalyses } from "./analysis-diff.js";
import { effectiveRecord, latestDecisions } from "./effective-record.js";

export interface ReanalyzeTarget {
  /** The reports of one case. */
  caseId?: string;
  /** Every stored report. */
  all?: boolean;
  /** Reports by id or unique id prefix. */
  documents?: readonly string[];
}

export interface ReanalyzeDeps {
  store: Store;
  analyse: (document: Document) => Analysis;
  versions: AnalysisVersions;
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export type KindCounts = { added: number; removed: number; changed: number };

export interface ReanalyzeReport {
  versions: AnalysisVersions;
  documents: number;
  /** Reports whose analysis changed. */
  changed: number;
  byKind: Record<ItemKind | "actor", KindCounts>;
  /** Reviewed items the engine now gives otherwise (or not at all), kept as the analyst left them. */
  reviewedKept: number;
  /** Items the engine produces that the analyst had rejected, left out again. */
  rejectedAgain: number;
  reports: { id: string; title: string | null; byKind: Partial<Record<ItemKind | "actor", KindCounts>> }[];
}

async function targetIds(store: Store, target: ReanalyzeTarget): Promise<string[]> {
  const given = [target.caseId !== undefined, Boolean(target.all), Boolean(target.documents?.length)];
  if (given.filter(Boolean).length !== 1)
    throw new UsageError("say what to re-analyse: --case ID, --all, or document ids (one of them)");
  if (target.all) return store.documentIds();
  if (target.caseId !== undefined) {
    if (!(await store.getCase(target.caseId)))
      throw new CrisisdeskError("NOT_FOUND", `no case with id "${target.caseId}"`, { where: target.caseId });
    return store.documentIds({ caseId: target.caseId });
  }
  const ids: string[] = [];
  for (const ref of target.documents!) {
    const doc = await store.getDocument(ref);
    if (!doc)
      throw new CrisisdeskError("NOT_FOUND", "no stored document has this id (or the prefix is ambiguous)", {
        where: ref,
      });
    ids.push(doc.id);
  }
  return ids;
}

/** How many of the engine's items the analyst has rejected. */
function rejectedIn(analysis: Analysis, latest: ReadonlyMap<string, { action: string }>): number {
  let n = 0;
  for (const kind of ITEM_KINDS) {
    const ids = itemIds(analysis.document.id, kind, analysis[ITEM_LISTS[kind]] as Item[]);
    for (const id of ids) if (latest.get(id)?.action === "reject") n++;
  }
  return n;
}

const zero = (): KindCounts => ({ added: 0, removed: 0, changed: 0 });

export async function reanalyze(target: ReanalyzeTarget, deps: ReanalyzeDeps): Promise<ReanalyzeReport> {
  const { store, versions } = deps;
  const now = deps.now ?? (() => new Date());
  const ids = await targetIds(store, target);
  const byKind = Object.fromEntries([...ITEM_KINDS, "actor"].map((k) => [k, zero()])) as Record<
    ItemKind | "actor",
    KindCounts
  >;
  const report: ReanalyzeReport = {
    versions,
    documents: ids.length,
    changed: 0,
    byKind,
    reviewedKept: 0,
    rejectedAgain: 0,
    reports: [],
  };
  const reason = `re-analysis (engine ${versions.engine}, knowledge base ${versions.kb})`;
  for (const [n, id] of ids.entries()) {
    const stored = await store.loadReport(id);
    if (!stored) continue;
    const at = now().toISOString();
    const next = deps.analyse(stored.document);
    const decisions = await store.decisions(id);
    const latest = latestDecisions(decisions);
    if (latest.size) report.rejectedAgain += rejectedIn(next, latest);
    // Compared as values, not as text: a store may give keys back in another order (jsonb does).
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(next)), stored.engine)) {
      if (stored.versions?.engine !== versions.engine || stored.versions?.kb !== versions.kb)
        await store.markAnalysed(id, versions, at);
    } else {
      const diff = diffAnalyses(stored.engine, next);
      const counts: Partial<Record<ItemKind | "actor", KindCounts>> = {};
      const changes: EngineChange[] = [];
      for (const c of diff.changes) {
        byKind[c.kind][c.action]++;
        const mine = counts[c.kind] ?? zero();
        mine[c.action]++;
        counts[c.kind] = mine;
        const decided = (id: string | undefined) => (id ? latest.get(id) : undefined);
        const before = decided(c.before?.id);
        if (before && before.action !== "reject") report.reviewedKept++;
        const common = { documentId: id, kind: c.kind, reason, at };
        if (c.before && c.after && c.before.id !== c.after.id) {
          changes.push({
            ...common,
            item: c.before.id,
            action: "replaced",
            before: c.before.item,
            after: c.after.item,
            reason: `${reason}: now ${c.after.id}`,
          });
          changes.push({
            ...common,
            item: c.after.id,
            action: "changed",
            before: c.before.item,
            after: c.after.item,
            reason: `${reason}: was ${c.before.id}`,
          });
        } else {
          const item = (c.after ?? c.before)!.id;
          changes.push({
            ...common,
            item,
            action: c.action,
            before: c.before?.item ?? null,
            after: c.after?.item ?? null,
          });
        }
      }
      if (diff.actors.added.length || diff.actors.removed.length) {
        byKind.actor.added += diff.actors.added.length;
        byKind.actor.removed += diff.actors.removed.length;
        counts.actor = { added: diff.actors.added.length, removed: diff.actors.removed.length, changed: 0 };
      }
      await store.replaceAnalysis(id, {
        engine: next,
        analysis: effectiveRecord(next, decisions),
        versions,
        at,
        changes,
      });
      report.changed++;
      report.reports.push({ id, title: stored.document.title, byKind: counts });
    }
    deps.onProgress?.(n + 1, ids.length);
  }
  return report;
}
