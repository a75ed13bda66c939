// `crisisdesk ach CASE ...`: Analysis of Competing Hypotheses for a case's attribution question.
// Thin: each action calls one function of src/analysis/ach.ts and prints the matrix, the scores
// or a one-line confirmation; `--json` prints the whole state and scores for other tools.
import type { Command } from "commander";
import {
  type AchState,
  addEvidence,
  addHypothesis,
  type CaseAch,
  caseAch,
  type EvidenceItem,
  editCaseAch,
  rateEvidence,
  removeEvidence,
  removeHypothesis,
  renameHypothesis,
  setEvidenceWeights,
  WEIGHT_LEVELS,
} from "../analysis/index.js";
import { UsageError } from "../domain/index.js";
import { KnowledgeBase } from "../knowledge/index.js";
import { openStore, type Store } from "../store/index.js";
import { printJson } from "./output.js";

interface AchOptions {
  json?: boolean;
  format?: string;
  actor?: string[];
  credibility?: string;
  relevance?: string;
}

async function withStore<T>(
  command: Command,
  use: (store: Store, kb: KnowledgeBase) => Promise<T>,
): Promise<T> {
  const store = await openStore(command.optsWithGlobals().db);
  try {
    return await use(store, KnowledgeBase.load(await store.overlayActors()));
  } finally {
    await store.close();
  }
}

function weight(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const level = WEIGHT_LEVELS[value.toLowerCase() as keyof typeof WEIGHT_LEVELS];
  if (level !== undefined) return level;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`--${name} expects low, medium, high or a number, not "${value}"`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Output

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const num = (x: number) => x.toFixed(2);

function view(ach: CaseAch) {
  const { state, scores } = ach;
  return {
    case: ach.caseId,
    title: ach.title,
    seededAt: state.seededAt,
    hypotheses: state.hypotheses.map((h) => ({ ...h, ...scores.scores.find((s) => s.id === h.id)! })),
    evidence: state.evidence.map((e) => ({
      ...e,
      ...scores.diagnosticity.find((d) => d.evidence === e.id)!,
      sensitivity: scores.sensitivity.find((s) => s.evidence === e.id)!,
    })),
    ratings: state.ratings,
    ranking: scores.ranking,
    top: scores.top,
    tiedAtTop: scores.tiedAtTop,
    suggestedCells: scores.suggestedCells,
  };
}

function cellText(state: AchState, e: string, h: string): string {
  const cell = state.ratings.find((r) => r.evidence === e && r.hypothesis === h);
  return cell ? `${cell.rating}${cell.suggested ? "*" : ""}` : "";
}

function rankText(ach: CaseAch, id: string): string {
  const s = ach.scores.scores.find((x) => x.id === id)!;
  return `${s.rank}${s.tied ? "=" : ""}`;
}

function labelsOf(ach: CaseAch, ids: string[]): string {
  return ids.map((id) => `${id} ${ach.state.hypotheses.find((h) => h.id === id)?.label ?? ""}`).join(", ");
}

/** How the top of the ranking would change: "H8 joins the top; H5, H6 leave it". */
function topChange(ach: CaseAch, now: string[]): string {
  const joins = now.filter((id) => !ach.scores.top.includes(id));
  const leaves = ach.scores.top.filter((id) => !now.includes(id));
  const parts: string[] = [];
  if (joins.length) parts.push(`${labelsOf(ach, joins)} ${joins.length === 1 ? "joins" : "join"} the top`);
  if (leaves.length)
    parts.push(`${labelsOf(ach, leaves)} ${leaves.length === 1 ? "leaves" : "leave"} the top`);
  return parts.join(" and ");
}

function sensitivityLines(ach: CaseAch): string[] {
  const lines: string[] = [];
  for (const s of ach.scores.sensitivity) {
    if (!s.dropChangesTop && !s.flipChangesTop) continue;
    const parts: string[] = [];
    if (s.dropChangesTop) parts.push(`without it, ${topChange(ach, s.ifDropped)}`);
    if (s.flipChangesTop) parts.push(`if it were wrong, ${topChange(ach, s.ifFlipped)}`);
    lines.push(`${s.evidence}: ${parts.join("; ")}`);
  }
  return lines;
}

function formatText(ach: CaseAch): string {
  const { state, scores } = ach;
  const out: string[] = [`ACH for case ${ach.caseId}: ${ach.title}`, ""];
  if (state.hypotheses.length === 0) {
    out.push("No hypotheses. Add one with: crisisdesk ach CASE hypothesis add LABEL [--actor ID]", "");
    return out.join("\n");
  }
  out.push("Hypotheses (least inconsistent first)");
  for (const id of scores.ranking) {
    const h = state.hypotheses.find((x) => x.id === id)!;
    const s = scores.scores.find((x) => x.id === id)!;
    out.push(
      `  ${rankText(ach, id).padEnd(3)} ${h.id.padEnd(4)} ${cut(h.label, 60).padEnd(60)} inconsistency ${num(s.inconsistency)}${h.origin === "analyst" ? "  (analyst)" : ""}`,
    );
  }
  out.push("");
  if (state.evidence.length === 0)
    out.push("No evidence items: every score is 0 and the hypotheses are tied.");
  else {
    const hs = state.hypotheses.map((h) => h.id);
    const width = Math.max(4, ...hs.map((h) => h.length + 1));
    const row = (id: string, summary: string, cred: string, rel: string, cells: string[], diag: string) =>
      `  ${id.padEnd(4)} ${cut(summary, 52).padEnd(52)} ${cred.padStart(5)} ${rel.padStart(5)}  ${cells.map((c) => c.padEnd(width)).join(" ")} ${diag}`.trimEnd();
    out.push("Matrix (* = suggested by the engine, not yet confirmed)");
    out.push(row("", "EVIDENCE", "CRED", "REL", hs, "DIAG"));
    for (const e of state.evidence) {
      const d = scores.diagnosticity.find((x) => x.evidence === e.id)!;
      out.push(
        row(
          e.id,
          e.summary,
          num(e.credibility),
          num(e.relevance),
          hs.map((h) => cellText(state, e.id, h)),
          String(d.diagnosticity),
        ),
      );
    }
    out.push(
      row(
        "",
        "weighted inconsistency",
        "",
        "",
        hs.map((h) => num(scores.scores.find((s) => s.id === h)!.inconsistency)),
        "",
      ),
    );
    out.push(
      row(
        "",
        "rank",
        "",
        "",
        hs.map((h) => rankText(ach, h)),
        "",
      ),
    );
  }
  out.push("");
  out.push(
    scores.tiedAtTop
      ? `Least inconsistent (tied): ${labelsOf(ach, scores.top)}`
      : `Least inconsistent: ${labelsOf(ach, scores.top)}`,
  );
  const nonDiagnostic = scores.diagnosticity.filter((d) => !d.diagnostic).map((d) => d.evidence);
  if (state.evidence.length > 0)
    out.push(
      nonDiagnostic.length === state.evidence.length
        ? "No item is diagnostic: every item is rated the same for every hypothesis."
        : `Non-diagnostic (rated the same for every hypothesis): ${nonDiagnostic.join(", ") || "none"}`,
    );
  const sensitive = sensitivityLines(ach);
  out.push(
    sensitive.length
      ? `Sensitivity (items the top of the ranking depends on):\n${sensitive.map((l) => `  ${l}`).join("\n")}`
      : "Sensitivity: no single item, dropped or wrong, changes the top of the ranking.",
  );
  if (scores.suggestedCells > 0)
    out.push(
      `${scores.suggestedCells} rating${scores.suggestedCells === 1 ? " is an engine suggestion" : "s are engine suggestions"}: confirm or change with crisisdesk ach ${ach.caseId} rate E H RATING`,
    );
  out.push("");
  return out.join("\n");
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function formatMarkdown(ach: CaseAch): string {
  const { state, scores } = ach;
  const hs = state.hypotheses;
  const out = [
    `# Analysis of Competing Hypotheses: ${md(ach.title)}`,
    "",
    `Case \`${ach.caseId}\`.`,
    "",
    "## Hypotheses",
    "",
  ];
  out.push("| Rank | ID | Hypothesis | Weighted inconsistency |", "|---|---|---|---|");
  for (const id of scores.ranking) {
    const h = hs.find((x) => x.id === id)!;
    out.push(
      `| ${rankText(ach, id)} | ${id} | ${md(h.label)} | ${num(scores.scores.find((s) => s.id === id)!.inconsistency)} |`,
    );
  }
  out.push(
    "",
    "## Matrix",
    "",
    "Ratings marked * are the engine's suggestions, not yet confirmed by an analyst.",
    "",
  );
  if (state.evidence.length === 0) out.push("No evidence items yet.");
  else {
    out.push(
      `| ID | Evidence | Credibility | Relevance | ${hs.map((h) => h.id).join(" | ")} | Diagnosticity |`,
      `|---|---|---|---|${hs.map(() => "---|").join("")}---|`,
    );
    for (const e of state.evidence)
      out.push(
        `| ${e.id} | ${md(e.summary)} | ${num(e.credibility)} | ${num(e.relevance)} | ${hs.map((h) => cellText(state, e.id, h.id)).join(" | ")} | ${scores.diagnosticity.find((d) => d.evidence === e.id)!.diagnosticity} |`,
      );
    out.push(
      `| | **Weighted inconsistency** | | | ${hs.map((h) => `**${num(scores.scores.find((s) => s.id === h.id)!.inconsistency)}**`).join(" | ")} | |`,
    );
  }
  out.push("", "## Sensitivity", "");
  const sensitive = sensitivityLines(ach);
  out.push(
    ...(sensitive.length
      ? sensitive.map((l) => `- ${l}`)
      : ["No single item, dropped or wrong, changes the top of the ranking."]),
  );
  out.push("", "## Sources", "");
  for (const e of state.evidence) {
    if (e.sources.length === 0) continue;
    out.push(`- **${e.id}** ${md(e.summary)}`);
    for (const s of e.sources)
      out.push(
        `  - ${md(s.documentTitle ?? s.documentId.slice(0, 12))} (${s.published ?? "undated"}, \`${s.documentId.slice(0, 12)}\` ${s.offset[0]}–${s.offset[1]}): “${md(s.sentence)}”`,
      );
  }
  out.push("");
  return out.join("\n");
}

function formatEvidence(ach: CaseAch, e: EvidenceItem): string {
  const lines = [
    `${e.id}  ${e.summary}`,
    `kind ${e.kind.replace(/_/g, " ")} · credibility ${num(e.credibility)}${e.edited.credibility ? " (analyst)" : ""} · relevance ${num(e.relevance)}${e.edited.relevance ? " (analyst)" : ""} · extraction confidence ${num(e.confidence)}`,
    "",
    "Ratings",
  ];
  for (const h of ach.state.hypotheses) {
    const cell = ach.state.ratings.find((r) => r.evidence === e.id && r.hypothesis === h.id);
    if (cell)
      lines.push(
        `  ${h.id.padEnd(4)} ${cell.rating.padEnd(3)} ${cell.suggested ? "suggested" : "confirmed"}: ${cell.reason}  (${h.label})`,
      );
  }
  lines.push("", "Sources");
  for (const s of e.sources)
    lines.push(
      `  ${s.documentId.slice(0, 12)} [${s.offset[0]}, ${s.offset[1]}) ${s.published ?? "undated"}  ${s.sentence}`,
    );
  if (e.sources.length === 0) lines.push("  (none)");
  lines.push("");
  return lines.join("\n");
}

function print(ach: CaseAch, options: AchOptions): void {
  const format = options.json ? "json" : (options.format ?? "text");
  if (format === "json") printJson(view(ach));
  else if (format === "md") process.stdout.write(formatMarkdown(ach));
  else process.stdout.write(formatText(ach));
}

// ---------------------------------------------------------------------------------------------
// The command

function need(args: string[], count: number, usage: string): string[] {
  if (args.length !== count) throw new UsageError(`expected: crisisdesk ach CASE ${usage}`);
  return args;
}

export function registerAchCommand(program: Command): void {
  program
    .command("ach")
    .description("Analysis of Competing Hypotheses for a case: who did it, on what evidence")
    .argument("<case>", "the case id")
    .argument("[action]", "seed | hypothesis | evidence | rate (default: print the matrix and scores)")
    .argument("[args...]", "the action's arguments")
    .option("--json", "print the state and scores as JSON")
    .option("--format <format>", "text | md | json", "text")
    .option("--actor <id...>", "hypothesis add: the actor ids the hypothesis blames")
    .option(
      "--credibility <weight>",
      "evidence add|set: low, medium, high or a number (default from confidence)",
    )
    .option("--relevance <weight>", "evidence add|set: low, medium, high or a number")
    .addHelpText(
      "after",
      [
        "",
        "Actions:",
        "  (none)                              print the matrix, scores, diagnosticity and sensitivity",
        "  seed                                (re)seed hypotheses and evidence from the case's reports, keeping analyst edits",
        "  hypothesis add LABEL [--actor ID]   add a hypothesis",
        "  hypothesis remove H                 remove one (seeding will not bring it back)",
        "  hypothesis rename H LABEL",
        "  evidence add TEXT [--credibility W] [--relevance W]",
        "  evidence set E [--credibility W] [--relevance W]",
        "  evidence remove E",
        "  evidence show E                     an item's sources and the reason for each rating",
        "  rate E H CC|C|N|I|II|suggested      confirm or change a rating (suggested: back to the engine's)",
        "",
        "Examples:",
        "  $ crisisdesk ach kadhimi-2021",
        "  $ crisisdesk ach kadhimi-2021 --format md > ach.md",
        '  $ crisisdesk ach kadhimi-2021 hypothesis add "Staged by a rival faction" --actor group:saraya-al-salam',
        "  $ crisisdesk ach kadhimi-2021 rate E3 H1 I",
        "  $ crisisdesk ach kadhimi-2021 evidence set E2 --credibility high",
      ].join("\n"),
    )
    .action(
      async (
        caseId: string,
        action: string | undefined,
        args: string[],
        options: AchOptions,
        command: Command,
      ) => {
        if (!["text", "md", "json"].includes(options.format ?? "text"))
          throw new UsageError(`--format expects text, md or json, not "${options.format}"`);
        const credibility = weight("credibility", options.credibility);
        const relevance = weight("relevance", options.relevance);
        await withStore(command, async (store, kb) => {
          const say = (ach: CaseAch, line: string) => {
            if (options.json || options.format === "json") printJson(view(ach));
            else process.stdout.write(`${line}\n`);
          };
          switch (action) {
            case undefined: {
              const ach = await caseAch(store, kb, caseId);
              if (ach.seeded)
                process.stderr.write(`crisisdesk: seeded the ACH of case ${caseId} from its reports\n`);
              print(ach, options);
              return;
            }
            case "seed": {
              need(args, 0, "seed");
              const ach = await caseAch(store, kb, caseId, { reseed: true });
              if (!options.json && options.format === "text")
                process.stdout.write(
                  `seeded case ${caseId}: ${ach.state.hypotheses.length} hypotheses, ${ach.state.evidence.length} evidence items, ${ach.scores.suggestedCells} suggested and ${ach.state.ratings.length - ach.scores.suggestedCells} confirmed ratings\n\n`,
                );
              print(ach, options);
              return;
            }
            case "hypothesis": {
              const [sub, ...rest] = args;
              if (sub === "add") {
                const [label] = need(rest, 1, "hypothesis add LABEL [--actor ID]");
                const unknown = (options.actor ?? []).filter((id) => !id.startsWith("new:") && !kb.actor(id));
                if (unknown.length)
                  throw new UsageError(
                    `not in the knowledge base: ${unknown.join(", ")} (see crisisdesk actors show NAME)`,
                  );
                const ach = await editCaseAch(store, kb, caseId, (s) =>
                  addHypothesis(s, kb, { label: label!, actors: options.actor }),
                );
                say(ach, `added ${ach.result.hypothesis.id} "${ach.result.hypothesis.label}"`);
              } else if (sub === "remove") {
                const [ref] = need(rest, 1, "hypothesis remove H");
                const ach = await editCaseAch(store, kb, caseId, (s) => removeHypothesis(s, kb, ref!));
                say(ach, `removed ${ach.result.hypothesis.id} "${ach.result.hypothesis.label}"`);
              } else if (sub === "rename") {
                const [ref, label] = need(rest, 2, "hypothesis rename H LABEL");
                const ach = await editCaseAch(store, kb, caseId, (s) => renameHypothesis(s, ref!, label!));
                say(ach, `renamed ${ach.result.hypothesis.id} to "${ach.result.hypothesis.label}"`);
              } else throw new UsageError("expected: crisisdesk ach CASE hypothesis add|remove|rename ...");
              return;
            }
            case "evidence": {
              const [sub, ...rest] = args;
              if (sub === "add") {
                const [text] = need(rest, 1, "evidence add TEXT [--credibility W] [--relevance W]");
                const ach = await editCaseAch(store, kb, caseId, (s) =>
                  addEvidence(s, kb, { summary: text!, credibility, relevance }),
                );
                say(ach, `added ${ach.result.evidence.id} "${ach.result.evidence.summary}"`);
              } else if (sub === "set") {
                const [ref] = need(rest, 1, "evidence set E [--credibility W] [--relevance W]");
                if (credibility === undefined && relevance === undefined)
                  throw new UsageError("nothing to change: give --credibility and/or --relevance");
                const ach = await editCaseAch(store, kb, caseId, (s) =>
                  setEvidenceWeights(s, ref!, { credibility, relevance }),
                );
                const e = ach.result.evidence;
                say(ach, `${e.id}: credibility ${num(e.credibility)}, relevance ${num(e.relevance)}`);
              } else if (sub === "remove") {
                const [ref] = need(rest, 1, "evidence remove E");
                const ach = await editCaseAch(store, kb, caseId, (s) => removeEvidence(s, ref!));
                say(ach, `removed ${ach.result.evidence.id} "${ach.result.evidence.summary}"`);
              } else if (sub === "show") {
                const [ref] = need(rest, 1, "evidence show E");
                const ach = await caseAch(store, kb, caseId);
                const e = ach.state.evidence.find((x) => x.id.toLowerCase() === ref!.toLowerCase());
                if (!e) throw new UsageError("no evidence item with this id", { where: ref });
                if (options.json || options.format === "json")
                  printJson({ ...e, ratings: ach.state.ratings.filter((r) => r.evidence === e.id) });
                else process.stdout.write(formatEvidence(ach, e));
              } else throw new UsageError("expected: crisisdesk ach CASE evidence add|set|remove|show ...");
              return;
            }
            case "rate": {
              const [e, h, rating] = need(args, 3, "rate EVIDENCE HYPOTHESIS CC|C|N|I|II|suggested");
              const ach = await editCaseAch(store, kb, caseId, (s) => rateEvidence(s, kb, e!, h!, rating!));
              const cell = ach.result.cell;
              say(
                ach,
                `${cell.evidence} × ${cell.hypothesis}: ${cell.rating}${cell.suggested ? " (the engine's suggestion)" : " (confirmed)"}`,
              );
              return;
            }
            default:
              throw new UsageError(`unknown action "${action}"; expected seed, hypothesis, evidence or rate`);
          }
        });
      },
    );
}
