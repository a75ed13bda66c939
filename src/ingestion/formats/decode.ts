// Bytes to text for the text-based formats, refusing what is not text: binary files given as
// text and invalid UTF-8 get a clear error instead of mojibake in the store. UTF-16 with a
// byte-order mark (what Windows Notepad and Excel save as "Unicode") is decoded; UTF-16 without
// one is refused with a line that says so, not as "binary".
import { CrisisdeskError } from "../../domain/index.js";

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", where: string): string {
  let text: string;
  try {
    // The decoder drops the byte-order mark itself.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CrisisdeskError(
      "INVALID_UTF8",
      `invalid ${encoding.toUpperCase()} (it opens with a UTF-16 byte-order mark); re-save the file as UTF-8`,
      { where, cause },
    );
  }
  if (text.includes("\u0000"))
    throw new CrisisdeskError(
      "BINARY_INPUT",
      "this is a binary file, not text (it contains NUL characters)",
      {
        where,
      },
    );
  return text;
}

/** Whether NUL bytes fall on every other byte, as in UTF-16 text of Latin letters. */
function looksLikeBomlessUtf16(probe: Uint8Array): boolean {
  if (probe.length < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = probe.length / 2;
  return (even > 0.7 * half && odd === 0) || (odd > 0.7 * half && even === 0);
}

export function decodeText(bytes: Uint8Array, where: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, "utf-16le", where);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, "utf-16be", where);
  const probe = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of probe) {
    if (b === 0) {
      if (looksLikeBomlessUtf16(probe))
        throw new CrisisdeskError(
          "INVALID_UTF8",
          "this looks like UTF-16 text without a byte-order mark; re-save the file as UTF-8 (or as UTF-16 with a BOM)",
          { where },
        );
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
