export { AliasIndex, type AliasMatch, aliasKey, type Token, tokenize } from "./alias-index.js";
export * from "./import/petrarch-format.js";
export { type Edge, KnowledgeBase, type Lexeme, type Office } from "./knowledge-base.js";
export { DATA_DIR, type KnowledgeData, loadKnowledgeData, validate } from "./load-knowledge.js";
export * from "./schema.js";
