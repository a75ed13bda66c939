// Inputs (files, folders, URLs) into documents. Each input yields one result: the documents it
// holds, or one error naming the input and the reason, so a batch goes on past a bad file.
import type { Dirent } from "node:fs";
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
import { fileError, megabytes, readRegularFile, readStream } from "./read-file.js";

export interface ReadOptions {
  /** Largest file or response accepted, in bytes (default 25 MB). */
  maxBytes?: number;
  allowPrivate?: boolean;
  timeoutMs?: number;
  fetcher?: Fetcher;
  /** The stream the input "-" reads (the CLI passes stdin); without it, "-" is an ordinary name. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Most URLs fetched in one run, inputs and followed links together (default 1,000). */
  maxRequests?: number;
  /** How many levels of feed links are followed: 1 reads a feed's linked items, 2 (the default)
   * also the items of a feed that a feed links to. */
  maxLinkDepth?: number;
  /** Most items read from one feed (default 200). */
  maxFeedItems?: number;
  /** Told how many inputs there are to read once folders are expanded (and again if feeds add links). */
  onPlan?: (total: number) => void;
}

/** What can be read: a path (file or folder), an http(s) URL, "-" for stdin, or an upload. */
export type Input = string | Upload;

/** One input's outcome: its documents and the records or items of it that failed (a JSONL line, a
 * feed item), or one error when nothing of it could be read. */
export type InputResult =
  | { input: string; documents: Document[]; problems: CrisisdeskError[]; error?: undefined }
  | { input: string; error: CrisisdeskError; documents?: undefined; problems?: undefined };

/** A report sent as bytes (an upload), named as its file was; the name's extension picks the format. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
export const DEFAULT_MAX_REQUESTS = 1_000;
export const DEFAULT_MAX_LINK_DEPTH = 2;

/** The name stdin is reported under. */
const STDIN = "stdin";

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

type Listed = { path: string; error?: undefined } | { path: string; error: CrisisdeskError };

/** The report files under a folder, depth first in name order. A subfolder that cannot be read is
 * one failed entry, not the end of the batch; symlinks are read as files, never followed as
 * folders (no cycles). */
async function listFiles(dir: string): Promise<Listed[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    return [{ path: dir, error: fileError(dir, cause) }];
  }
  const files: Listed[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    // Not only regular files: a FIFO or a device named like a report is refused by name, in its
    // own line, rather than passed over in silence.
    else if (SUPPORTED.has(extname(entry.name).toLowerCase())) files.push({ path });
  }
  return files;
}

/** Inputs with their folders expanded into the supported files they hold (URLs as given), in the
 * order ingest reads them: for handing the reading of each to a job queue. A folder entry that
 * cannot be read is kept as its path, for the reader to report. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (!isUrl(input) && (await stat(input).catch(() => null))?.isDirectory())
      out.push(...(await listFiles(input)).map((f) => f.path));
    else out.push(input);
  }
  return out;
}

type Parsed = { documents: ParsedDocument[]; links: string[]; problems: CrisisdeskError[] };

/** Parses bytes by declared format (extension or content type), sniffing when neither says. */
async function parseBytes(
  bytes: Uint8Array,
  source: string,
  hint: string,
  url: string | null,
  maxFeedItems?: number,
): Promise<Parsed> {
  if (bytes.length === 0) throw new CrisisdeskError("EMPTY_INPUT", "the file is empty", { where: source });
  const isPdfBytes = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
  if (hint === "pdf" || isPdfBytes) {
    if (!isPdfBytes)
      throw new CrisisdeskError("BAD_PDF", "not a PDF (it does not start with %PDF)", { where: source });
    return { documents: [await readPdf(bytes, source)], links: [], problems: [] };
  }
  const text = decodeText(bytes, source);
  if (!text.trim())
    throw new CrisisdeskError("EMPTY_INPUT", "the file holds only whitespace", { where: source });
  if (hint === "json" || hint === "jsonl")
    return { ...readRecords(text, source, hint === "jsonl"), links: [] };
  if (hint === "feed" || (hint !== "html" && looksLikeFeed(text))) {
    const { items, problems } = readFeed(text, source, maxFeedItems);
    return {
      documents: items.flatMap((i) => (i.kind === "document" ? [i.document] : [])),
      links: items.flatMap((i) => (i.kind === "link" ? [i.url] : [])),
      problems,
    };
  }
  if (hint === "html" || (hint === "" && /^\s*(<!doctype html|<html)/i.test(text))) {
    return { documents: [readHtml(text, source, url)], links: [], problems: [] };
  }
  const doc = readPlainText(text, source, { markdown: hint === "md" });
  if (url) doc.meta.url = url;
  return { documents: [doc], links: [], problems: [] };
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
  return new CrisisdeskError("READ_FAILED", (cause as Error).message ?? String(cause), {
    where: input,
    cause,
  });
}

async function readUrl(url: string, options: ReadOptions): Promise<Parsed> {
  const fetcher = options.fetcher ?? fetchUrl;
  const fetched = await fetcher(url, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs,
  });
  const hint = hintFromContentType(fetched.contentType);
  return parseBytes(fetched.bytes, fetched.url, hint, fetched.url, options.maxFeedItems);
}

async function readPath(path: string, options: ReadOptions): Promise<Parsed> {
  const bytes = readRegularFile(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  return parseBytes(bytes, path, hintFromExtension(path), null, options.maxFeedItems);
}

async function readStdin(stdin: AsyncIterable<Uint8Array | string>, options: ReadOptions): Promise<Parsed> {
  const bytes = await readStream(stdin, STDIN, options.maxBytes ?? DEFAULT_MAX_BYTES);
  return parseBytes(bytes, STDIN, "", null, options.maxFeedItems);
}

async function readUpload(upload: Upload, options: ReadOptions): Promise<Parsed> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (upload.bytes.length > maxBytes)
    throw new CrisisdeskError(
      "TOO_LARGE",
      `the upload is ${megabytes(upload.bytes.length)}; the limit is ${megabytes(maxBytes)}`,
      { where: upload.name },
    );
  return parseBytes(upload.bytes, upload.name, hintFromExtension(upload.name), null, options.maxFeedItems);
}

/** A URL as the run remembers it: no fragment, so "#item-2" of a page fetched is the same page. */
function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * Expands inputs and yields one result per file, URL or linked feed item. Feed links are followed
 * with a memory and limits (issue 14: a feed whose item links back to itself, or to a feed of its
 * own making, must not fetch without end or aim a stream of requests at a third party): a URL is
 * fetched at most once per run, links are followed `maxLinkDepth` levels deep, and the run makes
 * at most `maxRequests` fetches; links beyond a limit are reported once, on the feed that held them.
 */
export async function* readInputs(
  inputs: readonly Input[],
  options: ReadOptions = {},
): AsyncGenerator<InputResult> {
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
  const maxLinkDepth = options.maxLinkDepth ?? DEFAULT_MAX_LINK_DEPTH;
  type Task =
    | { input: string; depth: number; parse: () => Promise<Parsed> }
    | { input: string; error: CrisisdeskError };
  const tasks: Task[] = [];
  const seen = new Set<string>();
  let requests = 0;
  const urlTask = (url: string, depth: number): Task => {
    seen.add(urlKey(url));
    requests++;
    return { input: url, depth, parse: () => readUrl(url, options) };
  };
  let stdinRead = false;
  for (const input of inputs) {
    if (typeof input !== "string") {
      tasks.push({ input: input.name, depth: 0, parse: () => readUpload(input, options) });
      continue;
    }
    if (isUrl(input)) {
      if (requests >= maxRequests)
        tasks.push({
          input,
          error: new CrisisdeskError(
            "LIMIT_REACHED",
            `not fetched: the run's limit of ${maxRequests} requests is reached (raise it with --max-requests)`,
            { where: input },
          ),
        });
      else tasks.push(urlTask(input, 0));
      continue;
    }
    if (input === "-" && options.stdin) {
      const stdin = options.stdin;
      tasks.push(
        stdinRead
          ? { input: STDIN, error: new CrisisdeskError("BAD_USAGE", 'stdin ("-") can be read only once') }
          : { input: STDIN, depth: 0, parse: () => readStdin(stdin, options) },
      );
      stdinRead = true;
      continue;
    }
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch (cause) {
      tasks.push({ input, error: fileError(input, cause) });
      continue;
    }
    if (!isDir) {
      tasks.push({ input, depth: 0, parse: () => readPath(input, options) });
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
    for (const file of files)
      tasks.push(
        file.error
          ? { input: file.path, error: file.error }
          : { input: file.path, depth: 0, parse: () => readPath(file.path, options) },
      );
  }
  options.onPlan?.(tasks.length);
  // Reading is asynchronous I/O: the next input is read while the caller works on this one.
  type Settled = { parsed: Parsed; depth: number; error?: undefined } | { error: CrisisdeskError };
  const start = (task: Task | undefined): Promise<Settled> | null => {
    if (!task) return null;
    if ("error" in task) return Promise.resolve({ error: task.error });
    return task.parse().then(
      (parsed) => ({ parsed, depth: task.depth }),
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
    const { parsed, depth } = settled;
    const documents: Document[] = [];
    const problems = [...parsed.problems];
    for (const document of parsed.documents) {
      try {
        documents.push(buildDocument(document));
      } catch (cause) {
        problems.push(toError(document.meta.source, cause));
      }
    }
    // Links to follow: each URL once per run, within the depth and the run's request budget.
    const fresh = [...new Set(parsed.links.map(urlKey))].filter((link) => !seen.has(link));
    let follow: string[] = [];
    if (fresh.length > 0 && depth + 1 > maxLinkDepth)
      problems.push(
        new CrisisdeskError(
          "LIMIT_REACHED",
          `${fresh.length} link${fresh.length === 1 ? "" : "s"} not followed: feed links are followed ${maxLinkDepth} level${maxLinkDepth === 1 ? "" : "s"} deep`,
          { where: task.input },
        ),
      );
    else {
      follow = fresh.slice(0, Math.max(0, maxRequests - requests));
      if (follow.length < fresh.length)
        problems.push(
          new CrisisdeskError(
            "LIMIT_REACHED",
            `${fresh.length - follow.length} of its ${fresh.length} links not followed: the run's limit of ${maxRequests} requests is reached (raise it with --max-requests)`,
            { where: task.input },
          ),
        );
    }
    if (documents.length === 0 && problems.length === 1 && parsed.links.length === 0)
      yield { input: task.input, error: problems[0]! };
    else yield { input: task.input, documents, problems };
    if (follow.length) {
      for (const link of follow) tasks.push(urlTask(link, depth + 1));
      options.onPlan?.(tasks.length);
      next ??= start(tasks[i + 1]);
    }
  }
}
