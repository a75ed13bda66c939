export { loadAnalyser, loadKnowledge } from "./engine.js";
export { type Analyse, type IngestDeps, type IngestProgress, type IngestReport, ingest } from "./ingest.js";
