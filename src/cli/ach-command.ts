// `crisisdesk ach CASE ...`: Analysis of Competing Hypotheses for a case's attribution question.
// Thin: each action calls one function of src/analysis/ach.ts and prints the matrix, the scores
// or a one-line confirmation; `--json` prints the whole state and scores for other tools.
import type { Command } from "commander";
import {
  addEvidence,
  addHypothesis,
  type CaseAch,
  caseAch,
  editCaseAch,
  rateEvidence,
  removeEvidence,
  removeHypothesis,
  renameHypothesis,
  setEvidenceWeights,
  WEIGHT_LEVELS,
} from "../analysis/index.js";
import { UsageError } from "../domain/index.js";
import { KnowledgeBase } from "../knowledge/index.js";
import { achEvidenceText, achMarkdown, achText, achView } from "../outputs/index.js";
import { openStore, type Store } from "../store/index.js";
import { printJson } from "./output.js";

interface AchOptions {
  json?: boolean;
  format?: string;
  actor?: string[];
  credibility?: string;
  relevance?: string;
}

async function withStore<T>(
  command: Command,
  use: (store: Store, kb: KnowledgeBase) => Promise<T>,
): Promise<T> {
  const store = await openStore(command.optsWithGlobals().db);
  try {
    return await use(store, KnowledgeBase.load(await store.overlayActors()));
  } finally {
    await store.close();
  }
}

function weight(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const level = WEIGHT_LEVELS[value.toLowerCase() as keyof typeof WEIGHT_LEVELS];
  if (level !== undefined) return level;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`--${name} expects low, medium, high or a number, not "${value}"`);
  return n;
}

function print(ach: CaseAch, options: AchOptions): void {
  const format = options.json ? "json" : (options.format ?? "text");
  if (format === "json") printJson(achView(ach));
  else if (format === "md") process.stdout.write(achMarkdown(ach));
  else process.stdout.write(achText(ach));
}

const num = (x: number) => x.toFixed(2);

// ---------------------------------------------------------------------------------------------
// The command

function need(args: string[], count: number, usage: string): string[] {
  if (args.length !== count) throw new UsageError(`expected: crisisdesk ach CASE ${usage}`);
  return args;
}

export function registerAchCommand(program: Command): void {
  program
    .command("ach")
    .description("Analysis of Competing Hypotheses for a case: who did it, on what evidence")
    .argument("<case>", "the case id")
    .argument("[action]", "seed | hypothesis | evidence | rate (default: print the matrix and scores)")
    .argument("[args...]", "the action's arguments")
    .option("--json", "print the state and scores as JSON")
    .option("--format <format>", "text | md | json", "text")
    .option("--actor <id...>", "hypothesis add: the actor ids the hypothesis blames")
    .option(
      "--credibility <weight>",
      "evidence add|set: low, medium, high or a number (default from confidence)",
    )
    .option("--relevance <weight>", "evidence add|set: low, medium, high or a number")
    .addHelpText(
      "after",
      [
        "",
        "Actions:",
        "  (none)                              print the matrix, scores, diagnosticity and sensitivity",
        "  seed                                (re)seed hypotheses and evidence from the case's reports, keeping analyst edits",
        "  hypothesis add LABEL [--actor ID]   add a hypothesis",
        "  hypothesis remove H                 remove one (seeding will not bring it back)",
        "  hypothesis rename H LABEL",
        "  evidence add TEXT [--credibility W] [--relevance W]",
        "  evidence set E [--credibility W] [--relevance W]",
        "  evidence remove E",
        "  evidence show E                     an item's sources and the reason for each rating",
        "  rate E H CC|C|N|I|II|suggested      confirm or change a rating (suggested: back to the engine's)",
        "",
        "Examples:",
        "  $ crisisdesk ach kadhimi-2021",
        "  $ crisisdesk ach kadhimi-2021 --format md > ach.md",
        '  $ crisisdesk ach kadhimi-2021 hypothesis add "Staged by a rival faction" --actor group:saraya-al-salam',
        "  $ crisisdesk ach kadhimi-2021 rate E3 H1 I",
        "  $ crisisdesk ach kadhimi-2021 evidence set E2 --credibility high",
      ].join("\n"),
    )
    .action(
      async (
        caseId: string,
        action: string | undefined,
        args: string[],
        options: AchOptions,
        command: Command,
      ) => {
        if (!["text", "md", "json"].includes(options.format ?? "text"))
          throw new UsageError(`--format expects text, md or json, not "${options.format}"`);
        const credibility = weight("credibility", options.credibility);
        const relevance = weight("relevance", options.relevance);
        await withStore(command, async (store, kb) => {
          const say = (ach: CaseAch, line: string) => {
            if (options.json || options.format === "json") printJson(achView(ach));
            else process.stdout.write(`${line}\n`);
          };
          switch (action) {
            case undefined: {
              const ach = await caseAch(store, kb, caseId);
              if (ach.seeded)
                process.stderr.write(`crisisdesk: seeded the ACH of case ${caseId} from its reports\n`);
              print(ach, options);
              return;
            }
            case "seed": {
              need(args, 0, "seed");
              const ach = await caseAch(store, kb, caseId, { reseed: true });
              if (!options.json && options.format === "text")
                process.stdout.write(
                  `seeded case ${caseId}: ${ach.state.hypotheses.length} hypotheses, ${ach.state.evidence.length} evidence items, ${ach.scores.suggestedCells} suggested and ${ach.state.ratings.length - ach.scores.suggestedCells} confirmed ratings\n\n`,
                );
              print(ach, options);
              return;
            }
            case "hypothesis": {
              const [sub, ...rest] = args;
              if (sub === "add") {
                const [label] = need(rest, 1, "hypothesis add LABEL [--actor ID]");
                const unknown = (options.actor ?? []).filter((id) => !id.startsWith("new:") && !kb.actor(id));
                if (unknown.length)
                  throw new UsageError(
                    `not in the knowledge base: ${unknown.join(", ")} (see crisisdesk actors show NAME)`,
                  );
                const ach = await editCaseAch(store, kb, caseId, (s) =>
                  addHypothesis(s, kb, { label: label!, actors: options.actor }),
                );
                say(ach, `added ${ach.result.hypothesis.id} "${ach.result.hypothesis.label}"`);
              } else if (sub === "remove") {
                const [ref] = need(rest, 1, "hypothesis remove H");
                const ach = await editCaseAch(store, kb, caseId, (s) => removeHypothesis(s, kb, ref!));
                say(ach, `removed ${ach.result.hypothesis.id} "${ach.result.hypothesis.label}"`);
              } else if (sub === "rename") {
                const [ref, label] = need(rest, 2, "hypothesis rename H LABEL");
                const ach = await editCaseAch(store, kb, caseId, (s) => renameHypothesis(s, ref!, label!));
                say(ach, `renamed ${ach.result.hypothesis.id} to "${ach.result.hypothesis.label}"`);
              } else throw new UsageError("expected: crisisdesk ach CASE hypothesis add|remove|rename ...");
              return;
            }
            case "evidence": {
              const [sub, ...rest] = args;
              if (sub === "add") {
                const [text] = need(rest, 1, "evidence add TEXT [--credibility W] [--relevance W]");
                const ach = await editCaseAch(store, kb, caseId, (s) =>
                  addEvidence(s, kb, { summary: text!, credibility, relevance }),
                );
                say(ach, `added ${ach.result.evidence.id} "${ach.result.evidence.summary}"`);
              } else if (sub === "set") {
                const [ref] = need(rest, 1, "evidence set E [--credibility W] [--relevance W]");
                if (credibility === undefined && relevance === undefined)
                  throw new UsageError("nothing to change: give --credibility and/or --relevance");
                const ach = await editCaseAch(store, kb, caseId, (s) =>
                  setEvidenceWeights(s, ref!, { credibility, relevance }),
                );
                const e = ach.result.evidence;
                say(ach, `${e.id}: credibility ${num(e.credibility)}, relevance ${num(e.relevance)}`);
              } else if (sub === "remove") {
                const [ref] = need(rest, 1, "evidence remove E");
                const ach = await editCaseAch(store, kb, caseId, (s) => removeEvidence(s, ref!));
                say(ach, `removed ${ach.result.evidence.id} "${ach.result.evidence.summary}"`);
              } else if (sub === "show") {
                const [ref] = need(rest, 1, "evidence show E");
                const ach = await caseAch(store, kb, caseId);
                const e = ach.state.evidence.find((x) => x.id.toLowerCase() === ref!.toLowerCase());
                if (!e) throw new UsageError("no evidence item with this id", { where: ref });
                if (options.json || options.format === "json")
                  printJson({ ...e, ratings: ach.state.ratings.filter((r) => r.evidence === e.id) });
                else process.stdout.write(achEvidenceText(ach, e));
              } else throw new UsageError("expected: crisisdesk ach CASE evidence add|set|remove|show ...");
              return;
            }
            case "rate": {
              const [e, h, rating] = need(args, 3, "rate EVIDENCE HYPOTHESIS CC|C|N|I|II|suggested");
              const ach = await editCaseAch(store, kb, caseId, (s) => rateEvidence(s, kb, e!, h!, rating!));
              const cell = ach.result.cell;
              say(
                ach,
                `${cell.evidence} × ${cell.hypothesis}: ${cell.rating}${cell.suggested ? " (the engine's suggestion)" : " (confirmed)"}`,
              );
              return;
            }
            default:
              throw new UsageError(`unknown action "${action}"; expected seed, hypothesis, evidence or rate`);
          }
        });
      },
    );
}
