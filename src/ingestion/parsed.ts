// What every format reader produces, and how it becomes a Document: normalised text, blocks,
// sentences, word count and a content-derived id.
import type { Document, DocumentMeta } from "../domain/index.js";
import { countWords, documentId, normaliseBlocks, type RawBlock, splitSentences } from "../text/index.js";
import { datelineDate, isoDate } from "./dateline.js";

export interface ParsedDocument {
  meta: Partial<DocumentMeta> & { source: string; format: string };
  blocks: RawBlock[];
}

export function buildDocument(parsed: ParsedDocument): Document {
  const { text, blocks } = normaliseBlocks(parsed.blocks);
  const sentences = splitSentences(text, blocks);
  const published = isoDate(parsed.meta.published ?? null) ?? datelineDate(text, blocks, parsed.meta.url);
  const firstHeading = blocks.find((b) => b.kind === "heading");
  const title =
    parsed.meta.title?.trim() ||
    (firstHeading ? text.slice(firstHeading.span[0], firstHeading.span[1]) : null);
  return {
    id: documentId(text),
    title: title || null,
    author: parsed.meta.author?.trim() || null,
    published,
    source: parsed.meta.source,
    url: parsed.meta.url ?? null,
    format: parsed.meta.format,
    language: "en",
    text,
    blocks,
    sentences,
    words: countWords(text),
  };
}
