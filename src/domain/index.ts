export * from "./analysis-schema.js";
export * from "./errors.js";
export * from "./model.js";
