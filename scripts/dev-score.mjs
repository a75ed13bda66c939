#!/usr/bin/env node
// Development loop for the engine: analyse the annotated dev reports in one process (as
// `crisisdesk analyze` would, one JSON per report) and score them with the shared scorer.
//
//   npm run build && node scripts/dev-score.mjs [--half a|b|all] [--verbose] [--only NAME-PREFIX]
//
// Half a holds the odd-numbered reports, half b the even-numbered ones (by position in the sorted
// folder, so the split stays stable as reports are added at the end): develop on one half, check
// the other before calling a rule general. On all reports it ends with each half's main figures
// and the gap between them (issue 8 asks for halves within 0.05).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
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

const inHalf = (h) => (_, i) => h === "all" || (h === "a" ? i % 2 === 0 : i % 2 === 1);
const sorted = readdirSync(gold)
  .filter((f) => f.endsWith(".gold.json"))
  .map((f) => f.slice(0, -".gold.json".length))
  .sort();
const names = sorted.filter(inHalf(half)).filter((n) => n.startsWith(only));

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
const score = (g, p, extra) =>
  execFileSync(process.execPath, [scorer, "--gold", g, "--pred", p, ...extra], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
process.stdout.write(score(goldDir, predDir, verbose ? ["--verbose"] : []));

if (half === "all" && !only) {
  // Each half scored apart, from the same predictions.
  const summaries = {};
  for (const h of ["a", "b"]) {
    const g = join(work, `gold-${h}`);
    const p = join(work, `pred-${h}`);
    mkdirSync(g);
    mkdirSync(p);
    for (const name of sorted.filter(inHalf(h))) {
      copyFileSync(join(goldDir, `${name}.gold.json`), join(g, `${name}.gold.json`));
      copyFileSync(join(predDir, `${name}.json`), join(p, `${name}.json`));
    }
    summaries[h] = { files: sorted.filter(inHalf(h)).length, ...JSON.parse(score(g, p, ["--json"])).summary };
  }
  const KINDS = ["reactions", "quotes_attributed", "attributions"];
  const share = (t) => (t.total ? t.correct / t.total : 0);
  const line = (label, s) =>
    `${label.padEnd(13)}${KINDS.map((k) => `${k} ${s[k].f1.toFixed(3)}`).join("  ")}  main_event ${[
      "date",
      "country",
      "target",
    ]
      .map((k) => `${k} ${s.main_event[k].correct}/${s.main_event[k].total}`)
      .join(" ")}`;
  const signed = (x) => `${x >= 0 ? "+" : "-"}${Math.abs(x).toFixed(3)}`;
  const a = summaries.a;
  const b = summaries.b;
  process.stdout.write(`${line(`half a (${a.files})`, a)}\n${line(`half b (${b.files})`, b)}\n`);
  process.stdout.write(
    `${"gap a - b".padEnd(13)}${KINDS.map((k) => `${k} ${signed(a[k].f1 - b[k].f1)}`).join("  ")}  main_event ${[
      "date",
      "country",
      "target",
    ]
      .map((k) => `${k} ${signed(share(a.main_event[k]) - share(b.main_event[k]))}`)
      .join(" ")}\n`,
  );
}
process.stdout.write(`predictions: ${predDir}\n`);
