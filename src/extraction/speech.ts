// Who is speaking or acting in a sentence: speech frames ("X said", "said X", "according to X",
// "X's office said"), the subject before a cue, and quotation spans. Reactions, quotes and
// attribution claims all ask these questions, so they are answered once here.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Document } from "../domain/index.js";
import { DATA_DIR, validate } from "../knowledge/index.js";
import type { ContextMention } from "./context.js";
import type { Modality } from "./modality.js";

const speechWordsFile = z.object({
  _doc: z.string().optional(),
  speechVerbs: z.array(z.string().min(1)),
  reportingVerbs: z.array(z.string().min(1)),
  prepositions: z.array(z.string().min(1)),
  feelings: z.array(z.string().min(1)),
  collectiveNouns: z.array(z.string().min(1)),
  collectiveModifiers: z.array(z.string().min(1)),
});
/** The word lists are data: data/patterns/speech.json. */
const WORDS = validate(
  speechWordsFile,
  JSON.parse(readFileSync(join(DATA_DIR, "patterns", "speech.json"), "utf8")),
  "patterns/speech.json",
);

export interface QuoteSpan {
  /** Offsets of the quoted words, without the quotation marks. */
  start: number;
  end: number;
}

export interface SentenceView {
  index: number;
  block: number;
  start: number;
  end: number;
  text: string;
  heading: boolean;
  mentions: ContextMention[];
  /** Fact, or forecast / hypothesis / condition / question / scenario section (see modality.ts):
   * a hypothetical sentence gives no event, reaction or claim. */
  modality: Modality;
}

const SPEECH_VERBS = new RegExp(`\\b(${WORDS.speechVerbs.join("|")})\\b`, "gi");
export const PREPOSITION_BEFORE = new RegExp(
  `\\b(${WORDS.prepositions.join("|")})\\s+(the\\s+|a\\s+|an\\s+)?(former\\s+|late\\s+)?$`,
  "i",
);
/** Between a passive cue and its agent only a time or an adverb: "condemned on Sunday by X". */
const PASSIVE_AGENT_GAP =
  /^[\s"”’,]*(?:(?:on|in|at|late|early|\p{L}+ly|\p{Lu}\p{L}*|\d+)\s+){0,3}by\s+(?:(?:a|an|the)\s+)?(?:(?:[\p{Ll}-]+\s+){1,3}of\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2})?$/u;
/** "in Dhaka, Bangladesh's capital": an apposition to a preposition's object is one too. */
const PREPOSITION_APPOSITION =
  /\b(?:on|of|in|at|to|with|for|from|near|outside|inside)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’-]*\s*){1,3},\s*$/u;
/** The opening "the members of", "the leaders of": the body they speak for is the subject. */
const MEMBERS_OF =
  /^\W{0,3}(?:the\s+|a\s+|an\s+)?(?:[\p{L}-]+\s+){0,2}?(?:members?|leaders?|heads?|representatives?|ministers?|foreign ministers|governments?|spokes\w+|officials?|commanders?)\s+of\s+(?:the\s+)?(?:[\p{Ll}-]+\s+|\p{Lu}[\p{L}]*-\p{Ll}+\s+){0,2}$/u;
/** A comma and at most two capitalised words (a title) before a name: the name is an apposition. */
const APPOSITION_OPEN = /\S,\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}$/u;
/** Words of feeling: "concerned by X" gives the cause, not an agent. */
const FEELING = new RegExp(`^(${WORDS.feelings.join("|")})`, "i");

const MODIFIER = `(?:${WORDS.collectiveModifiers.join("|")})`;
/** After an actor: "US officials", "Russian lawmakers", "US administration official". */
const COLLECTIVE_AFTER = new RegExp(
  `^(?:['’]s)?((?:\\s+${MODIFIER}){0,2})\\s+(${WORDS.collectiveNouns.join("|")})\\b`,
  "i",
);
/** Before an actor: "senior US officials", "a top Iranian official". */
const COLLECTIVE_BEFORE = new RegExp(`((?:\\b${MODIFIER}\\s+){0,2})$`, "i");
const COLLECTIVE_OPENS = new RegExp(`^(?:${WORDS.collectiveNouns.join("|")})\\s`, "i");
const COLLECTIVE_ENDS = new RegExp(`\\s(?:${WORDS.collectiveNouns.join("|")})$`, "i");

/** The description of unnamed people a mention stands in ("US officials", "an SBU source",
 * "officials in Islamabad"), as the text gives it, or undefined when the mention names its
 * actor itself. A quotation is theirs under that description; what they speak for is the
 * mention's actor. */
export function collectiveSpeaker(text: string, mention: ContextMention): string | undefined {
  if (mention.actor.kind === "person" || mention.via === "pronoun" || mention.via === "heading")
    return undefined;
  if (COLLECTIVE_OPENS.test(mention.surface)) return mention.surface;
  // "Russian authorities" may be the mention itself, "US officials" the mention and what follows.
  const after = COLLECTIVE_ENDS.test(mention.surface)
    ? ["", ""]
    : COLLECTIVE_AFTER.exec(text.slice(mention.end, mention.end + 80));
  if (!after) return undefined;
  const before = COLLECTIVE_BEFORE.exec(text.slice(Math.max(0, mention.start - 60), mention.start));
  const start = mention.start - (before?.[1]?.length ?? 0);
  return text
    .slice(start, mention.end + after[0]!.length)
    .replace(/\s+/g, " ")
    .trim();
}

/** How far back from a mention the end-anchored patterns above look: they span a preposition, an
 * article and at most three words, so a bounded window gives the same answer as the whole prefix
 * while keeping the cost of each test constant on long sentences (issue 14). */
const LOOK_BACK = 160;

/** The text from `from` to `to`, cut to its last LOOK_BACK characters at a word boundary (so that
 * a `\b` at the window's start means what it means in the whole text). */
function lookBack(text: string, from: number, to: number): string {
  let start = Math.max(from, to - LOOK_BACK);
  const floor = Math.max(from, start - 64);
  while (start > floor && /\w/.test(text[start - 1]!)) start--;
  return text.slice(start, to);
}

/** Quotation spans of a block: curly pairs, straight double quotes taken in turn (a straight mark
 * may close a curly one and the reverse, as careless copy has it), and single quotes ('...',
 * ‘...’) outside them, which must open after a space and close before one, so that apostrophes
 * ("Iran's", "don’t") are not quotes. */
export function findQuotes(text: string, from: number, to: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  let openChar = "";
  let single = -1;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (open < 0) {
      if (c === "“" || c === '"') {
        open = i;
        openChar = c;
        single = -1;
      } else if ((c === "‘" || c === "'") && single < 0) {
        const before = i === from ? " " : text[i - 1]!;
        if (/[\s([—–-]/.test(before) && /[\p{L}\p{N}]/u.test(text[i + 1] ?? "")) single = i;
      } else if ((c === "’" || c === "'") && single >= 0) {
        const after = text[i + 1] ?? " ";
        if (/[\s.,;:!?)\]—–-]/.test(after) && !/\s/.test(text[i - 1]!)) {
          if (i - single <= MAX_SINGLE_QUOTE) spans.push({ start: single + 1, end: i });
          single = -1;
        }
      }
    } else if ((c === "”" || c === '"') && (openChar === "“" || openChar === '"')) {
      if (i > open + 1) spans.push({ start: open + 1, end: i });
      open = -1;
    } else if (openChar === "“" && c === "“") {
      open = i;
    }
  }
  // A quotation left open runs to the end of its paragraph, as in news style.
  if (open >= 0 && to - open > 3) spans.push({ start: open + 1, end: to });
  return spans
    .map((s) => {
      let { start, end } = s;
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /[\s]/.test(text[end - 1]!)) end--;
      return { start, end };
    })
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}

/** A single-quoted span longer than this is an apostrophe's accident, not a quotation. */
const MAX_SINGLE_QUOTE = 200;

export function insideQuote(quotes: readonly QuoteSpan[], position: number): QuoteSpan | undefined {
  return quotes.find((q) => q.start <= position && position < q.end);
}

// A clause break that opens a new subject: ", and the foreign ministry said" breaks, ", and
// suggested it was staged" continues the same subject.
// (No "i" flag: it would let \p{Lu} match lower case.)
const CLAUSE_BREAK =
  /;|\b(?:but|while|whereas|although)\b|,\s+and\s+(?=\p{Lu}|(?:the|its|his|her|their)\s)|,\s+with\s+(?=(?:[\p{L}'’-]+\s+){1,4}\p{Ll}+ing\b)/gu;
/** A reporting verb opening a content clause: the cue inside belongs to whoever reports it. */
const REPORTING_THAT = new RegExp(`\\b(?:${WORDS.reportingVerbs.join("|")})\\s+(?:that\\s+)?`, "gi");

/** Up to three words, no punctuation: a subject and its verb ("Jordan strongly rejected as"). */
const ADJACENT_GAP =
  /^(?:['’]s?)?\s+(?:(?!(?:and|or|but|said|says|told|that|which|who|whom|the|a|an|of|to|in|on|at|for|with|by|from|after|before)\b)[\p{L}-]+\s+){0,2}(?:(?!(?:and|or|but|said|says|told|that|which|who|the|a|an|of|to|in|on|at|for|with|by|from)\b)[\p{L}-]+)?\s*$/u;

const agentKinds = new Set([
  "person",
  "state",
  "government_body",
  "igo",
  "armed_group",
  "party",
  "media",
  "other",
]);

export class SpeechFinder {
  constructor(
    private readonly document: Document,
    private readonly quotes: readonly QuoteSpan[],
  ) {}

  private outsideQuotes(m: ContextMention): boolean {
    return !insideQuote(this.quotes, m.start);
  }

  /** Speakers named by speech frames in a sentence, with where each frame's verb stands. */
  speakers(view: SentenceView): { mention: ContextMention; verb: number }[] {
    const out: { mention: ContextMention; verb: number }[] = [];
    const text = this.document.text;
    SPEECH_VERBS.lastIndex = 0;
    const local = view.text;
    for (let m = SPEECH_VERBS.exec(local); m !== null; m = SPEECH_VERBS.exec(local)) {
      const verbStart = view.start + m.index;
      const verbEnd = verbStart + m[0].length;
      if (insideQuote(this.quotes, verbStart)) continue;
      const candidates = view.mentions.filter((x) => agentKinds.has(x.actor.kind) && this.outsideQuotes(x));
      // X said / X, the foreign minister, said / X's office said
      const before = [...candidates].reverse().find((x) => {
        if (x.end > verbStart) return false;
        const gap = text.slice(x.end, verbStart);
        // "the Vice President, Sheikh Mohammed, tweeted": the name closing an apposition speaks.
        if (/^,\s*$/.test(gap) && APPOSITION_OPEN.test(lookBack(text, view.start, x.start))) return true;
        return /^((['’]s)?\s+(office|spokes\w+|press (secretary|office|service)|statement|account|post))?\s*(,[^"“”,]{0,90},)?\s*((also|later|then|further|has|had|was|have|had also|has also|previously)\s+)*$/i.test(
          gap,
        );
      });
      // said X / according to X: an inverted frame follows a quotation or a comma ("..., said X"),
      // else "said Iraq's security was" opens a content clause.
      const inverted =
        /according to|quoted|in a statement|in a post|on X/i.test(m[0]) ||
        /[,"”’:]\s*$/.test(lookBack(text, view.start, verbStart));
      const after = inverted
        ? candidates.find((x) => x.start >= verbEnd && /^\s*(by\s+)?$/i.test(text.slice(verbEnd, x.start)))
        : undefined;
      // "A arrived, according to B": A is not the source.
      const chosen = /according to/i.test(m[0])
        ? after
        : /quoted/i.test(m[0])
          ? // "X was quoted by the Kremlin as saying" is X; "the agency quoted X as saying" is X too.
            /\b(?:was|were|is|are|been|being)\s+$/i.test(lookBack(text, view.start, verbStart))
            ? (before ?? after)
            : (after ?? before)
          : (before ?? after);
      if (chosen) out.push({ mention: chosen, verb: verbStart });
    }
    return out;
  }

  /** An actor that is the object of a preposition ("the attack on X", "protesters in Dhaka,
   * Bangladesh's capital,") cannot be a clause's subject, except as the subject of a relative
   * clause ("by X, who condemned"), of an absolute phrase ("with Qatar promising"), or as the body
   * its members speak for ("the members of the Security Council called"). */
  private objectOfPreposition(view: SentenceView, x: ContextMention, position: number): boolean {
    const text = this.document.text;
    const near = lookBack(text, view.start, x.start);
    if (!PREPOSITION_BEFORE.test(near) && !PREPOSITION_APPOSITION.test(near)) return false;
    const after = text.slice(x.end, position);
    if (/^['’]?s?\s*,\s*who\b/i.test(after)) return false;
    if (/\bwith\s+(?:the\s+)?$/i.test(near) && /^\s+\p{Ll}+ing\b/u.test(text.slice(x.end, x.end + 30)))
      return false;
    if (MEMBERS_OF.test(text.slice(view.start, x.start))) return false;
    return true;
  }

  /** The subject that performs a cue at `position`: the nearest actor before it that is not the
   * object of a preposition and not inside a quotation. */
  subjectBefore(
    view: SentenceView,
    position: number,
    exclude: (m: ContextMention) => boolean = () => false,
  ): ContextMention | undefined {
    const text = this.document.text;
    let candidates = view.mentions.filter(
      (x) =>
        x.end <= position &&
        agentKinds.has(x.actor.kind) &&
        this.outsideQuotes(x) &&
        !exclude(x) &&
        !this.objectOfPreposition(view, x, position),
    );
    // The subject of the clause the cue stands in: the first actor after the last clause break
    // (";", "but", "while", a coordinated ", and") before the cue, else the sentence's first.
    // "France: The foreign ministry said ...": a label opening the sentence names the topic; the
    // clause's own subject follows it.
    const label = candidates[0];
    if (
      label &&
      candidates.length > 1 &&
      label.start - view.start < 4 &&
      /^\W{0,3}:/.test(text.slice(label.end, label.end + 4))
    ) {
      candidates = candidates.slice(1);
    }
    const before = text.slice(view.start, position);
    let clauseStart = view.start;
    for (const m of before.matchAll(CLAUSE_BREAK)) clauseStart = view.start + m.index + m[0].length;
    // "X said the attack was staged by Y": within the cue's clause, the speaker X, not Y, takes
    // the stance, when someone stands before the reporting verb; else the content clause's subject.
    const report = [...text.slice(clauseStart, position).matchAll(REPORTING_THAT)].find(
      (m) => !insideQuote(this.quotes, clauseStart + m.index),
    );
    if (report) {
      const at = clauseStart + report.index;
      if (candidates.some((x) => x.start >= clauseStart && x.end <= at)) {
        // "Erdogan's director said Ankara condemned": a spokesman reporting his own government's
        // stance gives it to the government.
        const reported = [...candidates]
          .reverse()
          .find((x) => x.start > at && x.via !== "pronoun" && ADJACENT_GAP.test(text.slice(x.end, position)));
        const speakers = candidates.filter((x) => x.end <= at);
        if (
          reported &&
          (reported.actor.kind === "state" || reported.actor.kind === "government_body") &&
          speakers.some(
            (x) =>
              (x.actor.kind === "government_body" && x.actor.country === reported.actor.country) ||
              x.actor.roles.some((r) => r.of === reported.actor.country && r.office !== "other"),
          )
        )
          return reported;
        candidates = speakers;
      }
    }
    // An actor standing right before the cue's verb is its subject, even inside a relative clause
    // ("a charge New Delhi rejected as baseless").
    const adjacent = [...candidates]
      .reverse()
      .find(
        (x) =>
          x.via !== "pronoun" && x.start >= clauseStart && ADJACENT_GAP.test(text.slice(x.end, position)),
      );
    if (adjacent) return adjacent;
    const inClause = candidates.filter((x) => x.start >= clauseStart);
    const pool = inClause.length ? inClause : candidates.slice(0, 1);
    if (!pool.length) return undefined;
    // A named actor is preferred to a pronoun, unless the pronoun opens the clause.
    const named = pool.filter((x) => x.via !== "pronoun");
    const pronounFirst = pool[0]!.via === "pronoun" && pool[0]!.start - clauseStart < 6;
    if (pronounFirst || !named.length) return pool[0];
    return this.headOf(named[0]!, pool);
  }

  /** "Iran's foreign ministry spokesman Bahram Ghasemi": the phrase's head is the person its
   * possessive opens; who that person speaks for is the reactions' business. */
  private headOf(subject: ContextMention, pool: readonly ContextMention[]): ContextMention {
    if (subject.actor.kind === "person") return subject;
    const text = this.document.text;
    const head = pool.find(
      (x) =>
        x.start > subject.end &&
        x.actor.kind === "person" &&
        x.via !== "pronoun" &&
        /^['’´]s\s+(?:[\p{L}-]+\s+){1,3}$/u.test(text.slice(subject.end, x.start)),
    );
    return head ?? subject;
  }

  /** The agent of a passive cue: "was condemned by X". After a word of feeling ("concerned by",
   * "shocked by") the "by" names the cause, not whoever speaks. */
  agentAfter(view: SentenceView, position: number, cue = ""): ContextMention | undefined {
    const text = this.document.text;
    if (FEELING.test(cue)) return undefined;
    return view.mentions.find(
      (x) =>
        x.start >= position &&
        PASSIVE_AGENT_GAP.test(text.slice(position, x.start)) &&
        text.slice(position, x.start).length < 40,
    );
  }
}
