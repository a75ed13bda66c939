// "Scenarios and indicators": the case's scenarios with their current likelihoods (and how far
// the indicators have moved them from the priors), each indicator fired or not, the reports'
// sentences that fired them footnoted. With no scenarios, one line says how to add them.
import type { ScenarioStatus } from "../../analysis/index.js";
import type { BriefContext } from "./context.js";
import type { Block, Cell, Line } from "./model.js";
import { capitalise, count, joinList, longDate, numberWord, percent } from "./prose.js";

function movement(change: number): string {
  const points = Math.round(change * 100);
  if (points === 0) return "unchanged";
  return points > 0 ? `up ${points} points` : `down ${-points} points`;
}

export function scenariosSection(ctx: BriefContext): Block[] {
  const status: ScenarioStatus = ctx.input.scenarios;
  const caseId = ctx.input.case.id;
  if (status.scenarios.length === 0)
    return [
      {
        kind: "paragraph",
        lines: [
          {
            text: `No scenarios have been defined for this case; add them with \`crisisdesk scenarios ${caseId} add NAME --prior P\` and their indicators with \`crisisdesk scenarios ${caseId} indicator add NAME "QUERY" --lr R\`.`,
            cites: [],
          },
        ],
      },
    ];
  const ranked = [...status.scenarios].sort((a, b) => b.likelihood - a.likelihood);
  const lines: Line[] = [];
  const top = ranked[0]!;
  const fired = status.indicators.filter((i) => i.fired > 0);
  lines.push({
    text: `${capitalise(count(status.scenarios.length, "scenario"))} ${status.scenarios.length === 1 ? "is" : "are"} defined; “${top.name}” is the most likely at ${percent(top.likelihood)} (prior ${percent(top.normalisedPrior)}).`,
    cites: [],
  });
  lines.push({
    text:
      status.indicators.length === 0
        ? "No indicators have been written yet, so the likelihoods are the priors."
        : `${capitalise(numberWord(fired.length))} of the ${count(status.indicators.length, "indicator")} ${fired.length === 1 ? "has" : "have"} fired on the case’s reports.`,
    cites: [],
  });
  if (status.resolved)
    lines.push({
      text: `The case has been resolved as “${status.resolved.name}” (${longDate(status.resolved.at)})${status.brier ? `; the Brier score of the recorded forecasts is ${status.brier.score.toFixed(3)}` : ""}.`,
      cites: [],
    });
  for (const w of status.warnings) lines.push({ text: capitalise(w.replace(/[.]?$/, ".")), cites: [] });

  const rows: Cell[][] = ranked.map((s) => [
    { text: s.name, ...(s === top ? { tone: "strong" as const } : {}) },
    { text: percent(s.normalisedPrior) },
    { text: percent(s.likelihood), ...(s === top ? { tone: "strong" as const } : {}) },
    { text: movement(s.change) },
    {
      text: s.indicators ? `${s.fired} of ${s.indicators}` : "none defined",
      ...(s.indicators ? {} : { tone: "muted" as const }),
    },
  ]);
  const blocks: Block[] = [
    { kind: "paragraph", lines },
    {
      kind: "table",
      caption: "Scenarios, most likely first",
      head: ["Scenario", "Prior", "Now", "Change", "Indicators fired"],
      rows,
      narrow: [1, 2, 3, 4],
    },
  ];

  // Each indicator, with the reports' sentences that fired it (from the history).
  const items: Line[] = status.indicators.map((i) => {
    const firings = status.history.filter((h) => h.kind === "fired" && h.indicator === i.id);
    const evidence = firings.flatMap((h) => h.evidence ?? []);
    const cites = [...new Map(evidence.map((e) => [`${e.documentId}#${e.offset[0]}`, e])).values()]
      .slice(0, 3)
      .map((e) => ctx.cite({ id: e.documentId }, e.sentence, e.offset));
    const what = i.label ? `${i.label} (\`${i.query}\`)` : `\`${i.query}\``;
    const state =
      i.fired > 0
        ? i.fired === 1
          ? `fired on ${firings[0] ? longDate(firings[0].at) : "an update"}`
          : `fired ${numberWord(i.fired)} times${firings[0] ? `, first on ${longDate(firings[0].at)}` : ""}`
        : "not fired";
    return {
      text: `${i.id} for “${i.scenarioName}”, likelihood ratio ${i.lr}: ${what}; ${state}.`,
      cites,
    };
  });
  if (items.length) blocks.push({ kind: "subheading", text: "Indicators" }, { kind: "list", items });
  const unwatched = status.scenarios.filter((s) => s.indicators === 0).map((s) => `“${s.name}”`);
  if (unwatched.length && status.indicators.length)
    blocks.push({
      kind: "paragraph",
      lines: [
        {
          text: `${capitalise(joinList(unwatched))} ${unwatched.length === 1 ? "has" : "have"} no indicator yet, so only the others’ indicators can move ${unwatched.length === 1 ? "it" : "them"}.`,
          cites: [],
        },
      ],
    });
  return blocks;
}
