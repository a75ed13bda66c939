// JSON and JSON Lines records: {title, text, url, published}, as exported by scrapers and news
// APIs. A JSON file may hold one record, an array, or {items|documents|articles: [...]}.
import { z } from "zod";
import { CrisisdeskError } from "../../domain/index.js";
import { plainTextBlocks } from "../../text/index.js";
import type { ParsedDocument } from "../parsed.js";

const recordSchema = z.object({
  title: z.string().nullish(),
  text: z
    .string({ error: 'expected a string field "text" with the report\'s text' })
    .min(1, '"text" is empty'),
  url: z.string().nullish(),
  published: z.string().nullish(),
  author: z.string().nullish(),
  source: z.string().nullish(),
});

function toParsed(value: unknown, source: string, where: string): ParsedDocument {
  const result = recordSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join(".") || "record";
    throw new CrisisdeskError("BAD_JSON", `field "${field}": ${issue.message}`, { where });
  }
  const r = result.data;
  const blocks = plainTextBlocks(r.text);
  if (r.title && blocks[0]?.text.trim() !== r.title.trim())
    blocks.unshift({ kind: "heading", level: 1, text: r.title });
  return {
    meta: {
      source: r.url ?? r.source ?? source,
      url: r.url ?? null,
      format: "json",
      title: r.title ?? null,
      published: r.published ?? null,
      author: r.author ?? null,
    },
    blocks,
  };
}

export function readRecords(text: string, source: string, jsonl: boolean): ParsedDocument[] {
  if (jsonl) {
    const docs: ParsedDocument[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${source}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (cause) {
        throw new CrisisdeskError(
          "BAD_JSON",
          `line ${i + 1} is not valid JSON (${(cause as Error).message})`,
          { where, cause },
        );
      }
      docs.push(toParsed(value, source, where));
    });
    if (docs.length === 0)
      throw new CrisisdeskError("EMPTY_INPUT", "the file holds no records", { where: source });
    return docs;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CrisisdeskError("BAD_JSON", `not valid JSON (${(cause as Error).message})`, {
      where: source,
      cause,
    });
  }
  const container = value as Record<string, unknown>;
  const list = Array.isArray(value)
    ? value
    : Array.isArray(container?.items)
      ? container.items
      : Array.isArray(container?.documents)
        ? container.documents
        : Array.isArray(container?.articles)
          ? container.articles
          : [value];
  if (list.length === 0)
    throw new CrisisdeskError("EMPTY_INPUT", "the file holds no records", { where: source });
  return list.map((item, i) => toParsed(item, source, list.length > 1 ? `${source}[${i}]` : source));
}
