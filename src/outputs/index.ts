export * from "./acled.js";
export * from "./brief.js";
export * from "./case-json.js";
export * from "./gdelt.js";
export * from "./stix.js";
