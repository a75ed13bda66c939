// The actor network of a case: its actors as nodes; as edges, the knowledge base's affiliations
// and offices among them, and who acted on, met, accused or reacted to whom in its reports,
// weighted by the number of sentences that say so. Exported as JSON or GraphML (for Gephi,
// yEd, NetworkX, igraph).
import { type ActorRef, heldOn } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import { type CaseInfo, type CaseReport, cameoRoot, mainEvent } from "./cases.js";
import { clusterEvents, type EventClusters } from "./event-clusters.js";

export interface NetworkNode {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  mentions: number;
  documents: number;
}

export const EDGE_KINDS = ["affiliation", "role", "acted_on", "met", "accused", "reacted_to"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface NetworkEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  /** Affiliation type, office, PLOVER category, "attribution" or stance. */
  type: string;
  /** Sentences that say so (1 for a knowledge-base edge). */
  weight: number;
  /** For affiliations and offices: the period, and whether it held on the case's anchor date. */
  start?: string | null;
  end?: string | null;
  held?: boolean;
  /** A role's title, an event's CAMEO codes. */
  label?: string;
  evidence: { documentId: string; sentence: string }[];
}

export interface ActorNetwork {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

const keyOf = (a: ActorRef): string => a.id ?? `name:${a.name.toLowerCase()}`;

/** CAMEO 04 is "consult": meetings, visits, mediation, negotiation. */
const MET = 4;

export function actorNetwork(
  reports: readonly CaseReport[],
  kb: KnowledgeBase,
  info: Pick<CaseInfo, "anchorDate">,
  clusters: EventClusters = clusterEvents(reports),
): ActorNetwork {
  const nodes = new Map<string, NetworkNode & { docs: Set<string> }>();
  const node = (a: ActorRef, documentId: string, mentions = 0): string => {
    const id = keyOf(a);
    const n = nodes.get(id) ?? {
      id,
      name: a.name,
      kind: a.kind,
      country: a.country,
      mentions: 0,
      documents: 0,
      docs: new Set<string>(),
    };
    nodes.set(id, n);
    n.mentions += mentions;
    n.docs.add(documentId);
    return id;
  };
  const edges = new Map<string, NetworkEdge & { seen: Set<string> }>();
  const link = (
    source: string,
    target: string,
    kind: EdgeKind,
    type: string,
    evidence?: { documentId: string; sentence: string; at: number },
    extra: Partial<NetworkEdge> = {},
  ) => {
    if (source === target) return;
    // Two periods of one membership (Egypt in the Arab League until 1979, again from 1989) stay two edges.
    const key = `${source}|${target}|${kind}|${type}|${extra.start ?? ""}|${extra.end ?? ""}`;
    const e = edges.get(key) ?? {
      source,
      target,
      kind,
      type,
      weight: 0,
      ...extra,
      evidence: [],
      seen: new Set<string>(),
    };
    edges.set(key, e);
    if (!evidence) {
      e.weight = Math.max(e.weight, 1);
      return;
    }
    const at = `${evidence.documentId}#${evidence.at}`;
    if (e.seen.has(at)) return;
    e.seen.add(at);
    e.weight += 1;
    e.evidence.push({ documentId: evidence.documentId, sentence: evidence.sentence });
    if (extra.label && !e.label?.split(", ").includes(extra.label))
      e.label = e.label ? `${e.label}, ${extra.label}` : extra.label;
  };

  for (const report of reports) {
    const a = report.analysis;
    for (const actor of a.actors) node(actor, report.id, actor.mentions);
    for (const e of a.events) {
      if (!e.source_actor || !e.target_actor) continue;
      const s = node(e.source_actor, report.id);
      const t = node(e.target_actor, report.id);
      const kind = cameoRoot(e.cameo) === MET ? "met" : "acted_on";
      link(
        s,
        t,
        kind,
        e.plover,
        { documentId: report.id, sentence: e.sentence, at: e.offset[0] },
        { label: e.cameo },
      );
    }
    for (const x of a.attributions) {
      if (x.claimant === "author") continue;
      const s = node(x.claimant, report.id);
      const t = node(x.accused, report.id);
      link(s, t, "accused", "attribution", { documentId: report.id, sentence: x.sentence, at: x.offset[0] });
    }
    const fallback = mainEvent(a);
    for (const r of a.reactions) {
      // The reacted-to target is the case event's, which another report may name when this one does not.
      const cluster = clusters.clusterOf(report.id, r.event_id ?? fallback?.id ?? null);
      const target = cluster?.target;
      const s = node(r.actor, report.id);
      if (!target) continue;
      const t = node(target, report.id);
      link(s, t, "reacted_to", r.stance, { documentId: report.id, sentence: r.sentence, at: r.offset[0] });
    }
  }

  // Knowledge-base edges among the case's actors only.
  const date = info.anchorDate ?? undefined;
  const stateId = (of: string) => (/^[A-Z]{3}$/.test(of) ? `state:${of}` : of);
  for (const id of [...nodes.keys()]) {
    const known = kb.actor(id);
    const affiliations = [
      ...kb.affiliationsOf(id).map((e) => ({ type: e.type, target: e.to, start: e.start, end: e.end })),
      ...(known?.affiliations ?? []),
    ];
    for (const f of affiliations) {
      if (!nodes.has(f.target)) continue;
      link(id, f.target, "affiliation", f.type, undefined, {
        start: f.start ?? null,
        end: f.end ?? null,
        held: date ? heldOn(f, date) : undefined,
      });
    }
    for (const role of known?.roles ?? []) {
      const of = stateId(role.of);
      if (!nodes.has(of) || (date && !heldOn(role, date))) continue;
      link(id, of, "role", role.office, undefined, {
        start: role.start,
        end: role.end,
        held: true,
        label: role.title,
      });
    }
  }

  return {
    nodes: [...nodes.values()]
      .map(({ docs, ...n }) => ({ ...n, documents: docs.size }))
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
    edges: [...edges.values()]
      .map(({ seen: _seen, ...e }) => e)
      .sort(
        (a, b) =>
          EDGE_KINDS.indexOf(a.kind) - EDGE_KINDS.indexOf(b.kind) ||
          b.weight - a.weight ||
          a.source.localeCompare(b.source) ||
          a.target.localeCompare(b.target),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// GraphML

// Characters XML 1.0 cannot hold (control characters but tab, newline, return; lone surrogates).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xml(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const KEYS: {
  id: string;
  for: "node" | "edge";
  name: string;
  type: "string" | "int" | "double" | "boolean";
}[] = [
  { id: "n_name", for: "node", name: "name", type: "string" },
  { id: "n_kind", for: "node", name: "kind", type: "string" },
  { id: "n_country", for: "node", name: "country", type: "string" },
  { id: "n_mentions", for: "node", name: "mentions", type: "int" },
  { id: "n_documents", for: "node", name: "documents", type: "int" },
  { id: "e_kind", for: "edge", name: "kind", type: "string" },
  { id: "e_type", for: "edge", name: "type", type: "string" },
  { id: "e_weight", for: "edge", name: "weight", type: "double" },
  { id: "e_label", for: "edge", name: "label", type: "string" },
  { id: "e_start", for: "edge", name: "start", type: "string" },
  { id: "e_end", for: "edge", name: "end", type: "string" },
  { id: "e_held", for: "edge", name: "held", type: "boolean" },
];

/** The network as GraphML 1.0, every attribute declared with a <key>. */
export function networkGraphml(network: ActorNetwork, graphId = "case"): string {
  const data = (key: string, value: unknown) =>
    value === undefined || value === null || value === ""
      ? ""
      : `<data key="${key}">${xml(String(value))}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...KEYS.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    `  <graph id="${xml(graphId)}" edgedefault="directed">`,
    ...network.nodes.map(
      (n) =>
        `    <node id="${xml(n.id)}">${data("n_name", n.name)}${data("n_kind", n.kind)}${data("n_country", n.country)}${data("n_mentions", n.mentions)}${data("n_documents", n.documents)}</node>`,
    ),
    ...network.edges.map(
      (e, i) =>
        `    <edge id="e${i + 1}" source="${xml(e.source)}" target="${xml(e.target)}">${data("e_kind", e.kind)}${data("e_type", e.type)}${data("e_weight", e.weight)}${data("e_label", e.label)}${data("e_start", e.start)}${data("e_end", e.end)}${data("e_held", e.held)}</edge>`,
    ),
    "  </graph>",
    "</graphml>",
    "",
  ];
  return lines.join("\n");
}
