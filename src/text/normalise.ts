// Normalisation: the first text stage. Every format's reader hands over raw blocks (headings and
// paragraphs); this folds them into one canonical text whose sha256 is the document id and
// against which every offset in the pipeline is measured.
import { createHash } from "node:crypto";
import type { Block, BlockKind } from "../domain/index.js";

export interface RawBlock {
  kind: BlockKind;
  level: number;
  text: string;
}

export interface NormalisedText {
  text: string;
  blocks: Block[];
}

// Control characters other than tab/newline, zero-width characters and the byte-order mark carry
// no meaning in a report and would make identical texts hash differently.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]/g;

/** NFC, invisible characters removed, whitespace folded to single spaces. Quotes and dashes are kept. */
export function foldText(text: string): string {
  return text.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** Joins blocks with a blank line into the canonical text, recording each block's span. */
export function normaliseBlocks(raw: readonly RawBlock[]): NormalisedText {
  const blocks: Block[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const block of raw) {
    const text = foldText(block.text);
    if (!text) continue;
    if (parts.length > 0) at += 2;
    blocks.push({ kind: block.kind, level: block.level, span: [at, at + text.length] });
    parts.push(text);
    at += text.length;
  }
  return { text: parts.join("\n\n"), blocks };
}

export function documentId(normalisedText: string): string {
  return createHash("sha256").update(normalisedText, "utf8").digest("hex");
}

export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
