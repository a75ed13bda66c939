// Shared test plumbing: temporary folders and the CLI run as a real child process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";

export const ROOT = resolve(import.meta.dirname, "..");
export const BIN = join(ROOT, "bin", "crisisdesk.js");
export const EXAMPLES = join(ROOT, "examples");
export const FIXTURES = join(ROOT, "test", "fixtures");
export const SHARED = resolve(ROOT, "..", "shared");

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = "crisisdesk-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    input?: string;
    /** Run as this user (the test runner must be root): permission checks do not apply to root. */
    user?: { uid: number; gid: number };
  } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, CRISISDESK_DB: "", ...options.env },
      ...options.user,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A store holding the example reports and one case with all of them: the Kadhimi attack,
 * anchored on 2021-11-07 in Iraq. Used by the tests of commands that work on a case. */
export async function examplesCase(db: string, id = "kadhimi-2021"): Promise<void> {
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);
  const ingest = await cli("ingest", "examples/");
  if (ingest.code !== 0) throw new Error(`ingest examples/ failed: ${ingest.stderr}`);
  const created = await cli(
    "case",
    "create",
    "Drone attack on the Iraqi prime minister",
    "--id",
    id,
    "--anchor-date",
    "2021-11-07",
    "--country",
    "IRQ",
  );
  if (created.code !== 0 || created.stderr) throw new Error(`case create failed: ${created.stderr}`);
  const documents = JSON.parse((await cli("list", "documents", "--json")).stdout) as { id: string }[];
  const added = await cli("case", "add", id, ...documents.map((d) => d.id));
  if (added.stdout !== `${documents.length} added, 0 already in the case, 0 not found\n`) {
    throw new Error(`case add failed: ${added.stdout}${added.stderr}`);
  }
}
