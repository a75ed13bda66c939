// npm run bench:plover: the PLOVER gold-standard records (CAMEO-manual example sentences coded in
// PLOVER 0.5b1) run through crisisdesk's own engine, one sentence per document; the first event's
// PLOVER type and mode are compared with the gold's.
//
// The gold predates the 2021 CAMEO-to-PLOVER crosswalk the engine's codebook follows, so its older
// labels are renamed first: event types DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE,
// FIGHT → ASSAULT. Mode accuracy is given strictly (labels as written) and after renaming the 0.5b1
// modes that the 2021 crosswalk gives another name for the same CAMEO codes (MODE_RENAMES).
//
//   node bench/plover.mjs            summary
//   node bench/plover.mjs --misses   also every record whose event type is wrong
//   node bench/plover.mjs --records  one tab-separated line per record instead (id, gold type and mode,
//                                    engine type, CAMEO code and mode), to diff two versions of the engine
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocument, createAnalyser, KnowledgeBase, plainTextBlocks } from "../dist/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const GOLD = resolve(ROOT, "..", "shared", "data", "reference", "plover", "PLOVER_GSR_CAMEO.json");

const EVENT_RENAMES = { DEMAND: "REQUEST", DISAPPROVE: "ACCUSE", INVESTIGATE: "ACCUSE", FIGHT: "ASSAULT" };

/** 0.5b1 mode → 2021 mode, where the 2021 crosswalk names the same CAMEO codes differently. */
const MODE_RENAMES = {
  "demo-org": "demo", // 141 demonstrate or rally
  "demo-spon": "demo",
  "strike-hun": "hunger", // 142 hunger strike
  "strike-gen": "boycott", // 143 conduct strike or boycott
  "riot-spon": "riot", // 145 violent protest, riot
  host: "visit", // 043 host a visit
  confiscate: "seize", // 171, 1711 seize or damage property
  destroy: "seize", // 1712 destroy property
  detain: "arrest", // 173 arrest, detain
  censor: "restrict", // 1721 impose restrictions on freedoms
};
/** Threats to impose a curfew or martial law (1323, 1324) are THREATEN/restrict in 2021. */
const THREATEN_MODE_RENAMES = { curfew: "restrict", "martial-law": "restrict" };

export function readGold() {
  return JSON.parse(readFileSync(GOLD, "utf8"))
    .filter((record) => record.text && record.event !== "DOCUMENT")
    .map((record) => {
      const event = EVENT_RENAMES[record.event] ?? record.event;
      const mode = record.mode ? record.mode : null;
      const renamed =
        mode === null
          ? null
          : event === "THREATEN" && THREATEN_MODE_RENAMES[mode]
            ? THREATEN_MODE_RENAMES[mode]
            : (MODE_RENAMES[mode] ?? mode);
      return {
        id: record.id,
        text: record.text,
        date: record.date ?? null,
        event,
        mode,
        renamedMode: renamed,
      };
    });
}

export function runPloverBench() {
  const analyse = createAnalyser({ kb: KnowledgeBase.load(), today: () => "2000-01-01" });
  const gold = readGold();
  const started = performance.now();
  const results = gold.map((record) => {
    const document = buildDocument({
      meta: { source: record.id, format: "txt", published: record.date },
      blocks: plainTextBlocks(record.text, { markdown: false }),
    });
    const first = analyse(document).events[0];
    return { record, plover: first?.plover ?? null, mode: first?.mode ?? null, cameo: first?.cameo ?? null };
  });
  return { results, seconds: (performance.now() - started) / 1000 };
}

const pct = (a, b) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

/** The modes the 2021 crosswalk uses: every event's mode must be one of them, or null. */
function ploverModes() {
  const codebook = JSON.parse(readFileSync(resolve(ROOT, "data", "codebook", "cameo.json"), "utf8"));
  return new Set(codebook.flatMap((entry) => (entry.mode ? [entry.mode] : [])));
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes("--records")) {
  for (const r of runPloverBench().results) {
    const gold = `${r.record.event}/${r.record.renamedMode ?? "-"}`;
    console.log([r.record.id, gold, r.plover ?? "none", r.cameo ?? "-", r.mode ?? "-"].join("\t"));
  }
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const { results, seconds } = runPloverBench();
  const n = results.length;
  const coded = results.filter((r) => r.plover !== null);
  const typeRight = results.filter((r) => r.plover === r.record.event);
  const withMode = results.filter((r) => r.record.mode !== null);
  const modeStrict = withMode.filter((r) => r.plover === r.record.event && r.mode === r.record.mode);
  const modeRenamed = withMode.filter((r) => r.plover === r.record.event && r.mode === r.record.renamedMode);
  const modeGivenType = withMode.filter((r) => r.plover === r.record.event);

  console.log(
    `machine: ${cpus()[0]?.model ?? "unknown cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `PLOVER gold records: ${n} sentences through the crisisdesk engine in ${(seconds * 1000).toFixed(0)} ms\n`,
  );
  console.log(`| measure | value |`);
  console.log(`|---|---:|`);
  console.log(`| records with an event | ${coded.length}/${n} (${pct(coded.length, n)}) |`);
  console.log(
    `| event type correct (all records) | ${typeRight.length}/${n} (${pct(typeRight.length, n)}) |`,
  );
  console.log(
    `| event type correct (records with an event) | ${typeRight.length}/${coded.length} (${pct(typeRight.length, coded.length)}) |`,
  );
  console.log(
    `| mode correct, labels as written (records whose gold has a mode) | ${modeStrict.length}/${withMode.length} (${pct(modeStrict.length, withMode.length)}) |`,
  );
  console.log(
    `| mode correct, 0.5b1 modes renamed to 2021 | ${modeRenamed.length}/${withMode.length} (${pct(modeRenamed.length, withMode.length)}) |`,
  );
  const renamedGivenType = modeGivenType.filter((r) => r.mode === r.record.renamedMode).length;
  console.log(
    `| mode correct when the type is, renamed | ${renamedGivenType}/${modeGivenType.length} (${pct(renamedGivenType, modeGivenType.length)}) |`,
  );
  const modes = ploverModes();
  const foreign = coded.filter((r) => r.mode !== null && !modes.has(r.mode));
  console.log(`| events whose mode is not a PLOVER mode | ${foreign.length} |`);

  const types = [...new Set(results.map((r) => r.record.event))].sort();
  console.log("\n| gold type | records | coded | type correct | recall |");
  console.log("|---|---:|---:|---:|---:|");
  for (const type of types) {
    const mine = results.filter((r) => r.record.event === type);
    const right = mine.filter((r) => r.plover === type).length;
    const codedHere = mine.filter((r) => r.plover !== null).length;
    const predicted = results.filter((r) => r.plover === type).length;
    console.log(
      `| ${type} | ${mine.length} | ${codedHere} | ${right} | ${pct(right, mine.length)} (precision ${pct(right, predicted)}) |`,
    );
  }

  const confusion = new Map();
  for (const r of results) {
    if (r.plover === r.record.event) continue;
    const key = `${r.record.event} → ${r.plover ?? "no event"}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  console.log("\ntop errors (gold → engine):");
  for (const [key, count] of [...confusion].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${String(count).padStart(3)}  ${key}`);
  }
  const modeErrors = new Map();
  for (const r of modeGivenType) {
    if (r.mode === r.record.renamedMode) continue;
    const key = `${r.record.event}: ${r.record.renamedMode} → ${r.mode ?? "no mode"}`;
    modeErrors.set(key, (modeErrors.get(key) ?? 0) + 1);
  }
  console.log("\ntop mode errors where the type is right (gold, renamed → engine):");
  for (const [key, count] of [...modeErrors].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    console.log(`  ${String(count).padStart(3)}  ${key}`);
  }

  if (process.argv.includes("--misses")) {
    console.log("\nrecords whose event type is wrong:");
    for (const r of results) {
      if (r.plover === r.record.event) continue;
      console.log(
        `  ${r.record.id}: gold ${r.record.event}${r.record.mode ? `/${r.record.mode}` : ""}, engine ${r.plover ?? "none"}${r.cameo ? ` (${r.cameo})` : ""}`,
      );
      console.log(`    ${r.record.text}`);
    }
  }
}
