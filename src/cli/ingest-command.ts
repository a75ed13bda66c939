import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { ingest, loadEngine } from "../pipeline/index.js";
import { enqueueIngest, openJobQueue } from "../queue/index.js";
import { openStore } from "../store/index.js";
import { ProgressBar, printJson } from "./output.js";
import { printable } from "./printable.js";

function positiveInteger(option: string, value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${option} expects a positive whole number of ${what}, not "${value}"`);
  return n;
}

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("Read reports (files, folders, URLs, feeds), analyse them and store the results")
    .argument(
      "<inputs...>",
      'files (.txt .md .html .pdf .json .jsonl .xml feeds), folders, http(s) URLs, or "-" for stdin',
    )
    .option("--allow-private", "allow fetching from loopback, private and link-local addresses")
    .option("--max-size <MB>", "largest file or download accepted, in MB", "25")
    .option("--timeout <seconds>", "timeout for each URL", "15")
    .option("--max-requests <n>", "most URLs fetched in this run, feed links included", "1000")
    .option("--max-feed-items <n>", "most items read from one feed", "200")
    .option("--link-depth <n>", "levels of feed links followed (2: a feed's items and a linked feed's)", "2")
    .option("--budget <seconds>", "most time the analysis of one report may take; past it the report fails")

    .option(
      "--queue",
      "queue the inputs as jobs for `crisisdesk worker` (PostgreSQL stores) instead of reading them here",
    )
    .option("--retries <n>", "with --queue: attempts after the first before a job is parked as failed", "3")
    .option(
      "--retry-delay <seconds>",
      "with --queue: seconds before the first retry, doubled for each next",
      "5",
    )
    .option(
      "--job-timeout <seconds>",
      "with --queue: how long a job may run before it is handed out again",
      "300",
    )
    .option("--json", "print the summary as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk ingest examples/\n  $ crisisdesk ingest report.pdf https://example.org/article --json\n  $ curl -s https://example.org/wire.txt | crisisdesk ingest -\n  $ crisisdesk --db postgres://desk@db.internal/crisisdesk ingest --queue feeds/",
    )
    .action(
      async (
        inputs: string[],
        options: {
          allowPrivate?: boolean;
          maxSize: string;
          timeout: string;
          maxRequests: string;
          maxFeedItems: string;
          linkDepth: string;
          budget?: string;
          json?: boolean;
          queue?: boolean;
          retries: string;
          retryDelay: string;
          jobTimeout: string;
        },
        command: Command,
      ) => {
        const maxMb = Number(options.maxSize);
        const timeout = Number(options.timeout);
        if (!(maxMb > 0))
          throw new UsageError(`--max-size expects a positive number of MB, not "${options.maxSize}"`);
        if (!(timeout > 0))
          throw new UsageError(`--timeout expects a positive number of seconds, not "${options.timeout}"`);
        if (options.queue) return queueInputs(inputs, command.optsWithGlobals().db, maxMb, options);
        const maxRequests = positiveInteger("--max-requests", options.maxRequests, "requests");
        const maxFeedItems = positiveInteger("--max-feed-items", options.maxFeedItems, "items");
        const maxLinkDepth = positiveInteger("--link-depth", options.linkDepth, "levels");
        const budget = options.budget === undefined ? undefined : Number(options.budget);
        if (budget !== undefined && !(budget > 0))
          throw new UsageError(`--budget expects a positive number of seconds, not "${options.budget}"`);
        const store = await openStore(command.optsWithGlobals().db);
        const bar = new ProgressBar();
        try {
          const engine = await loadEngine(store, {
            budgetMs: budget === undefined ? undefined : budget * 1000,
          });
          const report = await ingest(inputs, {
            store,
            analyse: engine.analyse,
            versions: engine.versions,
            read: {
              allowPrivate: options.allowPrivate,
              maxBytes: maxMb * 1024 * 1024,
              timeoutMs: timeout * 1000,
              maxRequests,
              maxFeedItems,
              maxLinkDepth,
              // Only an explicit "-" reads stdin: a FIFO named like a report is refused.
              stdin: inputs.includes("-") ? process.stdin : undefined,
              onPlan: (n) => bar.setTotal(n),
            },
            onProgress: (p) => bar.update(p.done, p.input),
          });
          bar.finish();
          if (options.json) printJson(report);
          else {
            for (const f of report.failed)
              process.stderr.write(`failed: ${printable(f.input)}: ${printable(f.reason)}\n`);
            for (const d of report.duplicates)
              process.stdout.write(
                `duplicate: ${printable(d.input)} (already stored as ${d.id.slice(0, 12)})\n`,
              );
            for (const p of report.partial)
              process.stdout.write(
                `partly read: ${printable(p.input)}: ${p.read} record${p.read === 1 ? "" : "s"} read, ${p.failed} failed\n`,
              );
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

async function queueInputs(
  inputs: string[],
  db: string,
  maxMb: number,
  options: { retries: string; retryDelay: string; jobTimeout: string; json?: boolean },
): Promise<void> {
  const retries = Number(options.retries);
  const jobTimeout = Number(options.jobTimeout);
  const retryDelay = Number(options.retryDelay);
  if (!(retryDelay >= 1))
    throw new UsageError(`--retry-delay expects at least 1 second, not "${options.retryDelay}"`);
  if (!Number.isInteger(retries) || retries < 0)
    throw new UsageError(`--retries expects a whole number, not "${options.retries}"`);
  if (!(jobTimeout >= 1))
    throw new UsageError(`--job-timeout expects at least 1 second, not "${options.jobTimeout}"`);
  // The store first: its schema is made (or found newer) before any job waits on it.
  await (await openStore(db)).close();
  const queue = await openJobQueue(db, {
    retryLimit: retries,
    retryDelaySeconds: retryDelay,
    jobTimeoutSeconds: jobTimeout,
  });
  try {
    const report = await enqueueIngest(queue, inputs, { maxBytes: maxMb * 1024 * 1024 });
    if (options.json) printJson(report);
    else {
      for (const f of report.failed) process.stderr.write(`failed: ${f.input}: ${f.reason}\n`);
      process.stdout.write(`${report.queued} queued, ${report.failed.length} failed\n`);
    }
    if (report.failed.length > 0) process.exitCode = 1;
  } finally {
    await queue.close();
  }
}
