// Composition of the extraction engine: the shipped knowledge base with the analyst's overlay
// from the store (which wins), and the pattern files. Interfaces call this, not the parts.
import { type Analyser, createAnalyser } from "../extraction/index.js";
import { KnowledgeBase } from "../knowledge/index.js";
import type { Store } from "../store/index.js";

export async function loadKnowledge(store?: Store): Promise<KnowledgeBase> {
  return KnowledgeBase.load(store ? await store.overlayActors() : []);
}

export async function loadAnalyser(store?: Store): Promise<Analyser> {
  return createAnalyser({ kb: await loadKnowledge(store) });
}
