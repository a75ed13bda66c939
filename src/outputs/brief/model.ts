// The brief as a document, before any format: sections of short paragraphs, a few tables and
// lists, and every factual sentence carrying the numbers of the footnotes that source it. The
// sections are composed from the case; the Markdown and HTML renderers (and PDF through HTML)
// only lay this out, so the three formats always say the same thing.
import type { Span } from "../../domain/index.js";

/**
 * One sentence of the brief and its footnotes. The text is plain Unicode; the only markup is
 * `backticks` around a command, which the renderers show as code.
 */
export interface Line {
  text: string;
  cites: number[];
}

export interface Cell {
  text: string;
  cites?: number[];
  /** strong: a total or the top rank; muted: a row that does not help decide; suggested: a rating the engine suggested. */
  tone?: "strong" | "muted" | "suggested";
}

export type Block =
  | { kind: "paragraph"; lines: Line[] }
  | { kind: "list"; items: Line[] }
  | { kind: "subheading"; text: string }
  | {
      kind: "table";
      caption: string;
      head: string[];
      rows: Cell[][];
      /** Columns whose cells are numbers or short codes (right-aligned, centred). */
      narrow: number[];
      note?: string;
      /** A wide table (the ACH matrix) is set in smaller type. */
      wide?: boolean;
    };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

/** A report in the brief's numbered list of sources. */
export interface BriefSource {
  n: number;
  documentId: string;
  title: string;
  /** The outlet: the web site, else the author, else the file. */
  outlet: string;
  published: string | null;
  url: string | null;
  /** The file it was read from, when it was not fetched from the web. */
  file: string | null;
}

/** A footnote: the exact sentence of a report that a line of the brief rests on. */
export interface Footnote {
  n: number;
  /** Its report's number in the sources list. */
  source: number;
  documentId: string;
  title: string;
  published: string | null;
  url: string | null;
  sentence: string;
  offset: Span;
  /** The Admiralty grade ("B2") of what the sentence reports, when an analyst graded its source or item. */
  grade?: string;
  /** Whether an analyst confirmed an item the sentence carries: accepted, corrected or added it. */
  review?: "accepted" | "corrected" | "added";
}

/** " [B2], analyst-confirmed": the grade and the analyst's confirmation, when there are any. */
export function footnoteMarks(f: Footnote): string {
  const marks = [f.grade ? `[${f.grade}]` : null, f.review ? `analyst-${REVIEW_WORD[f.review]}` : null];
  const text = marks.filter(Boolean).join(", ");
  return text ? ` ${text}` : "";
}

const REVIEW_WORD = { accepted: "confirmed", corrected: "corrected", added: "added" } as const;

export interface Brief {
  caseId: string;
  title: string;
  /** One line on the case: the country, the anchor date and what the case is. */
  summary: string;
  description: string | null;
  /** The brief's own date, YYYY-MM-DD. */
  date: string;
  reports: number;
  outlets: number;
  period: { from: string | null; to: string | null };
  /** "Based on 11 reports from 6 sources, published 7–30 November 2021." */
  coverage: string;
  keyPoints: Line[];
  sections: Section[];
  sources: BriefSource[];
  footnotes: Footnote[];
}

// ---------------------------------------------------------------------------------------------
// Footnotes while the brief is composed

interface DraftNote {
  key: string;
  documentId: string;
  sentence: string;
  offset: Span;
}

/**
 * Hands out footnote numbers while sections are composed. One sentence of one report is one
 * footnote however often the brief cites it. Sections are composed in the order the analysis
 * needs (the summary last), so numbers are provisional until `finish` renumbers them in reading
 * order.
 */
export class FootnoteRegistry {
  private readonly drafts: DraftNote[] = [];
  private readonly byKey = new Map<string, number>();

  cite(documentId: string, sentence: string, offset: Span): number {
    const key = `${documentId}#${offset[0]}-${offset[1]}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.drafts.push({ key, documentId, sentence, offset });
    this.byKey.set(key, this.drafts.length);
    return this.drafts.length;
  }

  /** Whether a report's sentence has been cited already (so a paragraph need not repeat it). */
  has(documentId: string, offset: Span): boolean {
    return this.byKey.has(`${documentId}#${offset[0]}-${offset[1]}`);
  }

  /** Renumbers the footnotes in the order a reader meets them and builds their text. */
  finish(
    keyPoints: Line[],
    sections: Section[],
    sources: ReadonlyMap<string, BriefSource>,
  ): { keyPoints: Line[]; sections: Section[]; footnotes: Footnote[] } {
    const order = new Map<number, number>();
    const renumber = (cites: number[] | undefined): number[] => {
      const out: number[] = [];
      for (const c of cites ?? []) {
        if (!order.has(c)) order.set(c, order.size + 1);
        const n = order.get(c)!;
        if (!out.includes(n)) out.push(n);
      }
      return out;
    };
    const line = (l: Line): Line => ({ text: l.text, cites: renumber(l.cites) });
    const points = keyPoints.map(line);
    const renumbered = sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b): Block => {
        switch (b.kind) {
          case "paragraph":
            return { kind: "paragraph", lines: b.lines.map(line) };
          case "list":
            return { kind: "list", items: b.items.map(line) };
          case "table":
            return {
              ...b,
              rows: b.rows.map((r) => r.map((c) => (c.cites ? { ...c, cites: renumber(c.cites) } : c))),
            };
          default:
            return b;
        }
      }),
    }));
    const footnotes: Footnote[] = [...order].map(([draftNumber, n]) => {
      const d = this.drafts[draftNumber - 1]!;
      const source = sources.get(d.documentId);
      return {
        n,
        source: source?.n ?? 0,
        documentId: d.documentId,
        title: source?.title ?? d.documentId.slice(0, 12),
        published: source?.published ?? null,
        url: source?.url ?? null,
        sentence: d.sentence,
        offset: d.offset,
      };
    });
    return { keyPoints: points, sections: renumbered, footnotes: footnotes.sort((a, b) => a.n - b.n) };
  }
}
