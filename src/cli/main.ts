// The crisisdesk command line. Thin: each command parses its options, calls one library function,
// and formats the result. Exit codes: 0 ok, 1 failure (including some inputs failing), 2 bad usage.
import { Command, CommanderError, Option } from "commander";
import { CrisisdeskError, UsageError } from "../domain/index.js";
import { registerAchCommand } from "./ach-command.js";
import { registerActorsCommand } from "./actors-command.js";
import { registerAnalysisCommands } from "./analysis-commands.js";
import { registerAnalyzeCommand } from "./analyze-command.js";
import { registerBriefCommand } from "./brief-command.js";
import { registerCaseCommand } from "./case-command.js";
import { registerEvalCommand } from "./eval-command.js";
import { registerExportCommand } from "./export-command.js";
import { registerIngestCommand } from "./ingest-command.js";
import { registerListCommands } from "./list-commands.js";
import { registerReviewCommands } from "./review-command.js";
import { registerScenariosCommand } from "./scenarios-command.js";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command("crisisdesk")
    .description(
      "Turn crisis reports into a sourced, structured picture: events, actors, reactions, quotes, attributions.",
    )
    .version("0.1.0")
    .addOption(
      new Option("--db <file|url>", "the store: a SQLite file, or a postgres:// URL")
        .env("CRISISDESK_DB")
        .default("crisisdesk.db"),
    )
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerIngestCommand(program);
  registerListCommands(program);
  registerAnalyzeCommand(program);
  registerCaseCommand(program);
  registerAnalysisCommands(program);
  registerEvalCommand(program);
  registerActorsCommand(program);
  registerExportCommand(program);
  registerAchCommand(program);
  registerScenariosCommand(program);
  registerBriefCommand(program);
  registerReviewCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`crisisdesk: ${error.line()}\n`);
      return EXIT.usage;
    }
    if (error instanceof CrisisdeskError) {
      process.stderr.write(`crisisdesk: ${error.line()}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`crisisdesk: unexpected error: ${(error as Error).stack ?? error}\n`);
    return EXIT.failure;
  }
}

// A reader that stops early (`crisisdesk list ... | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await run(process.argv);
process.exitCode = code;
