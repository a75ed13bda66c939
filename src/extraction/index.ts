export { type Analyser, type AnalyserOptions, createAnalyser, documentHeader } from "./analyse-document.js";
export { type Casualties, type CasualtyFigureIn, casualtyFiguresIn, readCasualties } from "./casualties.js";
export {
  documentModality,
  isScenarioHeading,
  loadModalityCues,
  type Modality,
  type ModalityCues,
  type ModalityReason,
  sentenceModality,
} from "./modality.js";
export { loadPatterns, type Patterns, phraseRegex } from "./patterns.js";
export * from "./petrarch-coder.js";
export { ActorResolver, type ResolvedMention } from "./resolve-actors.js";
