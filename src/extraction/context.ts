// Context: what "it", "he", "the ministry" and an unnamed heading paragraph refer to. Headings
// scope the paragraphs beneath them (reaction sections often name their actor only there);
// pronouns and definite descriptions take the nearest compatible actor, the heading included.
import type { Actor, Document } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { ResolvedMention, ResolvedSentence } from "./resolve-actors.js";
import { insideQuote, type QuoteSpan } from "./speech.js";

export interface ContextMention extends Omit<ResolvedMention, "via"> {
  via: ResolvedMention["via"] | "pronoun" | "description" | "heading";
  /** "We" of a joint statement: every author, the mention's own actor first. */
  group?: Actor[];
}

const PERSON_PRONOUNS = /\b(he|she|his|her|him)\b/gi;
const THING_PRONOUNS = /\b(it|its)\b/gi;
const PLURAL_PRONOUNS = /\b(they|their|them)\b/gi;
const REPORTED_IT =
  /\b(?:said|says|saying|added|adding|stated|noted|argued|warned|insisted|suggested|claimed|believes?|thinks?)\s+(?:that\s+)?$/i;
const FIRST_PLURAL = /\b(we|our|us)\b/gi;
/** "We, the leaders of France, Germany and Italy, condemn": the apposition names a statement's
 * authors, and its first person plural speaks for them all after it. */
const AUTHORS_APPOSITION = /^\W{0,3}we,\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,4}?(?:of|from)\s+/iu;
/** The apposition ends at the first comma followed by a word that does not continue a list. */
const APPOSITION_END = /,\s+(?!(?:and|or|the|as well as)\b)(?=\p{Ll})/u;

type Compatible = (a: Actor) => boolean;
const isPerson: Compatible = (a) => a.kind === "person";
const isCollective: Compatible = (a) => a.kind !== "person";

const DESCRIPTIONS: { pattern: RegExp; accepts: Compatible }[] = [
  {
    pattern: /\bthe (ministry|department|foreign office)\b/gi,
    accepts: (a) => a.kind === "government_body" || a.kind === "state",
  },
  {
    pattern: /\bthe (kingdom|sultanate|emirate|republic|country|state|government)\b/gi,
    accepts: (a) => a.kind === "state" || a.kind === "government_body",
  },
  {
    pattern: /\bthe (organi[sz]ation|bloc|league|union|council|alliance|body|commission)\b/gi,
    accepts: (a) => a.kind === "igo",
  },
  {
    pattern:
      /\bthe (?:(?:militant|armed|rebel|terror|terrorist|extremist|jihadist|islamist|insurgent|separatist) )?(movement|group|militia|party|faction|organi[sz]ation)\b/gi,
    // A movement the knowledge base keeps as "other" (a de facto government such as the Taliban)
    // is still a group: "the militant organisation" can name it.
    accepts: (a) =>
      a.kind === "armed_group" || a.kind === "party" || (a.kind === "other" && a.id.startsWith("group:")),
  },
];

export class ContextTracker {
  private heading: { level: number; actors: Actor[] }[] = [];
  /** Actors of the latest sentences, one list per sentence in text order. */
  private recent: Actor[][] = [];
  private lastBlock = -1;
  /** The authors a first-person statement names for itself, once it has named them. */
  private authors: Actor[] = [];

  constructor(
    private readonly document: Document,
    private readonly kb: KnowledgeBase,
    /** The document's quotation spans: pronouns inside them are the speaker's, not the narrator's. */
    private readonly quotes: readonly QuoteSpan[] = [],
    /** The country the report is datelined in or about, for "the Prime Minister" with no state. */
    private readonly home: { country: string | null; date: string } = { country: null, date: "" },
    /** The voice of a statement that does not name itself (statement-voice.ts): its "we". */
    voice?: Actor,
  ) {
    if (voice) this.authors = [voice];
  }

  /** The actor a heading names, for the paragraphs under it. */
  headingActor(): Actor | undefined {
    for (let i = this.heading.length - 1; i >= 0; i--) {
      const actors = this.heading[i]!.actors;
      if (actors.length) return actors[0];
    }
    return undefined;
  }

  /** The most salient compatible actor: the first (the subject) of the latest sentence that has one. */
  private nearest(accepts: Compatible): Actor | undefined {
    for (let s = this.recent.length - 1; s >= 0; s--) {
      const found = this.recent[s]!.find(accepts);
      if (found) return found;
    }
    const h = this.headingActor();
    return h && accepts(h) ? h : undefined;
  }

  /** Adds context mentions (pronouns, descriptions, bare sector heads) to a resolved sentence. */
  process(resolved: ResolvedSentence): ContextMention[] {
    const { sentence } = resolved;
    const block = this.document.blocks[sentence.block]!;
    if (sentence.block !== this.lastBlock) {
      this.lastBlock = sentence.block;
      if (block.kind === "heading") {
        this.heading = this.heading.filter((h) => h.level < block.level);
        this.heading.push({
          level: block.level,
          actors: resolved.mentions.map((m) => m.actor).filter((a) => a.kind !== "person" || true),
        });
        this.recent = [];
      }
    }
    const out: ContextMention[] = resolved.mentions.map((m) => ({ ...m }));
    const base = sentence.span[0];
    const text = sentence.text;
    const taken = (start: number, end: number) => out.some((m) => m.start < end && start < m.end);
    const push = (actor: Actor | undefined, start: number, end: number, via: ContextMention["via"]) => {
      if (!actor || taken(start, end)) return;
      out.push({
        actor,
        sentence: sentence.index,
        start,
        end,
        surface: this.document.text.slice(start, end),
        via,
      });
    };

    // Bare sector heads ("the Ministry of Foreign Affairs") belong to the state in context.
    for (const d of resolved.descriptions) {
      if (d.kind === "sector" && d.sector) {
        // "In Cairo, the foreign ministry said": a capital just before names the state.
        const capital = [...resolved.places]
          .reverse()
          .find((p) => p.end <= d.start && d.start - p.end < 30 && p.country);
        // "Iran´s foreign ministry" (any apostrophe): the state just before owns it.
        const owner = resolved.mentions.find(
          (m) =>
            m.actor.kind === "state" &&
            m.end <= d.start &&
            /^['’´`]s?\s+$/.test(this.document.text.slice(m.end, d.start)),
        );
        const state =
          owner?.actor ??
          (capital?.country ? this.kb.state(capital.country) : undefined) ??
          this.nearest((a) => a.kind === "state" || a.kind === "government_body");
        const body = state?.country ? this.kb.governmentBody(state.country, d.sector as never) : undefined;
        push(body, d.start, d.end, "description");
      } else if (d.kind === "title" && d.office) {
        // A title names the person in context who holds it, else the holder for the one state that
        // uses it ("Foreign Secretary"), for the heading's state, or for the report's own country.
        const country =
          (d.states?.length === 1 ? d.states[0] : undefined) ??
          this.headingActor()?.country ??
          this.home.country;
        const person =
          this.nearest((a) => a.kind === "person" && a.roles.some((r) => r.office === d.office)) ??
          (country && /^(the\s+)?\p{Lu}/u.test(d.surface)
            ? this.kb.holders(d.office, country, this.home.date)[0]
            : undefined);
        push(person, d.start, d.end, "description");
      }
    }
    const scan = (pattern: RegExp, accepts: Compatible) => {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        // Within a quotation "we", "it" and "he" are the speaker's words, not the narrator's.
        if (insideQuote(this.quotes, base + m.index)) continue;
        const earlier = out.find((x) => x.start < base + m!.index && x.via !== "pronoun" && accepts(x.actor));
        // "Erdogan said it showed ...": an "it" reported by someone it cannot stand for is the
        // thing spoken of, not an earlier actor; "Kuwait said it would send aid" is Kuwait.
        if (pattern === THING_PRONOUNS && REPORTED_IT.test(text.slice(0, m.index))) {
          const subject = out.find((x) => x.start < base + m!.index && x.via !== "pronoun");
          if (!subject || !accepts(subject.actor)) continue;
          push(subject.actor, base + m.index, base + m.index + m[0].length, "pronoun");
          continue;
        }
        const actor = earlier ? earlier.actor : this.nearest(accepts);
        push(actor, base + m.index, base + m.index + m[0].length, "pronoun");
      }
    };
    // "We, the leaders of X, Y and Z, ...": the statement's authors, for every "we" from here on.
    const apposition = AUTHORS_APPOSITION.exec(text);
    if (apposition) {
      const rest = text.slice(apposition[0].length);
      const end = base + apposition[0].length + (APPOSITION_END.exec(rest)?.index ?? rest.length);
      const named = out
        .filter((m) => m.start >= base + apposition[0].length && m.end <= end)
        .map((m) => m.actor);
      const authors = named.filter((a, i) => named.findIndex((b) => b.id === a.id) === i);
      if (authors.length) this.authors = authors;
    }
    if (this.authors.length) {
      FIRST_PLURAL.lastIndex = 0;
      for (let m = FIRST_PLURAL.exec(text); m !== null; m = FIRST_PLURAL.exec(text)) {
        const at = base + m.index;
        if (insideQuote(this.quotes, at) || taken(at, at + m[0].length)) continue;
        push(this.authors[0], at, at + m[0].length, "pronoun");
        out[out.length - 1]!.group = this.authors;
      }
    }
    scan(PERSON_PRONOUNS, isPerson);
    scan(THING_PRONOUNS, isCollective);
    scan(PLURAL_PRONOUNS, (a) => a.kind !== "person");
    for (const d of DESCRIPTIONS) scan(d.pattern, d.accepts);

    out.sort((a, b) => a.start - b.start);
    const named = out.filter((m) => m.via !== "pronoun").map((m) => m.actor);
    if (named.length) this.recent.push(named);
    if (this.recent.length > 8) this.recent = this.recent.slice(-8);
    return out;
  }
}
