// `crisisdesk reanalyze`, `crisisdesk review` and `crisisdesk history`: the analyst's layer from a
// terminal. Each command parses, calls one library function (src/review), and formats.
import { emitKeypressEvents } from "node:readline";
import type { Command } from "commander";
import { ITEM_KINDS, type ItemKind, STANCES, UsageError } from "../domain/index.js";
import { loadEngine, loadKnowledge, loadReviewDeps } from "../pipeline/index.js";
import {
  type ActorResolutionOutcome,
  actorQueue,
  addItem,
  type Correction,
  describeItem,
  itemHistory,
  type QueueItem,
  type ReanalyzeReport,
  reanalyze,
  resolveActor,
  reviewItem,
  reviewQueue,
  undoActorResolution,
} from "../review/index.js";
import { resolveDocumentRef, resolveDocumentRefs } from "./document-refs.js";
import { ProgressBar, printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

const out = (line = "") => process.stdout.write(`${line}\n`);

interface MetaOptions {
  by?: string;
  note?: string;
}

const metaOf = (o: MetaOptions) => ({
  by: o.by?.trim() || process.env.USER || "analyst",
  note: o.note ?? null,
});

function kindOf(value: string): ItemKind {
  if (!(ITEM_KINDS as readonly string[]).includes(value))
    throw new UsageError(`"${value}" is not an item kind; use one of ${ITEM_KINDS.join(", ")}`, {
      where: value,
    });
  return value as ItemKind;
}

function count(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "" || value === "none") return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag} expects a whole number, not "${value}"`);
  return n;
}

const correctionOptions = (c: Command) =>
  c
    .option("--stance <stance>", `a reaction's stance (${STANCES.join(", ")})`)
    .option("--actor <name>", "a reaction's actor: a knowledge-base id or name")
    .option("--speaker <name>", "a quotation's speaker")
    .option("--claimant <name>", "an attribution's claimant ('author' for the report's own voice)")
    .option("--accused <name>", "an attribution's accused")
    .option("--type <cameo>", "an event's CAMEO code")
    .option("--date <YYYY-MM-DD>", "an event's date ('' for none)")
    .option("--place <name>", "an event's place ('' for none)")
    .option("--source <name>", "an event's source actor")
    .option("--target <name>", "an event's target")
    .option("--killed <n>", "an event's dead")
    .option("--wounded <n>", "an event's wounded")
    .option(
      "--credibility <1-6>",
      "the item's information credibility (Admiralty: 1 confirmed … 6 cannot be judged)",
    )
    .option("--by <name>", "who decides (default: $USER)")
    .option("--note <text>", "why");

type CorrectionFlags = Omit<Correction, "killed" | "wounded"> & {
  killed?: string;
  wounded?: string;
} & MetaOptions;

function correctionOf(o: CorrectionFlags): Correction {
  const { by: _by, note: _note, killed, wounded, ...rest } = o as CorrectionFlags & { json?: boolean };
  delete (rest as { json?: boolean }).json;
  const c: Correction = { ...rest };
  const k = count(killed, "killed");
  const w = count(wounded, "wounded");
  if (k !== undefined) c.killed = k;
  if (w !== undefined) c.wounded = w;
  return c;
}

function printReanalysis(r: ReanalyzeReport): void {
  out(`re-analysed ${r.documents} report${r.documents === 1 ? "" : "s"}: ${r.changed} changed`);
  for (const [kind, c] of Object.entries(r.byKind)) {
    if (c.added || c.removed || c.changed)
      out(`  ${`${kind}s`.padEnd(13)} ${c.added} added, ${c.removed} removed, ${c.changed} changed`);
  }
  if (r.reviewedKept) out(`  ${r.reviewedKept} reviewed item(s) kept as the analyst left them`);
  if (r.rejectedAgain) out(`  ${r.rejectedAgain} rejected item(s) the engine still produces, left out`);
  out(`  engine ${r.versions.engine}, knowledge base ${r.versions.kb}`);
}

function printOutcome(action: string, o: Awaited<ReturnType<typeof reviewItem>>): void {
  const grade = o.item?.credibility ? ` [credibility ${o.item.credibility}]` : "";
  const what = o.item ? `${describeItem(o.decision.kind, o.item)}${grade}` : "left out of the record";
  out(`${action} ${o.decision.item} (${o.decision.kind}): ${what} — by ${o.decision.by}`);
}

/** Keys pressed in a terminal, or the characters piped to stdin (whitespace skipped). */
async function* keys(): AsyncGenerator<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    emitKeypressEvents(stdin);
    stdin.setRawMode(true);
    try {
      while (true) {
        const key = await new Promise<{ name?: string; sequence?: string; ctrl?: boolean }>((resolve) =>
          stdin.once("keypress", (_s, k) => resolve(k ?? {})),
        );
        if (key.ctrl && key.name === "c") return;
        yield key.sequence ?? key.name ?? "";
      }
    } finally {
      stdin.setRawMode(false);
      stdin.pause();
    }
  }
  for await (const chunk of stdin) for (const ch of String(chunk)) if (!/\s/.test(ch)) yield ch;
}

function showItem(q: QueueItem, n: number, total: number): void {
  out();
  out(
    `[${n}/${total}] ${q.id}  ${q.kind}  confidence ${q.confidence ?? "–"}  ${q.documentTitle ?? q.documentId.slice(0, 12)}`,
  );
  out(`  ${q.summary}`);
  out(`  “${q.sentence.length > 300 ? `${q.sentence.slice(0, 299)}…` : q.sentence}”`);
  process.stdout.write(
    `  [a]ccept  [r]eject${q.kind === "reaction" ? "  [c]orrect stance" : ""}  [s]kip  [q]uit > `,
  );
}

export function registerReviewCommands(program: Command): void {
  program
    .command("reanalyze")
    .description("Run the current engine and knowledge base over stored reports again")
    .argument("[documents...]", "document ids or unique prefixes")
    .option("--case <id>", "the reports of a case")
    .option("--all", "every stored report")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nReviewed items stay as the analyst left them; rejected ones stay out.\n\nExamples:\n  $ crisisdesk reanalyze --all\n  $ crisisdesk reanalyze --case kadhimi-2021\n  $ crisisdesk reanalyze 38acd2cc",
    )
    .action(
      async (
        documents: string[],
        options: { case?: string; all?: boolean; json?: boolean },
        command: Command,
      ) => {
        const bar = new ProgressBar();
        const report = await withStore(command, async (store) => {
          const engine = await loadEngine(store);
          // Prefixes are resolved here; one that names no document (or several) is left as typed,
          // so that the library names it in its error.
          const refs = await resolveDocumentRefs(store, documents);
          return reanalyze(
            { caseId: options.case, all: options.all, documents: [...refs.ids, ...refs.unresolved] },
            {
              store,
              analyse: engine.analyse,
              versions: engine.versions,
              onProgress: (done, total) => {
                bar.setTotal(total);
                bar.update(done, "");
              },
            },
          );
        });
        bar.finish();
        if (options.json) printJson(report);
        else printReanalysis(report);
      },
    );

  const review = program
    .command("review")
    .description("Accept, reject, correct or add extracted items; decisions survive re-analysis")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk review list --case kadhimi-2021\n  $ crisisdesk review next --case kadhimi-2021\n  $ crisisdesk review accept r-3fa2c9d01b2c\n  $ crisisdesk review set r-3fa2c9d01b2c --stance express_concern --note "hedged wording"\n  $ crisisdesk review add reaction --doc 38acd2cc --at "Jordan denounced" --actor Jordan --stance condemn',
    );

  for (const action of ["accept", "reject"] as const) {
    review
      .command(action)
      .description(
        action === "accept" ? "Confirm items as the engine gave them" : "Leave items out of the record",
      )
      .argument("<items...>", "item ids (from `review list`)")
      .option("--by <name>", "who decides (default: $USER)")
      .option("--note <text>", "why")
      .option("--json", "print JSON")
      .action(async (items: string[], options: MetaOptions & { json?: boolean }, command: Command) => {
        const outcomes = await withStore(command, async (store) => {
          const deps = await loadReviewDeps(store);
          const done = [];
          for (const item of items) done.push(await reviewItem(deps, item, action, metaOf(options)));
          return done;
        });
        if (options.json) printJson(outcomes);
        else for (const o of outcomes) printOutcome(action === "accept" ? "accepted" : "rejected", o);
      });
  }

  correctionOptions(
    review
      .command("set")
      .description(
        "Correct an item (stance, actor, speaker, accused, event type/date/place/target, casualties)",
      )
      .argument("<item>", "an item id (from `review list`)"),
  )
    .option("--json", "print JSON")
    .action(async (item: string, options: CorrectionFlags & { json?: boolean }, command: Command) => {
      const outcome = await withStore(command, async (store) =>
        reviewItem(await loadReviewDeps(store), item, "set", metaOf(options), correctionOf(options)),
      );
      if (options.json) printJson(outcome);
      // Grading an item alone accepts it, graded; anything else corrects it.
      else printOutcome(outcome.decision.action === "accept" ? "accepted" : "corrected", outcome);
    });

  correctionOptions(
    review
      .command("add")
      .description("Add an item the engine missed, on one sentence of a report")
      .argument("<kind>", ITEM_KINDS.join(" | "))
      .requiredOption("--doc <id>", "the report: a document id or unique prefix")
      .option("--sentence <n>", "the sentence's number in the report (1 = the first)")
      .option("--at <text>", "or: words of the sentence (the first sentence holding them)")
      .option("--text <words>", "a quotation's words")
      .option("--event <id>", "the event a reaction or claim is about (e1 …)"),
  )
    .option("--json", "print JSON")
    .action(
      async (
        kind: string,
        options: CorrectionFlags & {
          doc: string;
          sentence?: string;
          at?: string;
          text?: string;
          event?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const { doc, sentence, at, text, event, ...flags } = options;
        if ((sentence === undefined) === (at === undefined))
          throw new UsageError("say which sentence: --sentence N or --at TEXT (one of them)");
        const n = sentence === undefined ? undefined : Number(sentence);
        if (n !== undefined && !(Number.isInteger(n) && n > 0))
          throw new UsageError(`--sentence expects a sentence number from 1, not "${sentence}"`);
        const outcome = await withStore(command, async (store) =>
          addItem(
            await loadReviewDeps(store),
            {
              kind: kindOf(kind),
              document: (await resolveDocumentRef(store, doc)) ?? doc,
              sentence: n ?? at!,
              fields: { ...correctionOf(flags), text, event: event ?? null },
            },
            metaOf(options),
          ),
        );
        if (options.json) printJson(outcome);
        else printOutcome("added", outcome);
      },
    );

  review
    .command("list")
    .description("Items with their ids and review status, unreviewed lowest confidence first")
    .option("--case <id>", "only a case's reports")
    .option("--kind <kind>", `only one kind (${ITEM_KINDS.join(", ")})`)
    .option("--all", "also reviewed and rejected items")
    .option("--limit <n>", "at most this many")
    .option("--json", "print JSON")
    .action(
      async (
        options: { case?: string; kind?: string; all?: boolean; limit?: string; json?: boolean },
        command: Command,
      ) => {
        const queue = await withStore(command, (store) =>
          reviewQueue(store, {
            caseId: options.case,
            kinds: options.kind ? [kindOf(options.kind)] : undefined,
            all: options.all,
          }),
        );
        const rows = options.limit ? queue.slice(0, Number(options.limit)) : queue;
        if (options.json) printJson(rows);
        else
          printTable(rows as unknown as Record<string, unknown>[], [
            { key: "id", label: "item" },
            { key: "kind", label: "kind" },
            { key: "status", label: "status" },
            { key: "confidence", label: "conf" },
            { key: "summary", label: "what", max: 60 },
            { key: "documentTitle", label: "report", max: 40 },
          ]);
      },
    );

  review
    .command("next")
    .description("Walk the unreviewed items, lowest confidence first, answering with one key")
    .option("--case <id>", "only a case's reports")
    .option("--kind <kind>", `only one kind (${ITEM_KINDS.join(", ")})`)
    .option("--by <name>", "who decides (default: $USER)")
    .addHelpText(
      "after",
      `\nKeys: a accept, r reject, c then 1-${STANCES.length} correct a reaction's stance, s skip, q quit.\nStances: ${STANCES.map((s, i) => `${i + 1} ${s}`).join(", ")}`,
    )
    .action(async (options: { case?: string; kind?: string; by?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const queue = await reviewQueue(store, {
          caseId: options.case,
          kinds: options.kind ? [kindOf(options.kind)] : undefined,
        });
        if (queue.length === 0) return out("nothing to review");
        const deps = await loadReviewDeps(store);
        const meta = metaOf(options);
        const tally = { accepted: 0, rejected: 0, corrected: 0, skipped: 0 };
        const input = keys();
        let n = 0;
        for (const item of queue) {
          showItem(item, ++n, queue.length);
          let answered = false;
          while (!answered) {
            const key = (await input.next()).value?.toLowerCase();
            if (key === undefined || key === "q") {
              out("quit");
              out(summary(tally));
              return;
            }
            if (key === "a" || key === "r") {
              await reviewItem(deps, item.id, key === "a" ? "accept" : "reject", meta);
              out(key === "a" ? "accepted" : "rejected");
              tally[key === "a" ? "accepted" : "rejected"]++;
              answered = true;
            } else if (key === "s") {
              out("skipped");
              tally.skipped++;
              answered = true;
            } else if (key === "c" && item.kind === "reaction") {
              process.stdout.write(`\n  stance? ${STANCES.map((s, i) => `${i + 1} ${s}`).join("  ")} > `);
              const choice = Number((await input.next()).value);
              const stance = STANCES[choice - 1];
              if (!stance) {
                process.stdout.write("\n  not a stance number; again > ");
                continue;
              }
              await reviewItem(deps, item.id, "set", meta, { stance });
              out(`corrected to ${stance}`);
              tally.corrected++;
              answered = true;
            } else process.stdout.write(`\n  "${key}" is not an answer here; again > `);
          }
        }
        out(summary(tally));
      });
    });

  review
    .command("actors")
    .description("The actors the engine minted (new: ids): list them, link, add, mark as phrases, undo")
    .argument("[action]", "link | add | phrase | undo (none: list)")
    .argument("[args...]", "the minted id (new:…), and for link the known actor")
    .option("--case <id>", "list only a case's reports")
    .option("--all", "list resolved ones too")
    .option("--kind <kind>", "add: the new actor's kind (default: the engine's guess)")
    .option("--country <iso3>", "add: its country ('' for none)")
    .option("--id <id>", "add: its knowledge-base id (default: from its kind and name)")
    .option("--by <name>", "who decides (default: $USER)")
    .option("--note <text>", "why")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nLinking adds the minted name as an alias of the known actor; adding puts it in the overlay;\neither re-analyses the reports that name it. Undo reverses both and re-analyses again.\n\nExamples:\n  $ crisisdesk review actors\n  $ crisisdesk review actors link new:gulf-cooperation-council-on-sunday GCC\n  $ crisisdesk review actors add new:saad-maan --kind person --country IRQ\n  $ crisisdesk review actors phrase new:both-groups\n  $ crisisdesk review actors undo new:gulf-cooperation-council-on-sunday",
    )
    .action(
      async (
        action: string | undefined,
        args: string[],
        options: MetaOptions & {
          case?: string;
          all?: boolean;
          kind?: string;
          country?: string;
          id?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        await withStore(command, async (store) => {
          const kb = await loadKnowledge(store);
          if (action === undefined || action === "list") {
            const queue = await actorQueue(store, kb, { caseId: options.case, all: options.all });
            if (options.json) return printJson(queue);
            if (queue.length === 0) return out("no minted actors to resolve");
            for (const a of queue) {
              const state = a.resolution
                ? `  [${a.resolution.action}${a.resolution.target ? ` ${a.resolution.target}` : ""}]`
                : "";
              out(
                `${a.id}  ${a.name} (${a.kind}${a.country ? `, ${a.country}` : ""}): ${a.mentions} mention${a.mentions === 1 ? "" : "s"} in ${a.documents.length} report${a.documents.length === 1 ? "" : "s"}${state}`,
              );
              for (const m of a.examples.slice(0, 2))
                out(
                  `    ${m.role}: ${m.sentence ? `“${m.sentence.length > 140 ? `${m.sentence.slice(0, 139)}…` : m.sentence}”` : (m.documentTitle ?? m.documentId.slice(0, 12))}`,
                );
              if (a.candidates.length)
                out(`    perhaps: ${a.candidates.map((c) => `${c.name} (${c.id})`).join(", ")}`);
            }
            return;
          }
          const [id, target] = args;
          if (!id) throw new UsageError(`review actors ${action} needs the minted actor's id (new:…)`);
          const deps = { store, engine: () => loadEngine(store) };
          const meta = metaOf(options);
          let outcome: ActorResolutionOutcome;
          switch (action) {
            case "link":
              if (!target) throw new UsageError("review actors link needs the known actor: NEW_ID TARGET");
              outcome = await resolveActor(deps, kb, id, { action: "link", target }, meta);
              break;
            case "add":
              outcome = await resolveActor(
                deps,
                kb,
                id,
                { action: "add", kind: options.kind, country: options.country, id: options.id },
                meta,
              );
              break;
            case "phrase":
              outcome = await resolveActor(deps, kb, id, { action: "phrase" }, meta);
              break;
            case "undo":
              outcome = await undoActorResolution(deps, id);
              break;
            default:
              throw new UsageError(
                `"${action}" is not an action of review actors; use link, add, phrase or undo`,
              );
          }
          if (options.json) return printJson(outcome);
          const r = outcome.resolution;
          const what = {
            link: `linked to ${r.target}${r.alias ? ` (alias "${r.alias}" added)` : ""}`,
            add: `added to the overlay as ${r.target}`,
            phrase: "marked as a descriptive phrase",
          }[r.action];
          out(action === "undo" ? `undid: ${r.actor} ${what}` : `${r.actor} ${what} — by ${r.by}`);
          if (outcome.reanalysis) printReanalysis(outcome.reanalysis);
        });
      },
    );

  program
    .command("history")
    .description("Every version of an item, the engine's and the analyst's, with its reason")
    .argument("<item>", "an item id")
    .option("--json", "print JSON")
    .action(async (item: string, options: { json?: boolean }, command: Command) => {
      const history = await withStore(command, (store) => itemHistory(store, item));
      if (options.json) return printJson(history);
      out(`${history.id} (${history.kind}) in ${history.documentTitle ?? history.documentId.slice(0, 12)}`);
      for (const v of history.versions) {
        const who = v.origin === "analyst" ? `${v.by}` : "engine";
        const what = v.item ? describeItem(history.kind, v.item) : "(out of the record)";
        out(`  ${v.at}  ${who.padEnd(10)} ${v.action.padEnd(9)} ${what}`);
        out(`      ${v.reason}`);
      }
    });
}

const summary = (t: Record<string, number>) =>
  Object.entries(t)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
