export { datelineDate, isoDate } from "./dateline.js";
export { type Fetched, type Fetcher, type FetchOptions, fetchUrl, isPrivateAddress } from "./fetch-url.js";
export { buildDocument, type ParsedDocument } from "./parsed.js";
export {
  DEFAULT_MAX_BYTES,
  expandInputs,
  type Input,
  type InputResult,
  isUrl,
  type ReadOptions,
  readInputs,
  type Upload,
} from "./read-input.js";
