// Bringing actors from other tools into the knowledge base: PETRARCH/TABARI dictionaries, CSV, JSON.
export { CSV_COLUMNS, CSV_ROLE_COLUMNS } from "./actor-csv.js";
export {
  detectImportFormat,
  IMPORT_FORMATS,
  type ImportFormat,
  ImportProblemsError,
  type ImportSummary,
  importActors,
} from "./actor-import.js";
export type { ImportProblem } from "./parsed-actors.js";
export * from "./petrarch-format.js";
