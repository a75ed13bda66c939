#!/usr/bin/env node
// Rewrites docs/accuracy.md from the built CLI's `eval` on the annotated dev reports: the figures,
// a table per file, the calibration of the engine's confidences, and the misses to work on.
//
//   npm run build && node scripts/accuracy-report.mjs [--gold DIR]
//
// The gold folder defaults to ../shared/data/dev beside the repository. The page is written to a
// temporary file and renamed, so a failed run leaves the last good page in place.
import { execFileSync } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
const BIN = join(ROOT, "bin", "crisisdesk.js");
const OUT = join(ROOT, "docs", "accuracy.md");
const KINDS = ["reactions", "reaction_actors", "quotes", "quotes_attributed", "attributions"];

const goldIndex = process.argv.indexOf("--gold");
const gold = resolve(
  goldIndex >= 0 ? process.argv[goldIndex + 1] : join(ROOT, "..", "shared", "data", "dev"),
);

function runEval(goldDir = gold, extra = []) {
  try {
    const stdout = execFileSync(
      process.execPath,
      [BIN, "eval", "--gold", goldDir, "--json", "--calibration", "--verbose", ...extra],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] },
    );
    return JSON.parse(stdout);
  } catch (error) {
    console.error(
      `accuracy-report: crisisdesk eval failed (${error.message.split("\n")[0]}); run npm run build first?`,
    );
    process.exit(1);
  }
}

const f3 = (x) => (x === null || x === undefined ? "–" : x.toFixed(3));
const row = (cells) => `| ${cells.join(" | ")} |`;

function figuresTable(summary) {
  return [
    row(["kind", "precision", "recall", "F1", "tp", "fp", "fn"]),
    row(["---", "---:", "---:", "---:", "---:", "---:", "---:"]),
    ...KINDS.map((k) => {
      const m = summary[k];
      return row([`\`${k}\``, f3(m.precision), f3(m.recall), `**${f3(m.f1)}**`, m.tp, m.fp, m.fn]);
    }),
  ];
}

// A file with nothing of a kind in gold or prediction scores 0 by the scorer's convention; "–" here.
const cell = (m) => (m.tp + m.fp + m.fn === 0 ? "–" : `${f3(m.f1)} (${m.tp}/${m.fp}/${m.fn})`);

function filesTable(files) {
  return [
    row(["file", ...KINDS.map((k) => `\`${k}\``)]),
    row(["---", ...KINDS.map(() => "---:")]),
    ...Object.entries(files).map(([name, m]) =>
      row([name.replace(/\.gold\.json$/, ""), ...KINDS.map((k) => cell(m[k]))]),
    ),
  ];
}

function calibrationTable(c) {
  const last = c.bins.length - 1;
  return [
    row([
      "confidence",
      "items",
      "correct",
      "observed precision",
      "mean confidence",
      "reactions",
      "attributions",
    ]),
    row(["---", "---:", "---:", "---:", "---:", "---:", "---:"]),
    ...c.bins.map((b, i) =>
      row([
        `[${b.from.toFixed(1)}, ${b.to.toFixed(1)}${i === last ? "]" : ")"}`,
        b.items,
        b.correct,
        f3(b.precision),
        f3(b.meanConfidence),
        `${c.byKind.reactions[i].correct}/${c.byKind.reactions[i].items}`,
        `${c.byKind.attributions[i].correct}/${c.byKind.attributions[i].items}`,
      ]),
    ),
  ];
}

const clip = (s, max = 110) => {
  const flat = String(s).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const who = (a) => (a ? a.name || "(none)" : "(no speaker)");

function missesList(details) {
  const lines = [];
  for (const [name, d] of Object.entries(details)) {
    const items = [
      ...d.missed.reactions.map((g) => `missed reaction: ${g.actor} — ${g.stance}`),
      ...d.spurious.reactions.map(
        (p) => `spurious reaction: ${who(p.actor)} — ${p.stance} (confidence ${p.confidence})`,
      ),
      ...d.missed.quotes_attributed.map((g) => `missed quote: ${g.speaker}: “${clip(g.quote)}”`),
      ...d.spurious.quotes_attributed.map((p) => `spurious quote: ${who(p.speaker)}: “${clip(p.text)}”`),
      ...d.missed.attributions.map((g) => `missed attribution: ${g.claimant} blames ${g.accused}`),
      ...d.spurious.attributions.map(
        (p) => `spurious attribution: blames ${who(p.accused)} (confidence ${p.confidence})`,
      ),
    ];
    if (items.length === 0) continue;
    lines.push(`- \`${name.replace(/\.gold\.json$/, "")}\``, ...items.map((x) => `  - ${x}`));
  }
  return lines.length ? lines : ["Nothing missed and nothing spurious."];
}

const result = runEval();
const examples = runEval(join(ROOT, "test", "fixtures", "gold"), ["--reports", join(ROOT, "examples")]);
const fileCount = Object.keys(result.files).length;
const today = new Date().toISOString().slice(0, 10);
const goldShown = relative(ROOT, gold) || ".";
const c = result.calibration;

const page = [
  "# Accuracy",
  "",
  `Measured on ${today} on the ${fileCount} hand-annotated reports in \`${goldShown}\`, by`,
  "`crisisdesk eval`, which scores with the rules of the shared scorer (`../shared/bin/score-analysis.mjs`):",
  "items matched one to one; precision, recall and F1 micro-averaged over all files. This page is",
  "generated by `scripts/accuracy-report.mjs`; do not edit it by hand.",
  "",
  "## Figures",
  "",
  ...figuresTable(result.summary),
  "",
  "- `reactions`: the same actor and the same stance. `reaction_actors`: the same actor, whatever",
  "  the stance. Actors match by normalised name, by surname for people, by country for a state and",
  "  its government bodies, and by alias group for international organisations (UN = United Nations).",
  "- `quotes`: quoted words overlapping by at least 0.6 of the longer quote; `quotes_attributed`: such a",
  "  quote with the same speaker.",
  "- `attributions`: the same accused party, with the words for proxies folded together",
  "  (“Iran's proxies” = “pro-Iran militias”, but not “Iran”).",
  "",
  "## Per file",
  "",
  "F1 (tp/fp/fn) for each kind; – where neither gold nor prediction has any.",
  "",
  ...filesTable(result.files),
  "",
  "## Calibration",
  "",
  "Predicted reactions and attributions (the items that state a confidence; events have no gold",
  "here) by stated confidence, with the share of each bin that matched gold. A well-calibrated",
  "engine is right about 9 times in 10 on items at 0.9.",
  "",
  ...calibrationTable(c),
  "",
  `Expected calibration error: ${f3(c.ece)} over ${c.items} items (the gap between mean confidence and`,
  "observed precision per bin, weighted by the bin's share of items). With this few items a bin's",
  "precision moves a lot with one item; read it as a direction, not a measurement.",
  "",
  "## A second set: the examples, annotated by hand",
  "",
  "The example reports in `examples/` (a statement, a wire report, a think-tank analysis), written",
  "for crisisdesk and annotated in `test/fixtures/gold/` by someone who had not seen the engine's",
  "output, with the same rules as the dev set. They are harder than the dev set (reaction sections",
  "under headings, unnamed ministries, pronouns, listed reactors, unnamed sources).",
  "",
  ...figuresTable(examples.summary),
  "",
  `Reacting actors resolved to knowledge-base entries: ${examples.resolution.resolved}/${examples.resolution.total} here,`,
  `${result.resolution.resolved}/${result.resolution.total} on the dev set.`,
  "",
  "Calibration on this set:",
  "",
  ...calibrationTable(examples.calibration),
  "",
  "## Misses and spurious items",
  "",
  ...missesList(result.details ?? {}),
  "",
  "## Reproduce",
  "",
  "```sh",
  "npm run build && node scripts/accuracy-report.mjs",
  `npx crisisdesk eval --gold ${goldShown} --verbose --calibration   # the same, in the terminal`,
  "```",
  "",
];

const temp = `${OUT}.${process.pid}.tmp`;
writeFileSync(temp, page.join("\n"));
renameSync(temp, OUT);
console.log(
  `wrote ${relative(ROOT, OUT)}: ${KINDS.map((k) => `${k} F1 ${f3(result.summary[k].f1)}`).join(", ")}`,
);
