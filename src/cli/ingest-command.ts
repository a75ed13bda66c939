import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { ingest, loadEngine } from "../pipeline/index.js";
import { openStore } from "../store/index.js";
import { ProgressBar, printJson } from "./output.js";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("Read reports (files, folders, URLs, feeds), analyse them and store the results")
    .argument("<inputs...>", "files (.txt .md .html .pdf .json .jsonl .xml feeds), folders, or http(s) URLs")
    .option("--allow-private", "allow fetching from loopback, private and link-local addresses")
    .option("--max-size <MB>", "largest file or download accepted, in MB", "25")
    .option("--timeout <seconds>", "timeout for each URL", "15")
    .option("--json", "print the summary as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk ingest examples/\n  $ crisisdesk ingest report.pdf https://example.org/article --json",
    )
    .action(
      async (
        inputs: string[],
        options: { allowPrivate?: boolean; maxSize: string; timeout: string; json?: boolean },
        command: Command,
      ) => {
        const maxMb = Number(options.maxSize);
        const timeout = Number(options.timeout);
        if (!(maxMb > 0))
          throw new UsageError(`--max-size expects a positive number of MB, not "${options.maxSize}"`);
        if (!(timeout > 0))
          throw new UsageError(`--timeout expects a positive number of seconds, not "${options.timeout}"`);
        const store = await openStore(command.optsWithGlobals().db);
        const bar = new ProgressBar();
        try {
          const engine = await loadEngine(store);
          const report = await ingest(inputs, {
            store,
            analyse: engine.analyse,
            versions: engine.versions,
            read: {
              allowPrivate: options.allowPrivate,
              maxBytes: maxMb * 1024 * 1024,
              timeoutMs: timeout * 1000,
              onPlan: (n) => bar.setTotal(n),
            },
            onProgress: (p) => bar.update(p.done, p.input),
          });
          bar.finish();
          if (options.json) printJson(report);
          else {
            for (const f of report.failed) process.stderr.write(`failed: ${f.input}: ${f.reason}\n`);
            for (const d of report.duplicates)
              process.stdout.write(`duplicate: ${d.input} (already stored as ${d.id.slice(0, 12)})\n`);
            process.stdout.write(
              `${report.added.length} added, ${report.duplicates.length} duplicate${report.duplicates.length === 1 ? "" : "s"}, ${report.failed.length} failed\n`,
            );
          }
          if (report.failed.length > 0) process.exitCode = 1;
        } finally {
          await store.close();
        }
      },
    );
}
