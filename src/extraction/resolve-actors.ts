// Actor resolution: the names the alias trie finds in each sentence, composed by rule into the
// actors a reader would understand. "the Omani Foreign Ministry" is Oman's foreign ministry;
// "Russian President Vladimir Putin" is Putin; "the Lebanese prime minister" is whoever held the
// office on the report's date; "Kremlin spokesman Dmitry Peskov", unknown to the knowledge base,
// becomes a new person of Russia rather than being lost.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type Actor, newActorId, type Sentence } from "../domain/index.js";
import {
  type AliasMatch,
  DATA_DIR,
  type KnowledgeBase,
  type Lexeme,
  type Office,
  validate,
} from "../knowledge/index.js";

export interface ResolvedMention {
  actor: Actor;
  sentence: number;
  /** Offsets into the document text. */
  start: number;
  end: number;
  surface: string;
  via: "name" | "title" | "title+name" | "body" | "demonym" | "capital" | "new";
  /** Roles the surface names ("Prime Minister"), when it names one. */
  title?: string;
}

export interface PlaceMention {
  name: string;
  country: string | null;
  sentence: number;
  start: number;
  end: number;
}

export interface ResolvedSentence {
  sentence: Sentence;
  mentions: ResolvedMention[];
  places: PlaceMention[];
  /** Bare titles ("the prime minister") and sector heads ("the ministry") left for the context stage. */
  descriptions: {
    kind: "title" | "sector";
    office?: Office;
    /** For titles used by one state only ("Foreign Secretary": GBR). */
    states?: string[];
    sector?: string;
    start: number;
    end: number;
    surface: string;
  }[];
}

type Hit = AliasMatch<Lexeme>;

export interface Ambiguity {
  surface: string;
  sentence: number;
  /** Knowledge-base ids the name could stand for. */
  candidates: string[];
}

/** The word lists of this stage, from data/patterns/actors.json (validated on first use). */
const actorWordsFile = z.object({
  organisationHeads: z.array(
    z.object({
      word: z.string().min(1),
      kind: z.enum(["igo", "government_body", "armed_group", "party", "other"]),
      stateKind: z.enum(["government_body", "armed_group", "party", "other"]),
    }),
  ),
  nameModifiers: z.array(z.string().min(1)),
  commonWordSurnames: z.array(z.string().min(1)),
  spokesNouns: z.array(z.string().min(1)),
  spokesModifiers: z.array(z.string().min(1)),
  legislatorNouns: z.array(z.string().min(1)),
  oppositionNouns: z.array(z.string().min(1)),
  personGovernmentNouns: z.array(z.string().min(1)),
  capitalVerbs: z.array(z.string().min(1)),
  personRoleNouns: z.array(z.string().min(1)),
  titlePrefixes: z.array(z.string().min(1)),
  honorifics: z.array(z.string().min(1)),
  portfolioWords: z.array(z.string().min(1)),
  speechVerbs: z.array(z.string().min(1)),
  nameJoiners: z.array(z.string().min(1)),
  notNameWords: z.array(z.string().min(1)),
  calendarWords: z.array(z.string().min(1)),
  organWords: z.array(z.string().min(1)),
  commentatorRoles: z.array(z.string().min(1)),
});

interface ActorWords {
  heads: Map<string, z.infer<typeof actorWordsFile>["organisationHeads"][number]>;
  headPattern: RegExp;
  modifierAfter: RegExp;
  commonWords: Set<string>;
  spokesNouns: RegExp;
  legislatorNouns: RegExp;
  oppositionNouns: RegExp;
  personGovernment: RegExp;
  capitalSpeaks: RegExp;
  newPersonBefore: RegExp;
  titleWords: Set<string>;
  titlePrefixes: Set<string>;
  honorifics: Set<string>;
  /** "Ziad Makary said", "Ian Khama, a former president, said": a new person speaking. */
  speaksAfter: RegExp;
  /** '"...," said Faysal Itani, a deputy director': a new person named after the speech verb. */
  speaksBefore: RegExp;
  nameJoiners: Set<string>;
  notNameWords: Set<string>;
  calendarWords: Set<string>;
  organWords: Set<string>;
  /** ", a deputy director at the Center for Global Policy": an apposition naming an analyst. */
  commentatorApposition: RegExp;
}

let cachedWords: ActorWords | undefined;
function actorWords(): ActorWords {
  if (cachedWords) return cachedWords;
  const path = join(DATA_DIR, "patterns", "actors.json");
  const w = validate(actorWordsFile, JSON.parse(readFileSync(path, "utf8")), "patterns/actors.json");
  const alt = (words: string[]) => words.join("|");
  cachedWords = {
    heads: new Map(w.organisationHeads.map((h) => [h.word, h])),
    headPattern: new RegExp(`\\b(?:${alt(w.organisationHeads.map((h) => h.word))})\\b`),
    modifierAfter: new RegExp(`^-(?:${alt(w.nameModifiers)})\\b`, "i"),
    commonWords: new Set(w.commonWordSurnames),
    spokesNouns: new RegExp(`^(?:(?:${alt(w.spokesModifiers)})\\s+){0,2}(?:${alt(w.spokesNouns)})\\b`, "i"),
    legislatorNouns: new RegExp(`^(?:${alt(w.legislatorNouns)})\\b`),
    oppositionNouns: new RegExp(`^(?:${alt(w.oppositionNouns)})\\b`, "i"),
    // "the Biden administration", "Assad's regime": the government a leader heads.
    personGovernment: new RegExp(`^(?:['’]s)?\\s+(${alt(w.personGovernmentNouns)})\\b`, "i"),
    // "Moscow said", "Tehran has categorically denied": a capital as the subject of a verb.
    capitalSpeaks: new RegExp(`^\\s+(?:[a-z]+ly\\s+)?(?:${alt(w.capitalVerbs)})\\b`),
    newPersonBefore: new RegExp(`\\b(?:${alt(w.personRoleNouns)})\\s*,?\\s*$`, "i"),
    titleWords: new Set([...w.portfolioWords, ...w.titlePrefixes]),
    titlePrefixes: new Set(w.titlePrefixes),
    honorifics: new Set(w.honorifics),
    speaksAfter: new RegExp(`^\\s*,?\\s*(,[^,]{3,60},\\s*)?(?:${alt(w.speechVerbs)})\\b`),
    speaksBefore: new RegExp(`[,"”’]\\s*(?:${alt(w.speechVerbs)})\\s+$`),
    nameJoiners: new Set(w.nameJoiners),
    notNameWords: new Set(w.notNameWords),
    calendarWords: new Set(w.calendarWords),
    organWords: new Set(w.organWords.map((o) => o.toLowerCase())),
    commentatorApposition: new RegExp(
      `^\\s*,\\s+(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${alt(w.commentatorRoles)})(?![\\p{L}])`,
      "iu",
    ),
  };
  return cachedWords;
}

const SENTENCE_OPENERS =
  /^(The|A|An|In|On|At|But|And|It|Its|This|That|These|Those|Officials|Security|Police|Witnesses|Residents|Sources|Analysts|Some|Many|Most|Several|After|Before|When|While|Earlier|Later|Meanwhile|However|Yesterday|Today|Last|Next|On|By|For|From|With|As|If)\b/;

const NAME =
  /[A-Z][\p{L}'’-]+(?:\s+(?:(?:al|el|bin|ibn|abu|abdel|von|van|de|der|da|di|du|la|le)[-\s])?[A-Z][\p{L}'’-]+){1,3}/gu;

const genericOrgan = (surface: string) =>
  surface
    .toLowerCase()
    .split(/\s+/)
    .every((w) => actorWords().organWords.has(w));

/** What follows a state's name when the state only places something: "Bangladesh's capital". */
const PLACE_OF_STATE =
  /^['’]s\s+(?:(?:largest|second|biggest|main|northern|southern|eastern|western|central|commercial|economic)\s+)*(?:capital|city|port|province|region|town|village|border|coast|enclave|exclave)\b/i;

/** Words that make an organisation international rather than one state's. */
const INTERNATIONAL_WORDS =
  /\b(?:International|World|Global|Inter|United|Olympic|European|African|Arab|Islamic|Asian|Pan|Red|Human|Rights|Nations|Regional|Joint|Transitional|Revolutionary|Liberation|Resistance|Popular|Free|Freedom)\b/;

/** An actor the knowledge base lacks, named by the report, part of `partOf` when given. */
function mintedActor(name: string, kind: Actor["kind"], country: string | null, partOf?: string): Actor {
  return {
    id: newActorId(name),
    name,
    kind,
    country,
    aliases: [],
    roles: [],
    affiliations: partOf ? [{ type: "part_of", target: partOf }] : [],
  };
}

function lexemes(hit: Hit, type: Lexeme["type"]): Lexeme[] {
  return hit.values.filter((v) => v.type === type);
}

function firstActor(hit: Hit | undefined, kinds?: readonly string[]): Actor | undefined {
  if (!hit) return undefined;
  for (const v of hit.values)
    if (v.type === "actor" && (!kinds || kinds.includes(v.actor.kind))) return v.actor;
  return undefined;
}

function stateOf(hit: Hit | undefined): Actor | undefined {
  if (!hit) return undefined;
  for (const v of hit.values) {
    if (v.type === "demonym") return v.state;
    if (v.type === "actor" && v.actor.kind === "state") return v.actor;
  }
  return undefined;
}

function titleOf(hit: Hit | undefined): Extract<Lexeme, { type: "title" }> | undefined {
  return hit?.values.find((v): v is Extract<Lexeme, { type: "title" }> => v.type === "title");
}

function sectorOf(hit: Hit | undefined): Extract<Lexeme, { type: "sector" }> | undefined {
  return hit?.values.find((v): v is Extract<Lexeme, { type: "sector" }> => v.type === "sector");
}

export class ActorResolver {
  /** People already named in full in this document: a bare surname may then refer to them. */
  private readonly named = new Set<string>();
  /** Surnames of the people named so far, for later bare references ("Salih added"). */
  private readonly surnames = new Map<string, Actor>();

  private remember(actor: Actor, surface: string): void {
    if (actor.kind !== "person") return;
    for (const name of [actor.name, surface]) {
      const last = name
        .replace(/['’]s$/, "")
        .split(/\s+/)
        .pop();
      if (last && last.length > 2 && /^[A-Z]/.test(last)) this.surnames.set(last.toLowerCase(), actor);
    }
  }

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly date: string,
    /** The country the report is datelined in or first names, if any: "the Investigative
     * Committee" of a report from Moscow is Russia's. */
    private readonly home: string | null = null,
  ) {}

  /** Office-holders the report itself names with their title ("Prime Minister Adel Abdul Mahdi"):
   * a later bare "the Iraqi prime minister" is that person, whoever held the office on another day. */
  private readonly titled = new Map<string, Actor>();

  private noteTitle(person: Actor, office: Office | undefined, of: string | null | undefined): void {
    if (person.kind !== "person" || !office || !of) return;
    if (office === "minister" || office === "other") return;
    this.titled.set(`${office}|${of}`, person);
  }

  /** The one person the knowledge base has as a body's spokesperson on the report's date. */
  private spokespersonOf(body: Actor): Actor | undefined {
    const people = new Set<Actor>();
    for (const noun of ["Spokesman", "Spokeswoman", "Spokesperson"])
      for (const { person } of this.kb.whoHeld(`${noun} of the ${body.name}`, this.date))
        if (person.kind === "person") people.add(person);
    return people.size === 1 ? [...people][0] : undefined;
  }

  private holder(office: Office, of: string, title?: string): Actor | undefined {
    const named = this.titled.get(`${office}|${of}`);
    if (named) return named;
    // Only the offices a state or organisation has one of at a time: "the minister" is not one person.
    if (office === "minister" || office === "other") return undefined;
    const people = this.kb.holders(office, of, this.date);
    if (people.length === 1) return people[0];
    if (people.length > 1 && title) {
      const narrowed = this.kb.holders(office, of, this.date, title);
      if (narrowed.length === 1) return narrowed[0];
    }
    return undefined;
  }

  /** A person matched by name: a bare one-word alias counts only for someone in office on the
   * report's date or already named in full, so "May" in a 2024 report is a month, not Theresa May. */
  private acceptPerson(person: Actor, hit: Hit, titled: boolean, insideName: () => boolean): boolean {
    const words = hit.tokens[1] - hit.tokens[0];
    if (words > 1 || titled) return true;
    if (this.named.has(person.id)) return true;
    // A surname inside another name is not that person: "a Mini Cooper", "Cooper Union".
    if (insideName()) return false;
    // A bare surname must be written as a name, must not be an ordinary word or a month, and must
    // belong to someone in office within the last ten years.
    if (!/^\p{Lu}/u.test(hit.surface) || actorWords().commonWords.has(hit.surface.toLowerCase()))
      return false;
    const since = `${Number(this.date.slice(0, 4)) - 10}${this.date.slice(4)}`;
    return person.roles.some((r) => (!r.end || r.end >= since) && (!r.start || r.start <= this.date));
  }

  /** Names that could mean several actors and that context did not settle. */
  readonly ambiguities: Ambiguity[] = [];
  /** Actors met so far in the report, for settling ambiguous names by context. */
  private readonly seen = new Set<string>();
  private readonly seenCountries = new Set<string>();

  /** The actor a name stands for. When it names several, context decides: someone in office on the
   * report's date, someone already met in the report, someone of a country already met; failing
   * that, the mention is reported as ambiguous rather than guessed. */
  private pickActor(hit: Hit, sentence: Sentence, kinds?: readonly string[]): Actor | undefined {
    const candidates = hit.values.flatMap((v) =>
      v.type === "actor" && (!kinds || kinds.includes(v.actor.kind)) ? [v.actor] : [],
    );
    if (candidates.length <= 1) return candidates[0];
    const narrowings: ((a: Actor) => boolean)[] = [
      (a) => this.seen.has(a.id),
      (a) => a.kind !== "person" || this.kb.rolesOn(a, this.date).length > 0,
      (a) => a.country !== null && this.seenCountries.has(a.country),
    ];
    let pool = candidates;
    for (const keep of narrowings) {
      const narrowed = pool.filter(keep);
      if (narrowed.length === 1) return narrowed[0];
      if (narrowed.length > 1) pool = narrowed;
    }
    this.ambiguities.push({
      surface: hit.surface,
      sentence: sentence.index,
      candidates: pool.map((a) => a.id),
    });
    const countries = new Set(pool.map((a) => a.country));
    return {
      id: `ambiguous:${hit.surface.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
      name: hit.surface,
      kind: new Set(pool.map((a) => a.kind)).size === 1 ? pool[0]!.kind : "other",
      country: countries.size === 1 ? [...countries][0]! : null,
      aliases: [],
      roles: [],
      affiliations: [],
    };
  }

  resolve(sentence: Sentence): ResolvedSentence {
    const text = sentence.text;
    const base = sentence.span[0];
    const hits = this.kb.index.scan(text);
    const mentions: ResolvedMention[] = [];
    const places: PlaceMention[] = [];
    const descriptions: ResolvedSentence["descriptions"] = [];
    const gap = (a: Hit, b: Hit) => text.slice(a.end, b.start);
    // A one-word name written against another capitalised word that is no known name ("a Mini
    // Cooper", "Cooper Union") is part of that other name.
    // A headline in title case capitalises every word: there, capitals say nothing about names.
    let titleCase: boolean | undefined;
    const isTitleCase = () => {
      if (titleCase === undefined) {
        const longWords = text.match(/\p{L}{4,}/gu) ?? [];
        titleCase = longWords.filter((w) => /^\p{Lu}/u.test(w)).length > 0.6 * longWords.length;
      }
      return titleCase;
    };
    const insideName = (hit: Hit, prev: Hit | undefined, next: Hit | undefined): boolean => {
      if (isTitleCase()) return false;
      const from = Math.max(0, hit.start - 40);
      const before = /(\p{Lu}[\p{L}'’-]*)\s+$/u.exec(text.slice(from, hit.start));
      if (before) {
        const at = from + before.index;
        const known = prev !== undefined && prev.end > at;
        const word = before[1]!;
        if (
          at > 0 &&
          !known &&
          !actorWords().calendarWords.has(word) &&
          !actorWords().notNameWords.has(word) &&
          !actorWords().honorifics.has(word.replace(/\.$/, ""))
        )
          return true;
      }
      const after = /^\s+\p{Lu}/u.exec(text.slice(hit.end, hit.end + 3));
      return !!after && !(next && next.start <= hit.end + after[0].length);
    };
    const adjacent = (a: Hit, b: Hit) => /^(['’]s)?[\s-]*$/.test(gap(a, b));
    const ofThe = (a: Hit, b: Hit) => /^\s+(of|for)\s+(the\s+)?$/i.test(gap(a, b));
    // "Iran's Foreign Ministry spokesman", unnamed: whoever held that post on the report's day, when
    // the knowledge base knows exactly one; "the ministry's spokesman Nasser Kanaani" names him.
    const addBody = (body: Actor, from: Hit, to: Hit) => {
      const spokes = /^\s+(spokes(?:man|woman|person))\b(?!\s+\p{Lu})/u.exec(text.slice(to.end, to.end + 40));
      const person = spokes ? this.spokespersonOf(body) : undefined;
      if (!spokes || !person) {
        add(body, from, to, "body");
        return;
      }
      mentions.push({
        actor: person,
        sentence: sentence.index,
        start: base + from.start,
        end: base + to.end + spokes[0].length,
        surface: text.slice(from.start, to.end + spokes[0].length),
        via: "title",
        title: spokes[1],
      });
    };
    const add = (actor: Actor, from: Hit, to: Hit, via: ResolvedMention["via"], title?: string) => {
      mentions.push({
        actor,
        sentence: sentence.index,
        start: base + from.start,
        end: base + to.end,
        surface: text.slice(from.start, to.end),
        via,
        title,
      });
      if (actor.kind === "person" && (via !== "name" || from.tokens[1] - from.tokens[0] > 1)) {
        this.named.add(actor.id);
        this.remember(actor, text.slice(from.start, to.end));
      }
    };

    for (let k = 0; k < hits.length; k++) {
      const hit = hits[k]!;
      // "Iran-aligned factions", "Iranian-made drones": a name used as a modifier names no actor.
      if (actorWords().modifierAfter.test(text.slice(hit.end, hit.end + 14))) continue;
      const next = hits[k + 1];
      const after = hits[k + 2];
      // "former U.S. President Donald Trump" no longer holds the office a later bare title names.
      const former = /\b(?:former|ex-|late|then-?)\s*$/i.test(
        text.slice(Math.max(0, hit.start - 12), hit.start),
      );
      const state = stateOf(hit);
      const igo = firstActor(hit, ["igo"]);
      // [owner?] [title] [a name the knowledge base lacks]: "Austrian Chancellor Karl Nehammer",
      // "Zimbabwe's president, Emmerson Mnangagwa", "the former president of Botswana, Ian Khama".
      const introduce = (
        from: Hit,
        title: Hit,
        owner: Actor | undefined,
        at: number = title.end,
        titleSurface: string = title.surface,
        office: Office = titleOf(title)?.office ?? "other",
      ): boolean => {
        const rest = text.slice(at);
        const name =
          /^\s*,?\s+([A-Z][\p{L}'’-]+(?:\s+(?:(?:al|el|bin|ibn|abu|von|van|de|da|di)[-\s])?[A-Z][\p{L}'’-]+){1,3})/u.exec(
            rest,
          );
        if (!name) return false;
        const words = name[1]!.replace(/['’]s$/, "");
        const nameAt = at + name[0].indexOf(name[1]!);
        if (hits.some((h) => h.start === nameAt && firstActor(h, ["person"]))) return false;
        // "the president, Prime Minister ..." or "the minister, Hezbollah ...": a title or a known
        // name is not a new person's name.
        if (
          this.kb.index.get(words).length ||
          hits.some((h) => h.start === nameAt && h.end >= nameAt + words.length)
        )
          return false;
        if (actorWords().heads.has(words.split(/\s+/).pop()!)) return false;
        const actor: Actor = {
          id: newActorId(words),
          name: words,
          kind: "person",
          country: owner?.country ?? null,
          aliases: [words],
          roles: [
            {
              title: `${titleSurface}${owner ? ` (${owner.name})` : ""}`,
              office,
              of: owner?.country ?? owner?.id ?? "",
              start: null,
              end: null,
            },
          ],
          affiliations: [],
        };
        const end = nameAt + words.length;
        mentions.push({
          actor,
          sentence: sentence.index,
          start: base + from.start,
          end: base + end,
          surface: text.slice(from.start, end),
          // Named with a title the report gives: an office-holder, as much as one the base knows.
          via: "title+name",
          title: titleSurface,
        });
        this.remember(actor, words);
        if (!former) this.noteTitle(actor, office, owner?.country ?? owner?.id);
        while (hits[k + 1] && hits[k + 1]!.start < end) k++;
        return true;
      };

      // [state or demonym] [a name of an organisation's organ]: "the Russian Security Council" is
      // Russia's, not the United Nations'.
      if (state && next && adjacent(hit, next) && firstActor(next, ["igo"]) && genericOrgan(next.surface)) {
        const organ = next.surface.replace(/^the\s+/i, "");
        add(
          {
            id: newActorId(`${organ} ${state.country}`),
            name: `${organ} of ${state.name}`,
            kind: "government_body",
            country: state.country,
            aliases: [],
            roles: [],
            affiliations: [{ type: "part_of", target: state.id }],
          },
          hit,
          next,
          "body",
        );
        k += 1;
        continue;
      }

      // [state or demonym or organisation] [title] [name?]: "Russian President Vladimir Putin", "UN Secretary-General"
      const owner = state ?? igo;
      // "Lebanese Information Minister", "Ukraine's Deputy Defence Minister": portfolio words and
      // prefixes between the owner and the title make a different office.
      const between = next ? gap(hit, next) : "";
      const compound =
        next && titleOf(next) && !adjacent(hit, next)
          ? /^(?:['’]s)?((?:\s+[A-Z][\p{L}-]+){1,3})\s+$/u.exec(between)
          : null;
      const compoundWords = compound ? compound[1]!.trim().split(/\s+/) : [];
      const isCompound =
        compoundWords.length > 0 && compoundWords.every((w) => actorWords().titleWords.has(w));
      if (owner && next && isCompound) {
        const prefixed = compoundWords.some((w) => actorWords().titlePrefixes.has(w));
        const surface = text.slice(hit.end + between.indexOf(compoundWords[0]!), next.end);
        const office: Office = prefixed
          ? "other"
          : titleOf(next)!.office === "foreign_minister"
            ? "foreign_minister"
            : "minister";
        if (introduce(hit, next, owner, next.end, surface, office)) continue;
      }
      const ownerTitle = next && adjacent(hit, next) ? titleOf(next) : undefined;
      if (owner && next && ownerTitle) {
        const named =
          after && (adjacent(next, after) || /^\s*,\s*$/.test(gap(next, after)))
            ? this.pickActor(after, sentence, ["person"])
            : undefined;
        const office = igo ? "igo_head" : ownerTitle.office;
        if (named) {
          add(named, hit, after!, "title+name", next.surface);
          if (!former) this.noteTitle(named, office, owner.kind === "state" ? owner.country : owner.id);
          k += 2;
          continue;
        }
        if (introduce(hit, next, owner, next.end, next.surface, office)) continue;
        const person = this.holder(
          office,
          owner.kind === "state" ? owner.country! : owner.id,
          ownerTitle.phrase,
        );
        if (person) {
          add(person, hit, next, "title", next.surface);
          k += 1;
          continue;
        }
      }
      // [state or demonym] [sector]: "the Omani Foreign Ministry", "Saudi Arabia's foreign ministry"
      const sector = next && adjacent(hit, next) ? sectorOf(next) : undefined;
      if (state && next && sector) {
        const body = this.kb.governmentBody(state.country!, sector.sector, sector.cameo);
        if (body) {
          addBody(body, hit, next);
          k += 1;
          continue;
        }
      }
      // [sector] of [state]: "the Ministry of Foreign Affairs of Qatar"
      const ownSector = sectorOf(hit);
      // "Army of Russian partisans": a demonym after "of" describes, it does not own.
      const ofState = next && ofThe(hit, next) && firstActor(next, ["state"]) ? stateOf(next) : undefined;
      if (ownSector && ofState) {
        const body = this.kb.governmentBody(ofState.country!, ownSector.sector, ownSector.cameo);
        if (body) {
          addBody(body, hit, next!);
          k += 1;
          continue;
        }
      }
      // [title] of [state or organisation]: "the Prime Minister of Iraq", "Secretary-General of the Arab League"
      const ownTitle = titleOf(hit);
      // "Najib Mikati, the Prime Minister of Lebanon": the person just named holds the title.
      const lastMention = mentions[mentions.length - 1];
      const appositive =
        ownTitle &&
        lastMention?.actor.kind === "person" &&
        /^\s*,\s*(?:the\s+)?(?:then-?\s*|former\s+|current\s+)?$/i.test(
          text.slice(lastMention.end - base, hit.start),
        )
          ? lastMention.actor
          : undefined;
      if (ownTitle && next && ofThe(hit, next)) {
        const of = stateOf(next) ?? firstActor(next, ["igo"]);
        if (of) {
          const office = of.kind === "igo" ? "igo_head" : ownTitle.office;
          const ofId = of.kind === "igo" ? of.id : of.country!;
          const named =
            appositive ??
            (after && /^\s*,?\s*$/.test(gap(next, after))
              ? this.pickActor(after, sentence, ["person"])
              : undefined);
          if (named) {
            if (!former) this.noteTitle(named, office, ofId);
            const to = appositive ? next : after!;
            add(named, hit, to, "title+name", hit.surface);
            k += appositive ? 1 : 2;
            continue;
          }
          if (introduce(hit, next, of, next.end, `${hit.surface} of ${of.name}`, former ? "other" : office))
            continue;
          const person = former ? undefined : this.holder(office, ofId, ownTitle.phrase);
          if (person) {
            add(person, hit, next, "title", hit.surface);
            k += 1;
            continue;
          }
        }
      }
      // [title] [name]: "President Emmanuel Macron", "Prime Minister Benjamin Netanyahu"
      if (ownTitle && next && adjacent(hit, next)) {
        const person = this.pickActor(next, sentence, ["person"]);
        if (person) {
          add(person, hit, next, "title+name", hit.surface);
          const of =
            person.roles.find((r) => r.office === ownTitle.office)?.of ??
            (ownTitle.office === "igo_head" ? undefined : person.country);
          if (!former) this.noteTitle(person, ownTitle.office, of);
          k += 1;
          continue;
        }
      }
      if (ownTitle && introduce(hit, hit, undefined)) continue;
      if (ownTitle) {
        descriptions.push({
          kind: "title",
          office: ownTitle.office,
          states: ownTitle.states,
          start: base + hit.start,
          end: base + hit.end,
          surface: hit.surface,
        });
        continue;
      }
      // "Arab Parliament", "Pan-African Parliament": a capitalised name before a bare sector head
      // that is no state's makes a body of its own, not the legislature of the state in context.
      const properName = ownSector && /(?:^|\s)((?:[A-Z][\p{L}-]+\s+){1,3})$/u.exec(text.slice(0, hit.start));
      if (ownSector && properName && !/^(The|A|An|In|On|At|Its|His|Her|Their)\s/.test(properName[1]!)) {
        const name = `${properName[1]!}${hit.surface}`.replace(/\s+/g, " ");
        const start = hit.start - properName[1]!.length;
        mentions.push({
          actor: {
            id: newActorId(name),
            name,
            // "the National Republican Army" is an armed group, "the Arab Parliament" some body.
            kind: actorWords().heads.get(name.split(" ").pop()!)?.kind ?? "other",
            country: null,
            aliases: [],
            roles: [],
            affiliations: [],
          },
          sentence: sentence.index,
          start: base + start,
          end: base + hit.end,
          surface: name,
          via: "new",
        });
        continue;
      }
      if (ownSector) {
        descriptions.push({
          kind: "sector",
          sector: ownSector.sector,
          start: base + hit.start,
          end: base + hit.end,
          surface: hit.surface,
        });
        continue;
      }
      // "Russia's opposition", "the Belarusian opposition": the opposition of that state, a party.
      const opposition = state ? /^(?:['’]s)?\s+(?:political\s+)?(\p{L}+)/u.exec(text.slice(hit.end)) : null;
      if (state && opposition && actorWords().oppositionNouns.test(opposition[1]!)) {
        const end = hit.end + opposition[0].length;
        const surface = text.slice(hit.start, end);
        mentions.push({
          actor: {
            id: `new:opposition-${state.country!.toLowerCase()}`,
            name: lexemes(hit, "demonym").length
              ? surface.replace(/^the\s+/i, "")
              : `${state.name}'s opposition`,
            kind: "party",
            country: state.country,
            aliases: [],
            roles: [],
            affiliations: [],
          },
          sentence: sentence.index,
          start: base + hit.start,
          end: base + end,
          surface,
          via: "new",
        });
        continue;
      }
      // "Dhaka, Bangladesh's capital": a state named to place a city is a place, not an actor.
      if (state && PLACE_OF_STATE.test(text.slice(hit.end, hit.end + 40))) {
        places.push({
          name: state.name,
          country: state.country,
          sentence: sentence.index,
          start: base + hit.start,
          end: base + hit.end,
        });
        continue;
      }
      const actor = this.pickActor(hit, sentence);
      if (actor) {
        if (
          actor.kind === "person" &&
          !this.acceptPerson(actor, hit, false, () => insideName(hit, hits[k - 1], next))
        )
          continue;
        const governs =
          actor.kind === "person" && actor.country
            ? actorWords().personGovernment.exec(text.slice(hit.end))
            : null;
        if (governs) {
          const surname = actor.name.split(/\s+/).pop()!;
          const noun = governs[1]!.toLowerCase();
          const end = hit.end + governs[0].length;
          mentions.push({
            actor: mintedActor(
              `${surname} ${noun}`,
              "government_body",
              actor.country,
              `state:${actor.country}`,
            ),
            sentence: sentence.index,
            start: base + hit.start,
            end: base + end,
            surface: text.slice(hit.start, end),
            via: "body",
          });
          continue;
        }
        // "Trump's campaign said": the campaign speaks, not the candidate.
        const organ = /^['’]s\s+(campaign|party|family|lawyers?|team|foundation|movement)\b/i.exec(
          text.slice(hit.end),
        );
        if (organ && actor.kind === "person") {
          const name = `${actor.name}'s ${organ[1]!.toLowerCase()}`;
          const end = hit.end + organ[0].length;
          mentions.push({
            actor: mintedActor(name, "other", actor.country, actor.id),
            sentence: sentence.index,
            start: base + hit.start,
            end: base + end,
            surface: text.slice(hit.start, end),
            via: "new",
          });
          continue;
        }
        add(actor, hit, hit, "name");
        continue;
      }
      // A demonym names its state when it qualifies the people who speak for it: "Iraqi officials".
      const demonym = lexemes(hit, "demonym")[0];
      if (demonym && demonym.type === "demonym") {
        const rest = text.slice(hit.end).trimStart();
        // "Russian lawmakers" are the state's legislature speaking, "Iraqi officials" the state.
        const legislature = actorWords().legislatorNouns.test(rest)
          ? this.kb.governmentBody(demonym.state.country!, "legislature")
          : undefined;
        if (legislature) {
          add(legislature, hit, hit, "demonym");
          continue;
        }
        if (actorWords().spokesNouns.test(rest)) {
          add(demonym.state, hit, hit, "demonym");
          continue;
        }
      }
      // A capital speaks for its government when it says or does something: "Riyadh said".
      const capital = lexemes(hit, "capital")[0];
      if (capital && capital.type === "capital") {
        const before = text.slice(0, hit.start);
        // "Officials in Islamabad" speak for Pakistan's government as much as "Islamabad said".
        const officials = /\b(officials|authorities|leaders|diplomats|sources|the government)\s+in\s+$/i.exec(
          before,
        );
        if (officials) {
          mentions.push({
            actor: capital.state,
            sentence: sentence.index,
            start: base + officials.index,
            end: base + hit.end,
            surface: text.slice(officials.index, hit.end),
            via: "capital",
          });
        } else if (
          actorWords().capitalSpeaks.test(text.slice(hit.end)) &&
          !/\b(in|at|from|to|near|of|and|around|outside|across)\s+$/i.test(before)
        ) {
          add(capital.state, hit, hit, "capital");
        } else {
          places.push({
            name: this.kb.place(hit.surface)[0]?.name ?? hit.surface,
            country: capital.state.country,
            sentence: sentence.index,
            start: base + hit.start,
            end: base + hit.end,
          });
        }
        continue;
      }
      const place = lexemes(hit, "place")[0];
      // A place is written as a name: "for the sake of Iraq" is not Sake in Congo.
      if (place && place.type === "place" && /^\p{Lu}/u.test(hit.surface)) {
        places.push({
          name: place.place.name,
          country: place.place.country,
          sentence: sentence.index,
          start: base + hit.start,
          end: base + hit.end,
        });
      }
    }
    this.findNewOrganisations(sentence, mentions, hits, descriptions);
    this.findNewPeople(sentence, mentions);
    this.findSurnames(sentence, mentions);
    mentions.sort((a, b) => a.start - b.start);
    for (const m of mentions) {
      this.seen.add(m.actor.id);
      if (m.actor.country) this.seenCountries.add(m.actor.country);
    }
    return { sentence, mentions, places, descriptions };
  }

  /** Organisations the knowledge base does not know, by the head noun of their name: "the Martyrs
   * Brigades", "the Front for Change and Concord in Chad", "Russia's Investigative Committee", "the
   * Joint Force of the G5 Sahel". The kind is guessed from the head noun and from who owns the name:
   * a state's "Forces" or "Committee" is one of its bodies, several states' is an organisation. */
  private findNewOrganisations(
    sentence: Sentence,
    mentions: ResolvedMention[],
    hits: readonly Hit[],
    descriptions: ResolvedSentence["descriptions"],
  ): void {
    const text = sentence.text;
    const base = sentence.span[0];
    const { heads, headPattern } = actorWords();
    // Most sentences name no organisation: a single test keeps them cheap.
    if (!headPattern.test(text)) {
      this.dropListedMembers(text, base, mentions, hits);
      return;
    }
    const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].map((m) => ({
      word: m[0].replace(/['’]s$/, ""),
      start: m.index,
      end: m.index + m[0].replace(/['’]s$/, "").length,
      possessive: /['’]s$/.test(m[0]),
    }));
    const capital = (i: number) => {
      const w = words[i];
      return !!w && /^(\p{Lu}|\p{N}+\p{Lu})/u.test(w.word) && !actorWords().notNameWords.has(w.word);
    };
    // Words a state or demonym hit covers: they own a name, they are not part of it.
    const stateHitAt = (i: number) => {
      const w = words[i]!;
      return hits.find((h) => h.start <= w.start && w.end <= h.end && stateOf(h));
    };
    const joined = (i: number, j: number) => /^[\s,]*$/.test(text.slice(words[i]!.end, words[j]!.start));
    for (let h = 0; h < words.length; h++) {
      const head = heads.get(words[h]!.word);
      if (!head) continue;
      // Leftwards over the capitalised words of the name ("Islamic Revolutionary Guard Corps").
      let first = h;
      while (
        first > 0 &&
        capital(first - 1) &&
        !words[first - 1]!.possessive &&
        !stateHitAt(first - 1) &&
        joined(first - 1, first) &&
        h - first < 6
      )
        first--;
      // "Chemical and Biological Defense Forces": joiners between capitalised words.
      while (
        first > 1 &&
        /^(and|of|for)$/.test(words[first - 1]!.word) &&
        capital(first - 2) &&
        !stateHitAt(first - 2) &&
        !words[first - 2]!.possessive &&
        h - first < 8
      ) {
        first -= 2;
        while (first > 0 && capital(first - 1) && !stateHitAt(first - 1) && joined(first - 1, first)) first--;
      }
      // Rightwards over "of/for [the] Capitalised ...": "Front for Change and Concord in Chad".
      let last = h;
      if (!words[h]!.possessive && /^(of|for|against|on)$/.test(words[h + 1]?.word ?? "")) {
        let j = h + 2;
        if (words[j]?.word === "the") j++;
        let end = -1;
        while (j < words.length && j - h < 12) {
          const w = words[j]!;
          if (capital(j) && joined(j - 1, j) && /^\s+$/.test(text.slice(words[j - 1]!.end, w.start))) {
            end = j;
            if (w.possessive) break;
            j++;
          } else if (
            end >= 0 &&
            actorWords().nameJoiners.has(w.word) &&
            capital(j + 1) &&
            // "the Center for Global Policy in Washington": a known place after "in" is where it is.
            !(
              /^(in|on|at)$/.test(w.word) &&
              hits.some((x) => x.start === words[j + 1]!.start && !firstActor(x))
            )
          )
            j++;
          else break;
        }
        // "the National Republican Army of Russian partisans": a demonym before a common noun
        // describes the members; it does not name the organisation.
        const tail = end >= 0 ? words[end]! : undefined;
        const demonymTail =
          tail &&
          /^\s+\p{Ll}/u.test(text.slice(tail.end, tail.end + 3)) &&
          hits.some((x) => x.start === tail.start && x.values.some((v) => v.type === "demonym"));
        if (end >= 0 && !demonymTail) last = end;
      }
      // "the Front for Change and Concord in Chad": a closing "in [place]" is where the
      // organisation is, spelt as each outlet likes ("in Tchad"); it gives the country at most.
      let placedIn: Actor | undefined;
      for (let j = h + 2; j < last; j++) {
        if (words[j]!.word !== "in" || !capital(j + 1)) continue;
        const where = hits.find((x) => x.start === words[j + 1]!.start);
        placedIn = where ? stateOf(where) : undefined;
        last = j - 1;
        break;
      }
      h = Math.max(h, last);
      const nameWords = last - first + 1;
      if (nameWords < 2 && !(first > 0 && words[first - 1]!.word.toLowerCase() === "the")) continue;
      const start = words[first]!.start;
      const end = words[last]!.end;
      let name = text.slice(start, end);
      // One capitalised word before the head is enough only with "the": "the Quartet" needs more.
      if (nameWords < 2 && !/\(/.test(text.slice(end, end + 3))) continue;
      if (this.kb.lookup(name).length) continue;
      if (descriptions.some((d) => d.start - base < end && start < d.end - base)) continue;
      // A known name inside a longer unknown one ("Popular Front for the Liberation of Arnor",
      // "Saraya Thaar al-Muhandis Brigades") is part of that name, not a mention of its own.
      const overlapping = mentions.filter((x) => x.start < base + end && base + start < x.end);
      if (
        overlapping.some(
          (x) => x.start < base + start || x.end > base + end || name.length - x.surface.length < 8,
        )
      )
        continue;
      // The owner: "Russia's Investigative Committee", "the Russian Radiological ... Forces".
      const ownerHit = [...hits]
        .reverse()
        .find((x) => x.end <= start && stateOf(x) && /^(?:['’]s)?\s+$/.test(text.slice(x.end, start)));
      const inner = hits.filter((x) => x.start >= start && x.end <= end);
      const innerStates = new Set(inner.flatMap((x) => (stateOf(x) ? [stateOf(x)!.country!] : [])));
      const innerIgo = inner.some((x) => firstActor(x, ["igo"]));
      const members = this.listedStates(text, end, hits);
      const owner = ownerHit
        ? stateOf(ownerHit)
        : innerStates.size === 1
          ? this.kb.state([...innerStates][0]!)
          : undefined;
      let kind: Actor["kind"] = head.kind;
      let country: string | null = null;
      if (innerIgo || members.length > 1 || innerStates.size > 1) kind = "igo";
      else if (owner) {
        kind = head.stateKind;
        country = owner.country;
      } else if (placedIn) country = placedIn.country;
      else if (
        this.home &&
        head.stateKind === "government_body" &&
        head.kind !== "government_body" &&
        !INTERNATIONAL_WORDS.test(name)
      ) {
        // A national institution named without its state ("the Investigative Committee", "the
        // Central Election Commission") belongs to the country the report is from.
        kind = "government_body";
        country = this.home;
      }
      const from = ownerHit ? ownerHit.start : start;
      if (ownerHit) name = `${name} of ${owner!.name}`;
      name = name.replace(/^(The|A|An)\s+/, "");
      for (const x of mentions.filter((x) => x.start < base + end && base + from < x.end))
        mentions.splice(mentions.indexOf(x), 1);
      mentions.push({
        actor: {
          id: newActorId(name),
          name,
          kind,
          country,
          aliases: [],
          roles: [],
          affiliations: [],
        },
        sentence: sentence.index,
        start: base + from,
        end: base + end,
        surface: text.slice(from, end),
        // A state's body ("Russia's Investigative Committee") speaks for it as a known body would.
        via: country && kind === "government_body" ? "body" : "new",
      });
    }
    this.dropListedMembers(text, base, mentions, hits);
  }

  /** States listed in parentheses right after a position: "the Quartet (Egypt, Jordan, France and
   * Germany)". */
  private listedStates(text: string, at: number, hits: readonly Hit[]): Actor[] {
    const open = /^\s*\(/.exec(text.slice(at, at + 4));
    if (!open) return [];
    const from = at + open[0].length;
    const close = text.indexOf(")", from);
    if (close < 0 || close - from > 300) return [];
    const inside = hits.filter((h) => h.start >= from && h.end <= close);
    const states = inside.flatMap((h) => (stateOf(h) ? [stateOf(h)!] : []));
    // Only a list of states: nothing else named, nothing but commas and "and" between them.
    if (states.length !== inside.length) return [];
    let rest = text.slice(from, close);
    for (const h of [...inside].reverse()) rest = rest.slice(0, h.start - from) + rest.slice(h.end - from);
    return /^[\s,;&]*$/.test(rest.replace(/\band\b/g, "")) ? states : [];
  }

  /** Members listed in parentheses after an organisation are its members, not actors of their own;
   * one state in parentheses after a person is that person's country: "Martin Kimani (Kenya)". */
  private dropListedMembers(
    text: string,
    base: number,
    mentions: ResolvedMention[],
    hits: readonly Hit[],
  ): void {
    if (!text.includes("(")) return;
    for (const m of [...mentions]) {
      const at = m.end - base;
      const members = this.listedStates(text, at, hits);
      if (!members.length) continue;
      const close = text.indexOf(")", at);
      if (m.actor.kind === "person") {
        if (members.length !== 1) continue;
        if (m.actor.country === null && m.actor.id.startsWith("new:"))
          m.actor = { ...m.actor, country: members[0]!.country };
        // The state in parentheses says where the person is from; it is no actor of its own.
        for (const x of mentions.filter((x) => x.start > m.end && x.end <= base + close + 1))
          mentions.splice(mentions.indexOf(x), 1);
        continue;
      }
      if (members.length < 2 || m.actor.kind === "state") continue;
      for (const x of mentions.filter((x) => x.start > m.end && x.end <= base + close + 1))
        mentions.splice(mentions.indexOf(x), 1);
    }
  }

  /** Bare surnames of people named earlier in the report. */
  private findSurnames(sentence: Sentence, mentions: ResolvedMention[]): void {
    if (this.surnames.size === 0) return;
    const base = sentence.span[0];
    for (const m of sentence.text.matchAll(/\b[A-Z][\p{L}'’-]+/gu)) {
      const word = m[0].replace(/['’]s$/, "");
      const actor = this.surnames.get(word.toLowerCase());
      const start = base + m.index;
      const end = start + word.length;
      if (!actor || mentions.some((x) => x.start < end && start < x.end)) continue;
      mentions.push({ actor, sentence: sentence.index, start, end, surface: word, via: "name" });
    }
  }

  /** Names the knowledge base does not know, introduced by a role noun or followed by a speech verb. */
  private findNewPeople(sentence: Sentence, mentions: ResolvedMention[]): void {
    const text = sentence.text;
    const base = sentence.span[0];
    // A round-up's heading in capitals, "MYKHAILO PODOLYAK, UKRAINIAN PRESIDENTIAL ADVISER": a person
    // and their role, the role's demonym or state giving the country.
    const heading = /^([A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){1,3}),\s+(.{3,80})$/.exec(text.trim());
    if (
      heading &&
      !/\p{Ll}/u.test(text) &&
      actorWords().newPersonBefore.test(`${heading[2]} `.replace(/\s*$/, ""))
    ) {
      const upper = heading[1]!;
      const name = upper
        .toLowerCase()
        .replace(/(^|[\s'’-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
      if (!this.kb.lookup(name).length) {
        const start = base + text.indexOf(upper);
        const roleAt = text.indexOf(heading[2]!);
        const owner = this.kb.index.scan(heading[2]!).find((h) => stateOf(h));
        const actor: Actor = {
          id: newActorId(name),
          name,
          kind: "person",
          country: roleAt >= 0 && owner ? stateOf(owner)!.country : null,
          aliases: [],
          roles: [],
          affiliations: [],
        };
        for (const x of mentions.filter((x) => x.start >= start)) mentions.splice(mentions.indexOf(x), 1);
        this.remember(actor, name);
        mentions.push({
          actor,
          sentence: sentence.index,
          start,
          end: start + upper.length,
          surface: upper,
          via: "new",
        });
        return;
      }
    }
    NAME.lastIndex = 0;
    for (let m = NAME.exec(text); m !== null; m = NAME.exec(text)) {
      const start = base + m.index;
      const end = start + m[0].length;
      if (mentions.some((x) => x.start < end && start < x.end)) continue;
      const before = text.slice(0, m.index);
      const rest = text.slice(m.index + m[0].length);
      const introduced = actorWords().newPersonBefore.test(before);
      // "Ziad Makary said", "Ian Khama, a former president, said", "..., Mark Zuckerberg, said".
      const speaks = actorWords().speaksAfter.test(rest);
      // '"...," said Faysal Itani, a deputy director at ...': the name after an inverted speech
      // verb, closed by an apposition or the sentence's end.
      const speaksBefore =
        actorWords().speaksBefore.test(before) &&
        /^\s*(?:,\s+(?:a|an|the|who|whose|one)\b|[.;:]|$)/u.test(rest);
      if (!introduced && !speaks && !speaksBefore) continue;
      // A capitalised sentence opening is a name only if it starts with no function word.
      if (!introduced && m.index === 0 && SENTENCE_OPENERS.test(m[0])) continue;
      const name = m[0].replace(/['’]s$/, "");
      // Known names, and titles or offices read as names ("Prime Minister said"), are not new people;
      // nor are organisations ("the Investigative Committee said").
      if (this.kb.lookup(name).length || this.kb.index.get(name).length) continue;
      if (actorWords().heads.has(name.split(/\s+/).pop()!)) continue;
      // "General Mahamat Idriss Deby" is Mahamat Idriss Deby.
      const honorific = /^(\p{L}+)\.?\s+/u.exec(name);
      if (honorific && actorWords().honorifics.has(honorific[1]!) && name.split(/\s+/).length > 2) {
        const offset = honorific[0].length;
        NAME.lastIndex = m.index + offset;
        if (!this.kb.lookup(name.slice(offset)).length) {
          this.addNewPerson(name.slice(offset), start + offset, sentence, mentions);
        }
        NAME.lastIndex = m.index + m[0].length;
        continue;
      }
      this.addNewPerson(name, start, sentence, mentions);
    }
  }

  private addNewPerson(name: string, start: number, sentence: Sentence, mentions: ResolvedMention[]): void {
    // The country of the nearest actor in the same phrase: "Kremlin spokesman Dmitry Peskov" → RUS.
    const owner = [...mentions].reverse().find((x) => x.end <= start && start - x.end < 40);
    // "Faysal Itani, a deputy director at the Center for Global Policy": an analyst, quoted on the
    // event but no party to it.
    const at = start - sentence.span[0] + name.length;
    const rest = sentence.text.slice(at, at + 160);
    const commentator = actorWords().commentatorApposition.exec(rest);
    const actor: Actor = {
      id: newActorId(name),
      name,
      kind: "person",
      country: owner?.actor.country ?? null,
      aliases: [],
      roles: commentator
        ? [
            {
              title: rest
                .slice(commentator[0].indexOf(",") + 1)
                .split(/[,;.]|\s+(?:who|which)\s/)[0]!
                .trim(),
              office: "other",
              of: "",
              start: null,
              end: null,
            },
          ]
        : [],
      affiliations: [],
      ...(commentator ? { commentator: true } : {}),
    };
    this.remember(actor, name);
    mentions.push({
      actor,
      sentence: sentence.index,
      start,
      end: start + name.length,
      surface: name,
      via: "new",
    });
  }
}
