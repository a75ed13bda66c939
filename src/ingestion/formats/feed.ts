// RSS 2.0 and Atom feeds. Each item becomes a document from its own content when the feed
// carries the report, or a link for the fetcher to follow when it carries only a teaser.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { CrisisdeskError } from "../../domain/index.js";
import { countWords, type RawBlock } from "../../text/index.js";
import type { ParsedDocument } from "../parsed.js";
import { htmlBlocks } from "./html.js";
import { limitHtmlDepth } from "./html-depth.js";

export type FeedItem =
  | { kind: "document"; document: ParsedDocument }
  | { kind: "link"; url: string; title: string | null; published: string | null };

/** Items shorter than this are teasers; the report itself is behind the link. */
const MIN_CONTENT_WORDS = 40;

/** Items read from one feed by default; a feed is a window on recent reports, not an archive. */
export const DEFAULT_MAX_FEED_ITEMS = 200;

export interface Feed {
  items: FeedItem[];
  /** Items that could not be read, and the items beyond the cap, one error each. */
  problems: CrisisdeskError[];
}

export function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, 2000);
  return /<rss[\s>]/i.test(head) || /<feed[\s>]/i.test(head) || /<rdf:RDF[\s>]/i.test(head);
}

function textOf(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v["#text"] === "string") return v["#text"];
    if (typeof v.__cdata === "string") return v.__cdata;
  }
  return null;
}

function contentBlocks(html: string): RawBlock[] {
  if (!/<[a-z][\s\S]*>/i.test(html))
    return html.split(/\n\s*\n/).map((text) => ({ kind: "paragraph", level: 0, text }));
  const { document } = parseHTML(`<!doctype html><html><body>${limitHtmlDepth(html)}</body></html>`);
  const blocks = htmlBlocks(document.body);
  return blocks.length ? blocks : [{ kind: "paragraph", level: 0, text: document.body.textContent ?? "" }];
}

function atomLink(link: unknown): string | null {
  const links = Array.isArray(link) ? link : [link];
  for (const l of links) {
    if (typeof l === "string") return l;
    const rel = (l as Record<string, string>)?.["@_rel"];
    const href = (l as Record<string, string>)?.["@_href"];
    if (href && (!rel || rel === "alternate")) return href;
  }
  return null;
}

export function readFeed(xml: string, source: string, maxItems = DEFAULT_MAX_FEED_ITEMS): Feed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CrisisdeskError(
      "BAD_FEED",
      `not a well-formed XML feed (line ${valid.err.line}: ${valid.err.msg})`,
      { where: source },
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    cdataPropName: "__cdata",
    isArray: (name) => name === "item" || name === "entry",
  });
  type Node = Record<string, unknown>;
  type Tree = {
    rss?: { channel?: Node & { item?: Node[] } };
    feed?: Node & { entry?: Node[] };
    "rdf:RDF"?: { item?: Node[] };
  };
  const root = parser.parse(xml) as Tree;
  const rawItems = root.rss?.channel?.item ?? root.feed?.entry ?? root["rdf:RDF"]?.item ?? null;
  if (!rawItems)
    throw new CrisisdeskError("BAD_FEED", "XML but not an RSS or Atom feed (no <item> or <entry>)", {
      where: source,
    });
  const outlet = textOf(root.rss?.channel?.title) ?? textOf(root.feed?.title);
  const problems: CrisisdeskError[] = [];
  if (rawItems.length > maxItems)
    problems.push(
      new CrisisdeskError(
        "LIMIT_REACHED",
        `the feed has ${rawItems.length} items; only the first ${maxItems} are read (raise it with --max-feed-items)`,
        { where: source },
      ),
    );
  const items = rawItems.slice(0, maxItems).flatMap((item, i): FeedItem[] => {
    const title = textOf(item.title);
    const url = textOf(item.link) && !root.feed ? textOf(item.link) : atomLink(item.link);
    const published =
      textOf(item.pubDate) ?? textOf(item.published) ?? textOf(item.updated) ?? textOf(item["dc:date"]);
    const author =
      textOf(item["dc:creator"]) ??
      textOf(item.author) ??
      textOf((item.author as Record<string, unknown>)?.name);
    const content =
      textOf(item["content:encoded"]) ??
      textOf(item.content) ??
      textOf(item.description) ??
      textOf(item.summary) ??
      "";
    const blocks = contentBlocks(content);
    const words = blocks.reduce((n, b) => n + countWords(b.text), 0);
    if (words < MIN_CONTENT_WORDS && url) return [{ kind: "link", url, title, published }];
    if (words === 0) {
      problems.push(
        new CrisisdeskError("EMPTY_INPUT", `item ${i + 1} has neither content nor a link`, {
          where: `${source}#item-${i + 1}`,
        }),
      );
      return [];
    }
    if (title) blocks.unshift({ kind: "heading", level: 1, text: title });
    return [
      {
        kind: "document",
        document: {
          meta: {
            source: url ?? `${source}#item-${i + 1}`,
            url,
            format: "feed",
            title,
            published,
            author: author ?? outlet,
          },
          blocks,
        },
      },
    ];
  });
  return { items, problems };
}
