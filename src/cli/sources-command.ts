// `crisisdesk sources`: the analyst's Admiralty grades of outlets (set, list, remove). Each
// subcommand parses, calls one library function (src/review/source-grades.ts), and formats.
import type { Command } from "commander";
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from "../domain/index.js";
import { gradeSource, listSourceGrades, removeSourceGrade } from "../review/index.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

const out = (line = "") => process.stdout.write(`${line}\n`);

const metaOf = (o: { by?: string; note?: string }) => ({
  by: o.by?.trim() || process.env.USER || "analyst",
  note: o.note ?? null,
});

export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command("sources")
    .description("Grade sources on the Admiralty scale: reliability A–F, default credibility 1–6")
    .addHelpText(
      "after",
      `\nReliability: ${Object.entries(RELIABILITY_LABELS)
        .map(([k, v]) => `${k} ${v.toLowerCase()}`)
        .join(", ")}.\nCredibility: ${Object.entries(CREDIBILITY_LABELS)
        .map(([k, v]) => `${k} ${v.toLowerCase()}`)
        .join(
          ", ",
        )}.\n\nA grade names an outlet by its web site (reuters.com, or Reuters), its author line or its file.\nGrades feed ACH credibility weights, the brief's footnotes ([B2]) and STIX confidence.\n\nExamples:\n  $ crisisdesk sources set "Reuters" --reliability B\n  $ crisisdesk sources set example.org --reliability C --credibility 3 --note "unknown wire"\n  $ crisisdesk review set r-3fa2c9d01b2c --credibility 2\n  $ crisisdesk sources list`,
    );

  sources
    .command("set")
    .description("Grade a source (again)")
    .argument("<name>", "the outlet: a web site, a name, an author line or a file")
    .requiredOption("--reliability <A-F>", "A completely reliable … E unreliable, F cannot be judged")
    .option("--credibility <1-6>", "the default credibility of what it reports")
    .option("--by <name>", "who grades (default: $USER)")
    .option("--note <text>", "why")
    .option("--json", "print JSON")
    .action(
      async (
        name: string,
        options: { reliability: string; credibility?: string; by?: string; note?: string; json?: boolean },
        command: Command,
      ) => {
        const grade = await withStore(command, (store) =>
          gradeSource(
            store,
            { name, reliability: options.reliability, credibility: options.credibility },
            metaOf(options),
          ),
        );
        if (options.json) return printJson(grade);
        out(
          `graded ${grade.name}: ${grade.reliability} (${RELIABILITY_LABELS[grade.reliability].toLowerCase()})${grade.credibility ? `, its reports ${grade.credibility} (${CREDIBILITY_LABELS[grade.credibility].toLowerCase()})` : ""} — by ${grade.by}`,
        );
      },
    );

  sources
    .command("list")
    .description("The graded sources, and the outlets of stored reports no grade covers")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const entries = await withStore(command, (store) => listSourceGrades(store));
      if (options.json) return printJson(entries);
      if (entries.length === 0) {
        out("no sources: ingest reports or grade one with `sources set`");
        return;
      }
      printTable(
        entries.map((e) => ({
          name: e.name,
          grade: e.grade ? `${e.grade.reliability}${e.grade.credibility ?? ""}` : "–",
          reports: e.documents,
          by: e.grade?.by ?? "",
          note: e.grade?.note ?? "",
        })),
        [
          { key: "name", label: "source", max: 50 },
          { key: "grade", label: "grade" },
          { key: "reports", label: "reports" },
          { key: "by", label: "by" },
          { key: "note", label: "note", max: 40 },
        ],
      );
    });

  sources
    .command("remove")
    .description("Forget a source's grade")
    .argument("<name>", "the graded name")
    .action(async (name: string, _options: unknown, command: Command) => {
      const removed = await withStore(command, (store) => removeSourceGrade(store, name));
      out(`removed the grade of ${removed.name}`);
    });
}
