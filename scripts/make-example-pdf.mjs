#!/usr/bin/env node
// Writes the example PDF brief (examples/analysis-brief.pdf) and the PDF test fixtures
// (test/fixtures/pdf/*.pdf) without any dependency: a small PDF 1.4 writer with the standard
// Helvetica fonts, WinAnsi text, word-wrapped lines, several pages and a correct xref table.
//
//   node scripts/make-example-pdf.mjs              the example brief
//   node scripts/make-example-pdf.mjs --fixtures   the test fixtures
//   node scripts/make-example-pdf.mjs --all        both
//
// Output is deterministic (fixed dates, no random bytes), so re-running it changes nothing.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// --- Text encoding -----------------------------------------------------------------------------

/** Characters of WinAnsiEncoding outside Latin-1, by their byte (PDF 32000-1, Annex D). */
const WIN_ANSI_EXTRA = new Map([
  ["\u20ac", 0x80],
  ["\u201a", 0x82],
  ["\u0192", 0x83],
  ["\u201e", 0x84],
  ["\u2026", 0x85],
  ["\u2020", 0x86],
  ["\u2021", 0x87],
  ["\u02c6", 0x88],
  ["\u2030", 0x89],
  ["\u0160", 0x8a],
  ["\u2039", 0x8b],
  ["\u0152", 0x8c],
  ["\u017d", 0x8e],
  ["\u2018", 0x91],
  ["\u2019", 0x92],
  ["\u201c", 0x93],
  ["\u201d", 0x94],
  ["\u2022", 0x95],
  ["\u2013", 0x96],
  ["\u2014", 0x97],
  ["\u02dc", 0x98],
  ["\u2122", 0x99],
  ["\u0161", 0x9a],
  ["\u203a", 0x9b],
  ["\u0153", 0x9c],
  ["\u017e", 0x9e],
  ["\u0178", 0x9f],
]);

/** The WinAnsi byte of one character; throws on characters the standard fonts cannot show. */
function winAnsiByte(ch) {
  const code = ch.codePointAt(0);
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  const extra = WIN_ANSI_EXTRA.get(ch);
  if (extra !== undefined) return extra;
  throw new Error(
    `character U+${code.toString(16).toUpperCase().padStart(4, "0")} (${ch}) is not in WinAnsiEncoding`,
  );
}

/**
 * A PDF literal string "(...)" for `text`, kept 7-bit: parentheses and backslashes escaped,
 * bytes above 0x7E written as octal escapes.
 */
export function pdfString(text) {
  let out = "(";
  for (const ch of text) {
    const byte = winAnsiByte(ch);
    if (ch === "(" || ch === ")" || ch === "\\") out += `\\${ch}`;
    else if (byte > 0x7e) out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += ch;
  }
  return `${out})`;
}

/** Greedy word wrap to at most `width` characters per line. */
export function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// --- Layout ------------------------------------------------------------------------------------

const PAGE = { width: 595, height: 842, left: 62, top: 72, bottom: 72 };

/**
 * Block styles: font resource, size, line height, wrap width, space before, indent of later lines.
 * The space between blocks (before + leading) stays above 1.4 times the body line height, which
 * is how readers that rebuild paragraphs from vertical gaps tell blocks apart.
 */
const STYLES = {
  title: { font: "F2", size: 15, leading: 20, width: 60, before: 0, hang: 0 },
  meta: { font: "F1", size: 9, leading: 13, width: 100, before: 8, hang: 0 },
  heading: { font: "F2", size: 11, leading: 14, width: 80, before: 12, hang: 0 },
  para: { font: "F1", size: 10, leading: 14, width: 90, before: 9, hang: 0 },
  bullet: { font: "F1", size: 10, leading: 14, width: 88, before: 7, hang: 10 },
};

/**
 * Lays out blocks ({style, text}) top to bottom over as many pages as needed. Returns pages,
 * each a list of positioned lines ({x, y, font, size, text}).
 */
export function layout(blocks) {
  const pages = [[]];
  let y = PAGE.height - PAGE.top;
  let first = true;
  for (const block of blocks) {
    const style = STYLES[block.style];
    if (!style) throw new Error(`unknown block style "${block.style}"`);
    const text = block.style === "bullet" ? `\u2022 ${block.text}` : block.text;
    const lines = wrap(text, style.width);
    // Keep a heading with the first lines of what follows it.
    const needed = style.leading * (block.style === "heading" ? 4 : Math.min(lines.length, 2));
    if (!first) y -= style.before;
    if (y - needed < PAGE.bottom) {
      pages.push([]);
      y = PAGE.height - PAGE.top;
    }
    lines.forEach((line, i) => {
      if (y - style.leading < PAGE.bottom) {
        pages.push([]);
        y = PAGE.height - PAGE.top;
      }
      y -= style.leading;
      const x = PAGE.left + (i > 0 ? style.hang : 0);
      pages[pages.length - 1].push({ x, y, font: style.font, size: style.size, text: line });
    });
    first = false;
  }
  return pages;
}

// --- PDF writer --------------------------------------------------------------------------------

function pdfDate(iso) {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, "0");
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function contentStream(lines) {
  return lines
    .map((l) => `BT /${l.font} ${l.size} Tf ${l.x} ${l.y} Td ${pdfString(l.text)} Tj ET`)
    .join("\n")
    .concat("\n");
}

/**
 * Serialises a PDF 1.4 file.
 * @param {object} doc
 * @param {Array<Array<{x:number,y:number,font:string,size:number,text:string}>>} doc.pages
 * @param {{title:string, author:string, subject?:string, keywords?:string, created:string}} doc.info
 * @param {{o:string, u:string, p:number, id:[string,string]}} [doc.encrypt] hex strings; adds a
 *   standard security handler dictionary (/V 1 /R 2) to the trailer. The content itself is not
 *   encrypted: the file is only meant to be refused by readers as password-protected.
 * @returns {Buffer}
 */
export function buildPdf({ pages, info, encrypt }) {
  const objects = []; // objects[i] is the body of object i + 1
  const add = (body) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add(null);
  const pagesObj = add(null);
  const f1 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const f2 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const date = pdfDate(info.created);
  const infoEntries = [
    `/Title ${pdfString(info.title)}`,
    `/Author ${pdfString(info.author)}`,
    info.subject ? `/Subject ${pdfString(info.subject)}` : null,
    info.keywords ? `/Keywords ${pdfString(info.keywords)}` : null,
    "/Creator (scripts/make-example-pdf.mjs)",
    "/Producer (crisisdesk example PDF writer)",
    `/CreationDate (${date})`,
    `/ModDate (${date})`,
  ].filter(Boolean);
  const infoObj = add(`<< ${infoEntries.join(" ")} >>`);
  const kids = [];
  for (const lines of pages) {
    const stream = contentStream(lines);
    const content = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}endstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
          `/Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  const encryptObj = encrypt
    ? add(`<< /Filter /Standard /V 1 /R 2 /O <${encrypt.o}> /U <${encrypt.u}> /P ${encrypt.p} >>`)
    : null;

  // The header's second line holds bytes above 127 so that tools treat the file as binary.
  const chunks = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, "latin1");
    chunks.push(chunk);
    offset += chunk.length;
  });
  const xrefOffset = offset;
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n"];
  for (const o of offsets) xref.push(`${String(o).padStart(10, "0")} 00000 n \n`);
  const trailer = [`/Size ${objects.length + 1}`, `/Root ${catalog} 0 R`, `/Info ${infoObj} 0 R`];
  if (encryptObj) trailer.push(`/Encrypt ${encryptObj} 0 R`, `/ID [<${encrypt.id[0]}> <${encrypt.id[1]}>]`);
  chunks.push(
    Buffer.from(
      `${xref.join("")}trailer\n<< ${trailer.join(" ")} >>\nstartxref\n${xrefOffset}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(chunks);
}

// --- The example brief -------------------------------------------------------------------------

const BRIEF_INFO = {
  title: "The 7 November 2021 drone attack on Iraq's Prime Minister: attribution and scenarios",
  author: "crisisdesk examples team",
  subject: "Example analytic brief written for crisisdesk, based on public reporting",
  keywords:
    "Iraq, Baghdad, Kadhimi, drone attack, Green Zone, Kata'ib Hezbollah, Asa'ib Ahl al-Haq, scenarios",
  created: "2021-11-09T12:00:00Z",
};

const BRIEF = [
  { style: "title", text: "The drone attack on Iraq\u2019s Prime Minister" },
  {
    style: "meta",
    text: "Analytic brief on attribution and scenarios \u2013 crisisdesk examples team \u2013 9 November 2021",
  },
  {
    style: "meta",
    text:
      "Example brief written for crisisdesk, based on public reporting: Iraqi official statements, " +
      "wire agencies and state media from the first three days after the attack.",
  },
  { style: "heading", text: "Bottom line" },
  {
    style: "para",
    text:
      "The failed drone attack on the residence of Prime Minister Mustafa al-Kadhimi is the most serious " +
      "escalation so far in the dispute over the October 2021 parliamentary election. Reporting points to one " +
      "or more Iran-aligned Iraqi factions acting without Tehran\u2019s approval, but no group has claimed the " +
      "attack and the government has published no evidence. We see two main paths from here: escalation " +
      "between the state and the factions, or a negotiated settlement folded into the formation of the next government.",
  },
  { style: "heading", text: "What happened" },
  {
    style: "bullet",
    text:
      "In the early hours of Sunday 7 November, three drones carrying explosives targeted the prime " +
      "minister\u2019s residence in Baghdad\u2019s Green Zone, according to the Interior Ministry. Two were shot " +
      "down; the third hit the house.",
  },
  {
    style: "bullet",
    text:
      "Kadhimi was unhurt. Members of his protection force were wounded; reported numbers range from two " +
      "to seven, depending on the source.",
  },
  {
    style: "bullet",
    text:
      "The attack followed clashes on 5 November between security forces and supporters of factions that " +
      "reject the election results, in which at least one protester was killed.",
  },
  {
    style: "bullet",
    text:
      "Kadhimi called for calm, restraint and dialogue, and said those responsible were known and would " +
      "be exposed. An investigation has been ordered.",
  },
  { style: "heading", text: "Who might be behind it" },
  {
    style: "para",
    text:
      "Hypothesis 1, one or more Iran-aligned factions acting on their own, is the most consistent with " +
      "the reporting. Two Iraqi security officials told Reuters that Kata\u2019ib Hezbollah and Asa\u2019ib Ahl " +
      "al-Haq carried out the attack together, and that the drones and explosives were Iranian-made. The " +
      "factions had a motive after their election losses and a record of drone attacks. Both deny any role.",
  },
  {
    style: "para",
    text:
      "Hypothesis 2, an attack ordered by Tehran, is unlikely in our view. Iran condemned the attack, the " +
      "Quds Force commander Esmail Qaani travelled to Baghdad within hours, and sources quoted by Reuters said " +
      "Iran had not ordered it. Tehran has more to gain from a calm government formation in which its allies " +
      "keep their influence.",
  },
  {
    style: "para",
    text:
      "Hypothesis 3, a staged incident, was floated by figures close to the factions. They have offered no " +
      "evidence for it, while the prime minister\u2019s office released images of the damage and several " +
      "sources reported wounded guards.",
  },
  {
    style: "para",
    text:
      "Hypothesis 4, another actor such as the Islamic State group seeking to inflame rivalries among " +
      "Shi\u2019ite parties, is possible in principle, but nothing in the reporting points to it.",
  },
  { style: "heading", text: "Scenario 1: escalation" },
  {
    style: "para",
    text:
      "The government moves against the suspected factions with arrests or raids. The factions answer with " +
      "protests, rocket or drone fire on the Green Zone and pressure on the election commission. Risks include " +
      "armed clashes involving units of the Popular Mobilisation Forces, attacks on sites hosting coalition " +
      "forces, and a long deadlock over the next government.",
  },
  {
    style: "para",
    text:
      "Indicators: named suspects or arrest warrants against faction members; new drone or rocket attacks " +
      "in Baghdad; faction leaders calling supporters back to the Green Zone gates; US strikes on a faction.",
  },
  { style: "heading", text: "Scenario 2: negotiated settlement" },
  {
    style: "para",
    text:
      "The investigation stays inconclusive, the factions end their sit-in, and the dispute moves into " +
      "bargaining over a government in which the losing blocs keep a share. Iran, the UN mission in Iraq and " +
      "Western and Gulf governments press for de-escalation, as their public statements since Sunday suggest " +
      "they will.",
  },
  {
    style: "para",
    text:
      "Indicators: a preliminary investigation report that names no group; the end of the sit-in outside the " +
      "Green Zone; certification of the final results by the Federal Supreme Court without new violence; " +
      "meetings between Moqtada al-Sadr and the leaders of the Fatah alliance.",
  },
  { style: "heading", text: "Key uncertainties" },
  {
    style: "bullet",
    text:
      "Whether the government holds forensic evidence tying the drones to a specific faction, and whether " +
      "it is willing to publish it.",
  },
  {
    style: "bullet",
    text:
      "How much control Tehran still has over the factions since the killing of Qassem Soleimani in " +
      "January 2020.",
  },
  {
    style: "bullet",
    text:
      "How far the broad international support for Kadhimi, from Washington, the Gulf states, Europe and the " +
      "UN, translates into practical help with the investigation.",
  },
  { style: "heading", text: "Outlook" },
  {
    style: "para",
    text:
      "We consider a negotiated settlement the more likely outcome in the coming weeks, with a high risk of " +
      "renewed violence if the investigation names suspects or if the final results are certified without " +
      "concessions to the losing blocs.",
  },
];

export function makeAnalysisBrief() {
  return buildPdf({ pages: layout(BRIEF), info: BRIEF_INFO });
}

// --- Test fixtures -----------------------------------------------------------------------------

const FIXTURE_INFO = {
  title: "crisisdesk PDF fixture",
  author: "crisisdesk tests",
  created: "2021-11-08T00:00:00Z",
};
const PLAIN_TEXT =
  "The ministry condemned the attack. Officials said the drones were launched from the east.";

/** One page whose only text is PLAIN_TEXT, on a single line. */
export function makePlainFixture() {
  const page = [{ x: PAGE.left, y: PAGE.height - PAGE.top - 14, font: "F1", size: 10, text: PLAIN_TEXT }];
  return buildPdf({ pages: [page], info: FIXTURE_INFO });
}

/** `bytes` deterministic bytes as upper-case hex, derived from a label. */
function fixedHex(label, bytes) {
  let hex = "";
  for (let i = 0; hex.length < bytes * 2; i++) hex += createHash("md5").update(`${label}:${i}`).digest("hex");
  return hex.slice(0, bytes * 2).toUpperCase();
}

/**
 * The plain page behind a standard security handler (/V 1 /R 2) whose /U entry matches no
 * password, so readers ask for one (pdf.js throws a PasswordException).
 */
export function makeEncryptedFixture() {
  const page = [{ x: PAGE.left, y: PAGE.height - PAGE.top - 14, font: "F1", size: 10, text: PLAIN_TEXT }];
  return buildPdf({
    pages: [page],
    info: FIXTURE_INFO,
    encrypt: {
      o: fixedHex("owner", 32),
      u: fixedHex("user", 32),
      p: -44,
      id: [fixedHex("id", 16), fixedHex("id", 16)],
    },
  });
}

/** A PDF header followed by garbage: no objects, no xref table, no trailer. */
export function makeBrokenFixture() {
  const garbage = Buffer.alloc(768);
  let state = 0x2545f491;
  for (let i = 0; i < garbage.length; i++) {
    // xorshift32: deterministic noise
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    garbage[i] = state & 0xff;
  }
  const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n", "latin1"), garbage]);
  for (const keyword of ["obj", "xref", "trailer", "startxref", "stream", "%%EOF"]) {
    if (bytes.includes(keyword, 1)) throw new Error(`broken fixture unexpectedly contains "${keyword}"`);
  }
  return bytes;
}

// --- Command line ------------------------------------------------------------------------------

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${path.slice(ROOT.length + 1)} (${bytes.length} bytes)`);
}

export function writeExample(root = ROOT) {
  write(join(root, "examples", "analysis-brief.pdf"), makeAnalysisBrief());
}

export function writeFixtures(root = ROOT) {
  const dir = join(root, "test", "fixtures", "pdf");
  write(join(dir, "plain.pdf"), makePlainFixture());
  write(join(dir, "encrypted.pdf"), makeEncryptedFixture());
  write(join(dir, "broken.pdf"), makeBrokenFixture());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => a !== "--fixtures" && a !== "--all");
  if (unknown.length) {
    console.error(`unknown option ${unknown[0]}; usage: make-example-pdf.mjs [--fixtures | --all]`);
    process.exit(2);
  }
  if (!args.has("--fixtures") || args.has("--all")) writeExample();
  if (args.has("--fixtures") || args.has("--all")) writeFixtures();
}
