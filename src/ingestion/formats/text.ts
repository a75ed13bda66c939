// Plain text (.txt) and Markdown (.md). A report saved as text often opens with its source URL
// on a line of its own; it becomes the document's url rather than part of its text.
import { CrisisdeskError } from "../../domain/index.js";
import { plainTextBlocks } from "../../text/index.js";
import type { ParsedDocument } from "../parsed.js";

export function readPlainText(text: string, source: string, options: { markdown: boolean }): ParsedDocument {
  let body = text;
  let url: string | null = null;
  const firstLine = /^\s*(https?:\/\/\S+)\s*\n/.exec(body);
  if (firstLine) {
    url = firstLine[1]!;
    body = body.slice(firstLine[0].length);
  }
  const blocks = plainTextBlocks(body, { markdown: options.markdown });
  if (blocks.length === 0)
    throw new CrisisdeskError("EMPTY_INPUT", "the file holds no text", { where: source });
  return { meta: { source, url, format: options.markdown ? "md" : "txt" }, blocks };
}
