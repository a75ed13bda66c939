export * from "./admiralty.js";
export * from "./analysis-schema.js";
export * from "./errors.js";
export * from "./item-key.js";
export * from "./model.js";
