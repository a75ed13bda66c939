// The analysis commands of a case: `timeline`, `reactions`, `network` and `dyad`. Each opens the
// case, calls one function of the analysis layer and formats what it returns.
import type { Command } from "commander";
import {
  caseDyad,
  caseNetwork,
  caseReactionMatrix,
  caseTimeline,
  networkGraphml,
} from "../analysis/index.js";
import { UsageError } from "../domain/index.js";
import {
  dyadText,
  reactionMatrixCsv,
  reactionMatrixMarkdown,
  reactionMatrixText,
  timelineText,
} from "../outputs/index.js";
import { loadKnowledge } from "../pipeline/index.js";
import { printJson } from "./output.js";
import { withStore } from "./with-store.js";

function choice<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!allowed.includes(value as T))
    throw new UsageError(`${option} expects one of ${allowed.join(", ")}, not "${value}"`);
  return value as T;
}

const FORMATS = ["table", "csv", "json", "md"] as const;

// ---------------------------------------------------------------------------------------------

export function registerAnalysisCommands(program: Command): void {
  program
    .command("timeline")
    .description("A case's events (merged across reports) and reactions by date, with first-reported dates")
    .argument("<case>", "the case id")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk timeline kadhimi-attack\n  $ crisisdesk timeline kadhimi-attack --json",
    )
    .action(async (caseId: string, options: { json?: boolean }, command: Command) => {
      const {
        case: info,
        reports,
        entries,
      } = await withStore(command, (store) => caseTimeline(store, caseId));
      if (options.json) printJson({ case: info, entries });
      else
        process.stdout.write(
          timelineText(`Timeline: ${info.title} (${reports} report${reports === 1 ? "" : "s"})`, entries),
        );
    });

  program
    .command("reactions")
    .description(
      "The reaction matrix of a case: actor × stance, grouped domestic/regional/international, and who is silent",
    )
    .argument("<case>", "the case id")
    .option("--format <format>", FORMATS.join("|"), "table")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk reactions kadhimi-attack\n  $ crisisdesk reactions kadhimi-attack --format md > reactions.md",
    )
    .action(async (caseId: string, options: { format: string }, command: Command) => {
      const format = choice(options.format, FORMATS, "--format");
      const matrix = await withStore(command, async (store) =>
        caseReactionMatrix(store, await loadKnowledge(store), caseId),
      );
      if (format === "json") printJson(matrix);
      else if (format === "csv") process.stdout.write(reactionMatrixCsv(matrix));
      else if (format === "md") process.stdout.write(reactionMatrixMarkdown(matrix));
      else process.stdout.write(reactionMatrixText(matrix));
    });

  program
    .command("network")
    .description(
      "The actor network of a case: affiliations, and who acted on, met, accused or reacted to whom",
    )
    .argument("<case>", "the case id")
    .option("--format <format>", "json|graphml", "json")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk network kadhimi-attack --format graphml > kadhimi.graphml",
    )
    .action(async (caseId: string, options: { format: string }, command: Command) => {
      const format = choice(options.format, ["json", "graphml"] as const, "--format");
      const network = await withStore(command, async (store) =>
        caseNetwork(store, await loadKnowledge(store), caseId),
      );
      if (format === "graphml") process.stdout.write(networkGraphml(network, caseId));
      else printJson(network);
    });

  program
    .command("dyad")
    .description("Cooperation–conflict between two actors over time, on the Goldstein scale")
    .argument("<case>", "the case id")
    .argument("<actorA>", "an ISO3 code (a state and everyone of it), an actor id, or a name")
    .argument("<actorB>", "the other actor")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk dyad kadhimi-attack IRN IRQ\n  $ crisisdesk dyad kadhimi-attack ARE IRQ --json",
    )
    .action(
      async (
        caseId: string,
        actorA: string,
        actorB: string,
        options: { json?: boolean },
        command: Command,
      ) => {
        const trend = await withStore(command, async (store) =>
          caseDyad(store, await loadKnowledge(store), caseId, actorA, actorB),
        );
        if (options.json) printJson(trend);
        else process.stdout.write(dyadText(caseId, trend));
      },
    );
}
