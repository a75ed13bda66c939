// `crisisdesk brief CASE --format md|html|pdf [--out FILE] [--date YYYY-MM-DD]`: the analytic
// brief of a case. The brief is composed in src/outputs/brief.ts; this command reads the case,
// picks the format and writes the result to stdout or, through a temporary file and a rename, to
// FILE. PDF is the HTML printed by headless Chromium.
import type { Command } from "commander";
import { isDate } from "../analysis/index.js";
import { UsageError } from "../domain/index.js";
import {
  briefHtml,
  briefMarkdown,
  buildBrief,
  findChromium,
  loadBriefInput,
  renderPdf,
} from "../outputs/index.js";
import { loadKnowledge } from "../pipeline/index.js";
import { interruptible } from "./interrupt.js";
import { withStore } from "./with-store.js";
import { checkOutput, writeOutput } from "./write-output.js";

const FORMATS = ["md", "html", "pdf"] as const;
type Format = (typeof FORMATS)[number];

export function registerBriefCommand(program: Command): void {
  program
    .command("brief")
    .description(
      "The analytic brief of a case: what happened, attribution (ACH), motives, reactions, scenarios; every sentence footnoted",
    )
    .argument("<case>", "the case id")
    .option("--format <format>", FORMATS.join("|"), "md")
    .option(
      "--out <file>",
      "write to this file instead of stdout (never the store; an existing file only with --force)",
    )
    .option("--force", "replace the --out file if it exists")
    .option("--date <date>", "the brief's date, YYYY-MM-DD (default: today)")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ crisisdesk brief kadhimi-2021 > brief.md",
        "  $ crisisdesk brief kadhimi-2021 --format html --out brief.html",
        "  $ crisisdesk brief kadhimi-2021 --format pdf --out brief.pdf",
        "",
        "PDF needs headless Chromium (Debian's chromium package, or CHROMIUM_PATH). docs/brief.md explains the brief.",
      ].join("\n"),
    )
    .action(
      async (
        caseId: string,
        options: { format: string; out?: string; date?: string; force?: boolean },
        command: Command,
      ) => {
        if (!FORMATS.includes(options.format as Format))
          throw new UsageError(`unknown format "${options.format}"; expected one of ${FORMATS.join(", ")}`);
        const format = options.format as Format;
        if (options.date !== undefined && !isDate(options.date))
          throw new UsageError(`--date expects a date as YYYY-MM-DD, not "${options.date}"`);
        if (format === "pdf" && !options.out && process.stdout.isTTY)
          throw new UsageError("a PDF is not for the terminal: give --out FILE or redirect the output");
        // Before any work: a PDF without Chromium fails at once, with the one line that says why.
        const chromium = format === "pdf" ? findChromium() : undefined;
        const output = { what: "brief", force: options.force, store: command.optsWithGlobals().db };
        if (options.out) checkOutput(options.out, output);
        const input = await withStore(command, async (store) =>
          loadBriefInput(store, await loadKnowledge(store), caseId, { date: options.date }),
        );
        const brief = buildBrief(input);
        const content =
          format === "md"
            ? briefMarkdown(brief)
            : format === "html"
              ? briefHtml(brief)
              : await interruptible((signal) => renderPdf(briefHtml(brief), { chromium, signal }));
        if (!options.out) {
          process.stdout.write(content);
          return;
        }
        writeOutput(options.out, content, output);
        process.stdout.write(
          `wrote the brief of case "${caseId}" as ${format} to ${options.out}: ${brief.sources.length} sources, ${brief.footnotes.length} footnotes\n`,
        );
      },
    );
}
