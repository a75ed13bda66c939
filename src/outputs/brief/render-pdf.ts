// The brief as PDF: the HTML page printed by headless Chromium (Debian's `chromium` package),
// which lays out A4 pages from the page's own print CSS. Chromium runs with a fresh profile in a
// temporary folder, no network services and no header or footer; the folder is removed after,
// also when the caller aborts (the CLI aborts on SIGINT and SIGTERM: Ctrl-C mid-brief left the
// page, the PDF and a Chromium profile behind, issue 14).
import { execFile } from "node:child_process";
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

function run(
  binary: string,
  args: string[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const options = { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, signal };
    execFile(binary, args, options, (error, _stdout, stderr) => {
      if (signal?.aborted) reject(new CrisisdeskError("INTERRUPTED", INTERRUPTED));
      else if (error && (error as NodeJS.ErrnoException).code === "ENOENT") reject(error);
      else if (error?.killed)
        reject(
          new CrisisdeskError(
            "BAD_PDF",
            `Chromium did not finish printing the brief within ${timeoutMs / 1000} s`,
          ),
        );
      else resolve({ code: error ? Number(error.code ?? 1) : 0, stderr: String(stderr) });
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
    const { code, stderr } = await run(binary, args, options.timeoutMs ?? 120_000, options.signal);
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
