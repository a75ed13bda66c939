// The case's real events for the exports: the events of all its reports clustered (the same
// happening told by ten reports, or by three paragraphs of one, is one event), each with the
// account that names it and every report's account as provenance. STIX, ACLED and GDELT export
// one incident or row per real event, never one per report.
import { clusterEvents, type EventCluster } from "../analysis/index.js";
import type { Event } from "../domain/index.js";
import type { CaseExport, ExportDocument } from "./case-json.js";

export interface EventTelling {
  doc: ExportDocument;
  event: Event;
}

export interface CaseEvent extends EventTelling {
  cluster: EventCluster;
  /** Every account, first reported first; the naming one (`doc`, `event`) among them. */
  accounts: EventTelling[];
}

export interface CaseEvents {
  events: CaseEvent[];
  /** The real event a report's event is an account of. */
  of(documentId: string, eventId: string | null): CaseEvent | undefined;
}

export function caseEvents(c: CaseExport): CaseEvents {
  const docs = new Map(c.documents.map((d) => [d.id, d]));
  const telling = (documentId: string, eventId: string): EventTelling | undefined => {
    const doc = docs.get(documentId);
    const event = doc?.analysis.events.find((e) => e.id === eventId);
    return doc && event ? { doc, event } : undefined;
  };
  const clusters = clusterEvents(c.documents);
  const byAccount = new Map<string, CaseEvent>();
  const events: CaseEvent[] = [];
  for (const cluster of clusters.clusters) {
    const accounts = cluster.accounts.flatMap((a) => telling(a.documentId, a.eventId) ?? []);
    const named = telling(cluster.representative.documentId, cluster.representative.eventId) ?? accounts[0];
    if (!named) continue;
    const event: CaseEvent = { ...named, cluster, accounts };
    events.push(event);
    for (const a of accounts) byAccount.set(`${a.doc.id}#${a.event.id}`, event);
  }
  // In the case's report order, then text order, by each event's first telling: the order the
  // per-report tables had, so that a case of one report exports as before.
  const position = new Map(c.documents.map((d, i) => [d.id, i]));
  const at = (e: CaseEvent) =>
    Math.min(...e.accounts.map((a) => position.get(a.doc.id)! * 1e9 + a.event.offset[0]));
  events.sort((x, y) => at(x) - at(y));
  return {
    events,
    of: (documentId, eventId) => (eventId ? byAccount.get(`${documentId}#${eventId}`) : undefined),
  };
}

/** The most conservative figure of the dead the accounts give (ACLED's rule), or null if none does. */
export function conservativeKilled(accounts: readonly EventTelling[]): number | null {
  const figures = accounts.flatMap((a) => {
    const killed = a.event.casualties?.killed;
    return typeof killed === "number" ? [killed] : [];
  });
  return figures.length ? Math.min(...figures) : null;
}

/** The distinct outlets that carry an event, in order of first report. */
export function outletsOf(
  accounts: readonly EventTelling[],
  name: (doc: ExportDocument) => string,
): string[] {
  return [...new Set(accounts.map((a) => name(a.doc)))];
}
