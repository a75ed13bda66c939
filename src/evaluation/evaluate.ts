// Evaluation of the engine on a folder of annotated reports: each NAME.gold.json is scored against
// the analysis of the report beside it (NAME.txt, .md, .html, .pdf ...), or against NAME.json from a
// folder of predictions made elsewhere. The analyser comes in as an argument, like the pipeline's.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type Analysis, CrisisdeskError, UsageError } from "../domain/index.js";
import type { Analyser } from "../extraction/index.js";
import { readInputs } from "../ingestion/index.js";
import { type Calibration, calibrate } from "./calibration.js";
import { type Gold, readGold } from "./gold.js";
import { predictedMainEvent } from "./main-event.js";
import { parsePrediction } from "./prediction.js";
import { type Resolution, resolution } from "./resolution.js";
import { type DocumentScore, type Prediction, type Scores, scoreAll } from "./score.js";

const GOLD_SUFFIX = ".gold.json";

// The report formats ingestion reads, in the order a report is looked for beside its gold file:
// the plain forms first, JSON last since a stray prediction file could share the name.
const REPORT_EXTENSIONS = [
  ".txt",
  ".text",
  ".md",
  ".markdown",
  ".html",
  ".htm",
  ".xhtml",
  ".pdf",
  ".xml",
  ".rss",
  ".atom",
  ".jsonl",
  ".ndjson",
  ".json",
];

/**
 * Which gold files of a folder to score. Half a holds the odd positions of the sorted folder
 * (1st, 3rd, ...), half b the even ones: a split that stays put as reports are added at the end,
 * for developing on one half and checking on the other. `only` keeps the names starting with one
 * of its prefixes (after the half is taken, so a file keeps its half).
 */
export interface Selection {
  half?: "a" | "b";
  only?: readonly string[];
}

export type EvaluateOptions = (
  | { gold: string; analyse: Analyser; pred?: undefined; reports?: string }
  | { gold: string; pred: string; analyse?: undefined }
) & { select?: Selection };

export interface EvaluatedFile {
  /** The gold file's name, the key of the figures. */
  name: string;
  /** What was scored against it: the report analysed, or the prediction file read. */
  scored: string;
  gold: Gold;
  score: DocumentScore;
  /** The predicted main event the checks were made on, null when the prediction has no events. */
  mainEvent: MainEventSeen | null;
  /**
   * Whether the prediction gives its main event a day although the gold says the text cannot fix
   * one (`date_knowable: false`): such a day came from elsewhere, typically the clock.
   */
  unfoundedDate: boolean;
}

/** What the checks saw of the predicted main event. */
export interface MainEventSeen {
  id: string | null;
  date: string | null;
  country: string | null;
  target: string | null;
}

export interface Evaluation extends Omit<Scores, "documents"> {
  details: EvaluatedFile[];
  calibration: Calibration;
  /** Reacting actors of the gold files resolved to knowledge-base entries. */
  resolution: Resolution;
  /**
   * Main-event days given on the files whose text cannot fix one (gold `date_knowable: false`),
   * out of those files: the issue's "no day from the clock" (such days are not scored).
   */
  unfoundedDates: { given: number; total: number };
  /** Things that did not stop scoring but bear on the figures (a prediction counted as empty). */
  warnings: string[];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    throw new CrisisdeskError("NOT_FOUND", "no such file or directory", { where: path });
  }
}

/** The gold files of a folder a selection keeps, in folder order. */
export function selectGoldFiles(names: readonly string[], select: Selection = {}): string[] {
  const { half, only } = select;
  return [...names]
    .sort()
    .filter((_, i) => half === undefined || (half === "a" ? i % 2 === 0 : i % 2 === 1))
    .filter((name) => !only || only.length === 0 || only.some((prefix) => name.startsWith(prefix)));
}

async function goldFiles(gold: string, select: Selection = {}): Promise<string[]> {
  if (!(await isDirectory(gold))) {
    if (!gold.endsWith(GOLD_SUFFIX))
      throw new CrisisdeskError("NOT_FOUND", `expected a folder or a NAME${GOLD_SUFFIX} file`, {
        where: gold,
      });
    return [gold];
  }
  const all = (await readdir(gold)).filter((f) => f.endsWith(GOLD_SUFFIX));
  if (all.length === 0)
    throw new CrisisdeskError("NOT_FOUND", `the folder holds no NAME${GOLD_SUFFIX} files`, { where: gold });
  const names = selectGoldFiles(all, select);
  if (names.length === 0)
    throw new UsageError(
      `the selection (${[select.half && `half ${select.half}`, select.only && `only ${select.only.join(",")}`].filter(Boolean).join(", ")}) keeps none of the folder's ${all.length} gold files`,
      { where: gold },
    );
  return names.map((f) => join(gold, f));
}

function stem(goldPath: string): string {
  return basename(goldPath).slice(0, -GOLD_SUFFIX.length);
}

async function findReport(goldPath: string, reports?: string): Promise<string> {
  const dir = reports ?? dirname(goldPath);
  const present = new Set(await readdir(dir));
  for (const ext of REPORT_EXTENSIONS) {
    const name = `${stem(goldPath)}${ext}`;
    if (present.has(name)) return join(dir, name);
  }
  throw new CrisisdeskError(
    "NOT_FOUND",
    `no report beside it (looked for ${stem(goldPath)} with ${REPORT_EXTENSIONS.join(" ")})`,
    { where: goldPath },
  );
}

async function analyseReport(path: string, analyse: Analyser): Promise<Analysis> {
  const analyses: Analysis[] = [];
  for await (const result of readInputs([path])) {
    if (result.error) throw result.error;
    if (result.problems[0]) throw result.problems[0];
    analyses.push(...result.documents.map((d) => analyse(d)));
  }
  const only = analyses[0];
  if (analyses.length !== 1 || !only)
    throw new CrisisdeskError(
      "BAD_DATA",
      `holds ${analyses.length} documents; a gold file annotates exactly one report`,
      { where: path },
    );
  return only;
}

const EMPTY: Prediction = { events: [], reactions: [], quotes: [], attributions: [] };

// Like the shared scorer, a missing or unreadable prediction counts as empty (its gold items all
// missed): the figures stay comparable, and a warning says why they dropped.
async function readPrediction(path: string, warnings: string[]): Promise<Prediction> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    warnings.push(`${path}: no prediction; counted as empty`);
    return EMPTY;
  }
  try {
    return parsePrediction(JSON.parse(raw));
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    warnings.push(`${path}: unreadable prediction (${reason}); counted as empty`);
    return EMPTY;
  }
}

async function predictionPath(pred: string, goldPath: string, count: number): Promise<string> {
  if (await isDirectory(pred)) return join(pred, `${stem(goldPath)}.json`);
  if (count > 1)
    throw new UsageError("--pred must be a folder when --gold holds several gold files", { where: pred });
  return pred;
}

/** Scores every gold file in a folder (or one gold file); the figures match the shared scorer's. */
export async function evaluate(options: EvaluateOptions): Promise<Evaluation> {
  const paths = await goldFiles(options.gold, options.select);
  // Every gold file is read before any report is analysed, so a broken one fails fast.
  const golds: { path: string; gold: Gold }[] = [];
  for (const path of paths) golds.push({ path, gold: await readGold(path) });
  const warnings: string[] = [];
  const pairs: { name: string; scored: string; gold: Gold; prediction: Prediction }[] = [];
  for (const { path, gold } of golds) {
    const name = basename(path);
    if (options.pred !== undefined) {
      const scored = await predictionPath(options.pred, path, paths.length);
      pairs.push({ name, scored, gold, prediction: await readPrediction(scored, warnings) });
    } else {
      const scored = await findReport(path, options.reports);
      pairs.push({ name, scored, gold, prediction: await analyseReport(scored, options.analyse) });
    }
  }
  const { summary, files, documents } = scoreAll(pairs);
  const details = pairs.map(({ name, scored, gold, prediction }) => {
    const ev = predictedMainEvent(prediction.events, prediction.reactions);
    const mainEvent = ev && {
      id: ev.id,
      date: ev.date,
      country: ev.location?.country ?? null,
      target: ev.target_actor?.name || null,
    };
    const unfoundedDate = gold.event?.date_knowable === false && Boolean(mainEvent?.date);
    return { name, scored, gold, score: documents[name]!, mainEvent, unfoundedDate };
  });
  return {
    summary,
    files,
    details,
    calibration: calibrate(details.map((d) => d.score)),
    resolution: resolution(pairs),
    unfoundedDates: {
      given: details.filter((d) => d.unfoundedDate).length,
      total: details.filter((d) => d.gold.event?.date_knowable === false).length,
    },
    warnings,
  };
}
