// `crisisdesk migrate --from crisisdesk.db --to postgres://…`: copies one store into another
// without loss (reports with their analyses, decisions and history, cases with their state, the
// overlay, source grades, actor resolutions, users and tokens). Either side may be either backend.
import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { copyStore, openStore, openUserStore, type Store, type UserStore } from "../store/index.js";
import { printJson } from "./output.js";

async function openBoth(target: string): Promise<{ store: Store; users: UserStore }> {
  const store = await openStore(target);
  try {
    return { store, users: await openUserStore(target) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Copy a store into another without loss (a SQLite file into PostgreSQL, or back)")
    .requiredOption("--from <file|url>", "the store to copy")
    .requiredOption("--to <file|url>", "the store to copy into (created or migrated on open)")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      [
        "",
        "What the target already holds is kept; a second run copies only what is missing.",
        "",
        "Examples:",
        "  $ crisisdesk migrate --from crisisdesk.db --to postgres://desk@db.internal/crisisdesk",
      ].join("\n"),
    )
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      if (options.from === options.to) throw new UsageError("--from and --to name the same store");
      const from = await openBoth(options.from);
      try {
        const to = await openBoth(options.to);
        try {
          const r = await copyStore(from, to);
          if (options.json) return printJson(r);
          process.stdout.write(
            `copied ${r.reports.copied} reports (${r.reports.present} already there), ${r.cases} cases, ` +
              `${r.overlayActors} overlay actors, ${r.sources} source grades, ${r.actorResolutions} actor resolutions, ` +
              `${r.users.copied} users (${r.users.present} already there) with ${r.tokens} tokens\n` +
              `from ${from.store.path} to ${to.store.path}\n`,
          );
        } finally {
          await Promise.all([to.store.close(), to.users.close()]);
        }
      } finally {
        await Promise.all([from.store.close(), from.users.close()]);
      }
    });
}
