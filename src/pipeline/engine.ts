// Composition of the extraction engine: the shipped knowledge base with the analyst's overlay
// from the store (which wins), and the pattern files. Interfaces call this, not the parts.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor } from "../domain/index.js";
import { type Analyser, createAnalyser, loadPatterns } from "../extraction/index.js";
import { DATA_DIR, KnowledgeBase } from "../knowledge/index.js";
import type { ReviewDeps } from "../review/index.js";
import type { AnalysisVersions, KnowledgeGraph, KnowledgeStore, Store, StoreStats } from "../store/index.js";

export async function loadKnowledge(store?: KnowledgeStore): Promise<KnowledgeBase> {
  const kb = KnowledgeBase.load(store ? await store.overlayActors() : []);
  if (store) await store.syncKnowledgeGraph(knowledgeGraph(kb));
  return kb;
}

/** The knowledge base's actors and affiliation graph, as the store keeps them. */
export function knowledgeGraph(kb: KnowledgeBase): KnowledgeGraph {
  const edges = kb.allEdges().map((e) => ({ ...e }));
  const actors = kb.all().map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country }));
  const version = createHash("sha1")
    .update(JSON.stringify([edges, actors]))
    .digest("hex");
  return { version, actors, edges };
}

export async function loadAnalyser(store?: KnowledgeStore): Promise<Analyser> {
  return createAnalyser({ kb: await loadKnowledge(store) });
}

/** Every file under a folder, sorted, fed to a hash with its relative name. */
function hashFolder(hash: ReturnType<typeof createHash>, dir: string, prefix = ""): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashFolder(hash, path, `${prefix}${entry.name}/`);
    else if (!entry.name.endsWith(".map") && !entry.name.endsWith(".d.ts")) {
      hash.update(`${prefix}${entry.name}\0`);
      hash.update(readFileSync(path));
    }
  }
}

const SRC_DIR = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
let engineVersionMemo: string | undefined;

/** The engine's version: the package version and a hash of the extraction and knowledge code, so
 * that an upgrade (or a local change) marks the analyses the old code made as stale. */
export function engineVersion(): string {
  if (!engineVersionMemo) {
    const pkg = JSON.parse(readFileSync(resolve(SRC_DIR, "..", "package.json"), "utf8")) as {
      version: string;
    };
    const hash = createHash("sha1");
    hashFolder(hash, join(SRC_DIR, "extraction"));
    hashFolder(hash, join(SRC_DIR, "knowledge"));
    engineVersionMemo = `${pkg.version}+${hash.digest("hex").slice(0, 12)}`;
  }
  return engineVersionMemo;
}

/** The knowledge base's version: a content hash of the shipped data (knowledge base, gazetteer,
 * patterns, codebook) and the analyst's overlay. Any edit to either changes it. */
export function knowledgeVersion(overlay: readonly Actor[]): string {
  const hash = createHash("sha1");
  hashFolder(hash, DATA_DIR);
  hash.update(JSON.stringify([...overlay].sort((a, b) => a.id.localeCompare(b.id))));
  return hash.digest("hex").slice(0, 12);
}

export interface Engine {
  analyse: Analyser;
  versions: AnalysisVersions;
}

/** The analyser over the store's knowledge base, with the versions its analyses are stamped with. */
export async function loadEngine(store: Store, options: { budgetMs?: number } = {}): Promise<Engine> {
  const overlay = await store.overlayActors();
  const kb = KnowledgeBase.load(overlay);
  await store.syncKnowledgeGraph(knowledgeGraph(kb));
  return {
    analyse: createAnalyser({ kb, budget: options.budgetMs ? { ms: options.budgetMs } : undefined }),
    versions: { engine: engineVersion(), kb: knowledgeVersion(overlay) },
  };
}

/** The versions the store's current knowledge base and this engine would stamp an analysis with. */
export async function currentVersions(store: Store): Promise<AnalysisVersions> {
  return { engine: engineVersion(), kb: knowledgeVersion(await store.overlayActors()) };
}

/** The store's counts, with how many analyses the current engine and knowledge base would redo. */
export async function storeStats(store: Store): Promise<StoreStats & { staleAnalyses: number }> {
  const stats = await store.stats();
  return { ...stats, staleAnalyses: await store.countStale(await currentVersions(store)) };
}

/** What review decisions need: the store's knowledge base, and the CAMEO codebook for event types. */
export async function loadReviewDeps(store: Store): Promise<ReviewDeps> {
  const kb = await loadKnowledge(store);
  const cameo = loadPatterns().cameo;
  return { store, kb, plover: (code) => cameo.get(code)?.plover };
}
