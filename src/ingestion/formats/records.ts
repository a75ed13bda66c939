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

/** The records a file holds, and one error for each record that could not be read (by line or index). */
export interface Records {
  documents: ParsedDocument[];
  problems: CrisisdeskError[];
}

// A scraper's export with one broken record among thousands is still worth reading: each bad
// record is reported by its line (JSONL) or index (a JSON array) and the good ones are kept.
export function readRecords(text: string, source: string, jsonl: boolean): Records {
  const documents: ParsedDocument[] = [];
  const problems: CrisisdeskError[] = [];
  const keep = (read: () => ParsedDocument) => {
    try {
      documents.push(read());
    } catch (cause) {
      if (!(cause instanceof CrisisdeskError)) throw cause;
      problems.push(cause);
    }
  };
  if (jsonl) {
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${source}:${i + 1}`;
      keep(() => {
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
        return toParsed(value, source, where);
      });
    });
    if (documents.length + problems.length === 0)
      throw new CrisisdeskError("EMPTY_INPUT", "the file holds no records", { where: source });
    return { documents, problems };
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
          : null;
  if (list === null) return { documents: [toParsed(value, source, source)], problems };
  if (list.length === 0)
    throw new CrisisdeskError("EMPTY_INPUT", "the file holds no records", { where: source });
  list.forEach((item, i) => {
    keep(() => toParsed(item, source, `${source}[${i}]`));
  });
  return { documents, problems };
}
