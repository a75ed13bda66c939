// Inputs (files, folders, URLs) into documents. Each input yields one result: the documents it
// holds, or one error naming the input and the reason, so a batch goes on past a bad file.
import { readFileSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { CrisisdeskError, type Document } from "../domain/index.js";
import { type Fetcher, fetchUrl } from "./fetch-url.js";
import { decodeText } from "./formats/decode.js";
import { looksLikeFeed, readFeed } from "./formats/feed.js";
import { readHtml } from "./formats/html.js";
import { readPdf } from "./formats/pdf.js";
import { readRecords } from "./formats/records.js";
import { readPlainText } from "./formats/text.js";
import { buildDocument, type ParsedDocument } from "./parsed.js";

export interface ReadOptions {
  /** Largest file or response accepted, in bytes (default 25 MB). */
  maxBytes?: number;
  allowPrivate?: boolean;
  timeoutMs?: number;
  fetcher?: Fetcher;
  /** Told how many inputs there are to read once folders are expanded (and again if feeds add links). */
  onPlan?: (total: number) => void;
}

/** A report sent as bytes (an upload), named as its file was; the name's extension picks the format. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** What can be read: a path (file or folder), an http(s) URL, or an upload. */
export type Input = string | Upload;

export type InputResult =
  | { input: string; documents: Document[]; error?: undefined }
  | { input: string; error: CrisisdeskError; documents?: undefined };

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

const SUPPORTED = new Set([
  ".txt",
  ".text",
  ".md",
  ".markdown",
  ".html",
  ".htm",
  ".xhtml",
  ".pdf",
  ".json",
  ".jsonl",
  ".ndjson",
  ".xml",
  ".rss",
  ".atom",
]);

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile() && SUPPORTED.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

type Parsed = { documents: ParsedDocument[]; links: string[] };

/** Parses bytes by declared format (extension or content type), sniffing when neither says. */
async function parseBytes(
  bytes: Uint8Array,
  source: string,
  hint: string,
  url: string | null,
): Promise<Parsed> {
  if (bytes.length === 0) throw new CrisisdeskError("EMPTY_INPUT", "the file is empty", { where: source });
  const isPdfBytes = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
  if (hint === "pdf" || isPdfBytes) {
    if (!isPdfBytes)
      throw new CrisisdeskError("BAD_PDF", "not a PDF (it does not start with %PDF)", { where: source });
    return { documents: [await readPdf(bytes, source)], links: [] };
  }
  const text = decodeText(bytes, source);
  if (!text.trim())
    throw new CrisisdeskError("EMPTY_INPUT", "the file holds only whitespace", { where: source });
  if (hint === "json" || hint === "jsonl")
    return { documents: readRecords(text, source, hint === "jsonl"), links: [] };
  if (hint === "feed" || (hint !== "html" && looksLikeFeed(text))) {
    const items = readFeed(text, source);
    return {
      documents: items.flatMap((i) => (i.kind === "document" ? [i.document] : [])),
      links: items.flatMap((i) => (i.kind === "link" ? [i.url] : [])),
    };
  }
  if (hint === "html" || (hint === "" && /^\s*(<!doctype html|<html)/i.test(text))) {
    return { documents: [readHtml(text, source, url)], links: [] };
  }
  const doc = readPlainText(text, source, { markdown: hint === "md" });
  if (url) doc.meta.url = url;
  return { documents: [doc], links: [] };
}

function hintFromExtension(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === ".md" || ext === ".markdown") return "md";
  if (ext === ".html" || ext === ".htm" || ext === ".xhtml") return "html";
  if (ext === ".pdf") return "pdf";
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".xml" || ext === ".rss" || ext === ".atom") return "feed";
  if (ext === ".txt" || ext === ".text") return "txt";
  return "";
}

function hintFromContentType(contentType: string): string {
  const t = contentType.toLowerCase();
  if (t.includes("pdf")) return "pdf";
  if (t.includes("html")) return "html";
  if (t.includes("rss") || t.includes("atom") || t.includes("xml")) return "feed";
  if (t.includes("ndjson") || t.includes("jsonl")) return "jsonl";
  if (t.includes("json")) return "json";
  if (t.includes("markdown")) return "md";
  return "txt";
}

function toError(input: string, cause: unknown): CrisisdeskError {
  if (cause instanceof CrisisdeskError) return cause;
  return new CrisisdeskError("NOT_FOUND", (cause as Error).message ?? String(cause), { where: input, cause });
}

async function readUrl(url: string, options: ReadOptions): Promise<Parsed> {
  const fetcher = options.fetcher ?? fetchUrl;
  const fetched = await fetcher(url, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs,
  });
  return parseBytes(fetched.bytes, fetched.url, hintFromContentType(fetched.contentType), fetched.url);
}

async function readPath(path: string, maxBytes: number): Promise<Parsed> {
  // Local files are read synchronously: for many small reports the thread-pool round trips of
  // the async API cost more than the reads themselves.
  const info = statSync(path);
  if (info.size > maxBytes) {
    throw new CrisisdeskError(
      "TOO_LARGE",
      `the file is ${megabytes(info.size)}; the limit is ${megabytes(maxBytes)} (raise it with --max-size)`,
      { where: path },
    );
  }
  return parseBytes(readFileSync(path), path, hintFromExtension(path), null);
}

async function readUpload(upload: Upload, maxBytes: number): Promise<Parsed> {
  if (upload.bytes.length > maxBytes)
    throw new CrisisdeskError(
      "TOO_LARGE",
      `the upload is ${megabytes(upload.bytes.length)}; the limit is ${megabytes(maxBytes)}`,
      { where: upload.name },
    );
  return parseBytes(upload.bytes, upload.name, hintFromExtension(upload.name), null);
}

/** Expands inputs and yields one result per file, URL or linked feed item. */
export async function* readInputs(
  inputs: readonly Input[],
  options: ReadOptions = {},
): AsyncGenerator<InputResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  type Task = { input: string; parse: () => Promise<Parsed> } | { input: string; error: CrisisdeskError };
  const tasks: Task[] = [];
  for (const input of inputs) {
    if (typeof input !== "string") {
      tasks.push({ input: input.name, parse: () => readUpload(input, maxBytes) });
      continue;
    }
    if (isUrl(input)) {
      tasks.push({ input, parse: () => readUrl(input, options) });
      continue;
    }
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch {
      tasks.push({
        input,
        error: new CrisisdeskError("NOT_FOUND", "no such file or directory", { where: input }),
      });
      continue;
    }
    if (!isDir) {
      tasks.push({ input, parse: () => readPath(input, maxBytes) });
      continue;
    }
    const files = await listFiles(input);
    if (files.length === 0) {
      const looked = [...SUPPORTED].join(" ");
      tasks.push({
        input,
        error: new CrisisdeskError(
          "NO_READABLE_FILES",
          `the folder holds no readable reports (looked for ${looked})`,
          { where: input },
        ),
      });
    }
    for (const file of files) tasks.push({ input: file, parse: () => readPath(file, maxBytes) });
  }
  options.onPlan?.(tasks.length);
  // Reading is asynchronous I/O: the next input is read while the caller works on this one.
  type Settled = { parsed: Parsed; error?: undefined } | { error: CrisisdeskError };
  const start = (task: Task | undefined): Promise<Settled> | null => {
    if (!task) return null;
    if ("error" in task) return Promise.resolve({ error: task.error });
    return task.parse().then(
      (parsed) => ({ parsed }),
      (cause) => ({ error: toError(task.input, cause) }),
    );
  };
  let next = start(tasks[0]);
  for (let i = 0; i < tasks.length; i++) {
    const settled = (await next)!;
    const task = tasks[i]!;
    next = start(tasks[i + 1]);
    if (settled.error) {
      yield { input: task.input, error: settled.error };
      continue;
    }
    const parsed = settled.parsed;
    let documents: Document[];
    try {
      documents = parsed.documents.map(buildDocument);
    } catch (cause) {
      yield { input: task.input, error: toError(task.input, cause) };
      continue;
    }
    yield { input: task.input, documents };
    if (parsed.links.length) {
      for (const link of parsed.links) tasks.push({ input: link, parse: () => readUrl(link, options) });
      options.onPlan?.(tasks.length);
      next ??= start(tasks[i + 1]);
    }
  }
}
