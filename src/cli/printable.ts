// Text from outside (a file name, a URL, a message quoting them) made safe for one terminal line.
// A newline in a file name would forge a second "failed:" line, and an escape sequence would drive
// the terminal (issue 14): control characters and the invisible bidirectional overrides are shown
// as escapes. Its own module so that main.ts can use it without loading the table renderers.

// C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
