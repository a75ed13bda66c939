// The brief as PDF: the HTML page printed by headless Chromium (Debian's `chromium` package),
// which lays out A4 pages from the page's own print CSS. Chromium runs with a fresh profile in a
// temporary folder, no network services and no header or footer; the folder is removed after,
// also when the caller aborts (the CLI aborts on SIGINT and SIGTERM: Ctrl-C mid-brief left the
// page, the PDF and a Chromium profile behind, issue 14).
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CrisisdeskError } from "../../domain/index.js";

export const CHROMIUM_MISSING =
  "headless Chromium is needed for PDF: install Debian's chromium package or use --format html";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium binary: `CHROMIUM_PATH` when set (and then only it), else /usr/bin/chromium, else
 * `chromium` on the PATH. Throws NOT_FOUND with one line that says what to do.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.CHROMIUM_PATH?.trim();
  if (named) {
    if (executable(named)) return named;
    throw new CrisisdeskError("NOT_FOUND", CHROMIUM_MISSING, { where: `CHROMIUM_PATH=${named}` });
  }
  const candidates = [
    "/usr/bin/chromium",
    ...(env.PATH ?? "")
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, "chromium")),
  ];
  const found = candidates.find(executable);
  if (!found) throw new CrisisdeskError("NOT_FOUND", CHROMIUM_MISSING);
  return found;
}

const INTERRUPTED = "interrupted; the brief was not written and its temporary files are removed";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether any process of the group is left. */
function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends Chromium's process group and waits until it is gone. Chromium's helpers (zygote, renderer,
 * GPU, utility) outlive its main process for a moment and go on writing into the profile: a
 * folder removed before they are gone is made again behind our back.
 */
async function endGroup(group: number): Promise<void> {
  for (let i = 0; groupAlive(group) && i < 60; i++) {
    if (i === 0 || i === 40) {
      try {
        process.kill(-group, i === 0 ? "SIGTERM" : "SIGKILL");
      } catch {
        // Gone between the check and the signal.
      }
    }
    await sleep(50);
  }
}

/** Runs Chromium in a process group of its own, ended whole on exit, timeout or abort. */
function run(
  binary: string,
  args: string[],
  options: { timeoutMs: number; signal: AbortSignal | undefined; tmp: string },
): Promise<{ code: number; stderr: string }> {
  const { timeoutMs, signal } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      // Chromium's own temporary files go into the brief's folder, removed with it.
      env: { ...process.env, TMPDIR: options.tmp },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 1024 * 1024) stderr += chunk;
    });
    let stopped: "timeout" | "interrupted" | null = null;
    const stop = (why: "timeout" | "interrupted") => {
      stopped ??= why;
      if (child.pid !== undefined) void endGroup(child.pid);
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    const onAbort = () => stop("interrupted");
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (error) => {
      done();
      reject(error);
    });
    child.on("close", (code) => {
      done();
      const group = child.pid;
      void (group === undefined ? Promise.resolve() : endGroup(group)).then(() => {
        if (stopped === "interrupted" || signal?.aborted)
          reject(new CrisisdeskError("INTERRUPTED", INTERRUPTED));
        else if (stopped === "timeout")
          reject(
            new CrisisdeskError(
              "BAD_PDF",
              `Chromium did not finish printing the brief within ${timeoutMs / 1000} s`,
            ),
          );
        else resolve({ code: code ?? 1, stderr });
      });
    });
  });
}

/** Prints an HTML page to PDF with headless Chromium and returns the PDF's bytes. */
export async function renderPdf(
  html: string,
  options: { chromium?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Buffer> {
  const binary = options.chromium ?? findChromium();
  if (options.signal?.aborted) throw new CrisisdeskError("INTERRUPTED", INTERRUPTED);
  const dir = mkdtempSync(join(tmpdir(), "crisisdesk-brief-"));
  try {
    const page = join(dir, "brief.html");
    const pdf = join(dir, "brief.pdf");
    writeFileSync(page, html);
    const args = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${join(dir, "profile")}`,
      `--print-to-pdf=${pdf}`,
      "--no-pdf-header-footer",
      pathToFileURL(page).href,
    ];
    const { code, stderr } = await run(binary, args, {
      timeoutMs: options.timeoutMs ?? 120_000,
      signal: options.signal,
      tmp: dir,
    });
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(pdf);
    } catch {
      bytes = null;
    }
    if (code !== 0 || !bytes || bytes.subarray(0, 5).toString("latin1") !== "%PDF-") {
      // Chromium logs much noise (D-Bus, GPU); the last line is the one that says why.
      const last = stderr
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .at(-1);
      throw new CrisisdeskError(
        "BAD_PDF",
        `Chromium could not print the brief (exit code ${code})${last ? `: ${last.slice(0, 300)}` : ""}`,
        { where: binary },
      );
    }
    return bytes;
  } finally {
    // Retries: a Chromium helper process may still be closing a file in the profile.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
