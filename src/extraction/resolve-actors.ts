// Actor resolution: the names the alias trie finds in each sentence, composed by rule into the
// actors a reader would understand. "the Omani Foreign Ministry" is Oman's foreign ministry;
// "Russian President Vladimir Putin" is Putin; "the Lebanese prime minister" is whoever held the
// office on the report's date; "Kremlin spokesman Dmitry Peskov", unknown to the knowledge base,
// becomes a new person of Russia rather than being lost.
import type { Actor, Sentence } from "../domain/index.js";
import type { AliasMatch, KnowledgeBase, Lexeme, Office } from "../knowledge/index.js";

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

const MODIFIER_AFTER =
  /^-(aligned|backed|allied|linked|affiliated|sponsored|supported|funded|leaning|based|born|made|built|led|controlled|held|style)\b/i;

const SENTENCE_OPENERS =
  /^(The|A|An|In|On|At|But|And|It|Its|This|That|These|Those|Officials|Security|Police|Witnesses|Residents|Sources|Analysts|Some|Many|Most|Several|After|Before|When|While|Earlier|Later|Meanwhile|However|Yesterday|Today|Last|Next|On|By|For|From|With|As|If)\b/;

const NEW_ORGANISATION =
  /(?:^|[^\p{L}])((?:(?:(?:al|el|bin|ibn|abu)-)?[A-Z][\p{L}'’-]+\s+(?:(?:of|for|the|and|in)\s+){0,2}){1,5}(?:Movement|Front|Brigades?|Party|Army|Forces|Organi[sz]ation|Group|Committee|Alliance|Coalition|Battalions?|Corps|Guards?|Militias?)(?:\s*(?:of|for|in)\s+(?:the\s+)?(?:[A-Z][\p{L}'’-]+(?:\s+|$)){1,4}){0,2})/gu;

/** Surnames that are also ordinary English words, months or days: a name only when introduced in full. */
const COMMON_WORDS = new Set(
  (
    "may march june april august bush brown rice major straw hunt cook fox long little young king price rich hope rose love church " +
    "bird green white black gray grey wood hill lee park kim chan moon sun wang page cash bolt gates case lord pope frost"
  ).split(" "),
);

const GROUP_NOUNS =
  /^(officials?|authorities|leaders(hip)?|diplomats?|government|spokes(man|woman|person)|envoy|ambassador|delegation|negotiators?|forces|troops|military|army)\b/i;
const SPEECH_AFTER =
  /^\s*(said|says|say|stated|added|told|wrote|posted|tweeted|condemned|denounced|urged|called|warned|welcomed|rejected|denied|expressed|voiced|announced|accused|blamed|responded|reacted|insisted|stressed|affirmed|reaffirmed|confirmed|described|dismissed|has|have|had|was|is|will|would)\b/i;
const ROLE_NOUNS =
  "chancellor|king|queen|emir|sultan|prince|sheikh|pope|spokes(?:man|woman|person)|minister|leader|official|adviser|advisor|ambassador|envoy|commander|chief|president|premier|chairman|chair|secretary|director|governor|mayor|senator|lawmaker|MP|general|colonel|analyst|professor|researcher";
const NEW_PERSON_BEFORE = new RegExp(`\\b(?:${ROLE_NOUNS})\\s*,?\\s*$`, "i");
const NAME =
  /[A-Z][\p{L}'’-]+(?:\s+(?:(?:al|el|bin|ibn|abu|abdel|von|van|de|der|da|di|du|la|le)[-\s])?[A-Z][\p{L}'’-]+){1,3}/gu;

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
  ) {}

  private holder(office: Office, of: string, title?: string): Actor | undefined {
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
  private acceptPerson(person: Actor, hit: Hit, titled: boolean): boolean {
    const words = hit.tokens[1] - hit.tokens[0];
    if (words > 1 || titled) return true;
    if (this.named.has(person.id)) return true;
    // A bare surname must be written as a name, must not be an ordinary word or a month, and must
    // belong to someone in office within the last ten years.
    if (!/^\p{Lu}/u.test(hit.surface) || COMMON_WORDS.has(hit.surface.toLowerCase())) return false;
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
    const adjacent = (a: Hit, b: Hit) => /^(['’]s)?[\s-]*$/.test(gap(a, b));
    const ofThe = (a: Hit, b: Hit) => /^\s+(of|for)\s+(the\s+)?$/i.test(gap(a, b));
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
      if (MODIFIER_AFTER.test(text.slice(hit.end, hit.end + 14))) continue;
      const next = hits[k + 1];
      const after = hits[k + 2];
      const state = stateOf(hit);
      const igo = firstActor(hit, ["igo"]);
      // [owner?] [title] [a name the knowledge base lacks]: "Austrian Chancellor Karl Nehammer".
      const introduce = (from: Hit, title: Hit, owner: Actor | undefined): boolean => {
        const rest = text.slice(title.end);
        const name =
          /^\s+([A-Z][\p{L}'’-]+(?:\s+(?:(?:al|el|bin|ibn|abu|von|van|de|da|di)[-\s])?[A-Z][\p{L}'’-]+){1,3})/u.exec(
            rest,
          );
        if (!name) return false;
        const words = name[1]!.replace(/['’]s$/, "");
        if (hits.some((h) => h.start === title.end + name[0].indexOf(name[1]!) && firstActor(h, ["person"])))
          return false;
        const actor: Actor = {
          id: `new:${words.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
          name: words,
          kind: "person",
          country: owner?.country ?? null,
          aliases: [words],
          roles: [
            {
              title: `${title.surface}${owner ? ` (${owner.name})` : ""}`,
              office: titleOf(title)?.office ?? "other",
              of: owner?.country ?? owner?.id ?? "",
              start: null,
              end: null,
            },
          ],
          affiliations: [],
        };
        const end = title.end + name[0].indexOf(name[1]!) + words.length;
        mentions.push({
          actor,
          sentence: sentence.index,
          start: base + from.start,
          end: base + end,
          surface: text.slice(from.start, end),
          via: "new",
          title: title.surface,
        });
        this.remember(actor, words);
        while (hits[k + 1] && hits[k + 1]!.start < end) k++;
        return true;
      };

      // [state or demonym or organisation] [title] [name?]: "Russian President Vladimir Putin", "UN Secretary-General"
      const owner = state ?? igo;
      const ownerTitle = next && adjacent(hit, next) ? titleOf(next) : undefined;
      if (owner && next && ownerTitle) {
        const named =
          after && adjacent(next, after) ? this.pickActor(after, sentence, ["person"]) : undefined;
        if (named) {
          add(named, hit, after!, "title+name", next.surface);
          k += 2;
          continue;
        }
        const office = igo ? "igo_head" : ownerTitle.office;
        if (introduce(hit, next, owner)) continue;
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
          add(body, hit, next, "body");
          k += 1;
          continue;
        }
      }
      // [sector] of [state]: "the Ministry of Foreign Affairs of Qatar"
      const ownSector = sectorOf(hit);
      const ofState = next && ofThe(hit, next) ? stateOf(next) : undefined;
      if (ownSector && ofState) {
        const body = this.kb.governmentBody(ofState.country!, ownSector.sector, ownSector.cameo);
        if (body) {
          add(body, hit, next!, "body");
          k += 1;
          continue;
        }
      }
      // [title] of [state or organisation]: "the Prime Minister of Iraq", "Secretary-General of the Arab League"
      const ownTitle = titleOf(hit);
      if (ownTitle && next && ofThe(hit, next)) {
        const of = stateOf(next) ?? firstActor(next, ["igo"]);
        if (of) {
          const named =
            after && /^\s*,?\s*$/.test(gap(next, after))
              ? this.pickActor(after, sentence, ["person"])
              : undefined;
          const person =
            named ??
            this.holder(
              of.kind === "igo" ? "igo_head" : ownTitle.office,
              of.kind === "igo" ? of.id : of.country!,
              ownTitle.phrase,
            );
          if (person) {
            add(person, hit, named ? after! : next, named ? "title+name" : "title", hit.surface);
            k += named ? 2 : 1;
            continue;
          }
        }
      }
      // [title] [name]: "President Emmanuel Macron", "Prime Minister Benjamin Netanyahu"
      if (ownTitle && next && adjacent(hit, next)) {
        const person = this.pickActor(next, sentence, ["person"]);
        if (person) {
          add(person, hit, next, "title+name", hit.surface);
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
            id: `new:${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
            name,
            kind: "other",
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
      const actor = this.pickActor(hit, sentence);
      if (actor) {
        if (actor.kind === "person" && !this.acceptPerson(actor, hit, false)) continue;
        // "Trump's campaign said": the campaign speaks, not the candidate.
        const organ = /^['’]s\s+(campaign|party|family|lawyers?|team|foundation|movement)\b/i.exec(
          text.slice(hit.end),
        );
        if (organ && actor.kind === "person") {
          const name = `${actor.name}'s ${organ[1]!.toLowerCase()}`;
          const end = hit.end + organ[0].length;
          mentions.push({
            actor: {
              id: `new:${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
              name,
              kind: "other",
              country: actor.country,
              aliases: [],
              roles: [],
              affiliations: [{ type: "part_of", target: actor.id }],
            },
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
      if (demonym && demonym.type === "demonym" && GROUP_NOUNS.test(text.slice(hit.end).trimStart())) {
        add(demonym.state, hit, hit, "demonym");
        continue;
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
        } else if (SPEECH_AFTER.test(text.slice(hit.end)) && !/\b(in|at|from|to|near|of)\s+$/i.test(before)) {
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
    this.findNewPeople(sentence, mentions);
    this.findSurnames(sentence, mentions);
    this.findNewOrganisations(sentence, mentions);
    mentions.sort((a, b) => a.start - b.start);
    for (const m of mentions) {
      this.seen.add(m.actor.id);
      if (m.actor.country) this.seenCountries.add(m.actor.country);
    }
    return { sentence, mentions, places, descriptions };
  }

  /** Organisations the knowledge base does not know, by the noun that ends their name:
   * "the Popular Front for the Liberation of Arnor", "the Martyrs Brigades". */
  private findNewOrganisations(sentence: Sentence, mentions: ResolvedMention[]): void {
    const base = sentence.span[0];
    for (const m of sentence.text.matchAll(NEW_ORGANISATION)) {
      const name = m[1]!.trim().replace(/^(The|A|An)\s+/, "");
      const start = base + m.index + m[0].indexOf(name);
      const last = name.split(/\s+/).pop()!;
      const end = start + name.length;
      if (this.kb.lookup(name).length || name.split(/\s+/).length < 2) continue;
      // A known name inside a longer unknown one ("Popular Front for the Liberation of Arnor",
      // "Saraya Thaar al-Muhandis Brigades") is part of that name, not a mention of its own.
      const overlapping = mentions.filter((x) => x.start < end && start < x.end);
      if (overlapping.some((x) => x.start < start || x.end > end || name.length - x.surface.length < 8))
        continue;
      for (const x of overlapping) mentions.splice(mentions.indexOf(x), 1);
      const noun = (
        /(Movement|Front|Brigades?|Party|Army|Forces|Organi[sz]ation|Group|Committee|Alliance|Coalition|Battalions?|Corps|Guards?|Militias?)(?!.*(Movement|Front|Brigades?|Party|Army|Forces|Group|Battalions?|Corps|Guards?|Militias?))/.exec(
          name,
        )?.[1] ?? last
      ).toLowerCase();
      const kind = /^(brigades?|battalions?|army|forces|militias?|guards?|corps|front|squads?)$/.test(noun)
        ? "armed_group"
        : /^(party|movement)$/.test(noun)
          ? "party"
          : "other";
      mentions.push({
        actor: {
          id: `new:${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
          name,
          kind,
          country: null,
          aliases: [],
          roles: [],
          affiliations: [],
        },
        sentence: sentence.index,
        start,
        end,
        surface: name,
        via: "new",
      });
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
    NAME.lastIndex = 0;
    for (let m = NAME.exec(text); m !== null; m = NAME.exec(text)) {
      const start = base + m.index;
      const end = start + m[0].length;
      if (mentions.some((x) => x.start < end && start < x.end)) continue;
      const before = text.slice(0, m.index);
      const rest = text.slice(m.index + m[0].length);
      const introduced = NEW_PERSON_BEFORE.test(before);
      const speaks = /^\s*(,[^,]{3,60},\s*)?(said|says|told|wrote|posted|added|tweeted)\b/.test(rest);
      if (!introduced && !speaks) continue;
      // A capitalised sentence opening is a name only if it starts with no function word.
      if (!introduced && m.index === 0 && SENTENCE_OPENERS.test(m[0])) continue;
      const name = m[0].replace(/['’]s$/, "");
      // Known names, and titles or offices read as names ("Prime Minister said"), are not new people.
      if (this.kb.lookup(name).length || this.kb.index.get(name).length) continue;
      // The country of the nearest actor in the same phrase: "Kremlin spokesman Dmitry Peskov" → RUS.
      const owner = [...mentions].reverse().find((x) => x.end <= start && start - x.end < 40);
      const actor: Actor = {
        id: `new:${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
        name,
        kind: "person",
        country: owner?.actor.country ?? null,
        aliases: [],
        roles: [],
        affiliations: [],
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
}
