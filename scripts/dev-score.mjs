#!/usr/bin/env node
// Development loop for the engine: analyse the annotated dev reports in one process (as
// `crisisdesk analyze` would, one JSON per report) and score them with the shared scorer.
//
//   npm run build && node scripts/dev-score.mjs [--half a|b|all] [--verbose] [--only NAME-PREFIX]
//
// Half a holds the odd-numbered reports, half b the even-numbered ones (by position in the sorted
// folder, so the split stays stable as reports are added at the end): develop on one half, check
// the other before calling a rule general.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const gold = resolve(opt("--gold", join(ROOT, "..", "shared", "data", "dev")));
const half = opt("--half", "all");
const only = opt("--only", "");
const verbose = args.includes("--verbose");

const { loadAnalyser, readInputs } = await import(join(ROOT, "dist", "index.js"));
const analyse = await loadAnalyser();

const names = readdirSync(gold)
  .filter((f) => f.endsWith(".gold.json"))
  .map((f) => f.slice(0, -".gold.json".length))
  .sort()
  .filter((_, i) => half === "all" || (half === "a" ? i % 2 === 0 : i % 2 === 1))
  .filter((n) => n.startsWith(only));

const work = mkdtempSync(join(tmpdir(), "crisisdesk-dev-"));
const goldDir = join(work, "gold");
const predDir = join(work, "pred");
mkdirSync(goldDir);
mkdirSync(predDir);
for (const name of names) {
  const report = readdirSync(gold).find((f) => f.startsWith(`${name}.`) && !f.endsWith(".gold.json"));
  writeFileSync(join(goldDir, `${name}.gold.json`), readFileSync(join(gold, `${name}.gold.json`), "utf8"));
  const analyses = [];
  for await (const result of readInputs([join(gold, report)])) {
    if (result.error) throw result.error;
    analyses.push(...result.documents.map((d) => analyse(d)));
  }
  writeFileSync(join(predDir, `${name}.json`), JSON.stringify(analyses[0], null, 2));
}

const scorer = join(gold, "..", "..", "bin", "score-analysis.mjs");
const out = execFileSync(
  process.execPath,
  [scorer, "--gold", goldDir, "--pred", predDir, ...(verbose ? ["--verbose"] : [])],
  { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
);
process.stdout.write(out);
process.stdout.write(`predictions: ${predDir}\n`);
