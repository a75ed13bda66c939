// `crisisdesk worker` and `crisisdesk jobs`: workers that take ingest and re-analysis jobs from the
// queue in a PostgreSQL store's database, and what the queue holds and did.
import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { jobsReport, openJobQueue, startWorker } from "../queue/index.js";
import { openStore } from "../store/index.js";
import { printJson, printTable } from "./output.js";

function seconds(value: string, option: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${option} expects a positive number of seconds, not "${value}"`);
  return n;
}

export function registerQueueCommands(program: Command): void {
  program
    .command("worker")
    .description("Take ingest and re-analysis jobs from the queue of a PostgreSQL store until stopped")
    .option("--concurrency <n>", "jobs run at once by this process", "1")
    .option("--poll <seconds>", "seconds between polls of an empty queue", "1")
    .option("--maintenance <seconds>", "how often this worker hands out again the jobs of dead workers", "30")
    .option("--allow-private", "allow fetching from loopback, private and link-local addresses")
    .option("--quiet", "print nothing per job")
    .addHelpText(
      "after",
      [
        "",
        "Start as many workers as you like, on any machine that reaches the database; stop one with",
        "Ctrl-C or SIGTERM (it finishes its jobs first). A job a killed worker held is handed out",
        "again once its timeout (ingest --job-timeout) passes.",
        "",
        "Examples:",
        "  $ crisisdesk --db postgres://desk@db.internal/crisisdesk worker --concurrency 2",
      ].join("\n"),
    )
    .action(
      async (
        options: {
          concurrency: string;
          poll: string;
          maintenance: string;
          allowPrivate?: boolean;
          quiet?: boolean;
        },
        command: Command,
      ) => {
        const db = command.optsWithGlobals().db as string;
        const concurrency = Number(options.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1)
          throw new UsageError(
            `--concurrency expects a whole number of at least 1, not "${options.concurrency}"`,
          );
        const queue = await openJobQueue(db, {
          supervise: true,
          maintenanceSeconds: seconds(options.maintenance, "--maintenance"),
        });
        const store = await openStore(db);
        try {
          const worker = await startWorker(queue, store, {
            concurrency,
            pollSeconds: seconds(options.poll, "--poll"),
            allowPrivate: options.allowPrivate,
            onJob: options.quiet
              ? undefined
              : (j) => process.stdout.write(`${j.queue} ${j.input}: ${j.outcome}\n`),
          });
          process.stderr.write(`worker ${process.pid} on ${store.path}: taking jobs (Ctrl-C to stop)\n`);
          await new Promise<void>((resolve) => {
            process.once("SIGINT", resolve);
            process.once("SIGTERM", resolve);
          });
          await worker.stop();
        } finally {
          await queue.close();
          await store.close();
        }
      },
    );

  program
    .command("jobs")
    .description("What the job queue holds and did: jobs per queue and state, failed jobs with their errors")
    .option("--failed <n>", "how many failed jobs to show", "20")
    .option("--json", "machine-readable output")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk --db postgres://desk@db.internal/crisisdesk jobs")
    .action(async (options: { failed: string; json?: boolean }, command: Command) => {
      const queue = await openJobQueue(command.optsWithGlobals().db);
      try {
        const report = await jobsReport(queue, { failedLimit: Number(options.failed) || 20 });
        if (options.json) return printJson(report);
        printTable(report.queues as unknown as Record<string, unknown>[], [
          { key: "queue", label: "QUEUE" },
          { key: "created", label: "WAITING" },
          { key: "retry", label: "RETRY" },
          { key: "active", label: "ACTIVE" },
          { key: "completed", label: "DONE" },
          { key: "failed", label: "FAILED" },
        ]);
        if (report.failed.length) {
          process.stdout.write("\nfailed (parked after their retries):\n");
          for (const f of report.failed)
            process.stdout.write(
              `  ${f.queue} ${f.input ?? f.id} after ${f.attempts} attempts: ${f.error}\n`,
            );
        }
      } finally {
        await queue.close();
      }
    });
}
