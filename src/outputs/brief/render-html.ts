// The brief as one self-contained HTML file: inline CSS set for reading and for print on A4 (the
// PDF is this page printed by headless Chromium), no scripts, fonts or images from anywhere.
// Footnotes are numbered superscript links to the endnotes, which quote the report's sentence and
// link back. The markup is well-formed XML as well as HTML, so any parser reads it.
import { type Block, type Brief, type Cell, type Footnote, footnoteMarks, type Line } from "./model.js";
import { longDate } from "./prose.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped text, with `code` spans as <code>. */
function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part)))
    .join("");
}

const STYLE = `
@page { size: A4; margin: 18mm 17mm 20mm 17mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Source Serif 4", "Source Serif Pro", Georgia, "DejaVu Serif", "Liberation Serif", serif;
  font-size: 10.5pt; line-height: 1.45; color: #161616; margin: 0 auto; max-width: 176mm; hyphens: auto; }
@media screen { body { padding: 28px 20px 60px; } }
header { border-bottom: 2px solid #222; padding-bottom: 6pt; margin-bottom: 10pt; }
.kicker { font: 600 8.5pt/1.3 "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif;
  letter-spacing: .08em; text-transform: uppercase; color: #6a1b1b; margin: 0 0 3pt; }
h1 { font-size: 20pt; line-height: 1.15; margin: 0 0 5pt; }
.meta { font: 9pt/1.4 "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif; color: #444; margin: 0; }
.description { font-style: italic; margin: 6pt 0 0; }
h2 { font: 700 12.5pt/1.3 "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif;
  margin: 16pt 0 5pt; padding-bottom: 2pt; border-bottom: 1px solid #999; break-after: avoid; page-break-after: avoid; }
h3 { font: 700 10.5pt/1.3 "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif;
  margin: 10pt 0 3pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; orphans: 2; widows: 2; text-align: left; }
.summary { background: #f3f1ec; border-left: 3px solid #6a1b1b; padding: 6pt 10pt 4pt; margin: 8pt 0 4pt; }
.summary h2 { border: 0; margin: 0 0 3pt; font-size: 10.5pt; }
.summary ul { margin: 0; padding-left: 14pt; }
.summary li { margin: 0 0 4pt; }
ul.items { padding-left: 14pt; margin: 0 0 6pt; }
ul.items li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 2pt; font-size: 8.8pt; line-height: 1.3;
  break-inside: auto; }
table.wide { font-size: 7.4pt; }
table.wide td.text { min-width: 52mm; }
caption { caption-side: top; text-align: left; font: 700 8.8pt/1.3 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; padding-bottom: 3pt; }
th { text-align: left; border-bottom: 1.5px solid #222; padding: 2pt 4pt; vertical-align: bottom;
  font-family: "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif; font-weight: 600; }
td { border-bottom: 0.5px solid #c8c8c8; padding: 2pt 4pt; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
th.n, td.n { text-align: center; white-space: nowrap; }
td.strong { font-weight: 700; }
td.muted { color: #8a8a8a; }
td.suggested { font-style: italic; color: #4a4a4a; }
.table-note { font-size: 8pt; color: #555; margin: 2pt 0 8pt; }
sup.fn { font-size: 6.8pt; line-height: 0; vertical-align: super; }
sup.fn a { color: #2b4f7a; text-decoration: none; }
a { color: #2b4f7a; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; font-size: 0.86em;
  background: #f1f1f1; padding: 0 2pt; }
ol.sources { padding-left: 18pt; font-size: 9.5pt; }
ol.sources li { margin-bottom: 3pt; }
section.notes { font-size: 8.3pt; line-height: 1.35; color: #222; }
section.notes ol { padding-left: 20pt; }
section.notes li { margin-bottom: 3pt; break-inside: avoid; page-break-inside: avoid; }
.note-source { color: #444; }
.quote { font-style: italic; }
.url { word-break: break-all; }
a.back { text-decoration: none; margin-left: 2pt; }
@media print { a { color: inherit; } sup.fn a { color: #2b4f7a; } a.back { display: none; } }
`;

class Refs {
  private readonly seen = new Set<number>();

  sup(cites: readonly number[] | undefined): string {
    if (!cites?.length) return "";
    const links = cites.map((n) => {
      const id = this.seen.has(n) ? "" : ` id="ref-${n}"`;
      this.seen.add(n);
      return `<a href="#fn-${n}"${id}>${n}</a>`;
    });
    return `<sup class="fn">${links.join(",")}</sup>`;
  }
}

function line(l: Line, refs: Refs): string {
  return `${inline(l.text)}${refs.sup(l.cites)}`;
}

function cell(c: Cell, numeric: boolean, refs: Refs): string {
  const classes = [numeric ? "n" : "text", c.tone ?? ""].filter(Boolean).join(" ");
  return `<td${classes ? ` class="${classes}"` : ""}>${inline(c.text)}${refs.sup(c.cites)}</td>`;
}

function block(b: Block, refs: Refs): string {
  switch (b.kind) {
    case "paragraph":
      return `<p>${b.lines.map((l) => line(l, refs)).join(" ")}</p>`;
    case "list":
      return `<ul class="items">${b.items.map((i) => `<li>${line(i, refs)}</li>`).join("")}</ul>`;
    case "subheading":
      return `<h3>${inline(b.text)}</h3>`;
    case "table": {
      const head = b.head
        .map((h, i) => `<th${b.narrow.includes(i) ? ' class="n"' : ""} scope="col">${inline(h)}</th>`)
        .join("");
      const rows = b.rows
        .map((r) => `<tr>${r.map((c, i) => cell(c, b.narrow.includes(i), refs)).join("")}</tr>`)
        .join("\n");
      const note = b.note ? `\n<p class="table-note">${inline(b.note)}</p>` : "";
      return `<table${b.wide ? ' class="wide"' : ""}><caption>${inline(b.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>${note}`;
    }
  }
}

function footnote(f: Footnote): string {
  const date = f.published ? longDate(f.published) : "undated";
  const url = f.url ? ` <a class="url" href="${escapeHtml(f.url)}">${escapeHtml(f.url)}</a>` : "";
  return `<li id="fn-${f.n}"><span class="note-source">${escapeHtml(f.title)} (${date}; source <a href="#src-${f.source}">${f.source}</a>)</span>: <span class="quote">“${escapeHtml(f.sentence)}”</span>${f.grade || f.review ? `<span class="grade">${escapeHtml(footnoteMarks(f))}</span>` : ""}${url} <a class="back" href="#ref-${f.n}" aria-label="back to the text">↩</a></li>`;
}

export function briefHtml(brief: Brief): string {
  const refs = new Refs();
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${escapeHtml(brief.title)} — analytic brief</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<header>",
    '<p class="kicker">Analytic brief</p>',
    `<h1>${escapeHtml(brief.title)}</h1>`,
    `<p class="meta">${escapeHtml(brief.summary)}<br />Dated ${longDate(brief.date)} · ${escapeHtml(brief.coverage)}</p>`,
  ];
  if (brief.description) out.push(`<p class="description">${escapeHtml(brief.description)}</p>`);
  out.push("</header>");
  if (brief.keyPoints.length)
    out.push(
      '<section class="summary" id="summary"><h2>Summary</h2><ul>',
      ...brief.keyPoints.map((p) => `<li>${line(p, refs)}</li>`),
      "</ul></section>",
    );
  brief.sections.forEach((s, i) => {
    out.push(`<section id="${s.id}">`, `<h2>${i + 1}. ${inline(s.title)}</h2>`);
    for (const b of s.blocks) out.push(block(b, refs));
    out.push("</section>");
  });
  out.push(`<section id="sources"><h2>${brief.sections.length + 1}. Sources</h2>`);
  if (brief.sources.length === 0) out.push("<p>The case holds no reports.</p>");
  out.push('<ol class="sources">');
  for (const s of brief.sources) {
    const where = s.url
      ? `<a class="url" href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>`
      : `file <code>${escapeHtml(s.file ?? s.documentId.slice(0, 12))}</code>`;
    const outlet = s.outlet && s.outlet !== s.file ? `${escapeHtml(s.outlet)}, ` : "";
    out.push(
      `<li id="src-${s.n}"><strong>${escapeHtml(s.title)}</strong>. ${outlet}${s.published ? longDate(s.published) : "undated"}. ${where}</li>`,
    );
  }
  out.push("</ol></section>");
  if (brief.footnotes.length)
    out.push(
      '<section class="notes" id="notes"><h2>Notes</h2><ol>',
      ...brief.footnotes.map(footnote),
      "</ol></section>",
    );
  out.push("</body>", "</html>");
  return `${out.join("\n")}\n`;
}
