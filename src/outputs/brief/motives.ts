// "Stated motives and context": the reports' own sentences that say why the event happened or
// what it happened amid — a stated motive ("in retaliation for", "aimed at", "to shift attention
// from"), a cause ("because", "led to"), or the setting ("after", "amid", a protest, an election,
// a dispute) — taken near the main event or the attribution claims, a handful at most, each
// footnoted. They are the reports' statements, and the section says so.
import type { EventCluster } from "../../analysis/index.js";
import type { BriefContext, BriefReport, TextSentence } from "./context.js";
import type { Block, Line } from "./model.js";
import { leansOnContext, proseSentence, similarity } from "./prose.js";

/** Cue phrases by strength: a stated motive, a setting, a sequence. */
const CUES: { weight: number; pattern: RegExp }[] = [
  {
    weight: 3,
    pattern:
      /\b(because|led to|caused|in retaliation|retaliat\w*|revenge|reprisal|aimed at|aim(?:ed)? to|in order to|intended to|sought to|motives?|motivated|to punish|in response to|in protest|to shift attention|to blame|staged|resort to|message to|warning to)\b/i,
  },
  {
    weight: 2,
    pattern:
      /\b(elections?|electoral|polls|vote|votes|dispute\w*|protest\w*|demonstrat\w*|tensions?|rivalr\w*|feud|crisis|campaign|conflict|escalation|sanctions?|pressure|atmosphere)\b/i,
  },
  {
    weight: 1,
    pattern:
      /\b(after|amid|followed|following|since|came as|came after|days? (?:earlier|before)|weeks? (?:earlier|before)|months? (?:earlier|before))\b/i,
  },
];

const EVENT_WORDS = /\b(attack|attempt|assassination|shooting|strike|bombing|killing|incident)\b/i;

const REACTION_WORDS =
  /\b(condemn\w*|denounc\w*|deplor\w*|solidarity|condolences|thoughts are with|praying)\b/i;

interface Candidate {
  report: BriefReport;
  sentence: TextSentence;
  score: number;
}

function cueScore(text: string): number {
  const hits = CUES.filter((c) => c.pattern.test(text)).map((c) => c.weight);
  if (hits.length === 0) return 0;
  return Math.max(...hits) + 0.5 * (hits.length - 1);
}

function candidates(ctx: BriefContext, main: EventCluster | null, used: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const report of ctx.input.reports) {
    const sentences = ctx.sentencesOf(report);
    // Where the event and the claims are told: their paragraphs and the ones next to them.
    const anchors = [
      ...(main?.accounts.filter((a) => a.documentId === report.id).map((a) => a.offset) ?? []),
      ...report.analysis.attributions.map((a) => a.offset),
    ];
    const near = new Set(
      anchors.flatMap((o) => {
        const s = ctx.sentenceAt(report, o);
        return s ? [s.paragraph - 1, s.paragraph, s.paragraph + 1] : [];
      }),
    );
    const reactions = new Set(report.analysis.reactions.map((r) => r.offset[0]));
    // A section the report calls "Why now", "Background" or "Context" is context by its own account.
    let contextHeading = false;
    for (const s of sentences) {
      if (s.heading) {
        contextHeading = /\b(why|background|context|motive|cause|origins?)\b/i.test(s.text);
        continue;
      }
      // Under "Scenario 1: escalation" or "What to watch" a report looks ahead, not back.
      if (ctx.looksAhead(report, s.span)) continue;
      if (used.has(`${report.id}#${s.span[0]}`)) continue;
      if (s.text === report.title || s.text.length < 40 || s.text.length > 340) continue;
      if (leansOnContext(s.text)) continue;
      const cue = cueScore(s.text);
      if (cue === 0) continue;
      // A sentence about the event itself ("The attack came two days after …") frames it.
      const aboutEvent = EVENT_WORDS.test(s.text) ? 1 : 0;
      let score = cue + aboutEvent + (near.has(s.paragraph) ? 1.5 : 0) + (contextHeading ? 1.5 : 0);
      // A condemnation with a passing "after" is a reaction, not context.
      if (reactions.has(s.span[0]) && cue < 3) score -= 2;
      if (REACTION_WORDS.test(s.text) && cue < 3) score -= 1.5;
      // Scenario and indicator lists, and an analyst's look ahead, are not the reports' account of why.
      if (/^(indicators?|scenarios?|hypothes[ie]s)\b/i.test(s.text)) continue;
      if (/\b(from here|paths?|scenarios?|going forward)\b/i.test(s.text)) score -= 2;
      if (score >= 3) out.push({ report, sentence: s, score });
    }
  }
  return out.sort(
    (a, b) =>
      b.score - a.score ||
      (a.report.published ?? "9999").localeCompare(b.report.published ?? "9999") ||
      a.sentence.index - b.sentence.index,
  );
}

export function motivesSection(ctx: BriefContext, main: EventCluster | null, noun: string, max = 5): Block[] {
  const picked: Candidate[] = [];
  for (const c of candidates(ctx, main, ctx.told)) {
    if (picked.length === max) break;
    if (picked.filter((p) => p.report.id === c.report.id).length >= 2) continue;
    if (picked.some((p) => similarity(p.sentence.text, c.sentence.text) > 0.35)) continue;
    picked.push(c);
  }
  if (picked.length === 0)
    return [
      {
        kind: "paragraph",
        lines: [{ text: `The reports state no motive for ${noun} and give no context for it.`, cites: [] }],
      },
    ];
  picked.sort(
    (a, b) =>
      (a.report.published ?? "9999").localeCompare(b.report.published ?? "9999") ||
      a.report.id.localeCompare(b.report.id) ||
      a.sentence.index - b.sentence.index,
  );
  for (const c of picked) ctx.told.add(`${c.report.id}#${c.sentence.span[0]}`);
  const lines: Line[] = picked.map((c) => ({
    text: proseSentence(c.sentence.text),
    cites: [ctx.cite(c.report, c.sentence.text, c.sentence.span)],
  }));
  return [
    {
      kind: "paragraph",
      lines: [
        {
          text: "The reports give the following motives and context; they are the reports’ statements, not established findings.",
          cites: [],
        },
      ],
    },
    { kind: "paragraph", lines },
  ];
}
