export { findActors } from "./actor-lookup.js";
export { type ActorLink, type ActorView, viewActor } from "./actor-view.js";
export { AliasIndex, type AliasMatch, aliasKey, type Token, tokenize } from "./alias-index.js";
export * from "./import/index.js";
export { type Edge, KnowledgeBase, type Lexeme, type Office } from "./knowledge-base.js";
export { DATA_DIR, type KnowledgeData, loadKnowledgeData, stateNameSet, validate } from "./load-knowledge.js";
export {
  type ActorChanges,
  addOverlayActor,
  applyActorChanges,
  checkEntry,
  type EntryCheck,
  editOverlayActor,
  hasActorChanges,
  type OverlayStore,
  overlayActorSchema,
  overlayKnowledge,
  removeOverlayActor,
  resolveActorRef,
} from "./overlay.js";
export * from "./schema.js";
