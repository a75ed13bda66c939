// HTML: the main article text through Mozilla's Readability (the Firefox reader view), with the
// page's own metadata for title, author and publication date. Headings inside the article are
// kept as headings, since reaction sections often name their actor only there.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { CrisisdeskError } from "../../domain/index.js";
import type { RawBlock } from "../../text/index.js";
import type { ParsedDocument } from "../parsed.js";
import { limitHtmlDepth } from "./html-depth.js";

const BLOCK_TAGS = new Set([
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "P",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "FIGCAPTION",
  "DD",
  "DT",
  "TD",
]);

// Page furniture that is never part of a report, by tag or by the class and id names sites use.
const FURNITURE = [
  "nav",
  "header:not(article header)",
  "footer",
  "aside",
  "form",
  "script",
  "style",
  "noscript",
  ...[
    "cookie",
    "consent",
    "byline",
    "author",
    "share",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "advert",
    "promo",
    "breadcrumb",
  ].flatMap((w) => [`[class*="${w}"]`, `[id*="${w}"]`]),
].join(", ");

function meta(document: Document, selectors: string[]): string | null {
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    const value = el?.getAttribute("content") ?? el?.getAttribute("datetime") ?? null;
    if (value?.trim()) return value.trim();
  }
  return null;
}

function jsonLdField(document: Document, field: string): string | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data = JSON.parse(script.textContent ?? "");
      for (const item of Array.isArray(data) ? data : [data, ...(data?.["@graph"] ?? [])]) {
        const value = item?.[field];
        if (typeof value === "string") return value;
        if (field === "author" && value) {
          const author = Array.isArray(value) ? value[0] : value;
          if (typeof author?.name === "string") return author.name;
        }
      }
    } catch {
      // A broken JSON-LD block is common and says nothing about the article: ignore it.
    }
  }
  return null;
}

/** Walks an HTML fragment and returns its headings and paragraphs in order. The walk keeps its
 * own stack rather than recursing, so no depth of markup can overflow the call stack. */
export function htmlBlocks(root: Element): RawBlock[] {
  const blocks: RawBlock[] = [];
  const pending: { children: Element[]; next: number }[] = [{ children: Array.from(root.children), next: 0 }];
  while (pending.length > 0) {
    const level = pending.at(-1)!;
    const child = level.children[level.next++];
    if (!child) {
      pending.pop();
      continue;
    }
    const tag = child.tagName.toUpperCase();
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT") continue;
    if (BLOCK_TAGS.has(tag) && !child.querySelector("p, li, h1, h2, h3, h4, h5, h6")) {
      const text = child.textContent ?? "";
      if (!text.trim()) continue;
      const heading = /^H([1-6])$/.exec(tag);
      blocks.push(
        heading
          ? { kind: "heading", level: Number(heading[1]), text }
          : { kind: "paragraph", level: 0, text },
      );
    } else if (child.children.length > 0) {
      pending.push({ children: Array.from(child.children), next: 0 });
    } else if ((child.textContent ?? "").trim().length > 0 && tag === "DIV") {
      blocks.push({ kind: "paragraph", level: 0, text: child.textContent ?? "" });
    }
  }
  return blocks;
}

export function readHtml(markup: string, source: string, url: string | null = null): ParsedDocument {
  const html = limitHtmlDepth(markup);
  const { document } = parseHTML(
    html.includes("<html") ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  const title =
    meta(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    document.querySelector("title")?.textContent?.trim() ??
    null;
  const author =
    meta(document, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]']) ??
    jsonLdField(document, "author");
  const published =
    meta(document, [
      'meta[property="article:published_time"]',
      'meta[property="og:published_time"]',
      'meta[name="pubdate"]',
      'meta[name="date"]',
      'meta[name="dc.date"]',
      'meta[itemprop="datePublished"]',
      "time[datetime]",
    ]) ?? jsonLdField(document, "datePublished");
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;

  let blocks: RawBlock[] = [];
  let byline: string | null = null;
  // Readability mutates the document it is given, so it reads a second parse, cleared of page
  // furniture and narrowed to the page's own <article> or <main> when it marks one: on short
  // reports Readability otherwise falls back to the whole body, cookie banners included.
  const { document: reading } = parseHTML(html);
  for (const el of reading.querySelectorAll(FURNITURE)) {
    if (/byline|author/i.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`))
      byline ??= el.textContent?.trim() ?? null;
    el.remove();
  }
  const main =
    reading.querySelectorAll("article").length === 1
      ? reading.querySelector("article")
      : reading.querySelector("main, [role=main]");
  if (main && (main.textContent ?? "").trim().length > 200) {
    reading.body.innerHTML = main.outerHTML;
  }
  const article = new Readability(reading as unknown as Document, { charThreshold: 200 }).parse();
  if (article?.content) {
    const { document: fragment } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    blocks = htmlBlocks(fragment.body);
    byline = article.byline ?? byline;
  }
  if (blocks.length === 0 && document.body) {
    for (const el of document.body.querySelectorAll("nav, header, footer, aside, script, style, noscript"))
      el.remove();
    blocks = htmlBlocks(document.body);
  }
  if (blocks.length === 0) {
    throw new CrisisdeskError("BAD_HTML", "no readable article text found in the HTML", { where: source });
  }
  if (title && blocks[0]?.text.trim() !== title.trim())
    blocks.unshift({ kind: "heading", level: 1, text: title });
  return {
    meta: {
      source,
      url: url ?? canonical,
      format: "html",
      title: article?.title?.trim() || title,
      author: author ?? byline?.replace(/^by\s+/i, "") ?? null,
      published,
    },
    blocks,
  };
}
