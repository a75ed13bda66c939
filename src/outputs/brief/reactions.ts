// "Reactions": the reaction matrix told as prose, group by group (domestic, regional,
// international): who took which stance, joined as a writer joins them ("Saudi Arabia, the United
// Arab Emirates and Qatar condemned the attack"), each reactor footnoted to its strongest wording,
// then their own words where the reports quote them, then the expected actors that stayed silent.
// A small table sums the matrix up; the full matrix is `crisisdesk reactions CASE`.
import {
  type MatrixRow,
  REACTION_GROUPS,
  type ReactionGroup,
  type ReactionMention,
  voiceKey,
} from "../../analysis/index.js";
import type { ActorRef, Stance } from "../../domain/index.js";
import { type BriefContext, namesNoOne } from "./context.js";
import type { Block, Cell, Line } from "./model.js";
import { capitalise, joinList, numberWord, openingNumber, theName } from "./prose.js";

/** One voice in a group: a state (its ministries and office-holders merged), an organisation, or an actor. */
interface Reactor {
  key: string;
  label: string;
  /** The label without a person's office, for a second mention. */
  short: string;
  /** The person or body behind the words, when the voice is a state: for quotes. */
  rows: MatrixRow[];
  first: string;
  reports: number;
  /** Publication date, report and offset of its earliest mention, for ordering lists. */
  position: string;
}

const STANCE_ORDER: Stance[] = [
  "claim_responsibility",
  "condemn",
  "express_concern",
  "deny",
  "downplay",
  "call_for_restraint",
  "offer_assistance",
  "support",
  "other",
];

const COLUMN: Record<Stance, string> = {
  condemn: "Condemned",
  express_concern: "Concern",
  call_for_restraint: "Restraint",
  offer_assistance: "Help offered",
  support: "Support",
  deny: "Denied a role",
  downplay: "Played down",
  claim_responsibility: "Claimed it",
  other: "Other",
};

const GROUP_TITLE: Record<ReactionGroup, string> = {
  domestic: "Domestic",
  regional: "Regional",
  international: "International",
  unplaced: "Of no known country",
};

function stancePhrase(stance: Stance, noun: string): string {
  switch (stance) {
    case "condemn":
      return `condemned ${noun}`;
    case "express_concern":
      return "expressed concern";
    case "call_for_restraint":
      return "called for restraint";
    case "offer_assistance":
      return "offered assistance";
    case "support":
      return "expressed support";
    case "deny":
      return "denied any role";
    case "downplay":
      return `played down ${noun} or cast doubt on it`;
    case "claim_responsibility":
      return "claimed responsibility";
    case "other":
      return "commented";
  }
}

function reactorsOf(ctx: BriefContext, rows: MatrixRow[], group: ReactionGroup): Reactor[] {
  const byKey = new Map<string, Reactor>();
  const states = new Set(
    rows.flatMap((r) => (r.voice.kind === "state" && !r.voice.inferred ? [r.voice.country] : [])),
  );
  for (const row of rows) {
    // At home each actor speaks for itself (the president and a militia are not one voice);
    // abroad a state's ministries and office-holders speak as the state. A person the knowledge
    // base does not know joins their state only when the state speaks in the reports anyway
    // (their country is the engine's guess); otherwise they keep their own name.
    const v = row.voice;
    const inferred = v.kind === "state" && v.inferred === true;
    const asState =
      group !== "domestic" &&
      v.kind !== "non_state" &&
      (!inferred || (v.kind === "state" && states.has(v.country)));
    const key = asState ? voiceKey(v, row.actor) : row.key;
    const label = !asState
      ? inferred && v.kind === "state" && group !== "domestic"
        ? `${ctx.actorName(row.actor)} (${ctx.countryName(v.country) ?? v.country})`
        : ctx.actorName(row.actor)
      : v.kind === "state"
        ? (ctx.countryName(v.country) ?? v.name)
        : theName(v.name, "igo");
    const short = asState ? label : ctx.actorName(row.actor, { title: false });
    const r = byKey.get(key) ?? { key, label, short, rows: [], first: "9999", reports: 0, position: "~" };
    r.rows.push(row);
    r.first = [r.first, row.firstDate ?? "9999"].sort()[0]!;
    r.reports = Math.max(r.reports, row.reports);
    // Where the earliest report names it: a list reads in the order the reports give it.
    for (const m of row.mentions) {
      // Several reactors in one sentence ("Saudi Arabia, the United Arab Emirates and Qatar …") keep its order.
      const within = m.sentence.indexOf(row.actor.name);
      const position = `${m.published ?? "9999"}|${m.documentId}|${String(m.offset[0]).padStart(9, "0")}|${String(within < 0 ? 9999 : within).padStart(4, "0")}`;
      if (position < r.position) r.position = position;
    }
    byKey.set(key, r);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.first.localeCompare(b.first) ||
      b.reports - a.reports ||
      a.position.localeCompare(b.position) ||
      a.label.localeCompare(b.label),
  );
}

const stancesOf = (r: Reactor): Set<Stance> => new Set(r.rows.map((row) => row.stance));

function stanceLines(ctx: BriefContext, reactors: Reactor[], noun: string): Line[] {
  const stances = STANCE_ORDER.filter((s) => reactors.some((r) => stancesOf(r).has(s))).sort(
    (a, b) =>
      reactors.filter((r) => stancesOf(r).has(b)).length -
        reactors.filter((r) => stancesOf(r).has(a)).length ||
      STANCE_ORDER.indexOf(a) - STANCE_ORDER.indexOf(b),
  );
  const named = new Set<string>();
  return stances.map((stance) => {
    const who = reactors.filter((r) => stancesOf(r).has(stance));
    const also = who.every((r) => named.has(r.key)) ? " also" : "";
    // A person's office is given the first time they are named, not again.
    const labels = who.map((r) => (named.has(r.key) ? r.short : r.label));
    for (const r of who) named.add(r.key);
    const cites = who.map((r) => {
      // The row whose wording is strongest (highest confidence) stands for the voice.
      const best = r.rows
        .filter((row) => row.stance === stance)
        .sort((a, b) => b.strongest.confidence - a.strongest.confidence)[0]!;
      return ctx.cite({ id: best.strongest.documentId }, best.strongest.sentence, best.strongest.offset);
    });
    return {
      text: `${capitalise(joinList(labels))}${also} ${stancePhrase(stance, noun)}.`,
      cites,
    };
  });
}

const PREPOSITIONS = new Set(
  "in on at with for from by of to into over under about against after before during since as than".split(
    " ",
  ),
);
const DETERMINERS = new Set(
  "a an the this that these those such any all every our their his her its my your no some what".split(" "),
);

/**
 * A reactor's own words as a sentence of the brief. A whole quoted sentence is given as said; a
 * noun phrase ("cowardly terrorist act") as what the speaker spoke of; a fragment that cannot
 * stand in either frame ("in the strongest terms", "to exercise utmost restraint") is left to the
 * footnote, which quotes the report's sentence in full.
 */
export function quoteSentence(speaker: string, quote: string, stance: Stance): string | null {
  const q = quote.trim().replace(/[,;:]+$/, "");
  const words = q.split(/\s+/);
  if (words.length < 3) return null;
  const first = words[0]!.toLowerCase();
  const last = words[words.length - 1]!.toLowerCase().replace(/[^a-z]/g, "");
  if (/^\p{Lu}/u.test(q) && words.length >= 5) {
    return /[.!?…]$/.test(q) ? `${speaker} said: “${q}”` : `${speaker} said: “${q}”.`;
  }
  // "strongly condemned" is a verb phrase; "cowardly terrorist act" a noun phrase.
  const adverb = /ly$/.test(first) && /(ed|es|s)$/.test(words[1]!.toLowerCase());
  if (PREPOSITIONS.has(first) || adverb || words.length > 8 || /[.!?]$/.test(q)) return null;
  if (stance === "offer_assistance") return `${speaker} offered “${q}”.`;
  const plural = /s$/.test(last) && !/(ss|us|is)$/.test(last);
  const article = DETERMINERS.has(first) || plural ? "" : /^[aeiou]/i.test(q) ? "an " : "a ";
  return `${speaker} spoke of ${article}“${q}”.`;
}

/** Whether a quote's speaker is the reacting actor (by id, else by name). */
function sameActor(a: ActorRef | null, b: ActorRef): boolean {
  if (!a) return false;
  return a.id && b.id ? a.id === b.id : a.name.toLowerCase() === b.name.toLowerCase();
}

/**
 * The reactor's own words in a mention's sentence: the quotes the extraction gave to this actor,
 * or, when it gave them to no one, the quotes of a sentence where this actor is the only one
 * reacting. A quote split by its attribution ("“This apparent act of terrorism, which we strongly
 * condemn,” Price said, “was directed at the heart of the Iraqi state.”") is put back together.
 */
function ownWords(ctx: BriefContext, row: MatrixRow, m: ReactionMention): string | null {
  const report = ctx.report(m.documentId);
  if (!report) return m.quote;
  const inSentence = report.analysis.quotes
    .filter((q) => q.offset[0] >= m.offset[0] && q.offset[1] <= m.offset[1])
    .sort((a, b) => a.offset[0] - b.offset[0]);
  const reactors = new Set(
    report.analysis.reactions
      .filter((r) => r.offset[0] === m.offset[0])
      .map((r) => r.actor.id ?? r.actor.name),
  );
  const mine = inSentence.filter((q) => (q.speaker ? sameActor(q.speaker, row.actor) : reactors.size === 1));
  if (mine.length === 0) return inSentence.length === 0 && reactors.size === 1 ? m.quote : null;
  // A quote's offsets are its sentence's; where its words sit in the sentence is found in order.
  let text = mine[0]!.text.trim();
  let end = m.sentence.indexOf(text);
  if (end < 0) return text;
  end += text.length;
  for (const next of mine.slice(1)) {
    const words = next.text.trim();
    const at = m.sentence.indexOf(words, end);
    if (at < 0) break;
    // Only the words between the two parts decide: `,” Price said, “` continues the quote;
    // `,” he wrote, thanking God, and he called for “` starts another.
    const between = m.sentence.slice(end, at);
    const continued =
      /^,?\s*["”'’],?\s*[^"“”]{0,60}\b(said|says|added|wrote|told [^,]{1,40}),\s*["“'‘]$/.test(between) &&
      /^\p{Ll}/u.test(words);
    if (!continued) break;
    text = `${text.replace(/,$/, "")}, ${words}`;
    end = at + words.length;
  }
  return text;
}

/** A long quote is cut after its first sentence: the footnote and the report hold the rest. */
function trimQuote(words: string): string {
  if (words.split(/\s+/).length <= 30) return words;
  const first = /^.{20,}?[.!?](?=\s+\p{Lu})/u.exec(words);
  return first ? first[0] : words;
}

function quoteLines(ctx: BriefContext, reactors: Reactor[], max: number): Line[] {
  const candidates: { line: string; reactor: string; words: number; cite: () => number }[] = [];
  const add = (r: Reactor, row: MatrixRow, words: string, at: string, cite: () => number) => {
    // A sentence another section already tells (a motive, say) is not quoted again here.
    if (ctx.told.has(at)) return;
    // The speaker is the actor behind the words, named without the title the stance line gave.
    const speaker = capitalise(ctx.actorName(row.actor, { title: false }));
    const line = quoteSentence(speaker, trimQuote(words), row.stance);
    if (line) candidates.push({ line, reactor: r.key, words: words.split(/\s+/).length, cite });
  };
  for (const r of reactors)
    for (const row of r.rows) {
      const sentences = new Set<string>();
      for (const m of row.mentions) {
        sentences.add(`${m.documentId}#${m.offset[0]}`);
        const words = ownWords(ctx, row, m);
        if (words)
          add(r, row, words, `${m.documentId}#${m.offset[0]}`, () =>
            ctx.cite({ id: m.documentId }, m.sentence, m.offset),
          );
      }
      // The reactor's words in the report's other sentences ("… peacefully," Albanese told reporters).
      for (const id of new Set(row.mentions.map((m) => m.documentId))) {
        const report = ctx.report(id);
        for (const q of report?.analysis.quotes ?? []) {
          if (!sameActor(q.speaker, row.actor) || sentences.has(`${id}#${q.offset[0]}`)) continue;
          add(r, row, q.text, `${id}#${q.offset[0]}`, () => ctx.cite({ id }, q.sentence, q.offset));
        }
      }
    }
  const picked: typeof candidates = [];
  // Whole sentences first (they carry the most), then the longest; one quote per voice.
  for (const c of candidates.sort(
    (a, b) => Number(/ said: /.test(b.line)) - Number(/ said: /.test(a.line)) || b.words - a.words,
  )) {
    if (picked.length === max) break;
    if (picked.some((p) => p.reactor === c.reactor || p.line === c.line)) continue;
    picked.push(c);
  }
  const order = new Map(reactors.map((r, i) => [r.key, i]));
  return picked
    .sort((a, b) => order.get(a.reactor)! - order.get(b.reactor)!)
    .map((c) => ({ text: c.line, cites: [c.cite()] }));
}

function silentLines(ctx: BriefContext): Line[] {
  const m = ctx.matrix;
  if (!m.country) return [];
  if (m.expected.length === 0) return [];
  if (m.silent.length === 0)
    return [
      {
        text: "Every actor expected to react (neighbours, permanent members of the UN Security Council, regional organisations) has reacted in these reports.",
        cites: [],
      },
    ];
  const country = ctx.countryName(m.country) ?? m.country;
  const reasonOf = (reason: string) =>
    /neighbour/.test(reason)
      ? "neighbour"
      : /sub-region/.test(reason)
        ? "same sub-region"
        : /Security Council/.test(reason)
          ? "p5"
          : "organisation";
  const groups = new Map<string, string[]>();
  for (const s of m.silent) {
    const reason = reasonOf(s.reasons[0] ?? "");
    const name = s.kind === "state" ? theName(s.name, "state") : theName(s.name, "igo");
    groups.set(reason, [...(groups.get(reason) ?? []), name]);
  }
  const label: Record<string, (n: number) => string> = {
    neighbour: (n) => (n === 1 ? "a neighbour" : "neighbours"),
    "same sub-region": (n) => (n === 1 ? "in the same sub-region" : "in the same sub-region"),
    p5: (n) =>
      n === 1
        ? "a permanent member of the UN Security Council"
        : "permanent members of the UN Security Council",
    organisation: (n) =>
      n === 1
        ? `a regional organisation ${country} belongs to`
        : `regional organisations ${country} belongs to`,
  };
  const parts = ["neighbour", "same sub-region", "p5", "organisation"].flatMap((k) => {
    const names = groups.get(k);
    return names ? [`${joinList(names)} (${label[k]!(names.length)})`] : [];
  });
  const verb = m.silent.length === 1 ? "has" : "have";
  return [
    {
      text: `Of the actors expected to react, ${parts.length > 1 ? `${parts.slice(0, -1).join("; ")}; and ${parts[parts.length - 1]}` : parts[0]} ${verb} not reacted in these reports.`,
      cites: [],
    },
    {
      text: "Silence here means only that no report in the case carries a reaction: a statement the reports did not cover, or the engine missed, looks the same.",
      cites: [],
    },
  ];
}

function summaryTable(ctx: BriefContext, byGroup: Map<ReactionGroup, Reactor[]>): Block | null {
  const present = STANCE_ORDER.filter((s) =>
    [...byGroup.values()].some((rs) => rs.some((r) => stancesOf(r).has(s))),
  );
  if (present.length === 0) return null;
  const rows: Cell[][] = [];
  for (const [group, reactors] of byGroup) {
    if (reactors.length === 0) continue;
    rows.push([
      { text: GROUP_TITLE[group] },
      { text: String(reactors.length) },
      ...present.map((s) => {
        const n = reactors.filter((r) => stancesOf(r).has(s)).length;
        return { text: n ? String(n) : "–", ...(n ? {} : { tone: "muted" as const }) };
      }),
    ]);
  }
  const all = [...byGroup.values()].flat();
  rows.push([
    { text: "All", tone: "strong" },
    { text: String(all.length), tone: "strong" },
    ...present.map((s) => ({
      text: String(all.filter((r) => stancesOf(r).has(s)).length),
      tone: "strong" as const,
    })),
  ]);
  return {
    kind: "table",
    caption: "Reactions by group: how many actors took each stance",
    head: ["Group", "Actors", ...present.map((s) => COLUMN[s])],
    rows,
    narrow: [1, ...present.map((_, i) => i + 2)],
    note: `An actor is a state (its ministries and office-holders counted once), an organisation, or, at home, each party and office-holder; ${ctx.matrix.silent.length ? `${numberWord(ctx.matrix.silent.length)} expected ${ctx.matrix.silent.length === 1 ? "actor is" : "actors are"} silent (below)` : "no expected actor is silent"}.`,
  };
}

export interface ReactionsResult {
  blocks: Block[];
  /** How many voices reacted, and how many of them condemned. */
  reacted: number;
  condemned: number;
}

export function reactionsSection(ctx: BriefContext, noun: string): ReactionsResult {
  const rows = ctx.matrix.rows.filter((r) => !namesNoOne(r.actor));
  if (rows.length === 0)
    return {
      blocks: [
        {
          kind: "paragraph",
          lines: [{ text: "No reaction to the event appears in the reports.", cites: [] }],
        },
        ...silentLines(ctx).map((l): Block => ({ kind: "paragraph", lines: [l] })),
      ],
      reacted: 0,
      condemned: 0,
    };
  const byGroup = new Map<ReactionGroup, Reactor[]>();
  for (const group of REACTION_GROUPS)
    byGroup.set(
      group,
      reactorsOf(
        ctx,
        rows.filter((r) => r.group === group),
        group,
      ),
    );
  const all = [...byGroup.values()].flat();
  const condemning = all.filter((r) => stancesOf(r).has("condemn")).length;
  const intro: Line = {
    text: `${openingNumber(all.length)} ${all.length === 1 ? "actor" : "actors"} reacted in the reports${
      condemning
        ? `; ${condemning === all.length ? "all" : numberWord(condemning)} of them condemned ${noun}`
        : ""
    }.`,
    cites: [],
  };
  const blocks: Block[] = [{ kind: "paragraph", lines: [intro] }];
  const table = summaryTable(ctx, byGroup);
  if (table) blocks.push(table);
  for (const [group, reactors] of byGroup) {
    if (reactors.length === 0) {
      if (group === "domestic")
        blocks.push(
          { kind: "subheading", text: GROUP_TITLE[group] },
          { kind: "paragraph", lines: [{ text: "No domestic reaction appears in the reports.", cites: [] }] },
        );
      continue;
    }
    blocks.push({ kind: "subheading", text: GROUP_TITLE[group] });
    blocks.push({ kind: "paragraph", lines: stanceLines(ctx, reactors, noun) });
    const quotes = quoteLines(ctx, reactors, group === "domestic" ? 3 : 4);
    if (quotes.length) blocks.push({ kind: "paragraph", lines: quotes });
  }
  const silent = silentLines(ctx);
  if (silent.length)
    blocks.push({ kind: "subheading", text: "Silent" }, { kind: "paragraph", lines: silent });
  return { blocks, reacted: all.length, condemned: condemning };
}
