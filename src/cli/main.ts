// The crisisdesk command line. Thin: each command parses its options, calls one library function,
// and formats the result. Exit codes: 0 ok, 1 failure (including some inputs failing), 2 bad usage,
// 130 interrupted (SIGINT or SIGTERM during work that cleans up after itself).
import { Command, CommanderError, Option } from "commander";
// The errors file, not the domain's index: the index brings the zod schemas of the analysis
// contract, and `crisisdesk --help` should load nothing but commander.
import { CrisisdeskError, UsageError } from "../domain/errors.js";
import { printable } from "./printable.js";

export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

type Register = (program: Command) => void;

/** The modules that define commands, each loaded only when one of its commands runs: each brings
 * its part of the library (chrono-node, linkedom, unpdf, the zod schemas ...). */
const MODULES = {
  ingest: async () => (await import("./ingest-command.js")).registerIngestCommand,
  list: async () => (await import("./list-commands.js")).registerListCommands,
  analyze: async () => (await import("./analyze-command.js")).registerAnalyzeCommand,
  case: async () => (await import("./case-command.js")).registerCaseCommand,
  analysis: async () => (await import("./analysis-commands.js")).registerAnalysisCommands,
  eval: async () => (await import("./eval-command.js")).registerEvalCommand,
  actors: async () => (await import("./actors-command.js")).registerActorsCommand,
  export: async () => (await import("./export-command.js")).registerExportCommand,
  ach: async () => (await import("./ach-command.js")).registerAchCommand,
  scenarios: async () => (await import("./scenarios-command.js")).registerScenariosCommand,
  brief: async () => (await import("./brief-command.js")).registerBriefCommand,
  review: async () => (await import("./review-command.js")).registerReviewCommands,
  sources: async () => (await import("./sources-command.js")).registerSourcesCommand,
  serve: async () => (await import("./serve-command.js")).registerServeCommand,
  users: async () => (await import("./users-command.js")).registerUsersCommand,
  migrate: async () => (await import("./migrate-command.js")).registerMigrateCommand,
  queue: async () => (await import("./queue-commands.js")).registerQueueCommands,
} satisfies Record<string, () => Promise<Register>>;

/** Every command in the order `--help` lists them: its listing line, summary and module. */
const COMMANDS: [name: string, term: string, summary: string, module: keyof typeof MODULES][] = [
  [
    "ingest",
    "ingest [options] <inputs...>",
    "Read reports (files, folders, URLs, feeds), analyse them and store the results",
    "ingest",
  ],
  ["list", "list [options] <what>", "List what the store holds", "list"],
  ["search", "search [options] <words...>", "Full-text search over every stored sentence", "list"],
  ["show", "show [options] <id>", "Show one stored document and its analysis", "list"],
  ["stats", "stats [options]", "Counts of what the store holds", "list"],
  [
    "analyze",
    "analyze [options] <file>",
    "Print the analysis of one report (the analysis JSON contract) without touching the store",
    "analyze",
  ],
  ["case", "case", "Group the reports about one crisis into a case", "case"],
  [
    "timeline",
    "timeline [options] <case>",
    "A case's events (merged across reports) and reactions by date, with first-reported dates",
    "analysis",
  ],
  [
    "reactions",
    "reactions [options] <case>",
    "The reaction matrix of a case: actor × stance, grouped domestic/regional/international, and who is silent",
    "analysis",
  ],
  [
    "network",
    "network [options] <case>",
    "The actor network of a case: affiliations, and who acted on, met, accused or reacted to whom",
    "analysis",
  ],
  [
    "dyad",
    "dyad [options] <case> <actorA> <actorB>",
    "Cooperation–conflict between two actors over time, on the Goldstein scale",
    "analysis",
  ],
  [
    "eval",
    "eval [options]",
    "Score the engine against annotated reports (NAME.gold.json beside each report), as the shared scorer does",
    "eval",
  ],
  [
    "actors",
    "actors",
    "Look up, add, edit, import and export actors of the knowledge base (the overlay in the store wins)",
    "actors",
  ],
  [
    "export",
    "export [options] <case>",
    "Export a case as a STIX 2.1 bundle, a GDELT-style or ACLED-style table, or JSON",
    "export",
  ],
  [
    "ach",
    "ach [options] <case> [action] [args...]",
    "Analysis of Competing Hypotheses for a case: who did it, on what evidence",
    "ach",
  ],
  [
    "scenarios",
    "scenarios [options] <case> [action] [args...]",
    "Scenarios for a case, with indicators, Bayesian updates, history and the Brier score",
    "scenarios",
  ],
  [
    "brief",
    "brief [options] <case>",
    "The analytic brief of a case: what happened, attribution (ACH), motives, reactions, scenarios; every sentence footnoted",
    "brief",
  ],
  [
    "reanalyze",
    "reanalyze [options] [documents...]",
    "Run the current engine and knowledge base over stored reports again",
    "review",
  ],
  [
    "review",
    "review",
    "Accept, reject, correct or add extracted items; decisions survive re-analysis",
    "review",
  ],
  [
    "history",
    "history [options] <item>",
    "Every version of an item, the engine's and the analyst's, with its reason",
    "review",
  ],
  [
    "sources",
    "sources",
    "Grade sources on the Admiralty scale (reliability A–F, credibility 1–6) for ACH, the brief and STIX",
    "sources",
  ],
  ["serve", "serve [options]", "Serve the HTTP API (OpenAPI at /openapi.json) over the store", "serve"],
  ["users", "users", "Users of crisisdesk serve on this store: add, list, remove, and API tokens", "users"],
  [
    "migrate",
    "migrate [options]",
    "Copy a store into another without loss (a SQLite file into PostgreSQL, or back)",
    "migrate",
  ],
  [
    "worker",
    "worker [options]",
    "Take ingest and re-analysis jobs from the queue of a PostgreSQL store until stopped",
    "queue",
  ],
  [
    "jobs",
    "jobs [options]",
    "What the job queue holds and did: jobs per state, failed jobs with their errors",
    "queue",
  ],
];

/** The command named on the command line (`crisisdesk --db x.db reactions ...`, `crisisdesk help
 * reactions`), if any: the first word that is neither a global option nor its value. */
export function commandName(argv: string[]): string | undefined {
  const words = argv.slice(2);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === "--db") i++;
    else if (word.startsWith("-")) continue;
    else if (word === "help") return words[i + 1];
    else return word;
  }
  return undefined;
}

/** The program with the named command's module loaded; every other command is a listing line. */
export async function buildProgram(name?: string): Promise<Command> {
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
  const wanted = COMMANDS.find(([command]) => command === name)?.[3];
  if (wanted) {
    // The module's commands take their places in the listing; the others are one line each.
    const register = await MODULES[wanted]();
    for (const [command, , summary, module] of COMMANDS) {
      if (module === wanted) {
        if (!program.commands.some((x) => x.name() === command)) register(program);
      } else program.command(command).description(summary);
    }
  } else for (const [command, , summary] of COMMANDS) program.command(command).description(summary);
  const terms = new Map(COMMANDS.map(([command, term]) => [command, term]));
  const help = program.createHelp();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? help.subcommandTerm(cmd) });
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = await buildProgram(commandName(argv));
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
      process.stderr.write(`crisisdesk: ${printable(error.line())}\n`);
      return EXIT.usage;
    }
    if (error instanceof CrisisdeskError) {
      process.stderr.write(`crisisdesk: ${printable(error.line())}\n`);
      return error.code === "INTERRUPTED" ? EXIT.interrupted : EXIT.failure;
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
