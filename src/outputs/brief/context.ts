// What every section of the brief reads: the case, its reports with their full text split into
// paragraphs and sentences (the analysis keeps only the sentences that carry an item; motives and
// details live in the others), the event clusters and reaction matrix computed once, the ACH and
// scenario state, and how to name an actor in a sentence on the case's date.
import {
  type AchState,
  type CaseInfo,
  type CaseReport,
  clusterEvents,
  type EventClusters,
  type ReactionMatrix,
  reactionMatrix,
  type ScenarioStatus,
} from "../../analysis/index.js";
import type { ActorRef, Role, SourceGrade, Span } from "../../domain/index.js";
import type { KnowledgeBase } from "../../knowledge/index.js";
import { looksLikeHeading, splitSentences } from "../../text/index.js";
import { FootnoteRegistry } from "./model.js";
import { possessive, theName } from "./prose.js";

/** A report of the case as the brief needs it: its analysis, metadata and normalised text. */
export interface BriefReport extends CaseReport {
  author: string | null;
  /** The normalised text every offset of the analysis points into. */
  text: string;
}

export interface BriefInput {
  case: CaseInfo;
  reports: BriefReport[];
  kb: KnowledgeBase;
  /** The case's ACH; `stored: false` when it was seeded for the brief and never saved. */
  ach: { state: AchState; stored: boolean };
  scenarios: ScenarioStatus;
  /** The brief's date, YYYY-MM-DD. */
  date: string;
  /** The analyst's grades of sources (crisisdesk sources), shown in the footnotes. */
  grades?: readonly SourceGrade[];
}

/** A sentence of a report's full text. */
export interface TextSentence {
  index: number;
  /** Index of its paragraph (block) in the text. */
  paragraph: number;
  /** Its block looks like a heading ("Why now", "- US condemns 'horrific act' -"). */
  heading: boolean;
  span: Span;
  text: string;
}

/** Paragraphs and sentences of a normalised text: blocks are joined by one blank line. */
export function textSentences(text: string): TextSentence[] {
  const blocks: { kind: "heading" | "paragraph"; level: number; span: Span }[] = [];
  let at = 0;
  for (const part of text.split("\n\n")) {
    if (part.trim())
      blocks.push({
        kind: looksLikeHeading(part) ? "heading" : "paragraph",
        level: 0,
        span: [at, at + part.length],
      });
    at += part.length + 2;
  }
  return splitSentences(text, blocks).map((s) => ({
    index: s.index,
    paragraph: s.block,
    heading: blocks[s.block]?.kind === "heading",
    span: s.span,
    text: s.text,
  }));
}

/**
 * A name the extraction kept for a phrase that names no one in particular ("Both groups", "They",
 * "the two"): the brief's prose leaves such reactors and claimants out.
 */
export function namesNoOne(ref: ActorRef): boolean {
  if (ref.id && !ref.id.startsWith("new:")) return false;
  return /^(both|they|them|these|those|the two|the others?|others|some|many|all|each|either|neither)\b/i.test(
    ref.name.trim(),
  );
}

/** Headings under which a report looks ahead rather than telling what happened. */
const LOOKING_AHEAD = /\b(scenarios?|outlook|indicators?|what next|to watch|forecast|implications)\b/i;

const OFFICE_ORDER: Role["office"][] = [
  "head_of_state",
  "head_of_government",
  "foreign_minister",
  "igo_head",
  "minister",
  "other",
];

export class BriefContext {
  readonly notes = new FootnoteRegistry();
  readonly clusters: EventClusters;
  readonly matrix: ReactionMatrix;
  /** The date actors are named on: the case's anchor, else the brief's. */
  readonly on: string;
  private readonly sentences = new Map<string, TextSentence[]>();
  /**
   * Reports' sentences a section has already told in prose (`documentId#start`), so that a later
   * section does not tell them again.
   */
  readonly told = new Set<string>();
  /** The target of the main event, once "What happened" has found it. */
  mainTarget: ActorRef | null = null;

  constructor(readonly input: BriefInput) {
    this.clusters = clusterEvents(input.reports);
    this.matrix = reactionMatrix(input.reports, input.kb, input.case, this.clusters);
    this.on = input.case.anchorDate ?? input.date;
  }

  get kb(): KnowledgeBase {
    return this.input.kb;
  }

  report(id: string): BriefReport | undefined {
    return this.input.reports.find((r) => r.id === id);
  }

  sentencesOf(report: BriefReport): TextSentence[] {
    let list = this.sentences.get(report.id);
    if (!list) {
      list = textSentences(report.text);
      this.sentences.set(report.id, list);
    }
    return list;
  }

  /** The text sentence that holds an item's offsets. */
  sentenceAt(report: BriefReport, offset: Span): TextSentence | undefined {
    return this.sentencesOf(report).find((s) => s.span[0] <= offset[0] && offset[1] <= s.span[1]);
  }

  /** The heading a sentence stands under ("Why now", "Scenario 1: escalation"), if any. */
  headingOf(report: BriefReport, offset: Span): string | null {
    let heading: string | null = null;
    for (const s of this.sentencesOf(report)) {
      if (s.span[0] > offset[0]) break;
      if (s.heading) heading = s.text;
    }
    return heading;
  }

  /** Whether a sentence stands where a report looks ahead (scenarios, indicators, outlook). */
  looksAhead(report: BriefReport, offset: Span): boolean {
    const heading = this.headingOf(report, offset);
    return heading !== null && LOOKING_AHEAD.test(heading);
  }

  cite(report: { id: string }, sentence: string, offset: Span): number {
    return this.notes.cite(report.id, sentence, offset);
  }

  /** The name of the case's country as it stands in a sentence ("Iraq", "the United States"). */
  countryName(iso3: string | null = this.input.case.country): string | null {
    if (!iso3) return null;
    const state = this.kb.state(iso3);
    return state ? theName(state.name, "state") : iso3;
  }

  /** The title a person held on the case's date ("Prime Minister of Iraq"), or a former one. */
  personTitle(ref: ActorRef): string | null {
    const person = ref.id ? this.kb.actor(ref.id) : undefined;
    if (person?.kind !== "person") return null;
    const held = this.kb
      .rolesOn(person, this.on)
      .sort((a, b) => OFFICE_ORDER.indexOf(a.office) - OFFICE_ORDER.indexOf(b.office));
    if (held[0]) return held[0].title;
    const past = person.roles
      .filter((r) => r.end && r.end.slice(0, 10) < this.on)
      .sort((a, b) => (b.end ?? "").localeCompare(a.end ?? ""));
    return past[0] ? `former ${past[0].title}` : null;
  }

  /**
   * An actor as a sentence names it: a person with the office held on the case's date in
   * parentheses ("Mustafa al-Kadhimi (Prime Minister of Iraq)"), a foreign ministry as its
   * country's ("Saudi Arabia’s foreign ministry"), anything else with its article.
   */
  actorName(ref: ActorRef, options: { title?: boolean } = {}): string {
    const known = ref.id ? this.kb.actor(ref.id) : undefined;
    const name = known?.name ?? ref.name;
    switch (ref.kind) {
      case "person": {
        const title = options.title === false ? null : this.personTitle(ref);
        return title ? `${name} (${title})` : name;
      }
      case "government_body": {
        const country = ref.country ?? known?.country ?? null;
        // The knowledge base's generic ministry ("Ministry of Foreign Affairs of Qatar") reads
        // better as a writer names it; a named body ("U.S. Department of State") keeps its name.
        if (country && ref.id === `body:${country.toLowerCase()}-foreign-ministry`)
          return `${possessive(this.countryName(country) ?? country)} foreign ministry`;
        return theName(name, "government_body");
      }
      default:
        return theName(name, ref.kind);
    }
  }
}
