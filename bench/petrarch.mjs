// npm run bench:petrarch: the PETRARCH/TABARI validation suite coded from its sentences' text alone
// (the Treebank parses in the file are not read), with the suite's own four dictionaries loaded
// through crisisdesk's PETRARCH-format import, scored against the gold codings per category the way
// UD-PETRARCH reports its own figures (68% of gold events found, extra events = 23% of records).
//
// An event is correct when its source code, target code and event code all equal a gold event's
// (each gold event matched at most once). Uncoded = gold events not matched; extra = coded events
// that match none. "Event code correct" is looser: only the event code has to equal a gold event's.
//
//   node bench/petrarch.mjs            summary table
//   node bench/petrarch.mjs --misses   also every record whose coding differs from the gold
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { createPetrarchCoder } from "../dist/extraction/petrarch-coder.js";
import {
  parseActorDictionary,
  parseAgentDictionary,
  parseDiscardDictionary,
  parseVerbDictionary,
} from "../dist/knowledge/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SUITE = resolve(ROOT, "..", "shared", "data", "reference", "petrarch2");
const CATEGORIES = [
  "DEMO",
  "COMPOUND",
  "SYNSET",
  "PATTERN",
  "AGENT",
  "VERB",
  "DATE",
  "MODIFY",
  "ACTOR",
  "PARSING",
  "ERROR",
];
const UD_PETRARCH = { found: 68, extra: 23 };

const read = (name) => readFileSync(join(SUITE, name), "utf8");

/** The records in file order, each with the require_dyad setting the <Config> lines above it give. */
export function readRecords(xml) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true });
  const document = parser.parse(xml);
  const validation = document.find((node) => node.Validation)?.Validation ?? [];
  const sentences = validation.find((node) => node.Sentences)?.Sentences ?? [];
  const records = [];
  let requireDyad = true;
  for (const node of sentences) {
    const attributes = node[":@"] ?? {};
    if (node.Config && attributes.option === "require_dyad") {
      requireDyad = String(attributes.value).toLowerCase() === "true";
      continue;
    }
    if (!node.Sentence) continue;
    const children = node.Sentence;
    const text = String(children.find((child) => child.Text)?.Text?.[0]?.["#text"] ?? "")
      .replace(/\s+/g, " ")
      .trim();
    const codings = children.filter((child) => child.EventCoding).map((child) => child[":@"] ?? {});
    const raw = String(attributes.category ?? "").toUpperCase();
    // The file also spells two categories AGENTS and COMPOUNDx.
    const category = CATEGORIES.find((name) => raw.startsWith(name)) ?? raw;
    records.push({
      id: String(attributes.id),
      category,
      date: String(attributes.date),
      text,
      requireDyad,
      gold: codings
        .filter((coding) => coding.eventcode !== undefined)
        .map((coding) => ({ source: coding.sourcecode, target: coding.targetcode, code: coding.eventcode })),
      error: codings.find((coding) => coding.error)?.error ?? null,
    });
  }
  return records;
}

/** Multiset matching: how many items of `predicted` pair off with items of `gold` under `key`. */
function matched(gold, predicted, key) {
  const pool = new Map();
  for (const item of gold) pool.set(key(item), (pool.get(key(item)) ?? 0) + 1);
  let hits = 0;
  for (const item of predicted) {
    const left = pool.get(key(item)) ?? 0;
    if (left > 0) {
      hits += 1;
      pool.set(key(item), left - 1);
    }
  }
  return hits;
}

const exact = (event) => `${event.source}|${event.target}|${event.code}`;
const codeOnly = (event) => event.code;

/** What the coder reports for a record the gold marks as an error, in the gold's words. */
function flagged(coding) {
  if (coding.discarded === "story") return "storydiscard";
  if (coding.discarded === "sentence") return "sentencediscard";
  return coding.error ?? null;
}

export function runPetrarchBench() {
  const dictionaries = {
    actors: parseActorDictionary(read("PETR.Validate.actors.txt"), "PETR.Validate.actors.txt"),
    agents: parseAgentDictionary(read("PETR.Validate.agents.txt"), "PETR.Validate.agents.txt"),
    verbs: parseVerbDictionary(read("PETR.Validate.verbs.txt"), "PETR.Validate.verbs.txt"),
    discards: parseDiscardDictionary(read("PETR.Validate.discards.txt"), "PETR.Validate.discards.txt"),
  };
  const coder = createPetrarchCoder(dictionaries);
  const records = readRecords(read("PETR.UnitTest.records.xml"));
  const started = performance.now();
  const results = records.map((record) => {
    const coding = coder.code(record.text, record.date, { requireDyad: record.requireDyad });
    const predicted = coding.events;
    const correct = matched(record.gold, predicted, exact);
    return {
      record,
      coding,
      predicted,
      correct,
      codeCorrect: matched(record.gold, predicted, codeOnly),
      uncoded: record.gold.length - correct,
      extra: predicted.length - correct,
      errorFlagged: record.error ? flagged(coding) === record.error : null,
    };
  });
  const seconds = (performance.now() - started) / 1000;

  const rows = [...CATEGORIES, "ALL"].map((category) => {
    const mine = results.filter((r) => category === "ALL" || r.record.category === category);
    const sum = (field) => mine.reduce((total, r) => total + r[field], 0);
    const gold = mine.reduce((total, r) => total + r.record.gold.length, 0);
    return {
      category,
      records: mine.length,
      gold,
      correct: sum("correct"),
      uncoded: sum("uncoded"),
      extra: sum("extra"),
      codeCorrect: sum("codeCorrect"),
      exactRecords: mine.filter((r) => r.uncoded === 0 && r.extra === 0).length,
    };
  });
  const errors = results.filter((r) => r.record.error);
  return { rows, results, seconds, errors };
}

const pct = (a, b) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

function printTable(rows) {
  const header = [
    "category",
    "records",
    "gold events",
    "correct",
    "uncoded",
    "extra",
    "found",
    "extra/records",
    "event code correct",
    "records exact",
  ];
  const lines = rows.map((row) => [
    row.category,
    row.records,
    row.gold,
    row.correct,
    row.uncoded,
    row.extra,
    pct(row.correct, row.gold),
    pct(row.extra, row.records),
    pct(row.codeCorrect, row.gold),
    `${row.exactRecords}/${row.records}`,
  ]);
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const line of lines) console.log(`| ${line.join(" | ")} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, results, seconds, errors } = runPetrarchBench();
  const all = rows.at(-1);
  console.log(
    `machine: ${cpus()[0]?.model ?? "unknown cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `PETRARCH validation suite: ${all.records} records coded from text alone in ${(seconds * 1000).toFixed(0)} ms\n`,
  );
  printTable(rows);
  console.log(
    `\ngold events found: ${pct(all.correct, all.gold)} (UD-PETRARCH: ${UD_PETRARCH.found}%)` +
      ` · extra events: ${pct(all.extra, all.records)} of records (UD-PETRARCH: ${UD_PETRARCH.extra}%)` +
      ` · event code correct: ${pct(all.codeCorrect, all.gold)}`,
  );
  console.log(
    `error and discard records flagged as the gold says: ${errors.filter((r) => r.errorFlagged).length}/${errors.length}` +
      ` (${errors.map((r) => `${r.record.id} ${r.record.error}: ${r.errorFlagged ? "yes" : "no"}`).join(", ")})`,
  );
  console.log(
    "correct = source, target and event code all equal to a gold event's; bad_input_parse records test" +
      " the parse, which text-only coding never reads, and still count any event coded as extra.",
  );
  if (process.argv.includes("--misses")) {
    console.log("\nrecords whose coding differs from the gold:");
    for (const r of results) {
      if (r.uncoded === 0 && r.extra === 0) continue;
      const show = (events) => events.map((e) => `${e.source}→${e.target} ${e.code}`).join(", ") || "none";
      console.log(
        `\n${r.record.id} [${r.record.category}] ${r.record.date}${r.record.requireDyad ? "" : " (require_dyad false)"}`,
      );
      console.log(`  ${r.record.text}`);
      console.log(`  gold:  ${show(r.record.gold)}${r.record.error ? ` (error ${r.record.error})` : ""}`);
      console.log(`  coded: ${show(r.predicted)}`);
    }
  }
}
