// The timeline of a case: its events (clusters of accounts across reports) and its reactions,
// by date, each with the time it was first reported. An event is placed on the date its reports
// give; one no report dates is placed on the day it was first reported, and says so.
import type { ActorRef, Location, Stance } from "../domain/index.js";
import type { CaseReport } from "./cases.js";
import { clusterEvents, type Disagreement, type EventClusters } from "./event-clusters.js";
import { reactionRows } from "./reaction-matrix.js";

interface EntryBase {
  /** The day the entry is placed on (YYYY-MM-DD), or null when nothing dates it. */
  date: string | null;
  /** Where that day comes from: the reports' own date for the event, or the first report. */
  dateFrom: "stated" | "first report" | "none";
  /** The earliest publication date among the reports carrying the entry. */
  firstReported: string | null;
  reports: number;
  /** Accounts or mentions of it an analyst accepted, corrected or added. */
  confirmed: number;
}

export interface TimelineEvent extends EntryBase {
  kind: "event";
  cluster: string;
  label: string;
  cameo: string;
  plover: string;
  location: Location | null;
  target: ActorRef | null;
  sources: number;
  disagreements: Disagreement[];
}

export interface TimelineReaction extends EntryBase {
  kind: "reaction";
  actor: ActorRef;
  stance: Stance;
  sentence: string;
  documentId: string;
  source: string;
  /** The case events (cluster ids) reacted to. */
  events: string[];
}

export type TimelineEntry = TimelineEvent | TimelineReaction;

export function buildTimeline(
  reports: readonly CaseReport[],
  clusters: EventClusters = clusterEvents(reports),
): TimelineEntry[] {
  const events: TimelineEvent[] = clusters.clusters.map((c) => ({
    kind: "event",
    date: c.date ?? c.firstReported,
    dateFrom: c.date ? "stated" : c.firstReported ? "first report" : "none",
    firstReported: c.firstReported,
    reports: c.reports,
    cluster: c.id,
    label: c.label,
    cameo: c.cameo,
    plover: c.plover,
    location: c.location,
    target: c.target,
    sources: c.sources,
    disagreements: c.disagreements,
    confirmed: c.confirmed,
  }));
  const reactions: TimelineReaction[] = reactionRows(reports, clusters).map((r) => {
    // A reaction is dated by its first report: reports rarely date a statement apart from their own day.
    const first = r.mentions.find((m) => m.published === r.firstDate) ?? r.strongest;
    return {
      kind: "reaction",
      date: r.firstDate,
      dateFrom: r.firstDate ? "first report" : "none",
      firstReported: r.firstDate,
      reports: r.reports,
      actor: r.actor,
      stance: r.stance,
      sentence: first.sentence,
      documentId: first.documentId,
      source: first.source,
      events: r.events,
      confirmed: r.confirmed,
    };
  });
  // Within a day: events in cluster order (dated ones first), then reactions by first report.
  const rank = new Map(clusters.clusters.map((c, i) => [c.id, i]));
  const order = (e: TimelineEntry) =>
    e.kind === "event" ? (rank.get(e.cluster) ?? 0) : Number.MAX_SAFE_INTEGER;
  return [...events, ...reactions].sort(
    (a, b) =>
      (a.date ?? "9999").localeCompare(b.date ?? "9999") ||
      order(a) - order(b) ||
      b.reports - a.reports ||
      (a.kind === "reaction" && b.kind === "reaction" ? a.actor.name.localeCompare(b.actor.name) : 0),
  );
}
