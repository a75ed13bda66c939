export { dayInSentence, firstFullDate, readsDayFirst, sourceAddressDate, yearBesideMonth } from "./dates.js";
export {
  countWords,
  documentId,
  foldText,
  type NormalisedText,
  normaliseBlocks,
  type RawBlock,
} from "./normalise.js";
export { looksLikeHeading, plainTextBlocks } from "./plain-blocks.js";
export { MAX_SENTENCE_CHARS, splitSentences } from "./segment.js";
