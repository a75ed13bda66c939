// Composition of the extraction engine: the shipped knowledge base with the analyst's overlay
// from the store (which wins), and the pattern files. Interfaces call this, not the parts.

import { createHash } from "node:crypto";
import { type Analyser, createAnalyser } from "../extraction/index.js";
import { KnowledgeBase } from "../knowledge/index.js";
import type { KnowledgeGraph, KnowledgeStore } from "../store/index.js";

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
