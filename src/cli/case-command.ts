// `crisisdesk case`: create a case, add reports to it by id, list and show cases, and assign the
// stored reports whose main event matches the case's anchor (`case auto`).
import type { Command } from "commander";
import { addDocumentsToCase, autoAssign, createCase, openCase } from "../analysis/index.js";
import { loadKnowledge } from "../pipeline/index.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const anchorOf = (c: { anchorDate: string | null; country: string | null }) =>
  [c.anchorDate ? `anchor ${c.anchorDate}` : "no anchor date", c.country ?? "no country"].join(", ");

export function registerCaseCommand(program: Command): void {
  const group = program
    .command("case")
    .description("Group the reports about one crisis into a case")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk case create "Drone attack on Kadhimi residence" --anchor-date 2021-11-07 --country IRQ\n  $ crisisdesk case auto drone-attack-on-kadhimi-residence\n  $ crisisdesk case add drone-attack-on-kadhimi-residence 3f2a9c 8d1da6\n  $ crisisdesk case show drone-attack-on-kadhimi-residence',
    );

  group
    .command("create")
    .description("Create a case")
    .argument("<title>", "what the case is about")
    .option("--id <slug>", "the case id (default: from the title)")
    .option("--anchor-date <date>", "the date of the anchor event, YYYY-MM-DD")
    .option("--country <iso3>", "the country where it happened, ISO 3166-1 alpha-3")
    .option("--description <text>", "a note on the case")
    .option("--json", "print JSON")
    .action(
      async (
        title: string,
        options: { id?: string; anchorDate?: string; country?: string; description?: string; json?: boolean },
        command: Command,
      ) => {
        const created = await withStore(command, async (store) => {
          const kb = await loadKnowledge(store);
          return createCase(store, { title, ...options }, (iso3) => Boolean(kb.state(iso3)));
        });
        if (options.json) printJson(created);
        else out(`created case ${created.id}: ${created.title} (${anchorOf(created)})`);
      },
    );

  group
    .command("add")
    .description("Add stored documents to a case")
    .argument("<case>", "the case id")
    .argument("<documents...>", "document ids or unique prefixes")
    .option("--json", "print JSON")
    .action(async (caseId: string, refs: string[], options: { json?: boolean }, command: Command) => {
      const outcome = await withStore(command, (store) => addDocumentsToCase(store, caseId, refs));
      for (const ref of outcome.missing)
        process.stderr.write(
          `crisisdesk: ${ref}: no document with this id or prefix (or the prefix is not unique)\n`,
        );
      if (options.json) printJson(outcome);
      else
        out(
          `${outcome.added.length} added, ${outcome.already.length} already in the case, ${outcome.missing.length} not found`,
        );
      if (outcome.missing.length) process.exitCode = 1;
    });

  group
    .command("list")
    .description("List the cases")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const cases = await withStore(command, (store) => store.listCases());
      if (options.json) printJson(cases);
      else
        printTable(cases as never, [
          { key: "id", label: "ID", max: 40 },
          { key: "anchorDate", label: "ANCHOR" },
          { key: "country", label: "COUNTRY" },
          { key: "documents", label: "DOCS" },
          { key: "title", label: "TITLE", max: 70 },
        ]);
    });

  group
    .command("show")
    .description("Show a case and its documents")
    .argument("<case>", "the case id")
    .option("--json", "print JSON (the case and its documents, without their analyses)")
    .action(async (caseId: string, options: { json?: boolean }, command: Command) => {
      const { info, reports } = await withStore(command, (store) => openCase(store, caseId));
      const documents = reports.map(({ analysis, ...row }) => ({
        ...row,
        events: analysis.events.length,
        reactions: analysis.reactions.length,
        attributions: analysis.attributions.length,
      }));
      if (options.json) {
        printJson({ ...info, documents });
        return;
      }
      out(info.title);
      out(`id        ${info.id}`);
      out(`anchor    ${info.anchorDate ?? "none"}  country ${info.country ?? "none"}`);
      if (info.description) out(`about     ${info.description}`);
      out(`documents ${documents.length}`);
      out();
      printTable(
        documents.map((d) => ({ ...d, id: d.id.slice(0, 12) })),
        [
          { key: "id", label: "ID" },
          { key: "published", label: "PUBLISHED" },
          { key: "addedBy", label: "ADDED BY" },
          { key: "events", label: "EVENTS" },
          { key: "reactions", label: "REACTIONS" },
          { key: "title", label: "TITLE", max: 70 },
        ],
      );
    });

  group
    .command("auto")
    .description("Add the stored documents whose main event matches the case's anchor date and country")
    .argument("<case>", "the case id")
    .option("--dry-run", "say what would be added, add nothing")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nA document matches when its main event (the one its reactions point to, else its first\nmaterial-conflict event) is dated within 3 days of the anchor date, or the document was\npublished within 7 days after it; and, if the case has a country, the event's place or\ntarget is in that country.",
    )
    .action(async (caseId: string, options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const results = await withStore(command, (store) =>
        autoAssign(store, caseId, { dryRun: options.dryRun }),
      );
      if (options.json) {
        printJson(results);
        return;
      }
      const mark = { added: "+", already: "=", skipped: "-" } as const;
      for (const r of results) {
        out(
          `${mark[r.status]} ${r.documentId.slice(0, 12)}  ${r.published ?? "undated   "}  ${r.title ?? "(untitled)"}`,
        );
        for (const reason of r.match.reasons) out(`      ${reason}`);
      }
      const n = (s: string) => results.filter((r) => r.status === s).length;
      out(
        `${n("added")} ${options.dryRun ? "would be added" : "added"}, ${n("already")} already in the case, ${n("skipped")} not matching`,
      );
    });
}
