export { type Analyse, type IngestDeps, type IngestProgress, type IngestReport, ingest } from "./ingest.js";
