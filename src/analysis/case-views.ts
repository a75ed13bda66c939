// A case's analyses as one call each, from the store: open the case, run the analysis on its
// reports. The CLI's `timeline`, `reactions`, `network` and `dyad` and the API's case routes call
// these, so both read a case the same way.
import { loadPatterns } from "../extraction/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Store } from "../store/index.js";
import { openCase, type StoredCase } from "./cases.js";
import { dyadTrend, resolveParty } from "./dyad-trend.js";
import { clusterEvents } from "./event-clusters.js";
import { actorNetwork } from "./network.js";
import { reactionMatrix } from "./reaction-matrix.js";
import { buildTimeline } from "./timeline.js";

/** The case's events and reactions by date, with the number of its reports. */
export async function caseTimeline(store: Store, caseId: string) {
  const { info, reports } = await openCase(store, caseId);
  return { case: info as StoredCase, reports: reports.length, entries: buildTimeline(reports) };
}

export async function caseReactionMatrix(store: Store, kb: KnowledgeBase, caseId: string) {
  const { info, reports } = await openCase(store, caseId);
  return reactionMatrix(reports, kb, info);
}

export async function caseNetwork(store: Store, kb: KnowledgeBase, caseId: string) {
  const { info, reports } = await openCase(store, caseId);
  return actorNetwork(reports, kb, info);
}

/** Cooperation and conflict between two parties (ISO3 codes, ids or names) in the case. */
export async function caseDyad(
  store: Store,
  kb: KnowledgeBase,
  caseId: string,
  actorA: string,
  actorB: string,
) {
  const { info, reports } = await openCase(store, caseId);
  const a = resolveParty(kb, reports, actorA);
  const b = resolveParty(kb, reports, actorB);
  return dyadTrend(reports, kb, loadPatterns().cameo, a, b, info, clusterEvents(reports));
}
