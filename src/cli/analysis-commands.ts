// The analysis commands of a case: `timeline`, `reactions`, `network` and `dyad`. Each opens the
// case, calls one function of the analysis layer and formats what it returns.
import type { Command } from "commander";
import {
  actorNetwork,
  buildTimeline,
  clusterEvents,
  type DyadTrend,
  dyadTrend,
  type MatrixRow,
  networkGraphml,
  openCase,
  partyLabel,
  REACTION_GROUPS,
  type ReactionMatrix,
  reactionMatrix,
  resolveParty,
  type TimelineEntry,
} from "../analysis/index.js";
import { UsageError } from "../domain/index.js";
import { loadPatterns } from "../extraction/index.js";
import { loadKnowledge } from "../pipeline/index.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const cut = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function choice<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!allowed.includes(value as T))
    throw new UsageError(`${option} expects one of ${allowed.join(", ")}, not "${value}"`);
  return value as T;
}

// ---------------------------------------------------------------------------------------------
// timeline

function printTimeline(title: string, entries: TimelineEntry[]): void {
  out(title);
  let day: string | null | undefined;
  for (const e of entries) {
    if (e.date !== day) {
      day = e.date;
      out();
      out(day ?? "undated");
    }
    if (e.kind === "event") {
      const when = e.dateFrom === "first report" ? "  (no report dates it; placed on its first report)" : "";
      out(`  ${e.cluster.padEnd(4)} ${e.plover} ${e.cameo}  ${cut(e.label, 100)}`);
      const where = [
        e.target ? `target ${e.target.name}` : "",
        e.location ? `in ${e.location.name}` : "",
      ].filter(Boolean);
      out(
        `       ${[...where, `${plural(e.reports, "report")} from ${plural(e.sources, "source")}`, `first reported ${e.firstReported ?? "?"}`].join("; ")}${when}`,
      );
      for (const d of e.disagreements)
        out(
          `       reports differ on ${d.field.replace("_", " ")}: ${d.variants.map((v) => `${v.value} (${v.reports})`).join(" / ")}`,
        );
    } else {
      const to = e.events.length ? ` to ${e.events.join(", ")}` : "";
      out(
        `  ${"·".padEnd(4)} ${e.actor.name}: ${e.stance}${to}, ${plural(e.reports, "report")} — ${cut(e.sentence, 110)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// reactions

const FORMATS = ["table", "csv", "json", "md"] as const;

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function reactionsCsv(m: ReactionMatrix): string {
  const header = [
    "group",
    "actor",
    "actor_id",
    "kind",
    "country",
    "speaks_for",
    "why",
    "stance",
    "first_date",
    "reports",
    "quote",
    "sentence",
    "document_id",
    "source",
  ];
  const rows = m.rows.map((r) => [
    r.group,
    r.actor.name,
    r.actor.id ?? "",
    r.actor.kind,
    r.actor.country ?? "",
    voiceName(r),
    r.why,
    r.stance,
    r.firstDate ?? "",
    r.reports,
    r.strongest.quote ?? "",
    r.strongest.sentence,
    r.strongest.documentId,
    r.strongest.source,
  ]);
  const silent = m.silent.map((s) => [
    "silent",
    s.name,
    s.id,
    s.kind,
    "",
    s.name,
    s.reasons.join("; "),
    "",
    "",
    0,
    "",
    "",
    "",
    "",
  ]);
  return `${[header, ...rows, ...silent].map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}

/** Whom the actor speaks for; "?" when the engine only guessed the country of an unknown person. */
const voiceName = (r: MatrixRow) =>
  r.voice.kind === "state" && r.voice.inferred ? `${r.voice.name}?` : r.voice.name;

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function reactionsMarkdown(m: ReactionMatrix): string {
  const lines = [`# Reactions: ${m.case.title}`, ""];
  lines.push(
    m.country
      ? `Placed against ${m.countryName} (${m.country})${m.countryFrom === "main event" ? ", the country of the main event" : ""}.`
      : "The case has no country, so no actor is placed.",
  );
  for (const group of REACTION_GROUPS) {
    const rows = m.rows.filter((r) => r.group === group);
    if (!rows.length) continue;
    lines.push("", `## ${group[0]!.toUpperCase()}${group.slice(1)}`, "");
    lines.push(
      "| Actor | Speaks for | Stance | First reported | Strongest wording | Source |",
      "|---|---|---|---|---|---|",
    );
    for (const r of rows)
      lines.push(
        `| ${mdCell(r.actor.name)} | ${mdCell(voiceName(r))} | ${r.stance} | ${r.firstDate ?? ""} | ${mdCell(r.strongest.sentence)} | ${mdCell(r.strongest.documentTitle ?? r.strongest.source)} |`,
      );
  }
  lines.push("", "## Silent", "");
  if (!m.silent.length) lines.push("Every expected actor has reacted.");
  for (const s of m.silent) lines.push(`- ${s.name}: ${s.reasons.join("; ")}`);
  return `${lines.join("\n")}\n`;
}

function printReactionTable(m: ReactionMatrix): void {
  out(`Reactions: ${m.case.title}`);
  out(
    m.country
      ? `placed against ${m.countryName} (${m.country})${m.countryFrom === "main event" ? ", the main event's country" : ""}`
      : "the case has no country: no actor is placed",
  );
  for (const group of REACTION_GROUPS) {
    const rows = m.rows.filter((r) => r.group === group);
    if (!rows.length) continue;
    out();
    out(group.toUpperCase());
    printTable(
      rows.map((r: MatrixRow) => ({
        actor: r.actor.name,
        voice: voiceName(r),
        stance: r.stance,
        first: r.firstDate,
        reports: r.reports,
        wording: r.strongest.sentence,
        source: r.strongest.documentTitle ?? r.strongest.source,
      })),
      [
        { key: "actor", label: "ACTOR", max: 34 },
        { key: "voice", label: "SPEAKS FOR", max: 24 },
        { key: "stance", label: "STANCE" },
        { key: "first", label: "FIRST" },
        { key: "reports", label: "REPORTS" },
        { key: "wording", label: "STRONGEST WORDING", max: 70 },
        { key: "source", label: "SOURCE", max: 40 },
      ],
    );
  }
  out();
  out("SILENT (expected, no reaction in the case's reports)");
  if (!m.silent.length) out("  none");
  for (const s of m.silent) out(`  ${s.name} (${s.id}): ${s.reasons.join("; ")}`);
}

// ---------------------------------------------------------------------------------------------
// dyad

function printDyad(caseId: string, d: DyadTrend): void {
  out(`Dyad ${partyLabel(d.a)} — ${partyLabel(d.b)} in case ${caseId}`);
  out("Goldstein scale: −10 most conflictual … +10 most cooperative; one score per case event (cluster)");
  out();
  if (!d.total.events) {
    out("no events between them in the case's reports");
    return;
  }
  printTable(
    d.days.map((x) => ({
      ...x,
      goldsteinMean: x.goldsteinMean.toFixed(2),
      goldsteinSum: x.goldsteinSum.toFixed(1),
    })),
    [
      { key: "date", label: "DATE" },
      { key: "events", label: "EVENTS" },
      { key: "mentions", label: "REPORTS" },
      { key: "aToB", label: "A→B" },
      { key: "bToA", label: "B→A" },
      { key: "goldsteinSum", label: "SUM" },
      { key: "goldsteinMean", label: "MEAN" },
    ],
  );
  out();
  out(`total ${plural(d.total.events, "event")}, sum ${d.total.goldsteinSum}, mean ${d.total.goldsteinMean}`);
  out();
  for (const e of [...d.events, ...d.undated]) {
    const arrow = e.direction === "a_to_b" ? "A→B" : "B→A";
    const day =
      e.dateFrom === "first report"
        ? `${e.date} (first reported; no report dates it)`
        : (e.date ?? "undated");
    out(
      `  ${e.cluster.padEnd(4)} ${day}  ${arrow}  CAMEO ${e.cameo} ${e.name ?? ""} (${e.goldstein})  ${plural(e.reports, "report")}`,
    );
    for (const a of e.accounts) out(`       ${a.source} → ${a.target}: ${cut(a.sentence, 100)}`);
  }
}

// ---------------------------------------------------------------------------------------------

export function registerAnalysisCommands(program: Command): void {
  program
    .command("timeline")
    .description("A case's events (merged across reports) and reactions by date, with first-reported dates")
    .argument("<case>", "the case id")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk timeline kadhimi-attack\n  $ crisisdesk timeline kadhimi-attack --json",
    )
    .action(async (caseId: string, options: { json?: boolean }, command: Command) => {
      const { info, reports } = await withStore(command, (store) => openCase(store, caseId));
      const entries = buildTimeline(reports);
      if (options.json) printJson({ case: info, entries });
      else printTimeline(`Timeline: ${info.title} (${plural(reports.length, "report")})`, entries);
    });

  program
    .command("reactions")
    .description(
      "The reaction matrix of a case: actor × stance, grouped domestic/regional/international, and who is silent",
    )
    .argument("<case>", "the case id")
    .option("--format <format>", FORMATS.join("|"), "table")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk reactions kadhimi-attack\n  $ crisisdesk reactions kadhimi-attack --format md > reactions.md",
    )
    .action(async (caseId: string, options: { format: string }, command: Command) => {
      const format = choice(options.format, FORMATS, "--format");
      const matrix = await withStore(command, async (store) => {
        const { info, reports } = await openCase(store, caseId);
        return reactionMatrix(reports, await loadKnowledge(store), info);
      });
      if (format === "json") printJson(matrix);
      else if (format === "csv") process.stdout.write(reactionsCsv(matrix));
      else if (format === "md") process.stdout.write(reactionsMarkdown(matrix));
      else printReactionTable(matrix);
    });

  program
    .command("network")
    .description(
      "The actor network of a case: affiliations, and who acted on, met, accused or reacted to whom",
    )
    .argument("<case>", "the case id")
    .option("--format <format>", "json|graphml", "json")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk network kadhimi-attack --format graphml > kadhimi.graphml",
    )
    .action(async (caseId: string, options: { format: string }, command: Command) => {
      const format = choice(options.format, ["json", "graphml"] as const, "--format");
      const network = await withStore(command, async (store) => {
        const { info, reports } = await openCase(store, caseId);
        return actorNetwork(reports, await loadKnowledge(store), info);
      });
      if (format === "graphml") process.stdout.write(networkGraphml(network, caseId));
      else printJson(network);
    });

  program
    .command("dyad")
    .description("Cooperation–conflict between two actors over time, on the Goldstein scale")
    .argument("<case>", "the case id")
    .argument("<actorA>", "an ISO3 code (a state and everyone of it), an actor id, or a name")
    .argument("<actorB>", "the other actor")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk dyad kadhimi-attack IRN IRQ\n  $ crisisdesk dyad kadhimi-attack ARE IRQ --json",
    )
    .action(
      async (
        caseId: string,
        actorA: string,
        actorB: string,
        options: { json?: boolean },
        command: Command,
      ) => {
        const trend = await withStore(command, async (store) => {
          const { info, reports } = await openCase(store, caseId);
          const kb = await loadKnowledge(store);
          const a = resolveParty(kb, reports, actorA);
          const b = resolveParty(kb, reports, actorB);
          return dyadTrend(reports, kb, loadPatterns().cameo, a, b, info, clusterEvents(reports));
        });
        if (options.json) printJson(trend);
        else printDyad(caseId, trend);
      },
    );
}
