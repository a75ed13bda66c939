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
export { type EvaluatedFile, type EvaluateOptions, type Evaluation, evaluate } from "./evaluate.js";
export { type Gold, goldSchema, parseGold, readGold } from "./gold.js";
export { parsePrediction, predictionSchema } from "./prediction.js";
export {
  type Counts,
  type DocumentScore,
  type KindMetrics,
  type Match,
  type Metrics,
  matchOneToOne,
  metrics,
  normaliseName,
  type Prediction,
  QUOTE_OVERLAP_THRESHOLD,
  quoteOverlap,
  SCORED_KINDS,
  type ScoredActor,
  type ScoredKind,
  type ScoredPair,
  type Scores,
  sameAccused,
  sameActor,
  scoreAll,
  scoreDocument,
} from "./score.js";
