// `crisisdesk actors`: look up, edit, import and export the actor knowledge base. The shipped data
// files are read-only; whatever an analyst adds, edits or imports goes to the overlay in their
// store (src/knowledge/overlay.ts). Thin: options are parsed here, the work is the library's.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import {
  ACTOR_KINDS,
  type Actor,
  type Affiliation,
  CrisisdeskError,
  FieldError,
  type Role,
  UsageError,
} from "../domain/index.js";
import {
  type ActorChanges,
  addOverlayActor,
  affiliationSchema,
  checkEntry,
  editOverlayActor,
  findActors,
  IMPORT_FORMATS,
  type ImportFormat,
  ImportProblemsError,
  importActors,
  overlayKnowledge,
  removeOverlayActor,
  roleSchema,
  viewActor,
} from "../knowledge/index.js";
import { actorsCsv, actorViewText, period } from "../outputs/index.js";
import type { Store } from "../store/index.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

function dateOption(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--on expects a date as YYYY-MM-DD, not "${value}"`);
  return value;
}

function candidateRows(actors: Actor[]): Record<string, unknown>[] {
  return actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country }));
}

// ---------------------------------------------------------------------------------------------
// actors add / edit: the options as ActorChanges

interface ActorOptions {
  id?: string;
  name?: string;
  kind?: string;
  country?: string;
  cameo?: string;
  wikidata?: string;
  sources?: string;
  uncertain?: boolean;
  alias: string[];
  role: string[];
  affiliation: string[];
  json?: boolean;
}

function fields(spec: string, count: number, option: string): string[] {
  const parts = spec.split("|").map((s) => s.trim());
  if (parts.length > count)
    throw new UsageError(`"${spec}": at most ${count} "|"-separated fields`, { where: option });
  return Array.from({ length: count }, (_, i) => parts[i] ?? "");
}

function roleFromSpec(spec: string): Role {
  const [title, office, of, start, end] = fields(spec, 5, "--role");
  const result = checkEntry(roleSchema, { title, office, of, start: start || null, end: end || null });
  if (!result.ok)
    throw new UsageError(`"${spec}": field "${result.field}": ${result.message}`, { where: "--role" });
  return result.value;
}

/** An affiliation spec; its target (an id or a name) is resolved by the library. */
function affiliationFromSpec(spec: string): Affiliation {
  const [type, target, start, end, note] = fields(spec, 5, "--affiliation");
  const result = checkEntry(affiliationSchema, {
    type,
    target,
    start: start || undefined,
    end: end || undefined,
    note: note || undefined,
  });
  if (!result.ok)
    throw new UsageError(`"${spec}": field "${result.field}": ${result.message}`, { where: "--affiliation" });
  return result.value;
}

function actorChanges(options: ActorOptions): ActorChanges {
  return {
    name: options.name,
    kind: options.kind,
    country: options.country,
    cameo: options.cameo,
    wikidata: options.wikidata,
    sources: options.sources,
    uncertain: options.uncertain,
    aliases: options.alias,
    roles: options.role.map(roleFromSpec),
    affiliations: options.affiliation.map(affiliationFromSpec),
  };
}

/** The library's field errors in the words of the options that gave the field. */
async function asOptions<T>(options: ActorOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    const target = /^affiliations\.(\d+)\.target$/.exec(error.field);
    if (target)
      throw new UsageError(`"${options.affiliation[Number(target[1])]}": field "target": ${error.message}`, {
        where: "--affiliation",
      });
    const field = error.field.split(".")[0]!;
    const option = { aliases: "alias", roles: "role", affiliations: "affiliation" }[field] ?? field;
    throw new UsageError(`field "${error.field}": ${error.message}`, { where: `--${option}` });
  }
}

// ---------------------------------------------------------------------------------------------
// The commands

const collect = (value: string, previous: string[]) => [...previous, value];

function actorOptions(command: Command): Command {
  return command
    .option("--country <ISO3>", "the actor's state, as an ISO 3166-1 alpha-3 code")
    .option("--alias <name>", "another name (repeat for several)", collect, [])
    .option("--role <spec>", 'a dated role "TITLE|OFFICE|OF|START|END" (repeat for several)', collect, [])
    .option(
      "--affiliation <spec>",
      'an affiliation "TYPE|TARGET|START|END|NOTE"; TARGET is an id or a known name (repeat for several)',
      collect,
      [],
    )
    .option("--cameo <code>", "the CAMEO actor code, e.g. IRQREB")
    .option("--wikidata <Q-id>", "the Wikidata item, e.g. Q79")
    .option("--sources <text>", "where the facts come from")
    .option("--uncertain", "flag the entry as uncertain")
    .option("--json", "print the stored entry as JSON");
}

function saved(verb: string, actor: Actor, store: Store, json?: boolean): void {
  if (json) printJson(actor);
  else
    process.stdout.write(
      `${verb} ${actor.id} (${actor.name}, ${actor.kind}) in the overlay of ${store.path}\n`,
    );
}

export function registerActorsCommand(program: Command): void {
  const actors = program
    .command("actors")
    .description(
      "Look up, add, edit, import and export actors of the knowledge base (the overlay in the store wins)",
    )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ crisisdesk actors show Kadhimi --on 2021-11-07",
        '  $ crisisdesk actors who "President of Egypt" --on 2021-11-07',
        '  $ crisisdesk actors add --id group:my-militia --name "My Militia" --kind armed_group --country IRQ',
        "  $ crisisdesk actors import analysts.csv",
        "  $ crisisdesk actors export --format csv > overlay.csv",
      ].join("\n"),
    )
    .action(() => {
      throw new UsageError("expected a subcommand: show, who, add, edit, remove, import, export or stats");
    });

  actors
    .command("show")
    .description("Show one actor: kind, country, codes, aliases, dated roles and affiliations")
    .argument("<name>", "a name, alias, demonym, capital, ISO3 code or id")
    .option("--on <date>", "mark the roles and affiliations holding on this date (YYYY-MM-DD; default today)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk actors show "Kata\'ib Hezbollah"\n  $ crisisdesk actors show person:mustafa-al-kadhimi --on 2021-11-07 --json',
    )
    .action(async (name: string, options: { on?: string; json?: boolean }, command: Command) => {
      const on = dateOption(options.on);
      const { kb, overlay } = await withStore(command, overlayKnowledge);
      const found = findActors(kb, name);
      if (found.length === 0)
        throw new CrisisdeskError("NOT_FOUND", "no actor with this name, alias or id", { where: name });
      if (found.length > 1) {
        if (options.json) printJson({ ambiguous: name, candidates: candidateRows(found) });
        else printTable(candidateRows(found), CANDIDATE_COLUMNS);
        throw new CrisisdeskError(
          "NOT_FOUND",
          `${found.length} actors go by this name; show one of them by id`,
          { where: name },
        );
      }
      const view = viewActor(kb, found[0]!, on, new Set(overlay.map((a) => a.id)));
      if (options.json) printJson(view);
      else process.stdout.write(actorViewText(view));
    });

  actors
    .command("who")
    .description("Who held a title on a date")
    .argument("<title>", 'a role title, e.g. "President of Egypt" or "Prime Minister of Iraq"')
    .option("--on <date>", "the date (YYYY-MM-DD; default today)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk actors who "President of Egypt" --on 2021-11-07\n  $ crisisdesk actors who "Secretary-General of the United Nations" --json',
    )
    .action(async (title: string, options: { on?: string; json?: boolean }, command: Command) => {
      const on = dateOption(options.on);
      const { kb } = await withStore(command, overlayKnowledge);
      const held = kb.whoHeld(title, on);
      if (held.length === 0)
        throw new CrisisdeskError("NOT_FOUND", `no one known to hold this title on ${on}`, { where: title });
      if (options.json)
        printJson(
          held.map((h) => ({
            person: { id: h.person.id, name: h.person.name, kind: h.person.kind, country: h.person.country },
            role: h.role,
          })),
        );
      else
        printTable(
          held.map((h) => ({
            name: h.person.name,
            title: h.role.title,
            period: period(h.role),
            id: h.person.id,
          })),
          [
            { key: "name", label: "NAME", max: 40 },
            { key: "title", label: "TITLE", max: 50 },
            { key: "period", label: "IN OFFICE" },
            { key: "id", label: "ID", max: 50 },
          ],
        );
    });

  actorOptions(
    actors
      .command("add")
      .description("Add an actor to the overlay in the store")
      .requiredOption("--id <id>", 'a new id "prefix:slug", e.g. group:my-militia')
      .requiredOption("--name <name>", "the usual name")
      .requiredOption("--kind <kind>", ACTOR_KINDS.join("|")),
  )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        '  $ crisisdesk actors add --id group:my-militia --name "My Militia" --kind armed_group --country IRQ \\',
        '      --alias "MM" --affiliation "backed_by|Iran|2020-01"',
        '  $ crisisdesk actors add --id person:jane-doe --name "Jane Doe" --kind person --country GBR \\',
        '      --role "Foreign Secretary of the United Kingdom|foreign_minister|GBR|2024-07-05|"',
      ].join("\n"),
    )
    .action(async (options: ActorOptions, command: Command) => {
      const changes = actorChanges(options);
      await withStore(command, async (store) => {
        const actor = await asOptions(options, () => addOverlayActor(store, options.id!, changes));
        saved("added", actor, store, options.json);
      });
    });

  actorOptions(
    actors
      .command("edit")
      .description(
        "Change an actor: --name, --kind, --country ... replace; --alias, --role, --affiliation add. A shipped actor is copied to the overlay first.",
      )
      .argument("<id>", "the actor's id")
      .option("--name <name>", "the usual name")
      .option("--kind <kind>", ACTOR_KINDS.join("|")),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk actors edit person:esmail-qaani --alias "Esmaeil Ghaani"\n  $ crisisdesk actors edit group:my-militia --country SYR --affiliation "part_of|group:pmf"',
    )
    .action(async (id: string, options: ActorOptions, command: Command) => {
      const changes = actorChanges(options);
      await withStore(command, async (store) => {
        const actor = await asOptions(options, () => editOverlayActor(store, id, changes));
        saved("edited", actor, store, options.json);
      });
    });

  actors
    .command("remove")
    .description("Remove an actor from the overlay (the shipped entry, if any, applies again)")
    .argument("<id>", "the overlay actor's id")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk actors remove group:my-militia")
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        await removeOverlayActor(store, id);
        process.stdout.write(`removed ${id} from the overlay of ${store.path}\n`);
      });
    });

  actors
    .command("import")
    .description("Import actors into the overlay: all of the file or, if any entry is bad, none of it")
    .argument("<file>", "a .csv or .json file, or a PETRARCH/TABARI actors or agents dictionary")
    .option("--format <format>", `${IMPORT_FORMATS.join("|")} (default: from the extension or content)`)
    .option("--json", "print the summary as JSON")
    .addHelpText(
      "after",
      [
        "",
        "CSV columns: id,name,kind,country,aliases (;-separated),cameo,wikidata and optionally",
        "title,office,of,start,end: one row per role; rows with the same id are one actor.",
        "",
        "Examples:",
        "  $ crisisdesk actors import analysts.csv",
        "  $ crisisdesk actors import overlay.json",
        "  $ crisisdesk actors import Phoenix.Countries.actors.txt --format petrarch-actors",
      ].join("\n"),
    )
    .action(async (file: string, options: { format?: string; json?: boolean }, command: Command) => {
      if (options.format !== undefined && !IMPORT_FORMATS.includes(options.format as ImportFormat))
        throw new UsageError(`--format expects ${IMPORT_FORMATS.join("|")}, not "${options.format}"`);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        throw new CrisisdeskError(
          "NOT_FOUND",
          code === "ENOENT" ? "no such file" : `cannot read (${(cause as Error).message})`,
          { where: file, cause },
        );
      }
      await withStore(command, async (store) => {
        let summary: Awaited<ReturnType<typeof importActors>>;
        try {
          summary = await importActors(store, file, text, options.format as ImportFormat | undefined);
        } catch (error) {
          if (error instanceof ImportProblemsError) {
            for (const p of error.problems.slice(0, 20))
              process.stderr.write(`crisisdesk: ${p.where}: ${p.message}\n`);
            if (error.problems.length > 20)
              process.stderr.write(`crisisdesk: ... and ${error.problems.length - 20} more\n`);
          }
          throw error;
        }
        if (options.json) printJson(summary);
        else
          process.stdout.write(
            `imported ${summary.imported} actors from ${file} (${summary.format}): ${summary.replaced} replaced overlay entries, ${summary.overriding} override shipped entries${summary.note ? `\n${summary.note}` : ""}\n`,
          );
      });
    });

  actors
    .command("export")
    .description("Print the overlay (or, with --all, the whole merged knowledge base) as JSON or CSV")
    .option("--format <format>", "json|csv", "json")
    .option("--overlay-only", "only the overlay in the store (the default)")
    .option("--all", "the shipped knowledge base with the overlay applied")
    .addHelpText(
      "after",
      [
        "",
        "CSV has no affiliation columns; export JSON to keep affiliations.",
        "",
        "Examples:",
        "  $ crisisdesk actors export > overlay.json",
        "  $ crisisdesk actors export --all --format csv > actors.csv",
      ].join("\n"),
    )
    .action(async (options: { format: string; all?: boolean; overlayOnly?: boolean }, command: Command) => {
      if (options.format !== "json" && options.format !== "csv")
        throw new UsageError(`--format expects json|csv, not "${options.format}"`);
      if (options.all && options.overlayOnly) throw new UsageError("give --all or --overlay-only, not both");
      const { kb, overlay } = await withStore(command, overlayKnowledge);
      const list = options.all ? kb.all() : overlay;
      if (options.format === "json") printJson(list);
      else {
        process.stdout.write(actorsCsv(list));
        const lost = list.reduce((n, a) => n + a.affiliations.length, 0);
        if (lost > 0)
          process.stderr.write(
            `crisisdesk: note: CSV has no affiliation columns; ${lost} affiliations left out (export JSON to keep them)\n`,
          );
      }
    });

  actors
    .command("stats")
    .description("Counts of the knowledge base by kind, with the overlay applied")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk actors stats\n  $ crisisdesk actors stats --json")
    .action(async (options: { json?: boolean }, command: Command) => {
      const { kb, overlay } = await withStore(command, overlayKnowledge);
      const stats = { ...kb.size, overlay: overlay.length };
      if (options.json) printJson(stats);
      else for (const [k, v] of Object.entries(stats)) process.stdout.write(`${k.padEnd(10)} ${v}\n`);
    });
}

const CANDIDATE_COLUMNS = [
  { key: "id", label: "ID", max: 50 },
  { key: "name", label: "NAME", max: 40 },
  { key: "kind", label: "KIND" },
  { key: "country", label: "COUNTRY" },
];
