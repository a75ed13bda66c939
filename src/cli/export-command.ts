// `crisisdesk export CASE --format stix|gdelt|acled|json [--out FILE]`: a case in a format other
// tools read. The formats live in src/outputs; this command reads the case, picks one, and writes
// it to stdout or, through a temporary file and a rename, to FILE.
import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { loadKnowledgeData } from "../knowledge/index.js";
import {
  type CaseExport,
  EXPORT_FORMATS,
  type ExportFormat,
  exportReference,
  loadCaseExport,
} from "../outputs/index.js";
import { openStore } from "../store/index.js";
import { checkOutput, writeOutput } from "./write-output.js";

const FORMATS = EXPORT_FORMATS;
type Format = ExportFormat;

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("Export a case as a STIX 2.1 bundle, a GDELT-style or ACLED-style table, or JSON")
    .argument("<case>", "the case id")
    .option("--format <format>", Object.keys(FORMATS).join("|"), "json")
    .option(
      "--out <file>",
      "write to this file instead of stdout (never the store; an existing file only with --force)",
    )
    .option("--force", "replace the --out file if it exists")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk export kadhimi-2021 --format stix --out kadhimi.stix.json\n  $ crisisdesk export kadhimi-2021 --format acled > kadhimi-acled.csv\n  $ crisisdesk export kadhimi-2021 --format gdelt --out kadhimi.tsv\n\ndocs/exports.md explains how each format is mapped.",
    )
    .action(
      async (
        caseId: string,
        options: { format: string; out?: string; force?: boolean },
        command: Command,
      ) => {
        if (!(options.format in FORMATS))
          throw new UsageError(
            `unknown format "${options.format}"; expected one of ${Object.keys(FORMATS).join(", ")}`,
          );
        const output = { what: "export", force: options.force, store: command.optsWithGlobals().db };
        if (options.out) checkOutput(options.out, output);
        const store = await openStore(command.optsWithGlobals().db);
        let exported: CaseExport;
        try {
          const reference = exportReference(loadKnowledgeData(), await store.overlayActors());
          exported = await loadCaseExport(store, caseId, reference);
        } finally {
          await store.close();
        }
        const { text, count } = FORMATS[options.format as Format](exported);
        if (!options.out) {
          process.stdout.write(text);
          return;
        }
        writeOutput(options.out, text, output);
        process.stdout.write(`exported case "${caseId}" as ${options.format} to ${options.out}: ${count}\n`);
      },
    );
}
