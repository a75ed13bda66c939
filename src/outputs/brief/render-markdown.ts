// The brief as Markdown: headings, short paragraphs, pipe tables for the ACH and the reaction
// summary, and footnotes (`[^3]`) whose text gives the report, its date and the exact sentence
// quoted, and the URL for web reports. GitHub, Pandoc and most editors render these footnotes.
import { type Block, type Brief, type Cell, type Footnote, footnoteMarks, type Line } from "./model.js";
import { longDate } from "./prose.js";

/** Escapes what Markdown would read as markup; `code` spans are kept as they are. */
export function markdownText(text: string, options: { table?: boolean } = {}): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const escaped = part.replace(/[\\*_[\]<>]/g, (c) => `\\${c}`);
      return options.table ? escaped.replace(/\|/g, "\\|") : escaped;
    })
    .join("");
}

/** Footnote labels: `[^3]`, or `[^fico-3]` when several briefs share one Markdown file. */
class Labels {
  constructor(private readonly prefix: string) {}

  label(n: number): string {
    return `[^${this.prefix}${n}]`;
  }

  marks(cites: readonly number[] | undefined): string {
    return (cites ?? []).map((n) => this.label(n)).join("");
  }

  line(l: Line): string {
    return `${markdownText(l.text)}${this.marks(l.cites)}`;
  }

  cell(c: Cell): string {
    const text = markdownText(c.text, { table: true });
    const styled = c.tone === "strong" && text ? `**${text}**` : text;
    return `${styled}${this.marks(c.cites)}`;
  }
}

function block(b: Block, labels: Labels): string {
  const line = (l: Line) => labels.line(l);
  switch (b.kind) {
    case "paragraph":
      return b.lines.map(line).join(" ");
    case "list":
      return b.items.map((i) => `- ${line(i)}`).join("\n");
    case "subheading":
      return `### ${markdownText(b.text)}`;
    case "table": {
      const align = b.head.map((_, i) => (b.narrow.includes(i) ? ":-:" : "---"));
      const rows = [
        `| ${b.head.map((h) => markdownText(h, { table: true })).join(" | ")} |`,
        `|${align.join("|")}|`,
        ...b.rows.map((r) => `| ${r.map((c) => labels.cell(c)).join(" | ")} |`),
      ];
      const note = b.note ? `\n\n*${markdownText(b.note)}*` : "";
      return `**${markdownText(b.caption)}**\n\n${rows.join("\n")}${note}`;
    }
  }
}

function footnote(f: Footnote, labels: Labels): string {
  const date = f.published ? longDate(f.published) : "undated";
  const url = f.url ? ` <${f.url}>` : "";
  return `${labels.label(f.n)}: ${markdownText(f.title)} (${date}; source ${f.source}): “${markdownText(f.sentence)}”${footnoteMarks(f)}${url}`;
}

/**
 * The brief as Markdown. `footnotePrefix` makes the footnote labels unique when several briefs
 * are concatenated into one file (`[^fico-3]`); renderers number them in order anyway.
 */
export function briefMarkdown(brief: Brief, options: { footnotePrefix?: string } = {}): string {
  const labels = new Labels(options.footnotePrefix ?? "");
  const line = (l: Line) => labels.line(l);
  const out: string[] = [`# ${markdownText(brief.title)}`, ""];
  out.push(`*Analytic brief* · ${markdownText(brief.summary)}  `);
  out.push(`Dated ${longDate(brief.date)} · ${markdownText(brief.coverage)}`);
  if (brief.description) out.push("", `*${markdownText(brief.description)}*`);
  if (brief.keyPoints.length) {
    out.push("", "## Summary", "");
    for (const p of brief.keyPoints) out.push(`- ${line(p)}`);
  }
  brief.sections.forEach((s, i) => {
    out.push("", `## ${i + 1}. ${markdownText(s.title)}`);
    for (const b of s.blocks) out.push("", block(b, labels));
  });
  out.push("", `## ${brief.sections.length + 1}. Sources`, "");
  if (brief.sources.length === 0) out.push("The case holds no reports.");
  for (const s of brief.sources) {
    const where = s.url ? `<${s.url}>` : `file \`${s.file ?? s.documentId.slice(0, 12)}\``;
    // A file read without an author has no outlet to name beyond the file itself.
    const outlet = s.outlet && s.outlet !== s.file ? `${markdownText(s.outlet)}, ` : "";
    out.push(
      `${s.n}. ${markdownText(s.title)}. ${outlet}${s.published ? longDate(s.published) : "undated"}. ${where}`,
    );
  }
  if (brief.footnotes.length) {
    out.push("");
    for (const f of brief.footnotes) out.push(footnote(f, labels));
  }
  return `${out.join("\n")}\n`;
}
