// Plain text and Markdown into raw blocks. Reports pasted as text mark structure with blank lines,
// short unpunctuated lines ("- Ukraine 'strongly condemns' -", "France") and Markdown headings;
// the context stage relies on headings to scope the paragraphs beneath them.
import type { RawBlock } from "./normalise.js";

const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const SETEXT = /^\s*(=+|-+)\s*$/;

/** Lines that look like a heading in plain text: short, one line, no closing punctuation. */
export function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 100) return false;
  // A sentence ends in punctuation, perhaps inside closing quotes; a headline or a section name does not.
  if (/[.,;:!?]["'”’)\]]*$/.test(t)) return false;
  return t.split(/\s+/).length <= 20;
}

function stripMarkdownInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}

export function plainTextBlocks(text: string, options: { markdown?: boolean } = {}): RawBlock[] {
  const markdown = options.markdown ?? false;
  const blocks: RawBlock[] = [];
  const chunks = text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n+/);
  for (const chunk of chunks) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    if (markdown) {
      let paragraph: string[] = [];
      const flush = () => {
        if (paragraph.length) blocks.push({ kind: "paragraph", level: 0, text: paragraph.join(" ") });
        paragraph = [];
      };
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        const heading = MD_HEADING.exec(line);
        const next = lines[i + 1];
        if (heading) {
          flush();
          blocks.push({ kind: "heading", level: heading[1]!.length, text: stripMarkdownInline(heading[2]!) });
        } else if (next !== undefined && SETEXT.test(next) && paragraph.length === 0) {
          blocks.push({
            kind: "heading",
            level: next.trim().startsWith("=") ? 1 : 2,
            text: stripMarkdownInline(line),
          });
          i++;
        } else if (LIST_ITEM.test(line)) {
          flush();
          paragraph.push(stripMarkdownInline(line.replace(LIST_ITEM, "")));
        } else if (/^\s*>/.test(line)) {
          paragraph.push(stripMarkdownInline(line.replace(/^\s*>\s?/, "")));
        } else if (!/^\s*(?:---+|\*\*\*+|```)\s*$/.test(line)) {
          paragraph.push(stripMarkdownInline(line));
        }
      }
      flush();
      continue;
    }
    if (lines.length === 1 && looksLikeHeading(lines[0]!)) {
      blocks.push({ kind: "heading", level: 2, text: lines[0]! });
    } else {
      blocks.push({ kind: "paragraph", level: 0, text: lines.join(" ") });
    }
  }
  return blocks;
}
