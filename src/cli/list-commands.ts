import type { Command } from "commander";
import { CrisisdeskError, UsageError } from "../domain/index.js";
import { storeStats } from "../pipeline/index.js";
import type { ListQuery, Store } from "../store/index.js";
import { resolveDocumentRef } from "./document-refs.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

const KINDS = [
  "documents",
  "actors",
  "events",
  "reactions",
  "quotes",
  "attributions",
  "affiliations",
] as const;
type Kind = (typeof KINDS)[number];

const COLUMNS: Record<Kind, { key: string; label: string; max?: number }[]> = {
  documents: [
    { key: "id", label: "ID", max: 12 },
    { key: "published", label: "PUBLISHED" },
    { key: "format", label: "FORMAT" },
    { key: "words", label: "WORDS" },
    { key: "title", label: "TITLE", max: 70 },
  ],
  actors: [
    { key: "name", label: "ACTOR", max: 40 },
    { key: "kind", label: "KIND" },
    { key: "country", label: "COUNTRY" },
    { key: "documents", label: "DOCS" },
    { key: "mentions", label: "MENTIONS" },
    { key: "id", label: "ID", max: 40 },
  ],
  events: [
    { key: "date", label: "DATE" },
    { key: "cameo", label: "CAMEO" },
    { key: "plover", label: "PLOVER" },
    { key: "source_actor", label: "SOURCE", max: 24 },
    { key: "target_actor", label: "TARGET", max: 24 },
    { key: "summary", label: "SUMMARY", max: 70 },
  ],
  reactions: [
    { key: "actor_name", label: "ACTOR", max: 32 },
    { key: "country", label: "COUNTRY" },
    { key: "stance", label: "STANCE" },
    { key: "published", label: "DATE" },
    { key: "sentence", label: "SENTENCE", max: 80 },
  ],
  quotes: [
    { key: "speaker_name", label: "SPEAKER", max: 32 },
    { key: "text", label: "QUOTE", max: 90 },
  ],
  attributions: [
    { key: "claimant", label: "CLAIMANT", max: 30 },
    { key: "accused_name", label: "ACCUSED", max: 30 },
    { key: "evidence", label: "EVIDENCE", max: 40 },
    { key: "sentence", label: "SENTENCE", max: 60 },
  ],
  affiliations: [
    { key: "fromName", label: "ACTOR", max: 36 },
    { key: "type", label: "AFFILIATION" },
    { key: "toName", label: "TO", max: 36 },
    { key: "start", label: "FROM" },
    { key: "end", label: "UNTIL" },
    { key: "origin", label: "ORIGIN" },
  ],
};

function listOf(
  store: Store,
  kind: Kind,
  query: ListQuery & { target?: string; type?: string },
): Promise<Record<string, unknown>[]> {
  switch (kind) {
    case "affiliations":
      return store.listAffiliations(query) as Promise<never>;
    case "documents":
      return store.listDocuments(query) as Promise<never>;
    case "actors":
      return store.listActors(query) as Promise<never>;
    case "events":
      return store.listEvents(query);
    case "reactions":
      return store.listReactions(query);
    case "quotes":
      return store.listQuotes(query);
    case "attributions":
      return store.listAttributions(query);
  }
}

export function registerListCommands(program: Command): void {
  program
    .command("list")
    .description("List what the store holds")
    .argument("<what>", KINDS.join("|"))
    .option("--json", "print JSON")
    .option("--since <date>", "only items from reports published on or after YYYY-MM-DD")
    .option("--actor <name>", "only items involving this actor (name, alias, id or ISO3 country)")
    .option("--limit <n>", "at most n rows")
    .option("--target <name>", "affiliations: only ties to this actor (e.g. Iran)")
    .option("--type <type>", "affiliations: only this kind (member_of, part_of, backed_by, proxy_of ...)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk list documents\n  $ crisisdesk list reactions --actor Oman --json\n  $ crisisdesk list events --since 2021-11-01 --limit 20\n  $ crisisdesk list affiliations --target Iran --type backed_by",
    )
    .action(
      async (
        what: string,
        options: {
          json?: boolean;
          since?: string;
          actor?: string;
          limit?: string;
          target?: string;
          type?: string;
        },
        command: Command,
      ) => {
        if (!KINDS.includes(what as Kind))
          throw new UsageError(`unknown list "${what}"; expected one of ${KINDS.join(", ")}`);
        if (options.since && !/^\d{4}-\d{2}-\d{2}$/.test(options.since))
          throw new UsageError(`--since expects YYYY-MM-DD, not "${options.since}"`);
        const limit = options.limit === undefined ? undefined : Number(options.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
          throw new UsageError(`--limit expects a positive integer, not "${options.limit}"`);
        const rows = await withStore(command, (store) =>
          listOf(store, what as Kind, {
            since: options.since,
            actor: options.actor,
            limit,
            target: options.target,
            type: options.type,
          }),
        );
        if (options.json) printJson(rows);
        else printTable(rows, COLUMNS[what as Kind]);
      },
    );

  program
    .command("search")
    .description("Full-text search over every stored sentence")
    .argument("<words...>", "words to find (all must occur)")
    .option("--limit <n>", "at most n hits", "20")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk search drone attack\n  $ crisisdesk search "Green Zone" --json',
    )
    .action(async (words: string[], options: { limit: string; json?: boolean }, command: Command) => {
      const hits = await withStore(command, (store) =>
        store.search(words.join(" "), Number(options.limit) || 20),
      );
      if (options.json) printJson(hits);
      else if (hits.length === 0) process.stdout.write("no matches\n");
      else
        for (const h of hits)
          process.stdout.write(
            `${h.documentId.slice(0, 12)} #${h.sentence}  ${h.snippet}\n    ${h.documentTitle ?? ""}\n`,
          );
    });

  program
    .command("show")
    .description("Show one stored document and its analysis")
    .argument("<id>", "a document id or a unique prefix of it")
    .option("--json", "print JSON (document metadata and analysis)")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk show 3f2a9c\n  $ crisisdesk show 3f2a9c --json")
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const doc = await withStore(command, async (store) => {
        const exact = await resolveDocumentRef(store, id);
        return exact ? store.getDocument(exact) : null;
      });
      if (!doc)
        throw new CrisisdeskError(
          "NOT_FOUND",
          "no document with this id or prefix (or the prefix is not unique)",
          { where: id },
        );
      if (options.json) {
        const { text, ...rest } = doc;
        printJson({ ...rest, text });
        return;
      }
      const a = doc.analysis;
      process.stdout.write(
        [
          `${doc.title ?? "(untitled)"}`,
          `id        ${doc.id}`,
          `source    ${doc.url ?? doc.source}`,
          `published ${doc.published ?? "unknown"}  format ${doc.format}  ${doc.words} words, ${doc.sentences} sentences`,
          `found     ${a.actors.length} actors, ${a.events.length} events, ${a.reactions.length} reactions, ${a.quotes.length} quotes, ${a.attributions.length} attributions`,
          "",
          ...a.reactions.map((r) => `  ${r.actor.name} — ${r.stance}`),
          "",
          doc.text.length > 1200 ? `${doc.text.slice(0, 1200)}…` : doc.text,
          "",
        ].join("\n"),
      );
    });

  program
    .command("stats")
    .description("Counts of what the store holds")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk stats\n  $ crisisdesk --db team.db stats --json")
    .action(async (options: { json?: boolean }, command: Command) => {
      const stats = await withStore(command, (store) => storeStats(store));
      if (options.json) printJson(stats);
      else for (const [k, v] of Object.entries(stats)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
    });
}
