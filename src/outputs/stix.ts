// The STIX 2.1 bundle of a case, for threat-intelligence platforms (OpenCTI, MISP): the case as a
// report; reporting sources, states, organisations and people as identities; armed groups as
// threat actors; the main events as incidents with their places; attribution claims as
// `attributed-to` relationships carrying the claim's confidence; reactions as opinions and quotes
// as notes, each pointing back at its source sentence. Ids are UUIDv5 of stable content, so a
// re-export of the same case gives the same ids and a platform updates rather than duplicates.
import { createHash } from "node:crypto";
import {
  type ActorRef,
  type Attribution,
  type Event,
  gradeConfidence,
  gradeText,
  type Item,
  isGraded,
  itemGrade,
  openctiReliability,
  type Reaction,
  type SourceGrade,
  type Stance,
  sourceGradeOf,
} from "../domain/index.js";
import { aliasKey } from "../knowledge/index.js";
import { caseEvents, outletsOf } from "./case-events.js";
import { type CaseExport, type ExportDocument, type Place, resolvePlace, sourceName } from "./case-json.js";

// ---------------------------------------------------------------------------------------------
// Deterministic ids

const NAMESPACE_URL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
/**
 * crisisdesk's UUIDv5 namespace for STIX ids: uuidv5(NAMESPACE_URL, "urn:crisisdesk:stix:2.1").
 * Changing it changes every id crisisdesk has ever exported; do not.
 */
export const STIX_NAMESPACE = "27ff34f2-7e23-5b3a-9ce5-649a01fc522a";

/** A version-5 (SHA-1, name-based) UUID as RFC 9562 defines it. */
export function uuidv5(name: string, namespace: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The STIX id of an object of a type, from the content that makes it that object. */
export function stixId(type: string, key: string): string {
  return `${type}--${uuidv5(`${type}|${key}`, STIX_NAMESPACE)}`;
}

// Guard the namespace against an accidental edit: it must be what its comment says.
if (uuidv5("urn:crisisdesk:stix:2.1", NAMESPACE_URL) !== STIX_NAMESPACE)
  throw new Error("STIX_NAMESPACE does not match its definition");

// ---------------------------------------------------------------------------------------------
// Objects

export interface StixObject {
  type: string;
  spec_version: "2.1";
  id: string;
  created: string;
  modified: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: "bundle";
  id: string;
  objects: StixObject[];
}

/** STIX timestamps: UTC with milliseconds. */
function stixTime(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? "1970-01-01T00:00:00.000Z" : t.toISOString();
}

/** Drops empty values: STIX properties may not be null, and lists may not be empty. */
function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length),
    ),
  ) as T;
}

const percent = (n: number) => Math.max(0, Math.min(100, Math.round(n * 100)));

/**
 * The opinion a reaction expresses. On an incident, the scale reads as the reactor's judgement of
 * the act: condemning it is strongly disagreeing with it, claiming it strongly agreeing. Denials
 * and claims of responsibility are judgements of an attribution, so they go on the
 * `attributed-to` relationships naming the reactor when there are any.
 */
export const STANCE_OPINION: Record<
  Stance,
  "strongly-disagree" | "disagree" | "neutral" | "agree" | "strongly-agree"
> = {
  condemn: "strongly-disagree",
  express_concern: "disagree",
  offer_assistance: "disagree",
  call_for_restraint: "neutral",
  downplay: "neutral",
  deny: "neutral",
  other: "neutral",
  support: "agree",
  claim_responsibility: "strongly-agree",
};

const STATE_SECTORS: Record<string, string[]> = {
  military: ["defense", "government-national"],
  defence_ministry: ["defense", "government-national"],
  state_media: ["communications", "government-national"],
};

const KIND_LABEL: Record<ActorRef["kind"], string> = {
  state: "State",
  person: "Person",
  government_body: "Government body",
  igo: "Intergovernmental organisation",
  armed_group: "Armed group",
  party: "Political party",
  media: "Media outlet",
  other: "Actor",
};

const TYPE_ORDER = [
  "identity",
  "report",
  "threat-actor",
  "location",
  "incident",
  "relationship",
  "sighting",
  "opinion",
  "note",
];

/** The key of an actor across reports: its knowledge-base id, else its name. */
function actorKey(ref: ActorRef): string {
  return ref.id ?? `new:${aliasKey(ref.name)}`;
}

/** A URL that opens the source at the sentence (a text fragment), or the source URL alone. */
export function sentenceUrl(url: string, sentence: string): string {
  const words = sentence.trim().split(/\s+/);
  const enc = (s: string) => encodeURIComponent(s).replace(/-/g, "%2D");
  const directive =
    words.length > 12
      ? `${enc(words.slice(0, 6).join(" "))},${enc(words.slice(-6).join(" "))}`
      : enc(words.join(" "));
  return `${url}${url.includes("#") ? "" : "#"}:~:text=${directive}`;
}

function regionOv(subregion: string | undefined): string | undefined {
  return subregion
    ?.toLowerCase()
    .replace(/\band\b/g, " ")
    .replace(/[^a-z]+/g, "-")
    .replace(/^-|-$/g, "");
}

interface ActorEntry {
  ref: ActorRef;
  roles: Set<string>;
  docs: ExportDocument[];
}

class BundleBuilder {
  readonly objects = new Map<string, StixObject>();

  /** Adds an object, or widens the created/modified span of the one already there. */
  put(object: StixObject): string {
    const existing = this.objects.get(object.id);
    if (!existing) this.objects.set(object.id, object);
    else {
      if (object.created < existing.created) existing.created = object.created;
      if (object.modified > existing.modified) existing.modified = object.modified;
    }
    return object.id;
  }
}

/** The STIX 2.1 bundle of a case. */
export function stixBundle(c: CaseExport): StixBundle {
  const { kb } = c.reference;
  const b = new BundleBuilder();
  const docTime = (doc: ExportDocument) => stixTime(doc.ingestedAt);
  const caseCreated = stixTime(c.case.createdAt);
  const modified = [caseCreated, ...c.documents.map(docTime)].sort().at(-1)!;
  const span = (docs: readonly ExportDocument[]) => {
    const times = docs.map(docTime).sort();
    return { created: times[0] ?? caseCreated, modified: times.at(-1) ?? caseCreated };
  };

  const crisisdesk = b.put({
    type: "identity",
    spec_version: "2.1",
    id: stixId("identity", "system|crisisdesk"),
    created: "2021-01-01T00:00:00.000Z",
    modified: "2021-01-01T00:00:00.000Z",
    name: "crisisdesk",
    identity_class: "system",
    description:
      "Structured extraction from crisis reports; the objects it made are machine-read, except those carrying x_crisisdesk_review (an analyst accepted, corrected or added them).",
  });

  // Reporting sources -------------------------------------------------------------------------
  const sourceIds = new Map<string, string>();
  const grades = c.grades ?? [];
  const outletGrades = new Map<string, SourceGrade | null>();
  for (const doc of c.documents) outletGrades.set(doc.id, sourceGradeOf(doc, grades));
  for (const doc of c.documents) {
    const name = sourceName(doc);
    const graded = outletGrades.get(doc.id);
    const url = doc.url && /^https?:/i.test(doc.url) ? doc.url : null;
    const id = b.put(
      clean({
        type: "identity",
        spec_version: "2.1" as const,
        id: stixId("identity", `source|${name.toLowerCase()}`),
        ...span([doc]),
        created_by_ref: crisisdesk,
        name,
        identity_class: url ? "organization" : "unknown",
        roles: ["reporting source"],
        sectors: url ? ["communications"] : undefined,
        description: url ? `Reporting source (${new URL(url).origin})` : `Reporting source: ${doc.source}`,
        x_opencti_reliability: graded ? openctiReliability(graded.reliability) : undefined,
      }),
    );
    sourceIds.set(doc.id, id);
  }
  const sourceOf = (doc: ExportDocument) => sourceIds.get(doc.id)!;

  // Actors -------------------------------------------------------------------------------------
  const entries = new Map<string, ActorEntry>();
  const collect = (ref: ActorRef | null, doc: ExportDocument, role?: string) => {
    if (!ref) return;
    const key = actorKey(ref);
    const entry = entries.get(key) ?? { ref, roles: new Set<string>(), docs: [] };
    if (!entry.docs.includes(doc)) entry.docs.push(doc);
    if (role) entry.roles.add(role);
    entries.set(key, entry);
  };
  for (const doc of c.documents) {
    const a = doc.analysis;
    for (const actor of a.actors) {
      collect(actor, doc);
      for (const role of actor.roles) collect(actor, doc, role);
    }
    for (const e of a.events) {
      collect(e.source_actor, doc);
      collect(e.target_actor, doc);
    }
    for (const r of a.reactions) collect(r.actor, doc);
    for (const q of a.quotes) collect(q.speaker, doc);
    for (const x of a.attributions) {
      if (x.claimant !== "author") collect(x.claimant, doc);
      collect(x.accused, doc);
    }
  }

  const countryLocation = (iso3: string, docs: readonly ExportDocument[]): string | undefined => {
    const state = kb.state(iso3);
    const iso2 = c.reference.iso2.get(iso3);
    if (!state || !iso2) return undefined;
    return b.put(
      clean({
        type: "location",
        spec_version: "2.1" as const,
        id: stixId("location", `country|${iso3}`),
        ...span(docs),
        created_by_ref: crisisdesk,
        name: state.name,
        country: iso2,
        region: regionOv(state.subregion),
      }),
    );
  };

  const actorIds = new Map<string, string>();
  const locatedAt: [string, string, readonly ExportDocument[]][] = [];
  for (const [key, entry] of entries) {
    const { ref } = entry;
    const known = ref.id ? kb.actor(ref.id) : undefined;
    const country = known?.country ?? ref.country;
    const countryName = country ? (kb.state(country)?.name ?? country) : null;
    const references = [
      ...(ref.id ? [{ source_name: "crisisdesk", external_id: ref.id }] : []),
      ...(known?.wikidata
        ? [
            {
              source_name: "wikidata",
              external_id: known.wikidata,
              url: `https://www.wikidata.org/wiki/${known.wikidata}`,
            },
          ]
        : []),
    ];
    const description = [
      `${KIND_LABEL[ref.kind]}${countryName && ref.kind !== "state" ? ` (${countryName})` : ""}`,
      ...(ref.id?.startsWith("new:") || !ref.id ? ["not in the knowledge base"] : []),
    ].join("; ");
    const common = {
      spec_version: "2.1" as const,
      ...span(entry.docs),
      created_by_ref: crisisdesk,
      name: known?.name ?? ref.name,
      external_references: references,
    };
    let id: string;
    if (ref.kind === "armed_group") {
      // Armed groups are threat actors whether or not this case accuses them, so their id does
      // not change when a later report does.
      const ties = known
        ? kb
            .affiliationsOf(known.id)
            .map((e) => `${e.type.replace(/_/g, " ")} ${kb.actor(e.to)?.name ?? e.to}`)
        : [];
      id = b.put(
        clean({
          type: "threat-actor",
          id: stixId("threat-actor", key),
          ...common,
          description: [description, ...ties].join("; "),
          aliases: known ? [...new Set(known.aliases)].filter((a) => a !== common.name) : undefined,
        }),
      );
    } else {
      id = b.put(
        clean({
          type: "identity",
          id: stixId("identity", `actor|${key}`),
          ...common,
          description,
          identity_class:
            ref.kind === "person" ? "individual" : ref.kind === "other" ? "unknown" : "organization",
          roles: [...entry.roles].sort(),
          sectors:
            ref.kind === "state"
              ? ["government-national"]
              : ref.kind === "government_body"
                ? (STATE_SECTORS[known?.sector ?? ""] ?? ["government-national"])
                : ref.kind === "media"
                  ? ["communications"]
                  : undefined,
        }),
      );
    }
    actorIds.set(key, id);
    if (country && (ref.kind === "state" || ref.kind === "armed_group")) {
      const where = countryLocation(country, entry.docs);
      if (where) locatedAt.push([id, where, entry.docs]);
    }
  }
  const actorId = (ref: ActorRef) => actorIds.get(actorKey(ref))!;

  for (const [from, to, docs] of locatedAt)
    b.put({
      type: "relationship",
      spec_version: "2.1",
      id: stixId("relationship", `located-at|${from}|${to}`),
      ...span(docs),
      created_by_ref: crisisdesk,
      relationship_type: "located-at",
      source_ref: from,
      target_ref: to,
    });

  // Places ---------------------------------------------------------------------------------------
  const placeLocation = (place: Place, doc: ExportDocument): string | undefined => {
    if (place.kind === "country") return place.country ? countryLocation(place.country, [doc]) : undefined;
    const state = place.country ? kb.state(place.country) : undefined;
    const iso2 = place.country ? c.reference.iso2.get(place.country) : undefined;
    const hasPoint = place.lat !== undefined && place.long !== undefined;
    if (!iso2 && !hasPoint) return undefined;
    return b.put(
      clean({
        type: "location",
        spec_version: "2.1" as const,
        id: stixId("location", `${place.kind}|${place.country ?? ""}|${aliasKey(place.name)}`),
        ...span([doc]),
        created_by_ref: crisisdesk,
        name: place.name,
        description: place.kind === "site" ? `Site in ${state?.name ?? "an unknown country"}` : undefined,
        city: place.kind === "city" ? place.name : undefined,
        administrative_area: place.kind === "region" ? place.name : undefined,
        country: iso2,
        region: regionOv(state?.subregion),
        latitude: place.lat,
        longitude: place.long,
      }),
    );
  };

  // Events, claims, reactions and quotes, report by report ---------------------------------------
  const sentenceRef = (doc: ExportDocument, sentence: string, offset: readonly [number, number]) =>
    clean({
      source_name: sourceName(doc),
      external_id: `${doc.id}#${offset[0]}-${offset[1]}`,
      url: doc.url && /^https?:/i.test(doc.url) ? sentenceUrl(doc.url, sentence) : undefined,
      description: `${doc.title ?? doc.source}${doc.published ? ` (${doc.published})` : ""}: “${sentence}”`,
    });
  const perDoc = (doc: ExportDocument) => ({
    spec_version: "2.1" as const,
    created: docTime(doc),
    modified: docTime(doc),
    created_by_ref: sourceOf(doc),
  });

  // What the analyst said about an item: its grade, the confidence that grade gives, its review.
  const marks = (doc: ExportDocument, item: Item, engineConfidence: number | null) => {
    const grade = itemGrade(outletGrades.get(doc.id) ?? null, item.credibility);
    const graded = isGraded(grade) ? gradeConfidence(grade.credibility) : null;
    return {
      confidence: graded ?? (engineConfidence === null ? undefined : percent(engineConfidence)),
      x_crisisdesk_grade: isGraded(grade) ? gradeText(grade) : undefined,
      x_crisisdesk_review: item.review
        ? clean({
            status: item.review.status,
            by: item.review.by,
            at: item.review.at,
            note: item.review.note,
          })
        : undefined,
    };
  };

  // Real events: one incident per event, however many reports tell it --------------------------
  // The events reactions or claims refer to, and acts of material conflict, become incidents.
  const mainIn = new Map<string, (e: Event) => boolean>();
  for (const doc of c.documents) {
    const a = doc.analysis;
    const referenced = new Set([
      ...a.reactions.flatMap((r) => r.event_id ?? []),
      ...a.attributions.flatMap((x) => x.event_id ?? []),
    ]);
    mainIn.set(
      doc.id,
      (e) => referenced.has(e.id) || c.reference.cameo.get(e.cameo)?.quad === "material_conflict",
    );
  }
  const incidentOf = new Map<string, string>();
  for (const told of caseEvents(c).events) {
    if (!told.accounts.some((t) => mainIn.get(t.doc.id)!(t.event))) continue;
    const { doc, event: e, cluster } = told;
    const docs = [...new Set(told.accounts.map((t) => t.doc))];
    const several = docs.length > 1;
    const entry = c.reference.cameo.get(e.cameo);
    const disagreements = cluster.disagreements.map(
      (d) => `${d.field}: ${d.variants.map((v) => `${v.value} (${v.reports})`).join(" / ")}`,
    );
    const id = b.put(
      clean({
        type: "incident",
        id: stixId("incident", `${doc.id}|${e.offset[0]}-${e.offset[1]}|${e.cameo}`),
        // One report's event is that report's; an event several reports tell is crisisdesk's merge.
        ...(several
          ? { spec_version: "2.1" as const, ...span(docs), created_by_ref: crisisdesk }
          : perDoc(doc)),
        name: e.summary || e.sentence,
        description: [
          e.sentence,
          `CAMEO ${e.cameo}${entry ? ` (${entry.name})` : ""}, PLOVER ${e.plover}${e.mode ? ` / ${e.mode}` : ""}${e.attempted ? "; attempted" : ""}${e.date ? `; ${e.date}` : ""}.`,
          several
            ? `Told by ${cluster.reports} reports from ${cluster.sources} sources${cluster.firstReported ? `, first on ${cluster.firstReported}` : ""}.`
            : `Reported by ${sourceName(doc)}${doc.published ? ` on ${doc.published}` : ""}.`,
          ...(disagreements.length ? [`The reports disagree on ${disagreements.join("; ")}.`] : []),
        ].join("\n\n"),
        external_references: told.accounts.map((t) => sentenceRef(t.doc, t.event.sentence, t.event.offset)),
        ...marks(doc, e, e.confidence),
        x_crisisdesk_cameo: e.cameo,
        x_crisisdesk_plover: e.plover,
        x_crisisdesk_mode: e.mode,
        x_crisisdesk_date: e.date,
        x_crisisdesk_attempted: e.attempted,
        x_crisisdesk_goldstein: entry?.goldstein,
        x_crisisdesk_reports: cluster.reports,
        x_crisisdesk_sources: cluster.sources,
        x_crisisdesk_first_reported: cluster.firstReported ?? undefined,
        x_crisisdesk_disagreements: disagreements.length ? disagreements : undefined,
      }),
    );
    for (const t of told.accounts) incidentOf.set(`${t.doc.id}#${t.event.id}`, id);
    const relate = (type: string, target: string | undefined, description?: string) => {
      if (!target) return;
      b.put(
        clean({
          type: "relationship",
          id: stixId("relationship", `${type}|${id}|${target}`),
          ...perDoc(doc),
          relationship_type: type,
          source_ref: id,
          target_ref: target,
          description,
          confidence: percent(e.confidence),
        }),
      );
    };
    const place = resolvePlace(c.reference, e.location, c.case.country);
    relate("located-at", place ? placeLocation(place, doc) : undefined);
    if (e.target_actor) relate("targets", actorId(e.target_actor));
    if (e.source_actor)
      relate(
        "related-to",
        actorId(e.source_actor),
        `${e.source_actor.name} is the actor of this event as the report tells it (CAMEO source actor).`,
      );
    // Each outlet that carried it saw it: one sighting with the count of reports and their span.
    if (several) {
      const seen = docs.map((d) => (d.published ? stixTime(d.published) : docTime(d))).sort();
      b.put(
        clean({
          type: "sighting",
          spec_version: "2.1" as const,
          id: stixId("sighting", `reports|${id}`),
          ...span(docs),
          created_by_ref: crisisdesk,
          sighting_of_ref: id,
          count: cluster.reports,
          first_seen: seen[0],
          last_seen: seen.at(-1),
          where_sighted_refs: [...new Set(docs.map(sourceOf))],
          description: `Reported by ${outletsOf(told.accounts, sourceName).join(", ")}.`,
        }),
      );
    }
  }

  for (const doc of c.documents) {
    const a = doc.analysis;
    const incidents = {
      get: (eventId: string) => incidentOf.get(`${doc.id}#${eventId}`),
      has: (eventId: string) => incidentOf.has(`${doc.id}#${eventId}`),
    };

    // Attribution claims: incident → attributed-to → accused, with the claim's confidence.
    const attributions = new Map<string, string[]>();
    for (const x of a.attributions) {
      const claimant = x.claimant === "author" ? null : x.claimant;
      const claimantRef = claimant ? actorId(claimant) : sourceOf(doc);
      const text = claimText(doc, x);
      const incident = x.event_id ? incidents.get(x.event_id) : undefined;
      const accused = actorId(x.accused);
      if (incident) {
        const id = b.put(
          clean({
            type: "relationship",
            id: stixId("relationship", `attributed-to|${doc.id}|${x.offset[0]}-${x.offset[1]}|${accused}`),
            ...perDoc(doc),
            relationship_type: "attributed-to",
            source_ref: incident,
            target_ref: accused,
            ...marks(doc, x, x.confidence),
            description: text,
            external_references: [sentenceRef(doc, x.sentence, x.offset)],
            x_crisisdesk_claimant_ref: claimantRef,
            x_crisisdesk_evidence: x.evidence,
          }),
        );
        const key = actorKey(x.accused);
        attributions.set(key, [...(attributions.get(key) ?? []), id]);
      } else {
        // A claim tied to no event in the report: kept as a note on the accused and the claimant.
        b.put(
          clean({
            type: "note",
            id: stixId("note", `attribution|${doc.id}|${x.offset[0]}-${x.offset[1]}|${accused}`),
            ...perDoc(doc),
            abstract: `Attribution claim: ${x.accused.name}`,
            content: text,
            authors: [claimant?.name ?? sourceName(doc)],
            object_refs: [...new Set([accused, claimantRef])],
            ...marks(doc, x, x.confidence),
            external_references: [sentenceRef(doc, x.sentence, x.offset)],
          }),
        );
      }
    }

    // Reactions: the reactor's opinion of the incident, or of the attribution it denies or claims.
    const reportId = stixId("report", `case|${c.case.id}`);
    for (const r of a.reactions) {
      const incident = r.event_id ? incidents.get(r.event_id) : undefined;
      const onClaims =
        r.stance === "deny" || r.stance === "claim_responsibility"
          ? (attributions.get(actorKey(r.actor)) ?? [])
          : [];
      const opinion = onClaims.length
        ? r.stance === "deny"
          ? "strongly-disagree"
          : "strongly-agree"
        : STANCE_OPINION[r.stance];
      const refs = onClaims.length ? [...onClaims, ...(incident ? [incident] : [])] : [incident ?? reportId];
      b.put(
        clean({
          type: "opinion",
          id: stixId("opinion", `${doc.id}|${r.offset[0]}-${r.offset[1]}|${actorKey(r.actor)}|${r.stance}`),
          ...perDoc(doc),
          opinion,
          explanation: reactionText(r),
          authors: [r.actor.name],
          object_refs: refs,
          ...marks(doc, r, r.confidence),
          external_references: [sentenceRef(doc, r.sentence, r.offset)],
          x_crisisdesk_stance: r.stance,
          x_crisisdesk_actor_ref: actorId(r.actor),
        }),
      );
    }

    // Quotes: notes by their speakers, on the speaker and on incidents told in the same sentence.
    for (const q of a.quotes) {
      const sameSentence = a.events
        .filter((e) => incidents.has(e.id) && e.offset[0] < q.offset[1] && q.offset[0] < e.offset[1])
        .map((e) => incidents.get(e.id)!);
      const refs = [...(q.speaker ? [actorId(q.speaker)] : []), ...sameSentence];
      b.put(
        clean({
          type: "note",
          id: stixId("note", `quote|${doc.id}|${q.offset[0]}-${q.offset[1]}|${q.text}`),
          ...perDoc(doc),
          abstract: `${q.speaker?.name ?? "Unattributed quote"}: “${q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text}”`,
          content: `“${q.text}”${q.speaker ? ` — ${q.speaker.name}` : ""}`,
          authors: q.speaker ? [q.speaker.name] : undefined,
          object_refs: refs.length ? refs : [reportId],
          external_references: [sentenceRef(doc, q.sentence, q.offset)],
          ...marks(doc, q, null),
        }),
      );
    }
  }

  // The case as a report over everything else --------------------------------------------------
  const others = [...b.objects.keys()];
  const dates = c.documents.flatMap((d) => d.published ?? []).sort();
  b.put(
    clean({
      type: "report",
      spec_version: "2.1" as const,
      id: stixId("report", `case|${c.case.id}`),
      created: caseCreated,
      modified,
      created_by_ref: crisisdesk,
      name: c.case.title,
      description: [
        c.case.description,
        `crisisdesk case "${c.case.id}": ${c.documents.length} report${c.documents.length === 1 ? "" : "s"}${dates.length ? ` published ${dates[0]} to ${dates.at(-1)}` : ""}${c.case.anchorDate ? `; anchor date ${c.case.anchorDate}` : ""}${c.case.country ? `; country ${c.case.country}` : ""}.`,
      ]
        .filter(Boolean)
        .join("\n\n"),
      published: modified,
      report_types: ["threat-report"],
      object_refs: others,
      external_references: c.documents.map((doc) =>
        clean({
          source_name: sourceName(doc),
          external_id: doc.id,
          url: doc.url && /^https?:/i.test(doc.url) ? doc.url : undefined,
          description: `${doc.title ?? doc.source}${doc.published ? ` (${doc.published})` : ""}`,
        }),
      ),
      x_crisisdesk_case_id: c.case.id,
      x_crisisdesk_anchor_date: c.case.anchorDate,
      x_crisisdesk_country: c.case.country,
    }),
  );

  const rank = (o: StixObject) => TYPE_ORDER.indexOf(o.type);
  const objects = [...b.objects.values()].sort((x, y) => rank(x) - rank(y));
  return {
    type: "bundle",
    id: stixId("bundle", `${c.case.id}|${modified}|${objects.length}`),
    objects,
  };
}

function claimText(doc: ExportDocument, x: Attribution): string {
  const claimant =
    x.claimant === "author"
      ? `The author of "${doc.title ?? doc.source}" (${sourceName(doc)})`
      : x.claimant.name;
  const basis = x.evidence ? `citing ${x.evidence}` : "citing no evidence";
  return `${claimant} attributes it to ${x.accused.name}, ${basis}. “${x.sentence}”`;
}

function reactionText(r: Reaction): string {
  return `${r.actor.name}: ${r.stance.replace(/_/g, " ")}. “${r.sentence}”`;
}

/** The bundle as JSON text. */
export function stixJson(c: CaseExport): string {
  return `${JSON.stringify(stixBundle(c), null, 2)}\n`;
}
