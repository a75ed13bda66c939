// The extraction engine: one document in, the analysis JSON contract out. Stages run in the order
// a reader works: resolve actors → context (headings, pronouns) → quotations and speakers →
// events → reactions → attribution claims. Each stage is its own module; this one wires them.
import {
  type ActorRef,
  type AnalysedActor,
  type Analysis,
  CrisisdeskError,
  type Document,
  type Event,
  newActorId,
} from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import { extractAttributions, withResponsibilityClaims } from "./attributions.js";
import { readCasualties } from "./casualties.js";
import { type ContextMention, ContextTracker } from "./context.js";
import { extractEvents } from "./events.js";
import { chooseMainEvent } from "./main-event.js";
import { documentModality } from "./modality.js";
import { loadPatterns, type Patterns } from "./patterns.js";
import { extractQuotes } from "./quotes.js";
import { extractReactions } from "./reactions.js";
import { referenceDate } from "./reference-date.js";
import { ActorResolver, type PlaceMention } from "./resolve-actors.js";
import { findQuotes, type QuoteSpan, type SentenceView, SpeechFinder } from "./speech.js";
import { statementVoice } from "./statement-voice.js";

export function documentHeader(document: Document): Analysis["document"] {
  return {
    id: document.id,
    title: document.title,
    published: document.published,
    source: document.url ?? document.source,
    language: document.language,
    sentences: document.sentences.length,
    words: document.words,
  };
}

/** The country a report is datelined in or first names: "BAGHDAD, 7 November —" → IRQ. */
function homeCountry(kb: KnowledgeBase, document: Document): string | null {
  const opening = document.blocks
    .slice(0, 4)
    .map((b) => document.text.slice(b.span[0], b.span[1]))
    .join("\n");
  for (const hit of kb.index.scan(opening)) {
    for (const v of hit.values) {
      if (v.type === "capital" || v.type === "demonym") return v.state.country;
      if (v.type === "place") return v.place.country;
      if (v.type === "actor" && v.actor.kind === "state") return v.actor.country;
    }
  }
  return null;
}

/** "The administration" in English news is the US president's: named after the president in
 * office on the report's date, when the report is about the United States at all. */
function administrationOf(
  kb: KnowledgeBase,
  views: readonly SentenceView[],
  date: string,
): ActorRef | undefined {
  if (!views.some((v) => v.mentions.some((m) => m.actor.country === "USA"))) return undefined;
  const president = kb.holders("head_of_state", "USA", date)[0];
  if (!president) return undefined;
  const surname = president.name.split(/\s+/).pop()!;
  return {
    id: newActorId(`${surname} administration`),
    name: `${surname} administration`,
    kind: "government_body",
    country: "USA",
  };
}

export interface AnalyserOptions {
  kb: KnowledgeBase;
  patterns?: Patterns;
  /** The date titles are looked up on when nothing in a report dates it (default: today). It is
   * never a reference date: events of an undated report have no day. */
  today?: () => string;
  /** A time budget per document (issue 14): past it, the document fails with a clear reason and
   * the batch goes on. Checked after each sentence of actor resolution and between the stages,
   * so one stage is not cut short; every stage is linear in the text, which bounds the overrun.
   * `now` is the clock in milliseconds (default performance.now). */
  budget?: { ms: number; now?: () => number };
}

export type Analyser = (document: Document) => Analysis;

export function createAnalyser(options: AnalyserOptions): Analyser {
  const { kb } = options;
  const patterns = options.patterns ?? loadPatterns();
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));

  const now = options.budget?.now ?? (() => performance.now());
  const budgetMs = options.budget?.ms ?? Number.POSITIVE_INFINITY;

  return (document) => {
    const deadline = budgetMs === Number.POSITIVE_INFINITY ? budgetMs : now() + budgetMs;
    const withinBudget = (stage: string) => {
      if (deadline !== Number.POSITIVE_INFINITY && now() > deadline)
        throw new CrisisdeskError(
          "LIMIT_REACHED",
          `the analysis ran past its budget of ${budgetMs / 1000} s (during ${stage}); the report is not stored (raise it with --budget)`,
          { where: document.source },
        );
    };
    const reference = referenceDate(document, kb);
    // Titles need some date to name their holder; only when the report fixes none is it today's.
    const date = reference.date ?? reference.officeDate ?? today();
    const home = homeCountry(kb, document);
    const resolver = new ActorResolver(kb, date, home);
    const quotes: QuoteSpan[] = document.blocks.flatMap((b) =>
      b.kind === "paragraph" || b.kind === "heading" ? findQuotes(document.text, b.span[0], b.span[1]) : [],
    );
    const tracker = new ContextTracker(
      document,
      kb,
      quotes,
      { country: home, date },
      statementVoice(kb, document, quotes),
    );
    const views: SentenceView[] = [];
    const headings = new Map<number, ContextMention | undefined>();
    const places: PlaceMention[] = [];
    const modality = documentModality(document, patterns.modality);
    for (const sentence of document.sentences) {
      withinBudget("actor resolution");
      const resolved = resolver.resolve(sentence);
      const mentions = tracker.process(resolved);
      places.push(...resolved.places);
      const heading = tracker.headingActor();
      headings.set(
        sentence.index,
        heading
          ? {
              actor: heading,
              sentence: sentence.index,
              start: sentence.span[0],
              end: sentence.span[0],
              surface: heading.name,
              via: "heading",
            }
          : undefined,
      );
      views.push({
        index: sentence.index,
        block: sentence.block,
        start: sentence.span[0],
        end: sentence.span[1],
        text: sentence.text,
        heading: document.blocks[sentence.block]?.kind === "heading",
        mentions,
        modality: modality[sentence.index]!,
      });
    }
    const speech = new SpeechFinder(document, quotes);
    // A person is named as the report spells them when it uses one of their full names
    // ("Volodymyr Zelensky" rather than the knowledge base's "Volodymyr Zelenskyy").
    const spelling = new Map<string, string>();
    for (const view of views) {
      for (const m of view.mentions) {
        if (m.actor.kind !== "person" || spelling.has(m.actor.id)) continue;
        const alias = m.actor.aliases.find((a) => a.includes(" ") && m.surface.endsWith(a));
        if (alias) spelling.set(m.actor.id, alias);
      }
    }
    const ref = (m: ContextMention): ActorRef => ({
      id: m.actor.id,
      name: spelling.get(m.actor.id) ?? m.actor.name,
      kind: m.actor.kind,
      country: m.actor.country,
    });

    const eventInput = { views, places, patterns, speech, ref, reference, text: document.text };
    withinBudget("actor resolution");
    const found = extractEvents(eventInput);
    withinBudget("event coding");
    // The victims of every act of force found, before the main event absorbs its other reports.
    const targets = new Set(
      found
        .filter((e) => Number(e.cameo.slice(0, 2)) >= 18 && e.target_actor?.id)
        .map((e) => e.target_actor!.id!),
    );
    const {
      events: detected,
      main,
      reactionDated,
    } = chooseMainEvent(found, eventInput, patterns.mainEvent, (iso3) => kb.state(iso3)?.name);
    // A report's main event is of its own day unless its sentences name another, or date only the
    // reaction to it ("leaders expressed concern Sunday over ..."): then the act's day is unknown.
    if (main && !main.date && !reactionDated) main.date = reference.date;
    // A victim's own organs (its campaign, family, lawyers) stand on the victim's side.
    const isTarget = (m: ContextMention) =>
      targets.has(m.actor.id) ||
      m.actor.affiliations.some((e) => e.type === "part_of" && targets.has(e.target));
    const eventId = main?.id ?? null;

    const attributed = extractQuotes(document, views, quotes, speech, ref, (view) =>
      headings.get(view.index),
    );
    withinBudget("quotation attribution");
    const reactions = extractReactions({
      views,
      quotes,
      attributed,
      speech,
      rules: patterns.stances,
      relational: patterns.relational,
      isTarget,
      headingActor: (view) => headings.get(view.index),
      ref,
      eventId,
      text: document.text,
    });
    withinBudget("reactions");
    const attributions = extractAttributions({
      views,
      quotes,
      speech,
      patterns: patterns.attribution,
      ref,
      text: document.text,
      eventId,
      isTarget,
      administration: administrationOf(kb, views, date),
      stateOf: (iso3) => {
        const state = kb.state(iso3);
        return state
          ? { id: state.id, name: state.name, kind: state.kind, country: state.country }
          : undefined;
      },
      resolveName: (name) => {
        const known = kb.lookup(name);
        const only = known.length === 1 ? known[0]! : undefined;
        return only ? { id: only.id, name: only.name, kind: only.kind, country: only.country } : undefined;
      },
    });

    withinBudget("attribution claims");
    const actors = new Map<string, AnalysedActor>();
    for (const view of views) {
      for (const m of view.mentions) {
        if (m.via === "pronoun") continue;
        const existing = actors.get(m.actor.id);
        if (existing) existing.mentions++;
        else {
          const roles = m.actor.kind === "person" ? kb.rolesOn(m.actor, date).map((r) => r.title) : [];
          actors.set(m.actor.id, {
            id: m.actor.id,
            name: spelling.get(m.actor.id) ?? m.actor.name,
            kind: m.actor.kind,
            country: m.actor.country,
            roles,
            mentions: 1,
          });
        }
      }
    }
    const events: Event[] = detected.map(
      ({ mentions, targetMention: _t, fromHeading: _h, joined: _j, ...e }) => ({
        ...e,
        casualties: readCasualties(e.sentence, e.offset[0]),
        instrument: e.instrument ?? null,
        confidence: Math.min(
          0.95,
          Math.round((0.6 + 0.1 * Math.min(mentions, 3) + (e === main ? 0.05 : 0)) * 100) / 100,
        ),
      }),
    );
    return {
      document: documentHeader(document),
      actors: [...actors.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
      events,
      reactions: withResponsibilityClaims(reactions, attributions, {
        of: (iso3) => {
          const state = kb.state(iso3);
          return state
            ? { id: state.id, name: state.name, kind: state.kind, country: state.country }
            : undefined;
        },
        speaksFor: (actor, iso3) => {
          if (actor.country !== iso3) return false;
          if (actor.kind === "state" || actor.kind === "government_body") return true;
          const person = actor.kind === "person" && actor.id ? kb.actor(actor.id) : undefined;
          return !!person && kb.rolesOn(person, date).some((r) => r.of === iso3 && r.office !== "other");
        },
      }),
      quotes: attributed.map(({ span: _s, speakerMention: _m, sentenceIndex: _i, ...q }) => q),
      attributions,
      ambiguities: resolver.ambiguities.map((a) => {
        const sentence = document.sentences[a.sentence]!;
        return {
          surface: a.surface,
          sentence: sentence.text,
          offset: sentence.span,
          candidates: a.candidates,
        };
      }),
      reference_date: {
        date: reference.date,
        from: reference.from,
        note:
          reference.date || reference.officeDate
            ? reference.note
            : `${reference.note}; titles resolve to their holders of ${date}`,
      },
    };
  };
}
