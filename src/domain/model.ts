// The domain model: the nouns of crisis analysis. Pure types and small pure functions;
// this folder imports nothing from storage, adapters or interfaces.
import type { Credibility } from "./admiralty.js";
import type { ItemReview } from "./item-key.js";

export const ACTOR_KINDS = [
  "state",
  "person",
  "government_body",
  "igo",
  "armed_group",
  "party",
  "media",
  "other",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const STANCES = [
  "condemn",
  "support",
  "call_for_restraint",
  "deny",
  "downplay",
  "claim_responsibility",
  "express_concern",
  "offer_assistance",
  "other",
] as const;
export type Stance = (typeof STANCES)[number];

export const AFFILIATION_TYPES = [
  "member_of",
  "part_of",
  "political_wing_of",
  "armed_wing_of",
  "proxy_of",
  "backed_by",
  "allied_with",
  "splinter_of",
  "successor_of",
] as const;
export type AffiliationType = (typeof AFFILIATION_TYPES)[number];

/** `[start, end)` character offsets into a document's normalised text. */
export type Span = readonly [number, number];

/** What the pipeline hands on about an actor wherever it is referenced. */
export interface ActorRef {
  name: string;
  kind: ActorKind;
  country: string | null;
  id?: string;
}

export interface Role {
  title: string;
  office: string;
  of: string;
  start: string | null;
  end: string | null;
  cameo?: string;
  uncertain?: boolean;
}

export interface Affiliation {
  type: AffiliationType;
  target: string;
  start?: string;
  end?: string;
  note?: string;
  uncertain?: boolean;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  country: string | null;
  aliases: string[];
  roles: Role[];
  affiliations: Affiliation[];
  cameo?: string;
  wikidata?: string;
  sources?: string;
  uncertain?: boolean;
  /** A person the report quotes as an analyst or scholar ("Faysal Itani, a deputy director at the
   * Center for Global Policy"): a voice on the event, not a party to it, so never a reactor. */
  commentator?: boolean;
  /** For states: the analyst's region and the UN M49 sub-region, used to group reactions. */
  region?: string;
  subregion?: string;
  /** For government bodies: what part of government it is (foreign_ministry, military ...). */
  sector?: string;
  /** For organisations: member states with dates. */
  members?: { state: string; start?: string; end?: string }[];
}

export type BlockKind = "heading" | "paragraph";

export interface Block {
  kind: BlockKind;
  /** Heading level (1 = top) for headings; 0 for paragraphs. */
  level: number;
  span: Span;
}

export interface Sentence {
  index: number;
  /** Index of the block (paragraph or heading) the sentence belongs to. */
  block: number;
  span: Span;
  text: string;
}

export interface DocumentMeta {
  title: string | null;
  author: string | null;
  published: string | null;
  source: string;
  url: string | null;
  format: string;
}

export interface Document extends DocumentMeta {
  /** sha256 of the normalised text, hex. */
  id: string;
  language: string;
  text: string;
  blocks: Block[];
  sentences: Sentence[];
  words: number;
}

export interface Mention {
  actorId: string;
  sentence: number;
  span: Span;
  surface: string;
  /** How the mention was resolved: alias, demonym, title, heading, pronoun ... */
  via: string;
}

export interface Location {
  name: string;
  country: string | null;
}

export interface Event {
  id: string;
  summary: string;
  cameo: string;
  plover: string;
  mode: string | null;
  date: string | null;
  location: Location | null;
  source_actor: ActorRef | null;
  target_actor: ActorRef | null;
  attempted: boolean;
  sentence: string;
  offset: Span;
  confidence: number;
  /** The killed and wounded the event's sentence reports, read once in extraction. */
  casualties?: { killed: number | null; wounded: number | null; phrase: string; offset: Span } | null;
  /** The means, finer than the PLOVER mode: "drone", "missile", "knife", "car bomb". */
  instrument?: string | null;
  /** The analyst's mark, on items of the effective record that were reviewed (see item-key.ts). */
  review?: ItemReview;
  /** The information credibility an analyst graded the item (Admiralty 1–6, see admiralty.ts). */
  credibility?: Credibility;
}

/** Where an analysis's reference date came from: the day relative dates count from. Never the clock. */
export interface ReferenceDate {
  date: string | null;
  from: "metadata" | "dateline" | "source" | "text" | "office_holders" | null;
  /** Why the date is what it is, or why there is none. */
  note: string;
}

export interface Reaction {
  actor: ActorRef;
  stance: Stance;
  event_id: string | null;
  sentence: string;
  offset: Span;
  confidence: number;
  review?: ItemReview;
  credibility?: Credibility;
}

export interface Quote {
  speaker: ActorRef | null;
  /** For unnamed speakers described by what they speak for ("US officials"): that actor. */
  speaks_for?: ActorRef;
  text: string;
  sentence: string;
  offset: Span;
  review?: ItemReview;
  credibility?: Credibility;
}

export interface Attribution {
  claimant: ActorRef | "author";
  accused: ActorRef;
  event_id: string | null;
  evidence: string | null;
  sentence: string;
  offset: Span;
  confidence: number;
  review?: ItemReview;
  credibility?: Credibility;
}

export interface AnalysedActor extends ActorRef {
  id: string;
  roles: string[];
  mentions: number;
}

/** The analysis of one document: the JSON contract of the spec. */
export interface Analysis {
  document: {
    id: string;
    title: string | null;
    published: string | null;
    source: string;
    language: string;
    sentences: number;
    words: number;
  };
  actors: AnalysedActor[];
  events: Event[];
  reactions: Reaction[];
  quotes: Quote[];
  attributions: Attribution[];
  /** Names that could stand for several known actors and that context did not settle. */
  ambiguities?: { surface: string; sentence: string; offset: Span; candidates: string[] }[];
  /** The date the report's relative dates were read against, and where it came from. */
  reference_date?: ReferenceDate;
}

/** The id of an actor the knowledge base lacks, minted from its name: every stage that names a new
 * actor ("the Joint Force", "Iran-aligned factions") gives it the same id. */
export function newActorId(name: string): string {
  return `new:${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}

export function actorRef(actor: Pick<Actor, "id" | "name" | "kind" | "country">): ActorRef {
  return { id: actor.id, name: actor.name, kind: actor.kind, country: actor.country };
}

/** Whether a dated role or affiliation holds on `date` (YYYY-MM-DD); open ends hold. */
export function heldOn(period: { start?: string | null; end?: string | null }, date: string): boolean {
  const d = date.slice(0, 10);
  if (period.start && period.start.slice(0, 10) > d) return false;
  if (period.end && period.end.slice(0, 10) < d) return false;
  return true;
}
