// Start-up of the CLI as a user meets it: `crisisdesk --help` and the analysis of one short report,
// each run as a fresh process; the median and the slowest of the runs, in milliseconds. The CPU
// time the process spent (user + system, reported by the process at exit) is given beside the wall
// time because it varies less on a machine other work shares.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "crisisdesk.js");

const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  'import{writeFileSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeFileSync(process.env.BENCH_CPU_FILE,String((u.user+u.system)/1000))})',
)}`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(args, runs) {
  const dir = mkdtempSync(join(tmpdir(), "crisisdesk-startup-"));
  const wall = [];
  const cpu = [];
  try {
    for (let i = 0; i < runs; i++) {
      const file = join(dir, `cpu-${i}`);
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ["--import", REPORT_CPU, BIN, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, BENCH_CPU_FILE: file },
      });
      wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (r.status !== 0) throw new Error(`crisisdesk ${args.join(" ")} failed: ${r.stderr}`);
      cpu.push(Number(readFileSync(file, "utf8")));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { median: median(wall), max: Math.max(...wall), cpu: median(cpu), runs };
}

export function benchStartup(runs = 9) {
  return {
    help: time(["--help"], runs),
    analyze: time(["analyze", join("examples", "iraq-pm-statement.txt")], runs),
  };
}
