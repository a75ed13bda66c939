// Tables and texts for people: what the CLI prints and the API serves as text, Markdown or CSV.
export { achEvidenceText, achMarkdown, achText, achView } from "./ach-tables.js";
export { actorsCsv, actorViewText, period } from "./actor-tables.js";
export { dyadText } from "./dyad-text.js";
export {
  reactionMatrixCsv,
  reactionMatrixMarkdown,
  reactionMatrixText,
  voiceName,
} from "./reaction-matrix-tables.js";
export {
  scenarioHistoryLines,
  scenarioMarkdown,
  scenarioRows,
  scenarioStatusText,
} from "./scenario-tables.js";
export { type TextColumn, textTable } from "./text-table.js";
export { timelineText } from "./timeline-text.js";
