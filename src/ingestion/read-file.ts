// Bytes from the local file system, defensively: only regular files are read (a FIFO would block
// the batch forever, /dev/zero never ends, and both pass a size check because stat says 0), the
// size cap is enforced while reading and not only by stat (a file may grow, /proc files say 0),
// and a failing read names its reason (permission denied, a symlink loop) instead of "not found".
// A stream (a pipe) is read only when the user names stdin explicitly as "-".
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { CrisisdeskError } from "../domain/index.js";

export function megabytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function tooLarge(
  where: string,
  what: string,
  size: number | null,
  maxBytes: number,
): CrisisdeskError {
  const said =
    size === null
      ? `${what} is larger than the limit of ${megabytes(maxBytes)}`
      : `${what} is ${megabytes(size)}; the limit is ${megabytes(maxBytes)}`;
  return new CrisisdeskError("TOO_LARGE", `${said} (raise it with --max-size)`, { where });
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return "not a regular file";
}

function notRegular(path: string, info: Stats): CrisisdeskError {
  return new CrisisdeskError(
    "NOT_A_FILE",
    `${kindOf(info)}, not a regular file; only regular files are read (to read a stream, pipe it to "-")`,
    { where: path },
  );
}

/** A file-system failure as one line a user can act on, by its errno code. */
export function fileError(path: string, cause: unknown): CrisisdeskError {
  if (cause instanceof CrisisdeskError) return cause;
  const code = (cause as NodeJS.ErrnoException).code;
  const known: Record<string, [CrisisdeskError["code"], string]> = {
    ENOENT: ["NOT_FOUND", "no such file or directory"],
    ENOTDIR: ["NOT_FOUND", "no such file or directory (a part of the path is not a folder)"],
    ENAMETOOLONG: ["NOT_FOUND", "the file name is too long (ENAMETOOLONG)"],
    EACCES: ["PERMISSION_DENIED", "permission denied (EACCES); check the file's permissions"],
    EPERM: ["PERMISSION_DENIED", "operation not permitted (EPERM)"],
    ELOOP: ["SYMLINK_LOOP", "too many levels of symbolic links (ELOOP): the path is a symlink loop"],
  };
  const [errorCode, message] = known[code ?? ""] ?? [
    "READ_FAILED",
    `cannot read it (${code ?? (cause as Error).message ?? String(cause)})`,
  ];
  return new CrisisdeskError(errorCode, message, { where: path, cause });
}

/**
 * Reads a regular file whole, refusing anything else and anything over `maxBytes`. Synchronous:
 * for many small reports the thread-pool round trips of the async API cost more than the reads.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // stat before open: opening some devices has effects of its own, and a FIFO blocks on open.
    const before = statSync(path);
    if (!before.isFile()) throw notRegular(path, before);
    if (before.size > maxBytes) throw tooLarge(path, "the file", before.size, maxBytes);
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw fileError(path, cause);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw notRegular(path, info);
    // One read for the common case (the size stat gave, plus one byte to see the end); more only
    // when the file holds more than it said, always stopping one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    let size = Math.min(info.size + 1, maxBytes + 1);
    for (;;) {
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < buffer.length) {
        const n = readSync(fd, buffer, filled, buffer.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      chunks.push(buffer.subarray(0, filled));
      total += filled;
      if (total > maxBytes) throw tooLarge(path, "the file", null, maxBytes);
      if (filled < buffer.length) break;
      size = Math.min(1024 * 1024, maxBytes + 1 - total);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (cause) {
    throw fileError(path, cause);
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (stdin, named "-") whole, stopping as soon as it passes `maxBytes`. */
export async function readStream(
  stream: AsyncIterable<Uint8Array | string>,
  where: string,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    total += bytes.length;
    if (total > maxBytes) throw tooLarge(where, "the input", null, maxBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
