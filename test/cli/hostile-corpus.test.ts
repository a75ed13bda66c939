// The hostile corpus (issue 14) through the CLI: inputs a careful attacker or an unlucky user
// would give. Each refused input ends with one clear line naming it, exit code 1 and the store as
// it was; inputs partly bad keep their good part and say what failed; the large cases (generated
// by test/fixtures/hostile/generate.mjs) complete. How long each takes is measured by
// `npm run bench -- hostile` (docs/benchmarks.md), never asserted here.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest, loadEngine } from "../../src/pipeline/index.js";
import { openStore } from "../../src/store/index.js";
import { longLine, nestedDivs, unclosedNesting } from "../fixtures/hostile/generate.mjs";
import { FIXTURES, ROOT, runCli, tempDir } from "../helpers.js";

const HOSTILE = join(FIXTURES, "hostile");
const STATEMENT = join(FIXTURES, "reports", "statement.txt");
// Root reads every file whatever its mode: as root, the CLI runs as nobody so that permissions
// apply, which needs the repository readable by others (a checkout under /root is not).
const ROOT_USER = process.getuid?.() === 0;
const USER = ROOT_USER ? { uid: 65534, gid: 65534 } : undefined;
const REACHABLE_BY_OTHERS = (() => {
  for (let d = ROOT; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o005) !== 0o005) return false;
    if (dirname(d) === d) return true;
  }
})();
const PERMISSIONS_TESTABLE = !ROOT_USER || REACHABLE_BY_OTHERS;

/** Each refused input: how to make it, and the one line that names it. */
type Case = { name: string; make: (dir: string) => string; reason: (path: string) => string; code: string };

const fixture = (name: string) => () => join(HOSTILE, name);

const REFUSED: Case[] = [
  {
    name: "a FIFO named x.txt",
    make: (d) => (execFileSync("mkfifo", [join(d, "x.txt")]), join(d, "x.txt")),
    code: "NOT_A_FILE",
    reason: () =>
      'a named pipe (FIFO), not a regular file; only regular files are read (to read a stream, pipe it to "-")',
  },
  {
    name: "/dev/zero",
    make: () => "/dev/zero",
    code: "NOT_A_FILE",
    reason: () =>
      'a character device, not a regular file; only regular files are read (to read a stream, pipe it to "-")',
  },
  {
    name: "a symlink loop",
    make: (d) => {
      symlinkSync(join(d, "loop-b.txt"), join(d, "loop-a.txt"));
      symlinkSync(join(d, "loop-a.txt"), join(d, "loop-b.txt"));
      return join(d, "loop-a.txt");
    },
    code: "SYMLINK_LOOP",
    reason: () => "too many levels of symbolic links (ELOOP): the path is a symlink loop",
  },
  {
    name: "a missing file",
    make: (d) => join(d, "missing.txt"),
    code: "NOT_FOUND",
    reason: () => "no such file or directory",
  },
  {
    name: "a sparse 30 MB file",
    make: (d) => {
      writeFileSync(join(d, "huge.txt"), "");
      truncateSync(join(d, "huge.txt"), 30 * 1024 * 1024);
      return join(d, "huge.txt");
    },
    code: "TOO_LARGE",
    reason: () => "the file is 30.0 MB; the limit is 25.0 MB (raise it with --max-size)",
  },
  {
    name: "UTF-16 without a byte-order mark",
    make: fixture("utf16-no-bom.txt"),
    code: "INVALID_UTF8",
    reason: () =>
      "this looks like UTF-16 text without a byte-order mark; re-save the file as UTF-8 (or as UTF-16 with a BOM)",
  },
  {
    name: "a binary file named .txt",
    make: fixture("binary.txt"),
    code: "BINARY_INPUT",
    reason: () => "this is a binary file, not text (it contains NUL bytes)",
  },
  {
    name: "Latin-1 text",
    make: fixture("latin1.txt"),
    code: "INVALID_UTF8",
    reason: () => "invalid UTF-8 at byte 9; re-save the file as UTF-8",
  },
  {
    name: "an empty file",
    make: fixture("empty.txt"),
    code: "EMPTY_INPUT",
    reason: () => "the file is empty",
  },
  {
    name: "a whitespace-only file",
    make: fixture("whitespace.md"),
    code: "EMPTY_INPUT",
    reason: () => "the file holds only whitespace",
  },
  {
    name: "a .pdf that is HTML",
    make: fixture("not-a-pdf.pdf"),
    code: "BAD_PDF",
    reason: () => "not a PDF (it does not start with %PDF)",
  },
  {
    name: "a feed that is not XML",
    make: fixture("broken-feed.xml"),
    code: "BAD_FEED",
    reason: () =>
      "not a well-formed XML feed (line 1: Expected closing tag 'title' (opened in line 1, col 42) instead of closing tag 'channel'.)",
  },
  {
    name: "HTML with no text",
    make: fixture("no-text.html"),
    code: "BAD_HTML",
    reason: () => "no readable article text found in the HTML",
  },
];

describe.skipIf(!PERMISSIONS_TESTABLE)("the hostile corpus through the CLI", () => {
  const dir = tempDir("crisisdesk-hostile-");
  const inputs = join(dir, "inputs");
  const db = join(dir, "store.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args], { user: USER });
  let paths: string[];
  const documentIds = async (path: string) => {
    const store = await openStore(path);
    try {
      return (await store.listDocuments()).map((d) => d.id).sort();
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    chmodSync(dir, 0o777);
    mkdirSync(inputs, { mode: 0o777 });
    chmodSync(inputs, 0o777);
    paths = REFUSED.map((c) => c.make(inputs));
    const setup = await cli("ingest", STATEMENT);
    expect(setup.stdout).toBe("1 added, 0 duplicates, 0 failed\n");
  });
  afterAll(() => {
    // Let the temporary folder be removed whatever the modes the tests left.
    execFileSync("chmod", ["-R", "u+rwx", dir]);
  });

  it("refuses each case alone with one line and leaves the store as it was (library, per case)", async () => {
    const path = join(dir, "per-case.db");
    const store = await openStore(path);
    try {
      const engine = await loadEngine(store);
      await ingest([STATEMENT], { store, analyse: engine.analyse });
      for (const [i, c] of REFUSED.entries()) {
        const report = await ingest([paths[i]!], { store, analyse: engine.analyse });
        expect(
          report.failed.map((f) => [f.code, `${f.input}: ${f.reason}`]),
          c.name,
        ).toEqual([[c.code, `${paths[i]}: ${c.reason(paths[i]!)}`]]);
        expect(report.added, c.name).toEqual([]);
        expect((await store.listDocuments()).length, c.name).toBe(1);
      }
    } finally {
      await store.close();
    }
  });

  it("names every refused input on one line of its own, escaped, exits 1 and stores nothing", async () => {
    // A name with a newline and an escape sequence would otherwise forge a line of its own.
    const forged = join(inputs, "report\n\u001b[32mfailed: forged.txt");
    copyFileSync(join(HOSTILE, "binary.txt"), forged);
    const feed = join(HOSTILE, "feed-private-links.xml");
    const before = await documentIds(db);
    const res = await cli("ingest", ...paths, forged, feed, join(HOSTILE, "records-all-bad.jsonl"));
    expect(res.code).toBe(1);
    const lines = res.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      ...REFUSED.map((c, i) => `failed: ${paths[i]}: ${c.reason(paths[i]!)}`),
      `failed: ${inputs}/report\\n\\x1b[32mfailed: forged.txt: this is a binary file, not text (it contains NUL bytes)`,
      `failed: ${HOSTILE}/records-all-bad.jsonl:1: field "text": expected a string field "text" with the report's text`,
      `failed: ${HOSTILE}/records-all-bad.jsonl:2: line 2 is not valid JSON (Unexpected end of JSON input)`,
      // The feed's links come after the inputs, each refused by the address check.
      "failed: http://[::7f00:1]/latest: refusing to fetch from ::7f00:1, a loopback, private or link-local address (use --allow-private to permit it)",
      "failed: http://[::ffff:a9fe:a9fe]/latest/meta-data/: refusing to fetch from ::ffff:a9fe:a9fe, a loopback, private or link-local address (use --allow-private to permit it)",
      "failed: http://[64:ff9b::7f00:1]/: refusing to fetch from 64:ff9b::7f00:1, a loopback, private or link-local address (use --allow-private to permit it)",
    ]);
    expect(res.stdout).toBe(`0 added, 0 duplicates, ${lines.length} failed\n`);
    expect(await documentIds(db)).toEqual(before);
  });

  it("keeps the good part of a partly bad input: records of JSONL and JSON, a folder with an unreadable subfolder", async () => {
    const folder = join(inputs, "folder");
    mkdirSync(join(folder, "locked"), { recursive: true });
    copyFileSync(join(HOSTILE, "utf16-bom.txt"), join(folder, "utf16.txt"));
    copyFileSync(STATEMENT, join(folder, "locked", "hidden.txt"));
    writeFileSync(join(folder, "unreadable.txt"), readFileSync(STATEMENT, "utf8").replace("Oman", "Qatar"));
    chmodSync(join(folder, "locked"), 0o000);
    chmodSync(join(folder, "unreadable.txt"), 0o000);
    const jsonl = join(HOSTILE, "records-some-bad.jsonl");
    const json = join(HOSTILE, "records-some-bad.json");
    const before = (await documentIds(db)).length;
    const res = await cli("ingest", folder, jsonl, json);
    expect(res.code).toBe(1);
    expect(res.stderr.trimEnd().split("\n")).toEqual([
      `failed: ${folder}/locked: permission denied (EACCES); check the file's permissions`,
      `failed: ${folder}/unreadable.txt: permission denied (EACCES); check the file's permissions`,
      `failed: ${jsonl}:3: line 3 is not valid JSON (Unterminated string in JSON at position 22)`,
      `failed: ${jsonl}:6: field "text": expected a string field "text" with the report's text`,
      `failed: ${json}[1]: field "text": expected a string field "text" with the report's text`,
    ]);
    expect(res.stdout).toBe(
      [
        `partly read: ${jsonl}: 5 records read, 2 failed`,
        `partly read: ${json}: 2 records read, 1 failed`,
        "8 added, 0 duplicates, 5 failed",
        "",
      ].join("\n"),
    );
    expect((await documentIds(db)).length).toBe(before + 8);
  });

  it("completes the long-line and deeply nested cases the issue timed, storing each", async () => {
    const large = {
      "long-line-250k.txt": longLine(250_000),
      "long-line-1m.txt": longLine(1_000_000),
      "nested-5000.html": nestedDivs(5_000),
      "nested-100000.html": nestedDivs(100_000),
      "unclosed-50000.html": unclosedNesting(50_000),
    };
    const files = Object.entries(large).map(([name, text]) => {
      writeFileSync(join(inputs, name), text);
      return join(inputs, name);
    });
    const res = await cli("ingest", ...files);
    // The two nested pages hold the same paragraph: the second is read through and found a duplicate.
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(
      /^duplicate: .*\/nested-100000\.html \(already stored as [0-9a-f]{12}\)\n4 added, 1 duplicate, 0 failed\n$/,
    );
  });
});
