// Bytes to text for the text-based formats, refusing what is not text: binary files given as
// text and invalid UTF-8 get a clear error instead of mojibake in the store.
import { CrisisdeskError } from "../../domain/index.js";

export function decodeText(bytes: Uint8Array, where: string): string {
  const probe = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of probe) {
    if (b === 0) {
      throw new CrisisdeskError("BINARY_INPUT", "this is a binary file, not text (it contains NUL bytes)", {
        where,
      });
    }
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (probe.length > 0 && controls / probe.length > 0.1) {
    throw new CrisisdeskError("BINARY_INPUT", "this is a binary file, not text (too many control bytes)", {
      where,
    });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    const at = firstInvalidUtf8(bytes);
    throw new CrisisdeskError(
      "INVALID_UTF8",
      `invalid UTF-8${at >= 0 ? ` at byte ${at}` : ""}; re-save the file as UTF-8`,
      { where, cause },
    );
  }
}

/** Byte offset of the first byte that does not begin a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
