// `crisisdesk scenarios CASE ...`: scenarios with priors, indicators written in the indicator
// query language, Bayesian updates as the case's reports come in, the history that explains
// every change, and the Brier score once the outcome is known. Thin: each action calls one
// function of src/analysis/scenarios.ts and prints the status, the trail or one line.
import type { Command } from "commander";
import {
  addIndicator,
  addScenario,
  caseScenarios,
  editCaseScenarios,
  editScenario,
  removeIndicator,
  removeScenario,
  resolveScenarios,
  type ScenarioStatus,
  testCaseQuery,
  updateCaseScenarios,
} from "../analysis/index.js";
import { UsageError } from "../domain/index.js";
import { KnowledgeBase } from "../knowledge/index.js";
import {
  scenarioHistoryLines,
  scenarioMarkdown,
  scenarioRows,
  scenarioStatusText,
} from "../outputs/index.js";
import type { Store } from "../store/index.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

interface ScenarioOptions {
  json?: boolean;
  format: string;
  history?: boolean;
  prior?: string;
  description?: string;
  lr?: string;
  repeat?: boolean;
  label?: string;
}

const kbOf = async (store: Store) => KnowledgeBase.load(await store.overlayActors());

/** "0.3", ".3" or "30%". */
function probability(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(value);
  if (!m) throw new UsageError(`--prior expects a probability such as 0.3 or 30%, not "${value}"`);
  return Number(m[1]) / (m[2] ? 100 : 1);
}

function ratio(value: string | undefined): number {
  if (value === undefined)
    throw new UsageError("an indicator needs --lr, its likelihood ratio (e.g. --lr 3)");
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new UsageError(`--lr expects a number of 0 or more, not "${value}"`);
  return n;
}

function warn(status: { warnings: string[] }): void {
  for (const w of status.warnings) process.stderr.write(`crisisdesk: warning: ${w}\n`);
}

function show(status: ScenarioStatus, options: ScenarioOptions): void {
  warn(status);
  const format = options.json ? "json" : options.format;
  if (format === "json") {
    const { history, ...rest } = status;
    printJson(options.history ? status : rest);
  } else if (format === "md") process.stdout.write(scenarioMarkdown(status, options.history === true));
  else if (options.history) {
    process.stdout.write(`History of the scenarios for case ${status.caseId}: ${status.title}\n\n`);
    const lines = scenarioHistoryLines(status, status.history);
    process.stdout.write(
      lines.length ? `${lines.join("\n")}\n` : "(no history yet: run crisisdesk scenarios CASE update)\n",
    );
  } else process.stdout.write(scenarioStatusText(status));
}

// ---------------------------------------------------------------------------------------------
// The command

function need(args: string[], count: number, usage: string): string[] {
  if (args.length !== count) throw new UsageError(`expected: crisisdesk scenarios CASE ${usage}`);
  return args;
}

export function registerScenariosCommand(program: Command): void {
  program
    .command("scenarios")
    .description("Scenarios for a case, with indicators, Bayesian updates, history and the Brier score")
    .argument("<case>", "the case id")
    .argument("[action]", "add | set | remove | indicator | update | resolve (default: print the status)")
    .argument("[args...]", "the action's arguments")
    .option("--json", "print JSON")
    .option("--format <format>", "text | md | json", "text")
    .option("--history", "print the history: every change, what caused it, before and after")
    .option("--prior <p>", "add|set: the scenario's prior likelihood, 0 to 1 (or 30%)")
    .option("--description <text>", "add|set: what the scenario means")
    .option("--lr <ratio>", "indicator add: likelihood ratio for the scenario when the indicator fires")
    .option("--repeat", "indicator add: fire again for each new set of matching events (default: once)")
    .option("--label <text>", "indicator add: a short name for the indicator")
    .addHelpText(
      "after",
      [
        "",
        "Actions:",
        "  (none) [--history]                       likelihoods now, indicators; --history: the trail",
        "  add NAME --prior P [--description TEXT]  add a scenario",
        "  set NAME [--prior P] [--description TEXT]",
        "  remove NAME",
        '  indicator add SCENARIO "QUERY" --lr R [--repeat] [--label TEXT]',
        "  indicator remove I",
        '  indicator test "QUERY"                   what a query matches in the case now (fires nothing)',
        "  update                                   fire indicators on the case's reports, update by Bayes' rule",
        "  resolve NAME                             record what happened; prints the Brier score",
        "",
        "Query language (docs/ach-and-scenarios.md): FIELD=VALUE joined by AND, OR, NOT and parentheses;",
        "fields actor, target (and :kind :country :affiliation :region :subregion), cameo (04*), plover,",
        "mode, stance, place, item, date (>=, <=), within=7d and count>=N.",
        "",
        "Examples:",
        '  $ crisisdesk scenarios kadhimi-2021 add escalation --prior 0.3 --description "factions and government clash"',
        '  $ crisisdesk scenarios kadhimi-2021 indicator add escalation "actor:kind=armed_group AND plover=ASSAULT AND within=7d AND count>=2" --lr 3',
        "  $ crisisdesk scenarios kadhimi-2021 update",
        "  $ crisisdesk scenarios kadhimi-2021 --history",
      ].join("\n"),
    )
    .action(
      async (
        caseId: string,
        action: string | undefined,
        args: string[],
        options: ScenarioOptions,
        command: Command,
      ) => {
        if (!["text", "md", "json"].includes(options.format))
          throw new UsageError(`--format expects text, md or json, not "${options.format}"`);
        const json = options.json || options.format === "json";
        await withStore(command, async (store) => {
          // While scenarios are being set up the priors rarely sum to 1 yet: say the sum, do not warn.
          const priorSum = (status: ScenarioStatus) =>
            ` (priors now sum to ${Number(status.scenarios.reduce((n, x) => n + x.prior, 0).toFixed(4))})`;
          const done = (status: ScenarioStatus, line: string) => {
            if (json) {
              const { history, ...rest } = status;
              printJson(rest);
            } else process.stdout.write(`${line}\n`);
          };
          switch (action) {
            case undefined:
              show(await caseScenarios(store, caseId), options);
              return;
            case "add": {
              const [name] = need(args, 1, "add NAME --prior P [--description TEXT]");
              if (options.prior === undefined)
                throw new UsageError("a scenario needs --prior (e.g. --prior 0.3)");
              const prior = probability(options.prior);
              const { status, result } = await editCaseScenarios(store, caseId, (s) =>
                addScenario(s, { name: name!, prior, description: options.description }),
              );
              done(
                status,
                `added ${result.scenario.id} "${result.scenario.name}" with prior ${prior}${priorSum(status)}`,
              );
              return;
            }
            case "set": {
              const [ref] = need(args, 1, "set NAME [--prior P] [--description TEXT]");
              if (options.prior === undefined && options.description === undefined)
                throw new UsageError("nothing to change: give --prior and/or --description");
              const prior = options.prior === undefined ? undefined : probability(options.prior);
              const { status, result } = await editCaseScenarios(store, caseId, (s) =>
                editScenario(s, ref!, { prior, description: options.description }),
              );
              done(
                status,
                `${result.scenario.id} "${result.scenario.name}": prior ${result.scenario.prior}${priorSum(status)}`,
              );
              return;
            }
            case "remove": {
              const [ref] = need(args, 1, "remove NAME");
              const { status, result } = await editCaseScenarios(store, caseId, (s) =>
                removeScenario(s, ref!),
              );
              done(
                status,
                `removed ${result.scenario.id} "${result.scenario.name}" and its indicators${priorSum(status)}`,
              );
              return;
            }
            case "indicator": {
              const [sub, ...rest] = args;
              if (sub === "add") {
                const [scenario, query] = need(rest, 2, 'indicator add SCENARIO "QUERY" --lr R');
                const lr = ratio(options.lr);
                const { status, result } = await editCaseScenarios(store, caseId, (s) =>
                  addIndicator(s, {
                    scenario: scenario!,
                    query: query!,
                    lr,
                    repeat: options.repeat,
                    label: options.label,
                  }),
                );
                for (const w of result.warnings) process.stderr.write(`crisisdesk: warning: ${w}\n`);
                done(
                  status,
                  `added ${result.indicator.id} for "${status.scenarios.find((x) => x.id === result.indicator.scenario)?.name}" (LR ${lr}): ${result.indicator.query}`,
                );
              } else if (sub === "remove") {
                const [ref] = need(rest, 1, "indicator remove I");
                const { status, result } = await editCaseScenarios(store, caseId, (s) =>
                  removeIndicator(s, ref!),
                );
                done(status, `removed ${result.indicator.id} (its past firings stay in the history)`);
              } else if (sub === "test") {
                const [query] = need(rest, 1, 'indicator test "QUERY"');
                const result = await testCaseQuery(store, await kbOf(store), caseId, query!);
                if (json)
                  printJson({
                    fires: result.fires,
                    distinct: result.distinct,
                    window: result.window,
                    items: result.items,
                  });
                else {
                  process.stdout.write(
                    `${result.items.length} matching item${result.items.length === 1 ? "" : "s"} (${result.distinct} distinct)${result.window ? ` in ${result.window.from} … ${result.window.to}` : ""}; the indicator ${result.fires ? "would fire" : "would not fire"}\n`,
                  );
                  for (const i of result.items)
                    process.stdout.write(
                      `  ${i.documentId.slice(0, 12)} ${i.itemId.padEnd(4)} ${(i.date ?? "undated").padEnd(10)} ${i.kind === "event" ? `${i.cameo} ${i.plover}` : i.stance} ${i.actor?.name ?? "?"}: ${i.sentence.slice(0, 100)}\n`,
                    );
                }
              } else
                throw new UsageError("expected: crisisdesk scenarios CASE indicator add|remove|test ...");
              return;
            }
            case "update": {
              need(args, 0, "update");
              const { status, update } = await updateCaseScenarios(store, await kbOf(store), caseId);
              warn(update);
              if (json)
                printJson({ fired: update.fired, entries: update.entries, scenarios: status.scenarios });
              else {
                process.stdout.write(
                  update.fired.length
                    ? `${update.fired.length} indicator${update.fired.length === 1 ? "" : "s"} fired\n${scenarioHistoryLines(status, update.fired).join("\n")}\n\n`
                    : "no indicator fired anew\n\n",
                );
                printTable(scenarioRows(status), [
                  { key: "id", label: "ID" },
                  { key: "name", label: "SCENARIO", max: 30 },
                  { key: "normalised", label: "PRIOR" },
                  { key: "now", label: "NOW" },
                  { key: "change", label: "CHANGE (pts)" },
                ]);
              }
              return;
            }
            case "resolve": {
              const [ref] = need(args, 1, "resolve NAME");
              const { status, result } = await editCaseScenarios(store, caseId, (s) =>
                resolveScenarios(s, ref!),
              );
              done(
                status,
                `resolved: "${result.scenario.name}" happened. Brier score ${result.brier.score.toFixed(3)} (mean over ${result.brier.snapshots.length} recorded snapshot${result.brier.snapshots.length === 1 ? "" : "s"}; 0 is perfect, 2 the worst possible)`,
              );
              return;
            }
            default:
              throw new UsageError(
                `unknown action "${action}"; expected add, set, remove, indicator, update or resolve`,
              );
          }
        });
      },
    );
}
