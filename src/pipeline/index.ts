export {
  currentVersions,
  type Engine,
  engineVersion,
  knowledgeVersion,
  loadAnalyser,
  loadEngine,
  loadKnowledge,
  loadReviewDeps,
  storeStats,
} from "./engine.js";
export { type Analyse, type IngestDeps, type IngestProgress, type IngestReport, ingest } from "./ingest.js";
