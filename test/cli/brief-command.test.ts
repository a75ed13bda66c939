// `crisisdesk brief` end to end: the shipped examples (the November 2021 drone attack on the Iraqi
// prime minister's residence) ingested into a temporary store, a case anchored on 2021-11-07 in
// Iraq holding every report, and its brief as Markdown, HTML and PDF. Every footnote must quote a
// sentence that a stored report really contains. Then a brief of a case built from the dev reports.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ACH_STATE_KEY } from "../../src/analysis/index.js";
import { findChromium } from "../../src/outputs/index.js";
import { openStore } from "../../src/store/index.js";
import { BIN, examplesCase, runCli, SHARED, tempDir } from "../helpers.js";

const chromium = (() => {
  try {
    return findChromium();
  } catch {
    return null;
  }
})();

const SECTIONS = [
  "Summary",
  "1. What happened",
  "2. Parties involved and attribution",
  "3. Stated motives and context",
  "4. Reactions",
  "5. Scenarios and indicators",
  "6. Sources",
];

/** The text of every stored report, to check footnotes against. */
async function storedTexts(db: string): Promise<string[]> {
  const store = await openStore(db);
  try {
    const texts: string[] = [];
    for (const row of await store.listDocuments()) texts.push((await store.getDocument(row.id))!.text);
    return texts;
  } finally {
    await store.close();
  }
}

const unescapeMarkdown = (s: string) => s.replace(/\\(.)/g, "$1");
const unescapeHtml = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&");

/** Footnote markers and footnotes of a Markdown brief; each footnote's quoted sentence. */
function markdownNotes(md: string) {
  const markers = new Set([...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1])));
  const notes = new Map(
    [...md.matchAll(/^\[\^(\d+)\]: .*?\(([^()]*?); source \d+\): “(.*)”(?: <[^>]+>)?$/gm)].map((m) => [
      Number(m[1]),
      unescapeMarkdown(m[3]!),
    ]),
  );
  return { markers, notes };
}

describe("crisisdesk brief", () => {
  const dir = tempDir();
  const db = join(dir, "examples.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  let texts: string[] = [];

  beforeAll(async () => {
    await examplesCase(db);
    texts = await storedTexts(db);
  });

  it("writes a Markdown brief with every section, each footnote quoting a sentence of a stored report", async () => {
    const res = await cli("brief", "kadhimi-2021", "--date", "2021-12-01");
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const md = res.stdout;
    expect(md.startsWith("# Drone attack on the Iraqi prime minister\n")).toBe(true);
    expect(md).toContain("Dated 1 December 2021 · Based on 11 reports from");
    const headings = [...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(SECTIONS);
    const { markers, notes } = markdownNotes(md);
    expect(markers.size).toBeGreaterThan(20);
    expect([...markers].sort((a, b) => a - b)).toEqual([...notes.keys()].sort((a, b) => a - b));
    for (const [n, sentence] of notes)
      expect(
        texts.some((t) => t.includes(sentence)),
        `[^${n}] ${sentence}`,
      ).toBe(true);
    // Prose, not a dump: the attack told in a sentence, the Gulf states joined in one.
    expect(md).toMatch(
      /^On 7 November 2021, Mustafa al-Kadhimi, the Prime Minister of Iraq, was the target of an assassination attempt with armed drones in Baghdad\.\[\^1\]/m,
    );
    expect(md).toMatch(
      /Saudi Arabia, [^.]*the United Arab Emirates[^.]* condemned the assassination attempt\./,
    );
    expect(md).toContain("| Rank | ID | Hypothesis | Weighted inconsistency |");
    expect(md).toMatch(/\| [CNI]{1,2}\\\* \|/);
    expect(md).toContain(
      "No scenarios have been defined for this case; add them with `crisisdesk scenarios kadhimi-2021 add",
    );
  });

  it("computes the ACH for the brief without saving it to the case", async () => {
    const store = await openStore(db);
    try {
      expect(await store.getCaseState("kadhimi-2021", ACH_STATE_KEY)).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("writes a self-contained HTML file, well formed, whose endnotes quote stored sentences", async () => {
    const out = join(dir, "brief.html");
    const res = await cli("brief", "kadhimi-2021", "--format", "html", "--out", out);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(
      /^wrote the brief of case "kadhimi-2021" as html to .*brief\.html: 11 sources, \d+ footnotes\n$/,
    );
    const html = readFileSync(out, "utf8");
    expect(XMLValidator.validate(html)).toBe(true);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|src=|url\(/);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const links = [...html.matchAll(/<sup class="fn">(.*?)<\/sup>/g)].flatMap((m) =>
      [...m[1]!.matchAll(/href="#(fn-\d+)"/g)].map((l) => l[1]),
    );
    expect(links.length).toBeGreaterThan(20);
    for (const l of links) expect(ids).toContain(l);
    const quoted = [...html.matchAll(/<li id="fn-\d+">.*?<span class="quote">“(.*?)”<\/span>/g)].map((m) =>
      unescapeHtml(m[1]!),
    );
    expect(quoted.length).toBe(new Set(links).size);
    for (const q of quoted)
      expect(
        texts.some((t) => t.includes(q)),
        q,
      ).toBe(true);
    for (const section of [
      "what-happened",
      "attribution",
      "motives",
      "reactions",
      "scenarios",
      "sources",
      "notes",
    ])
      expect(ids).toContain(section);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("shows the case's scenarios, their likelihoods and which indicators fired", async () => {
    for (const args of [
      ["add", "escalation", "--prior", "0.4"],
      ["add", "settlement", "--prior", "0.6"],
      [
        "indicator",
        "add",
        "escalation",
        "plover=MOBILIZE AND within=7d",
        "--lr",
        "2",
        "--label",
        "Security forces mobilised",
      ],
      ["update"],
    ])
      expect((await cli("scenarios", "kadhimi-2021", ...args)).code).toBe(0);
    const md = (await cli("brief", "kadhimi-2021")).stdout;
    const section = md.slice(md.indexOf("## 5. Scenarios"), md.indexOf("## 6. Sources"));
    expect(section).toContain("Two scenarios are defined;");
    expect(section).toContain("| Scenario | Prior | Now | Change | Indicators fired |");
    expect(section).toMatch(
      /I1 for “escalation”, likelihood ratio 2: Security forces mobilised \(`plover=MOBILIZE AND within=7d`\); fired on .*\[\^\d+\]/,
    );
  });

  it.skipIf(!chromium)("prints the brief to PDF with headless Chromium", async () => {
    const out = join(dir, "brief.pdf");
    const res = await cli("brief", "kadhimi-2021", "--format", "pdf", "--out", out);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(!chromium)(
    "removes its temporary folder when interrupted by SIGINT mid-PDF, and exits 130",
    async () => {
      // A real Chromium run, interrupted once Chromium has made its profile in the brief's folder.
      const tmp = join(dir, "interrupted-tmp");
      mkdirSync(tmp);
      const out = join(dir, "interrupted.pdf");
      const child = spawn(
        process.execPath,
        [BIN, "--db", db, "brief", "kadhimi-2021", "--format", "pdf", "--out", out],
        {
          env: { ...process.env, TMPDIR: tmp, CRISISDESK_DB: "" },
        },
      );
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const closed = once(child, "close");
      let interrupted = false;
      const watch = setInterval(() => {
        const started = readdirSync(tmp).some((d) => existsSync(join(tmp, d, "profile")));
        if (started && !interrupted) {
          interrupted = child.kill("SIGINT");
          clearInterval(watch);
        }
      }, 5);
      const [code] = await closed;
      clearInterval(watch);
      expect(interrupted).toBe(true);
      expect([code, stderr]).toEqual([
        130,
        "crisisdesk: interrupted; the brief was not written and its temporary files are removed\n",
      ]);
      expect(readdirSync(tmp)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    },
  );

  it("never writes over the store, nor over an existing file without --force", async () => {
    const store = await cli("brief", "kadhimi-2021", "--out", db);
    expect([store.code, store.stderr]).toEqual([
      2,
      `crisisdesk: ${db}: refusing to write the brief over the store; choose another file\n`,
    ]);
    const out = join(dir, "existing.md");
    writeFileSync(out, "an analyst's notes");
    const refused = await cli("brief", "kadhimi-2021", "--out", out);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      `crisisdesk: ${out}: the file exists; give --force to replace it\n`,
    ]);
    expect(readFileSync(out, "utf8")).toBe("an analyst's notes");
    const forced = await cli("brief", "kadhimi-2021", "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^# /);
    // The store is still a store.
    expect((await cli("case", "list")).code).toBe(0);
  });

  it("says in one line that PDF needs Chromium when there is none", async () => {
    const out = join(dir, "none.pdf");
    const res = await runCli(["--db", db, "brief", "kadhimi-2021", "--format", "pdf", "--out", out], {
      env: { CHROMIUM_PATH: join(dir, "no-such-chromium") },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `crisisdesk: CHROMIUM_PATH=${join(dir, "no-such-chromium")}: headless Chromium is needed for PDF: install Debian's chromium package or use --format html\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("says in one line what is wrong: an unknown case, an unknown format, a bad date", async () => {
    expect(await cli("brief", "no-such-case")).toMatchObject({
      code: 1,
      stdout: "",
      stderr: "crisisdesk: no-such-case: no such case; `crisisdesk case list` shows the cases\n",
    });
    expect(await cli("brief", "kadhimi-2021", "--format", "docx")).toMatchObject({
      code: 2,
      stderr: 'crisisdesk: unknown format "docx"; expected one of md, html, pdf\n',
    });
    expect(await cli("brief", "kadhimi-2021", "--date", "1 Dec")).toMatchObject({
      code: 2,
      stderr: 'crisisdesk: --date expects a date as YYYY-MM-DD, not "1 Dec"\n',
    });
  });

  it("has examples in its help", async () => {
    const help = await runCli(["brief", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+\$ crisisdesk brief /);
  });
});

describe("a brief of a case built from the dev reports", () => {
  const dir = tempDir();
  const db = join(dir, "dev.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  const DEV = join(SHARED, "data", "dev");

  it.skipIf(!existsSync(DEV))(
    "tells the Trump rally shooting from its two reports, every footnote sourced",
    async () => {
      const files = readdirSync(DEV)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => join(DEV, f));
      expect((await cli("ingest", ...files)).code).toBe(0);
      expect(
        (
          await cli(
            "case",
            "create",
            "Trump rally shooting",
            "--id",
            "trump",
            "--anchor-date",
            "2024-07-13",
            "--country",
            "USA",
          )
        ).code,
      ).toBe(0);
      const listed = await cli("list", "documents", "--json");
      // Said in full when it fails, so that a failure under load can be read from the log.
      expect([listed.code, listed.stderr]).toEqual([0, ""]);
      const documents = JSON.parse(listed.stdout) as { id: string; title: string }[];
      // The rally shooting's reports, however many other Trump stories the dev set holds.
      const trump = documents
        .filter((d) => /Trump/.test(d.title) && /shooting|assassination/i.test(d.title))
        .map((d) => d.id);
      expect(trump).toHaveLength(2);
      expect((await cli("case", "add", "trump", ...trump)).code).toBe(0);
      const res = await cli("brief", "trump");
      expect([res.code, res.stderr]).toEqual([0, ""]);
      const { markers, notes } = markdownNotes(res.stdout);
      expect([...markers].sort((a, b) => a - b)).toEqual([...notes.keys()].sort((a, b) => a - b));
      const texts = await storedTexts(db);
      for (const sentence of notes.values())
        expect(
          texts.some((t) => t.includes(sentence)),
          sentence,
        ).toBe(true);
      expect(res.stdout).toContain("was the target of an assassination attempt by gunfire");
      expect(res.stdout).toMatch(/Javier Milei \(President of Argentina\) blamed the “international left”\./);
      expect(res.stdout).toMatch(/Of the actors expected to react, Mexico \(a neighbour\);/);
    },
  );
});
