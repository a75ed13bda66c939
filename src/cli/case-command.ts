// `crisisdesk case`: create a case, add reports to it by id, list and show cases, and assign the
// stored reports about the case's event (`case auto`), take reports out (`case remove`), and set
// the words `case auto` looks for (`case keywords`).
import type { Command } from "commander";
import {
  addDocumentsToCase,
  autoAssign,
  caseKeywords,
  createCase,
  openCase,
  removeDocumentsFromCase,
  setCaseKeywords,
} from "../analysis/index.js";
import { loadKnowledge } from "../pipeline/index.js";
import { resolveDocumentRefs } from "./document-refs.js";
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
      '\nExamples:\n  $ crisisdesk case create "Drone attack on Kadhimi residence" --anchor-date 2021-11-07 --country IRQ\n  $ crisisdesk case auto drone-attack-on-kadhimi-residence\n  $ crisisdesk case keywords drone-attack-on-kadhimi-residence Kadhimi "Green Zone"\n  $ crisisdesk case add drone-attack-on-kadhimi-residence 3f2a9c 8d1da6\n  $ crisisdesk case remove drone-attack-on-kadhimi-residence 8d1da6\n  $ crisisdesk case show drone-attack-on-kadhimi-residence',
    );

  group
    .command("create")
    .description("Create a case")
    .argument("<title>", "what the case is about")
    .option("--id <slug>", "the case id (default: from the title)")
    .option("--anchor-date <date>", "the date of the anchor event, YYYY-MM-DD")
    .option("--country <iso3>", "the country where it happened, ISO 3166-1 alpha-3")
    .option("--description <text>", "a note on the case")
    .option("--keywords <words>", "comma-separated words `case auto` looks for in reports")
    .option("--json", "print JSON")
    .action(
      async (
        title: string,
        options: {
          id?: string;
          anchorDate?: string;
          country?: string;
          description?: string;
          keywords?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const created = await withStore(command, async (store) => {
          const kb = await loadKnowledge(store);
          const { keywords, ...fields } = options;
          const made = await createCase(store, { title, ...fields }, (iso3) => Boolean(kb.state(iso3)));
          if (keywords) await setCaseKeywords(store, made.id, keywords.split(","));
          return made;
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
      const { outcome, unresolved } = await withStore(command, async (store) => {
        const { ids, unresolved } = await resolveDocumentRefs(store, refs);
        return { outcome: await addDocumentsToCase(store, caseId, ids), unresolved };
      });
      outcome.missing.push(...unresolved);
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
    .command("remove")
    .description("Take documents out of a case (case auto will not add them back; case add will)")
    .argument("<case>", "the case id")
    .argument("<documents...>", "document ids or unique prefixes")
    .option("--json", "print JSON")
    .action(async (caseId: string, refs: string[], options: { json?: boolean }, command: Command) => {
      const { outcome, unresolved } = await withStore(command, async (store) => {
        const { ids, unresolved } = await resolveDocumentRefs(store, refs);
        return { outcome: await removeDocumentsFromCase(store, caseId, ids), unresolved };
      });
      for (const ref of unresolved)
        process.stderr.write(
          `crisisdesk: ${ref}: no document with this id or prefix (or the prefix is not unique)\n`,
        );
      if (options.json) printJson({ ...outcome, missing: unresolved });
      else
        out(
          `${outcome.removed.length} removed, ${outcome.absent.length} not in the case, ${unresolved.length} not found`,
        );
      if (unresolved.length) process.exitCode = 1;
    });

  group
    .command("keywords")
    .description("Show or set the words case auto looks for in reports (none given: show them)")
    .argument("<case>", "the case id")
    .argument("[words...]", "the keywords, each a word or phrase")
    .option("--clear", "remove every keyword")
    .option("--json", "print JSON")
    .action(
      async (
        caseId: string,
        words: string[],
        options: { clear?: boolean; json?: boolean },
        command: Command,
      ) => {
        const keywords = await withStore(command, (store) =>
          words.length || options.clear ? setCaseKeywords(store, caseId, words) : caseKeywords(store, caseId),
        );
        if (options.json) printJson(keywords);
        else out(keywords.length ? keywords.join("\n") : "no keywords");
      },
    );

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
    .description("Add the stored documents about the case's event, and propose borderline ones for review")
    .argument("<case>", "the case id")
    .option("--dry-run", "say what would be added, add nothing")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nEach candidate report (an event dated within 3 days of the anchor, published within 7 days\nafter it, striking the case's target, or naming its keywords) is weighed on everything it\noffers: its main event and other conflict events (date +2 near the anchor, +1 reported soon\nafter, -2 dated elsewhere; place +2 in the case country or striking its people, -2 elsewhere;\n+2 striking the case's target), naming the target (+1), the case's leading actors (+1) and\nits keywords (+1 each, at most 2). 3 points with evidence on the date: added (+). 2 points, or\n3 without a date: proposed for review (?), add it with case add. = already in the case,\nx removed by the analyst, - not about the case.",
    )
    .action(async (caseId: string, options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const results = await withStore(command, (store) =>
        autoAssign(store, caseId, { dryRun: options.dryRun }),
      );
      if (options.json) {
        printJson(results);
        return;
      }
      const mark = { added: "+", already: "=", review: "?", excluded: "x", skipped: "-" } as const;
      for (const r of results) {
        out(
          `${mark[r.status]} ${r.documentId.slice(0, 12)}  ${r.published ?? "undated   "}  ${r.title ?? "(untitled)"}`,
        );
        for (const reason of r.match.reasons) out(`      ${reason}`);
      }
      const n = (s: string) => results.filter((r) => r.status === s).length;
      out(
        `${n("added")} ${options.dryRun ? "would be added" : "added"}, ${n("already")} already in the case, ${n("review")} to review, ${n("excluded")} removed by the analyst, ${n("skipped")} not matching`,
      );
    });
}
