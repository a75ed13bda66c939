export * from "./acled.js";
export * from "./brief.js";
export * from "./case-json.js";
export { type CsvValue, csvCell, csvTable } from "./csv.js";
export { EXPORT_FORMATS, type ExportedCase, type ExportFormat } from "./export-formats.js";
export * from "./gdelt.js";
export * from "./stix.js";
export * from "./tables/index.js";
