// Writing a command's output to `--out FILE`: whole or not at all (a temporary file beside it,
// then a link or a rename), never over the store the command reads (issue 14: `export --out
// crisisdesk.db` had destroyed it), and never over another existing file unless `--force` says so.
import { randomBytes } from "node:crypto";
import {
  linkSync,
  lstatSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../domain/index.js";

export interface WriteOutputOptions {
  /** What is written, for the messages: "brief", "export". */
  what: string;
  /** Replace an existing regular file. */
  force?: boolean;
  /** The command's store (its --db): a SQLite path is never written over, --force or not. */
  store?: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function sameFile(a: Stats | null, b: Stats | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

/** Whether `target` is the store or one of SQLite's files beside it (journal, WAL, shared memory). */
function isStoreFile(target: string, targetStat: Stats | null, store: string | undefined): boolean {
  if (!store || /^postgres(ql)?:\/\//i.test(store)) return false;
  let storePath = resolve(store);
  try {
    storePath = realpathSync(storePath);
  } catch {
    // A store not created yet has no file to protect, but its name is still kept free.
  }
  return ["", "-journal", "-wal", "-shm"].some(
    (suffix) =>
      target === `${storePath}${suffix}` || sameFile(targetStat, statOrNull(`${storePath}${suffix}`)),
  );
}

function writeError(what: string, path: string, cause: unknown): UsageError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT"
      ? "no such folder"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "it is a folder"
          : (cause as Error).message;
  return new UsageError(`cannot write the ${what} here (${reason})`, { where: path });
}

/**
 * Where `path` leads (a symlink followed), once it is sure the output may go there: not the store,
 * not a folder or device, not an existing file without --force. Commands call it before their
 * work too, so a refusal comes at once and not after a PDF has been printed.
 */
export function checkOutput(path: string, options: WriteOutputOptions): string {
  const { what } = options;
  // A symlink is followed: the file it names is the one replaced, and the one checked.
  let target = resolve(path);
  let existing: Stats | null = null;
  try {
    lstatSync(target);
    target = realpathSync(target);
    existing = statSync(target);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw writeError(what, path, cause);
  }
  if (isStoreFile(target, existing, options.store))
    throw new UsageError(`refusing to write the ${what} over the store; choose another file`, {
      where: path,
    });
  if (existing && !existing.isFile())
    throw new UsageError(`refusing to write the ${what} here: it is not a regular file`, { where: path });
  if (existing && !options.force)
    throw new UsageError(`the file exists; give --force to replace it`, { where: path });
  return target;
}

export function writeOutput(path: string, content: string | Buffer, options: WriteOutputOptions): void {
  const { what } = options;
  const target = checkOutput(path, options);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temp, content, { flag: "wx" });
  } catch (cause) {
    throw writeError(what, path, cause);
  }
  try {
    if (options.force) renameSync(temp, target);
    else {
      // A link fails if the name was taken since the check above, where a rename would replace it.
      try {
        linkSync(temp, target);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === "EEXIST")
          throw new UsageError(`the file exists; give --force to replace it`, { where: path });
        // File systems without hard links: the check above stands.
        renameSync(temp, target);
      }
    }
  } catch (cause) {
    throw cause instanceof UsageError ? cause : writeError(what, path, cause);
  } finally {
    rmSync(temp, { force: true });
  }
}
