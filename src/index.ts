// crisisdesk as a library: the same functions the CLI calls.
export * from "./analysis/index.js";
export * from "./domain/index.js";
export * from "./evaluation/index.js";
export * from "./extraction/index.js";
export * from "./ingestion/index.js";
export * from "./knowledge/index.js";
export * from "./outputs/index.js";
export * from "./pipeline/index.js";
export * from "./review/index.js";
export * from "./store/index.js";
export * from "./text/index.js";
