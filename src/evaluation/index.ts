// Evaluation: the engine's analyses scored against hand annotations (gold files), with the same
// rules as the shared scorer, and a reliability table for the confidences the engine states.
export {
  CALIBRATED_KINDS,
  type CalibratedKind,
  type Calibration,
  type CalibrationBin,
  CONFIDENCE_EDGES,
  calibrate,
} from "./calibration.js";
export {
  type EvaluatedFile,
  type EvaluateOptions,
  type Evaluation,
  evaluate,
  type MainEventSeen,
  type Selection,
  selectGoldFiles,
} from "./evaluate.js";
export { type Gold, goldSchema, parseGold, readGold } from "./gold.js";
export {
  type CheckTotal,
  type EventCheck,
  MAIN_EVENT_CHECKS,
  type MainEventCheck,
  type MainEventScore,
  type MainEventTotals,
  type PredictedEvent,
  predictedMainEvent,
  sameTarget,
  scoreMainEvent,
} from "./main-event.js";
export { parsePrediction, predictionSchema } from "./prediction.js";
export { normaliseName, type ScoredActor, sameActor } from "./same-actor.js";
export {
  type Counts,
  type DocumentScore,
  type FileFigures,
  type KindMetrics,
  type Match,
  type Metrics,
  matchOneToOne,
  metrics,
  type Prediction,
  QUOTE_OVERLAP_THRESHOLD,
  quoteOverlap,
  SCORED_KINDS,
  type ScoredKind,
  type ScoredPair,
  type Scores,
  type SummaryFigures,
  sameAccused,
  scoreAll,
  scoreDocument,
} from "./score.js";
