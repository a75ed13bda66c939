import { once } from "node:events";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Document } from "../src/domain/index.js";
import { type InputResult, isPrivateAddress, readInputs } from "../src/ingestion/index.js";
import { FIXTURES, tempDir } from "./helpers.js";

const REPORTS = join(FIXTURES, "reports");
const PDFS = join(FIXTURES, "pdf");

async function readAll(inputs: string[], options = {}): Promise<InputResult[]> {
  const results: InputResult[] = [];
  for await (const r of readInputs(inputs, options)) results.push(r);
  return results;
}

async function readOne(input: string, options = {}): Promise<Document> {
  const [result] = await readAll([input], options);
  if (!result || result.error) throw result?.error ?? new Error("no result");
  expect(result.documents).toHaveLength(1);
  return result.documents[0]!;
}

async function errorOf(input: string, options = {}) {
  const [result] = await readAll([input], options);
  expect(result?.error, `expected ${input} to fail`).toBeDefined();
  return result!.error!;
}

function sentencesOf(doc: Document): string[] {
  return doc.sentences.map((s) => doc.text.slice(s.span[0], s.span[1]));
}

describe("ingestion formats", () => {
  it("reads plain text, taking a leading URL line as the document's url and the dateline as its date", async () => {
    const doc = await readOne(join(REPORTS, "statement.txt"));
    expect(doc.url).toBe("https://example.org/statements/omani-foreign-ministry");
    expect(doc.title).toBe("Statement by the Omani Foreign Ministry on the attack in Baghdad");
    expect(doc.published).toBe("2021-11-07");
    expect(doc.text).not.toContain("https://");
    expect(sentencesOf(doc)).toContain(
      "The ministry urged all parties to exercise restraint and to resolve their differences through dialogue.",
    );
    expect(doc.words).toBe(doc.text.split(/\s+/).length);
  });

  it("reads Markdown with its heading levels", async () => {
    const doc = await readOne(join(REPORTS, "analysis.md"));
    const headings = doc.blocks
      .filter((b) => b.kind === "heading")
      .map((b) => [b.level, doc.text.slice(...b.span)]);
    expect(headings).toEqual([
      [1, "Drones over the Green Zone"],
      [2, "International reactions"],
      [3, "France"],
      [3, "The African Union (AU)"],
    ]);
  });

  it("extracts an HTML page's article text and metadata, leaving menus and footers out", async () => {
    const doc = await readOne(join(REPORTS, "article.html"));
    expect(doc.title).toBe("Leaders condemn attack on Iraqi PM");
    expect(doc.author).toBe("Jane Reporter");
    expect(doc.published).toBe("2021-11-07");
    expect(doc.text).toContain("“This cowardly act will not deter us,” Kadhimi said in a televised address.");
    expect(doc.text).toContain("Regional reactions");
    for (const boilerplate of ["cookies", "Related stories", "All rights reserved", "Sport"])
      expect(doc.text).not.toContain(boilerplate);
  });

  it("reads a PDF's text layer into paragraphs", async () => {
    const doc = await readOne(join(PDFS, "plain.pdf"));
    expect(doc.format).toBe("pdf");
    expect(sentencesOf(doc)).toEqual([
      "The ministry condemned the attack.",
      "Officials said the drones were launched from the east.",
    ]);
  });

  it("reads JSON Lines and JSON records with their metadata", async () => {
    const [lines] = await readAll([join(REPORTS, "records.jsonl")]);
    expect(lines?.documents?.map((d) => [d.title, d.url, d.published])).toEqual([
      ["Investigation committee formed", "https://example.org/a", "2021-11-08"],
      ["US offers help", "https://example.org/b", "2021-11-09"],
    ]);
    const one = await readOne(join(REPORTS, "record.json"));
    expect(one.published).toBe("2021-11-10");
  });

  it("reads each RSS and Atom item's content as a document", async () => {
    const [rss] = await readAll([join(REPORTS, "feed.xml")]);
    expect(rss?.documents?.map((d) => [d.title, d.url, d.published])).toEqual([
      ["Arab League condemns attack", "https://example.org/arab-league", "2021-11-08"],
      ["GCC statement", "https://example.org/gcc", "2021-11-08"],
    ]);
    const atom = await readOne(join(REPORTS, "atom.xml"));
    expect(atom.url).toBe("https://example.org/analysis/drones");
    expect(atom.text).toContain("bears the hallmarks");
  });

  it("reads folders recursively and skips files of other kinds", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    copyFileSync(join(REPORTS, "statement.txt"), join(dir, "a", "b", "deep.txt"));
    copyFileSync(join(REPORTS, "analysis.md"), join(dir, "top.md"));
    writeFileSync(join(dir, "image.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const results = await readAll([dir]);
    expect(results.map((r) => r.input.slice(dir.length))).toEqual(["/a/b/deep.txt", "/top.md"]);
    expect(results.every((r) => r.documents?.length === 1)).toBe(true);
  });
});

describe("ingestion from URLs", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(readFileSync(join(REPORTS, "article.html")));
      } else if (req.url === "/brief.pdf") {
        res.writeHead(200, { "content-type": "application/pdf" });
        res.end(readFileSync(join(PDFS, "plain.pdf")));
      } else if (req.url === "/image") {
        res.writeHead(200, { "content-type": "image/png" });
        res.end("png");
      } else if (req.url === "/slow") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("The beginning of a report that never ends");
      } else if (req.url === "/feed") {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.end(
          readFileSync(join(FIXTURES, "feeds", "teaser-feed.xml"), "utf8").replace("LINK", `${base}/article`),
        );
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      }
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("fetches an HTML page and a PDF, reading each by its content type", async () => {
    const page = await readOne(`${base}/article`, { allowPrivate: true });
    expect(page.url).toBe(`${base}/article`);
    expect(page.title).toBe("Leaders condemn attack on Iraqi PM");
    const pdf = await readOne(`${base}/brief.pdf`, { allowPrivate: true });
    expect(pdf.text).toContain("The ministry condemned the attack.");
  });

  it("follows a feed item's link when the feed carries only a teaser", async () => {
    const results = await readAll([`${base}/feed`], { allowPrivate: true });
    expect(results.map((r) => r.documents?.map((d) => d.title))).toEqual([
      [],
      ["Leaders condemn attack on Iraqi PM"],
    ]);
  });

  it("refuses loopback and private addresses unless allowed", async () => {
    const error = await errorOf(`${base}/article`);
    expect(error.code).toBe("FORBIDDEN_ADDRESS");
    expect(error.line()).toContain("--allow-private");
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "192.168.0.1",
      "172.20.0.1",
      "169.254.169.254",
      "::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
  });

  it("reports a 404, a wrong content type and a timeout, naming the URL", async () => {
    const missing = await errorOf(`${base}/missing`, { allowPrivate: true });
    expect([missing.code, missing.where, missing.message]).toEqual([
      "FETCH_FAILED",
      `${base}/missing`,
      "the server answered 404 Not Found",
    ]);
    expect((await errorOf(`${base}/image`, { allowPrivate: true })).code).toBe("UNSUPPORTED_FORMAT");
    const slow = await errorOf(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 });
    expect(slow.code).toBe("FETCH_TIMEOUT");
  });
});

describe("bad input", () => {
  const dir = tempDir();
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it.each([
    ["a missing file", () => join(dir, "nope.txt"), "NOT_FOUND", "no such file or directory"],
    ["an empty file", () => file("empty.txt", ""), "EMPTY_INPUT", "the file is empty"],
    ["a whitespace-only file", () => file("blank.md", "  \n\n \n"), "EMPTY_INPUT", "only whitespace"],
    [
      "a binary file given as text",
      () => file("photo.txt", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])),
      "BINARY_INPUT",
      "binary file",
    ],
    [
      "invalid UTF-8",
      () => file("latin1.txt", Buffer.from("Caf\xe9 au lait, the minister said.", "latin1")),
      "INVALID_UTF8",
      "invalid UTF-8 at byte 3",
    ],
    [
      "malformed HTML with no text",
      () => file("broken.html", "<html><body><div><p></div></span><script>x()</script>"),
      "BAD_HTML",
      "no readable article text",
    ],
    ["an encrypted PDF", () => join(PDFS, "encrypted.pdf"), "ENCRYPTED_PDF", "the PDF is encrypted"],
    ["a broken PDF", () => join(PDFS, "broken.pdf"), "BAD_PDF", "cannot be read"],
    ["a .pdf that is not a PDF", () => file("fake.pdf", "hello"), "BAD_PDF", "does not start with %PDF"],
    [
      "a feed that is not XML",
      () => file("feed.xml", "<rss><channel><item><title>Oops</channel>"),
      "BAD_FEED",
      "not a well-formed XML feed",
    ],
    [
      "a JSON Lines file whose one line is broken",
      () => file("bad.jsonl", '\n{"text": \n'),
      "BAD_JSON",
      "line 2 is not valid JSON",
    ],
    ["a JSON record without text", () => file("notext.json", '{"title": "x"}'), "BAD_JSON", 'field "text"'],
  ])("rejects %s with one clear line naming it", async (_label, make, code, words) => {
    const input = make();
    const error = await errorOf(input);
    expect(error.code).toBe(code);
    expect(error.line()).toContain(words);
    expect(error.line().startsWith(input) || error.line().startsWith(`${input}:`)).toBe(true);
    expect(error.line()).not.toContain("\n");
  });

  it("rejects a directory without readable files", async () => {
    const empty = join(dir, "nothing-here");
    mkdirSync(empty);
    writeFileSync(join(empty, "notes.docx"), "x");
    const error = await errorOf(empty);
    expect(error.code).toBe("NO_READABLE_FILES");
  });

  it("rejects a 50 MB file before reading it", async () => {
    const big = file("huge.txt", Buffer.alloc(50 * 1024 * 1024, "a"));
    const error = await errorOf(big);
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("50.0 MB; the limit is 25.0 MB");
  });

  it("goes on with the rest of a batch after a failure", async () => {
    const results = await readAll([join(dir, "nope.txt"), join(REPORTS, "statement.txt")]);
    expect(results.map((r) => (r.error ? r.error.code : "ok"))).toEqual(["NOT_FOUND", "ok"]);
  });
});
