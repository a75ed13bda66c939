// The actor knowledge base: states, people with dated roles, government bodies, international
// organisations and non-state actors, with the affiliation graph between them. Built once from
// the shipped data files plus the analyst's overlay (which wins), and queried by the extraction
// engine through names, demonyms, capitals, titles at a date and the graph.
import { type Actor, type Affiliation, type AffiliationType, heldOn, type Role } from "../domain/index.js";
import { AliasIndex } from "./alias-index.js";
import { type KnowledgeData, loadKnowledgeData } from "./load-knowledge.js";
import type { PlaceEntry, Sector, TitleEntry } from "./schema.js";

export type Office = Role["office"];

export type Lexeme =
  | { type: "actor"; actor: Actor }
  | { type: "demonym"; state: Actor }
  | { type: "capital"; state: Actor }
  | { type: "sector"; sector: Sector; cameo: string }
  | { type: "title"; office: Office; states?: string[]; phrase: string }
  | { type: "place"; place: PlaceEntry };

export interface Edge {
  from: string;
  type: AffiliationType;
  to: string;
  start?: string;
  end?: string;
  note?: string;
}

const SECTOR_NAMES: Record<Sector, string> = {
  presidency: "Presidency",
  head_of_government_office: "Office of the Prime Minister",
  royal_court: "Royal Court",
  foreign_ministry: "Ministry of Foreign Affairs",
  defence_ministry: "Ministry of Defence",
  interior_ministry: "Ministry of Interior",
  military: "Armed Forces",
  intelligence: "Intelligence Services",
  legislature: "Parliament",
  judiciary: "Judiciary",
  police: "Police",
  state_media: "State Media",
  government: "Government",
};

/** An ambiguous name is worth indexing only when it is more than one word ("Security Council", not "House"). */
const multiword = (alias: string) => alias.trim().includes(" ") && !/^the\s+\S+$/i.test(alias.trim());

const GENERIC_NAMES = new Set([
  "commission",
  "council",
  "parliament",
  "union",
  "league",
  "court",
  "agency",
  "assembly",
  "secretariat",
  "government",
  "ministry",
  "cabinet",
  "presidency",
  "army",
  "military",
  "police",
  "organisation",
  "organization",
  "movement",
  "party",
  "front",
  "alliance",
  "coalition",
  "forces",
  "bureau",
  "office",
  "department",
  "senate",
  "house",
]);

export class KnowledgeBase {
  readonly index = new AliasIndex<Lexeme>();
  private readonly actors = new Map<string, Actor>();
  private readonly states = new Map<string, Actor>();
  private readonly edges: Edge[] = [];
  private readonly places: PlaceEntry[] = [];
  private readonly metonyms = new Set<string>();
  /** Capital names by ISO3. */
  private readonly capitals = new Map<string, string>();
  /** Roles by office and state or organisation, built on first use. */
  private roleIndex: Map<string, { person: Actor; role: Role }[]> | null = null;
  private readonly bodies = new Map<string, Actor | undefined>();
  private readonly membersSameAs = new Map<string, string>();
  private readonly lexemes = new Map<string, { type: "actor"; actor: Actor }>();

  constructor(data: KnowledgeData, overlay: readonly Actor[] = []) {
    for (const s of data.states) {
      const state: Actor = {
        id: s.id,
        name: s.name,
        kind: "state",
        country: s.iso3,
        aliases: [s.name, ...(s.official ? [s.official] : []), ...s.aliases],
        roles: [],
        affiliations: s.parent ? [{ type: "part_of", target: `state:${s.parent}` }] : [],
        cameo: s.cameo ?? s.iso3,
        wikidata: s.wikidata,
        sources: s.sources,
        uncertain: s.uncertain,
        region: s.region,
        subregion: s.subregion,
      };
      this.put(state);
      this.states.set(s.iso3, state);
      for (const d of s.demonyms) this.index.add(d, { type: "demonym", state });
      if (s.capital) {
        this.capitals.set(s.iso3, s.capital);
        this.index.add(s.capital, { type: "capital", state });
        for (const alias of s.capitalAliases) this.index.add(alias, { type: "capital", state });
        this.places.push({
          name: s.capital,
          aliases: [],
          country: s.iso3,
          kind: "city",
          coords: s.capitalCoords,
        });
      }
    }
    for (const p of data.people) {
      // The same person may be listed in two regional files (an Algerian foreign minister who
      // became an IGO head): their roles and names are merged, not overwritten.
      const earlier = this.actors.get(p.id);
      const roles = earlier
        ? [
            ...earlier.roles,
            ...p.roles.filter((r) => !earlier.roles.some((e) => e.title === r.title && e.start === r.start)),
          ]
        : p.roles;
      this.put({
        id: p.id,
        name: p.name,
        kind: "person",
        country: p.country,
        aliases: [...new Set([...(earlier?.aliases ?? []), p.name, ...p.aliases])],
        roles,
        affiliations: [],
        wikidata: p.wikidata,
        sources: p.sources,
        uncertain: p.uncertain,
      });
    }
    for (const o of data.igos) {
      if (o.membersSameAs) this.membersSameAs.set(o.id, o.membersSameAs);
      const affiliations: Affiliation[] = o.parent ? [{ type: "part_of", target: o.parent }] : [];
      this.put({
        id: o.id,
        name: o.name,
        kind: "igo",
        country: null,
        aliases: [
          o.name,
          ...(o.acronym ? [o.acronym] : []),
          ...o.aliases,
          ...o.ambiguousAliases.filter(multiword),
        ],
        roles: [],
        affiliations,
        cameo: o.cameo,
        wikidata: o.wikidata,
        sources: o.sources,
        members: o.members,
        region: o.region,
      });
      for (const m of o.members)
        this.edges.push({
          from: `state:${m.state}`,
          type: "member_of",
          to: o.id,
          start: m.start,
          end: m.end,
        });
    }
    for (const g of data.groups) {
      this.put({
        id: g.id,
        name: g.name,
        kind: g.kind,
        country: g.country,
        aliases: [g.name, ...g.aliases, ...g.ambiguousAliases.filter(multiword)],
        roles: [],
        affiliations: g.affiliations,
        cameo: g.cameo,
        wikidata: g.wikidata,
        sources: g.sources,
        uncertain: g.uncertain,
      });
    }
    for (const b of data.bodies.named) {
      if (b.metonym) this.metonyms.add(b.id);
      this.put({
        id: b.id,
        name: b.name,
        kind: "government_body",
        country: b.country,
        aliases: [b.name, ...b.aliases, ...b.ambiguousAliases.filter(multiword)],
        roles: [],
        affiliations: [{ type: "part_of", target: `state:${b.country}` }],
        cameo: b.cameo,
        sector: b.sector,
      });
    }
    for (const s of data.bodies.sectors) {
      for (const head of s.heads)
        this.index.add(head, { type: "sector", sector: s.sector, cameo: s.cameo ?? "GOV" });
    }
    for (const t of data.titles) this.addTitle(t);
    for (const p of data.places) {
      this.places.push(p);
      for (const name of [p.name, ...p.aliases]) this.index.add(name, { type: "place", place: p });
    }
    for (const a of overlay) this.put(a);
    for (const a of this.actors.values()) {
      for (const f of a.affiliations)
        this.edges.push({ from: a.id, type: f.type, to: f.target, start: f.start, end: f.end, note: f.note });
    }
  }

  static load(overlay: readonly Actor[] = [], dataDir?: string): KnowledgeBase {
    return new KnowledgeBase(loadKnowledgeData(dataDir), overlay);
  }

  private addTitle(t: TitleEntry): void {
    this.index.add(t.phrase, { type: "title", office: t.office, states: t.states, phrase: t.phrase });
  }

  private put(actor: Actor): void {
    this.actors.set(actor.id, actor);
    if (actor.kind === "state" && actor.country) this.states.set(actor.country, actor);
    // One lexeme per actor id, shared by all its names: an overlay entry that replaces a shipped
    // one takes over the names already indexed, so none resolves to the stale copy.
    let lexeme = this.lexemes.get(actor.id);
    if (lexeme) lexeme.actor = actor;
    else {
      lexeme = { type: "actor", actor };
      this.lexemes.set(actor.id, lexeme);
    }
    for (const alias of new Set([actor.name, ...actor.aliases])) {
      // A bare common noun ("Commission", "Council") names too many bodies to stand for one.
      if (
        GENERIC_NAMES.has(
          alias
            .trim()
            .toLowerCase()
            .replace(/^the\s+/, ""),
        )
      )
        continue;
      this.index.add(alias, lexeme);
    }
  }

  get size(): {
    actors: number;
    states: number;
    people: number;
    roles: number;
    igos: number;
    groups: number;
    bodies: number;
    aliases: number;
    places: number;
  } {
    const all = [...this.actors.values()];
    return {
      actors: all.length,
      states: this.states.size,
      people: all.filter((a) => a.kind === "person").length,
      roles: all.reduce((n, a) => n + a.roles.length, 0),
      igos: all.filter((a) => a.kind === "igo").length,
      groups: all.filter(
        (a) =>
          a.kind === "armed_group" || a.kind === "party" || (a.kind === "other" && a.id.startsWith("group:")),
      ).length,
      bodies: all.filter((a) => a.kind === "government_body").length,
      aliases: this.index.size,
      places: this.places.length,
    };
  }

  actor(id: string): Actor | undefined {
    return this.actors.get(id) ?? (id.startsWith("body:") ? this.bodyFromId(id) : undefined);
  }

  all(): Actor[] {
    return [...this.actors.values()];
  }

  state(iso3: string): Actor | undefined {
    return this.states.get(iso3.toUpperCase());
  }

  /** Actors known by exactly this name or alias. */
  lookup(name: string): Actor[] {
    return this.index
      .get(name)
      .flatMap((l) =>
        l.type === "actor" ? [l.actor] : l.type === "demonym" || l.type === "capital" ? [l.state] : [],
      );
  }

  /** Places (capitals, cities, regions) known by this name. */
  place(name: string): PlaceEntry[] {
    return this.index
      .get(name)
      .flatMap((l) =>
        l.type === "place" ? [l.place] : l.type === "capital" ? this.capitalPlaces(l.state.country!) : [],
      );
  }

  private readonly capitalPlaceCache = new Map<string, PlaceEntry[]>();
  /** The capital of a state as a place, looked up once per state. */
  private capitalPlaces(iso3: string): PlaceEntry[] {
    let found = this.capitalPlaceCache.get(iso3);
    if (!found) {
      found = this.places.filter((p) => p.country === iso3 && p.name === this.capitals.get(iso3));
      this.capitalPlaceCache.set(iso3, found);
    }
    return found;
  }

  /** People holding an office of a state or organisation on a date (YYYY-MM-DD). */
  holders(office: Office, of: string, date: string, title?: string): Actor[] {
    if (!this.roleIndex) {
      this.roleIndex = new Map();
      for (const a of this.actors.values()) {
        for (const r of a.roles) {
          const key = `${r.office}|${r.of}`;
          if (!this.roleIndex.has(key)) this.roleIndex.set(key, []);
          this.roleIndex.get(key)!.push({ person: a, role: r });
        }
      }
    }
    const people: Actor[] = [];
    for (const { person, role } of this.roleIndex.get(`${office}|${of}`) ?? []) {
      if (person.kind !== "person" || !heldOn(role, date) || people.includes(person)) continue;
      if (title && !role.title.toLowerCase().includes(title.toLowerCase())) continue;
      people.push(person);
    }
    return people;
  }

  /** People whose role title contains a phrase ("President of Egypt") on a date. */
  whoHeld(title: string, date: string): { person: Actor; role: Role }[] {
    const needle = title.toLowerCase().replace(/^the\s+/, "");
    const out: { person: Actor; role: Role }[] = [];
    for (const a of this.actors.values()) {
      for (const r of a.roles)
        if (r.title.toLowerCase() === needle && heldOn(r, date)) out.push({ person: a, role: r });
    }
    if (out.length) return out;
    for (const a of this.actors.values()) {
      for (const r of a.roles)
        if (r.title.toLowerCase().includes(needle) && heldOn(r, date)) out.push({ person: a, role: r });
    }
    return out;
  }

  rolesOn(person: Actor, date: string | null): Role[] {
    return person.roles.filter((r) => !date || heldOn(r, date));
  }

  /** The generic government body of a state for a sector: "Ministry of Foreign Affairs of Oman". */
  governmentBody(iso3: string, sector: Sector, cameo = "GOV"): Actor | undefined {
    const key = `${iso3}|${sector}|${cameo}`;
    if (!this.bodies.has(key)) this.bodies.set(key, this.makeGovernmentBody(iso3, sector, cameo));
    return this.bodies.get(key);
  }

  private makeGovernmentBody(iso3: string, sector: Sector, cameo: string): Actor | undefined {
    const state = this.state(iso3);
    if (!state) return undefined;
    const named = [...this.actors.values()].find(
      (a) =>
        a.kind === "government_body" &&
        a.country === state.country &&
        a.sector === sector &&
        // A named ministry reads better than a generic one, but not a metonym ("Quai d'Orsay").
        !this.metonyms.has(a.id),
    );
    if (named && sector === "foreign_ministry") return named;
    return {
      id: `body:${state.country!.toLowerCase()}-${sector.replace(/_/g, "-")}`,
      name: `${SECTOR_NAMES[sector]} of ${state.name}`,
      kind: "government_body",
      country: state.country,
      aliases: [],
      roles: [],
      affiliations: [{ type: "part_of", target: state.id }],
      cameo: `${state.country}${cameo}`,
      sector,
    };
  }

  private bodyFromId(id: string): Actor | undefined {
    const m = /^body:([a-z]{3})-(.+)$/.exec(id);
    if (!m) return undefined;
    const sector = m[2]!.replace(/-/g, "_") as Sector;
    return sector in SECTOR_NAMES ? this.governmentBody(m[1]!, sector) : undefined;
  }

  /** Affiliations from an actor (member of, proxy of ...), optionally only those holding on a date. */
  affiliationsOf(id: string, date?: string): Edge[] {
    return this.edges.filter((e) => e.from === id && (!date || heldOn(e, date)));
  }

  /** Actors tied to a target by the given kinds of affiliation: "which actors are backed by Iran?" */
  affiliatedTo(target: string, types?: readonly AffiliationType[], date?: string): Edge[] {
    return this.edges.filter(
      (e) => e.to === target && (!types || types.includes(e.type)) && (!date || heldOn(e, date)),
    );
  }

  /** Member states of an organisation on a date. */
  membersOf(igoId: string, date?: string): Actor[] {
    const same = this.membersSameAs.get(igoId);
    if (same) return this.membersOf(same, date);
    return this.affiliatedTo(igoId, ["member_of"], date).flatMap((e) => this.actor(e.from) ?? []);
  }

  allEdges(): readonly Edge[] {
    return this.edges;
  }
}
