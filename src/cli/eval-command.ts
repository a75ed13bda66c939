// `crisisdesk eval`: score the engine against a folder of annotated reports, by the rules of the
// shared scorer, and optionally show how well its confidences are calibrated.
import { type Command, Option } from "commander";
import { type ActorRef, UsageError } from "../domain/index.js";
import {
  type CalibrationBin,
  type Evaluation,
  evaluate,
  MAIN_EVENT_CHECKS,
  type MainEventScore,
  SCORED_KINDS,
  type ScoredActor,
  type Selection,
  type SummaryFigures,
} from "../evaluation/index.js";
import { loadAnalyser } from "../pipeline/index.js";
import { printJson, printTable } from "./output.js";

interface EvalOptions {
  gold: string;
  pred?: string;
  reports?: string;
  json?: boolean;
  verbose?: boolean;
  calibration?: boolean;
  half?: "a" | "b";
  only?: string;
}

// The same lines as the shared scorer prints, so the two can be compared by eye.
function figures(summary: SummaryFigures, files: number): string[] {
  const e = summary.main_event;
  return [
    `files: ${files}`,
    ...SCORED_KINDS.map((kind) => {
      const m = summary[kind];
      return `${kind.padEnd(18)} P ${m.precision.toFixed(3)}  R ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
    }),
    `${"main_event".padEnd(18)} ${MAIN_EVENT_CHECKS.map((c) => `${c} ${e[c].correct}/${e[c].total}`).join("  ")}`,
  ];
}

/** The checks of a file's main event that fail, as the shared scorer lists them. */
function eventMismatches(score: MainEventScore): { check: string; gold: string; pred: string | null }[] {
  return MAIN_EVENT_CHECKS.flatMap((check) => {
    const c = score[check];
    return c && !c.ok ? [{ check, gold: c.gold, pred: c.pred }] : [];
  });
}

function actor(a: ScoredActor | Pick<ActorRef, "name" | "kind" | "country">): string {
  return `${a.name || "(none)"} (${a.kind}${a.country ? `, ${a.country}` : ""})`;
}

function confidence(x: { confidence?: number }): string {
  return x.confidence === undefined ? "" : ` @${x.confidence.toFixed(2)}`;
}

function clip(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Misses and spurious items per file: what to look at to improve the figures. */
function misses(evaluation: Evaluation): string[] {
  const lines: string[] = [];
  for (const file of evaluation.details) {
    const s = file.score;
    lines.push(`## ${file.name} (scored ${file.scored})`);
    for (const g of s.reactions.missed)
      lines.push(
        `  missed reaction: ${g.actor} (${g.actor_kind}${g.country ? `, ${g.country}` : ""}) ${g.stance}`,
      );
    for (const p of s.reactions.spurious)
      lines.push(`  spurious reaction: ${actor(p.actor)} ${p.stance}${confidence(p)}`);
    for (const g of s.quotes_attributed.missed)
      lines.push(`  missed quote: ${g.speaker}: “${clip(g.quote)}”`);
    for (const p of s.quotes_attributed.spurious)
      lines.push(`  spurious quote: ${p.speaker ? p.speaker.name : "(no speaker)"}: “${clip(p.text)}”`);
    for (const g of s.attributions.missed)
      lines.push(`  missed attribution: ${g.claimant} blames ${g.accused}`);
    for (const p of s.attributions.spurious)
      lines.push(`  spurious attribution: blames ${actor(p.accused)}${confidence(p)}`);
    for (const m of eventMismatches(s.main_event))
      lines.push(`  main event ${m.check}: ${m.pred ?? "-"}, gold ${m.gold}`);
    if (file.unfoundedDate)
      lines.push(
        `  main event date: ${file.mainEvent?.date}, though the text does not fix the day (unscored)`,
      );
    lines.push("");
  }
  return lines;
}

function share(bin: CalibrationBin): string {
  return `${bin.correct}/${bin.items}`;
}

function printCalibration(evaluation: Evaluation): void {
  const c = evaluation.calibration;
  process.stdout.write("\ncalibration: predicted reactions and attributions by stated confidence\n");
  printTable(
    c.bins.map((bin, i) => ({
      bin: `[${bin.from.toFixed(1)}, ${bin.to.toFixed(1)}${i === c.bins.length - 1 ? "]" : ")"}`,
      items: bin.items,
      correct: bin.correct,
      precision: bin.precision === null ? "-" : bin.precision.toFixed(3),
      mean: bin.meanConfidence === null ? "-" : bin.meanConfidence.toFixed(3),
      reactions: share(c.byKind.reactions[i]!),
      attributions: share(c.byKind.attributions[i]!),
    })),
    [
      { key: "bin", label: "CONFIDENCE" },
      { key: "items", label: "ITEMS" },
      { key: "correct", label: "CORRECT" },
      { key: "precision", label: "PRECISION" },
      { key: "mean", label: "MEAN CONF" },
      { key: "reactions", label: "REACTIONS" },
      { key: "attributions", label: "ATTRIBUTIONS" },
    ],
  );
  process.stdout.write(
    `expected calibration error: ${c.ece === null ? "-" : c.ece.toFixed(3)} over ${c.items} items\n`,
  );
}

function asJson(evaluation: Evaluation, options: EvalOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    summary: evaluation.summary,
    files: evaluation.files,
    resolution: evaluation.resolution,
    unfounded_dates: evaluation.unfoundedDates,
  };
  if (options.calibration) out.calibration = evaluation.calibration;
  if (options.verbose)
    out.details = Object.fromEntries(
      evaluation.details.map((f) => [
        f.name,
        {
          scored: f.scored,
          missed: {
            reactions: f.score.reactions.missed,
            quotes_attributed: f.score.quotes_attributed.missed,
            attributions: f.score.attributions.missed,
          },
          spurious: {
            reactions: f.score.reactions.spurious,
            quotes_attributed: f.score.quotes_attributed.spurious,
            attributions: f.score.attributions.spurious,
          },
          main_event: eventMismatches(f.score.main_event),
          main_event_predicted: f.mainEvent,
          unfounded_date: f.unfoundedDate,
        },
      ]),
    );
  return out;
}

function selection(options: EvalOptions): Selection {
  const only = options.only
    ?.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (options.only !== undefined && (!only || only.length === 0))
    throw new UsageError("--only expects comma-separated name prefixes, e.g. --only 07-,12-");
  return { ...(options.half ? { half: options.half } : {}), ...(only ? { only } : {}) };
}

export function registerEvalCommand(program: Command): void {
  program
    .command("eval")
    .description(
      "Score the engine against annotated reports (NAME.gold.json beside each report), as the shared scorer does",
    )
    .requiredOption("--gold <dir>", "a folder of NAME.gold.json files, each beside its report")
    .option("--pred <dir>", "score NAME.json predictions from this folder instead of analysing the reports")
    .option("--reports <dir>", "find each NAME report in this folder rather than beside its gold file")
    .option("--json", "print {summary, files, resolution} as JSON; summary and files as the shared scorer's")
    .option("--verbose", "list the missed and spurious items of each file")
    .option("--calibration", "add a reliability table: observed precision by stated confidence")
    .addOption(
      new Option(
        "--half <half>",
        "score one half of the folder: a = odd positions in sorted order (1st, 3rd, ...), b = even",
      ).choices(["a", "b"]),
    )
    .option(
      "--only <prefixes>",
      "score only the gold files whose names start with one of these comma-separated prefixes",
    )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ crisisdesk eval --gold ../shared/data/dev",
        "  $ crisisdesk eval --gold ../shared/data/dev --verbose --calibration",
        "  $ crisisdesk eval --gold ../shared/data/dev --pred predictions/ --json",
        "  $ crisisdesk eval --gold ../shared/data/dev --half b        # the held-out half of a 2-fold split",
        "  $ crisisdesk eval --gold ../shared/data/dev --only 07-,12- --verbose",
        "  $ crisisdesk eval --gold test/fixtures/gold --reports examples",
        "",
        "Exit codes: 0 when scoring ran (whatever the scores), 1 on an unreadable gold file or report, 2 on bad usage.",
      ].join("\n"),
    )
    .action(async (options: EvalOptions) => {
      const select = selection(options);
      const evaluation =
        options.pred === undefined
          ? await evaluate({
              gold: options.gold,
              analyse: await loadAnalyser(),
              reports: options.reports,
              select,
            })
          : await evaluate({ gold: options.gold, pred: options.pred, select });
      for (const warning of evaluation.warnings) process.stderr.write(`crisisdesk: ${warning}\n`);
      if (options.json) {
        printJson(asJson(evaluation, options));
        return;
      }
      const lines = options.verbose ? misses(evaluation) : [];
      lines.push(...figures(evaluation.summary, evaluation.details.length));
      const r = evaluation.resolution;
      lines.push(
        `reacting actors resolved to the knowledge base: ${r.resolved}/${r.total}${r.share === null ? "" : ` (${(r.share * 100).toFixed(1)}%)`}`,
      );
      const u = evaluation.unfoundedDates;
      if (u.total > 0)
        lines.push(`main-event days given where the text fixes none (unscored): ${u.given}/${u.total}`);
      if (options.verbose)
        for (const m of r.misses)
          lines.push(`  unresolved: ${m.file}: ${m.actor}${m.found ? ` → ${m.found}` : " (not found)"}`);
      process.stdout.write(`${lines.join("\n")}\n`);
      if (options.calibration) printCalibration(evaluation);
    });
}
