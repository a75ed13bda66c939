// The analyst's layer: decisions on extracted items kept apart from the engine's output, resolved
// into the effective record every output reads; re-analysis; the review queue and item history.

export {
  type ActorQueueQuery,
  type ActorResolutionDeps,
  type ActorResolutionInput,
  type ActorResolutionOutcome,
  actorQueue,
  type MintedActor,
  type MintedMention,
  resolveActor,
  undoActorResolution,
} from "./actor-queue.js";
export { type AnalysisDiff, diffAnalyses, type ItemChange } from "./analysis-diff.js";
export {
  addItem,
  type Correction,
  type DecisionMeta,
  type NewItem,
  namedActor,
  type ReviewDeps,
  type ReviewOutcome,
  reviewItem,
} from "./decide.js";
export { effectiveRecord, latestDecisions } from "./effective-record.js";
export { type ItemHistory, type ItemVersion, itemHistory } from "./item-history.js";
export {
  type KindCounts,
  type ReanalyzeDeps,
  type ReanalyzeReport,
  type ReanalyzeTarget,
  reanalyze,
} from "./reanalyze.js";
export { describeItem, type QueueItem, type QueueQuery, reviewQueue } from "./review-queue.js";
export {
  credibilityOf,
  gradeSource,
  listSourceGrades,
  reliabilityOf,
  removeSourceGrade,
  type SourceEntry,
  type SourceGradeInput,
} from "./source-grades.js";
