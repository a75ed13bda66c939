import type { Command } from "commander";
import { type Analysis, CrisisdeskError, UsageError } from "../domain/index.js";
import { readInputs } from "../ingestion/index.js";
import { loadAnalyser } from "../pipeline/index.js";
import { printJson } from "./output.js";

function markdown(a: Analysis): string {
  const lines = [
    `# ${a.document.title ?? a.document.source}`,
    "",
    `Source: ${a.document.source} · published ${a.document.published ?? "unknown"} · ${a.document.sentences} sentences, ${a.document.words} words`,
    "",
  ];
  if (a.reference_date) {
    const { date, note } = a.reference_date;
    lines.splice(3, 0, `Reference date: ${date ?? "none"} (${note})`, "");
  }
  const section = (title: string, items: string[]) => {
    lines.push(`## ${title} (${items.length})`, "", ...(items.length ? items : ["None found."]), "");
  };
  section(
    "Actors",
    a.actors.map(
      (x) =>
        `- **${x.name}** (${x.kind}${x.country ? `, ${x.country}` : ""}) — ${x.mentions} mention${x.mentions === 1 ? "" : "s"}${x.roles.length ? `; ${x.roles.join("; ")}` : ""}`,
    ),
  );
  section(
    "Events",
    a.events.map(
      (e) =>
        `- ${e.date ?? "undated"} · CAMEO ${e.cameo} / ${e.plover}${e.attempted ? " (attempted)" : ""}: ${e.summary}`,
    ),
  );
  section(
    "Reactions",
    a.reactions.map((r) => `- **${r.actor.name}** — ${r.stance.replace(/_/g, " ")}: “${r.sentence}”`),
  );
  section(
    "Quotes",
    a.quotes.map((q) => `- ${q.speaker?.name ?? "unattributed"}: “${q.text}”`),
  );
  section(
    "Attributions",
    a.attributions.map(
      (x) =>
        `- ${x.claimant === "author" ? "the author" : x.claimant.name} → ${x.accused.name}${x.evidence ? ` (citing ${x.evidence})` : ""}`,
    ),
  );
  if (a.ambiguities?.length) {
    section(
      "Ambiguous names",
      a.ambiguities.map((x) => `- “${x.surface}” could be ${x.candidates.join(" or ")}: “${x.sentence}”`),
    );
  }
  return lines.join("\n");
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description("Print the analysis of one report (the analysis JSON contract) without touching the store")
    .argument("<file>", "a report file or URL")
    .option("--format <format>", "json or md", "json")
    .option("--allow-private", "allow fetching from private addresses")
    .addHelpText(
      "after",
      "\nExamples:\n  $ crisisdesk analyze examples/iraq-pm-statement.txt\n  $ crisisdesk analyze report.html --format md",
    )
    .action(async (file: string, options: { format: string; allowPrivate?: boolean }) => {
      if (options.format !== "json" && options.format !== "md")
        throw new UsageError(`--format expects json or md, not "${options.format}"`);
      const analyses: Analysis[] = [];
      const analyse = await loadAnalyser();
      for await (const result of readInputs([file], { allowPrivate: options.allowPrivate })) {
        if (result.error) throw result.error;
        if (result.problems[0]) throw result.problems[0];
        if (result.problems[0]) throw result.problems[0];
        analyses.push(...result.documents.map((d) => analyse(d)));
      }
      if (analyses.length === 0)
        throw new CrisisdeskError("EMPTY_INPUT", "no document found", { where: file });
      if (options.format === "md") process.stdout.write(`${analyses.map(markdown).join("\n\n---\n\n")}\n`);
      else printJson(analyses.length === 1 ? analyses[0] : analyses);
    });
}
