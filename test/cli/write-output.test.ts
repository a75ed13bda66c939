// `--out FILE` for export and brief (issue 14): whole or not at all, never over the store, never
// over an existing file without --force. In-process: the CLI's own writer on real files.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutput } from "../../src/cli/write-output.js";
import { openStore } from "../../src/store/index.js";
import { tempDir } from "../helpers.js";

describe("writing --out", () => {
  const dir = tempDir();
  const write = (path: string, options: { force?: boolean; store?: string } = {}) => {
    try {
      writeOutput(path, "the export", { what: "export", ...options });
      return "written";
    } catch (error) {
      return (error as Error & { line(): string }).line();
    }
  };

  it("refuses the store under any name: its path, a symlink to it, its WAL, even with --force", async () => {
    const db = join(dir, "store.db");
    const store = await openStore(db);
    await store.close();
    const before = readFileSync(db);
    symlinkSync(db, join(dir, "alias.json"));
    for (const path of [db, join(dir, "alias.json"), `${db}-wal`])
      expect(write(path, { store: db, force: true }), path).toBe(
        `${path}: refusing to write the export over the store; choose another file`,
      );
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("refuses an existing file without --force and replaces it with --force, leaving no temporary file", () => {
    const path = join(dir, "notes.csv");
    writeFileSync(path, "an analyst's notes");
    expect(write(path)).toBe(`${path}: the file exists; give --force to replace it`);
    expect(readFileSync(path, "utf8")).toBe("an analyst's notes");
    expect(write(path, { force: true })).toBe("written");
    expect(readFileSync(path, "utf8")).toBe("the export");
    expect(write(join(dir, "new.csv"))).toBe("written");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("never replaces a folder or a device, and names a missing folder", () => {
    mkdirSync(join(dir, "folder"));
    expect(write(join(dir, "folder"), { force: true })).toBe(
      `${join(dir, "folder")}: refusing to write the export here: it is not a regular file`,
    );
    expect(write("/dev/null", { force: true })).toBe(
      "/dev/null: refusing to write the export here: it is not a regular file",
    );
    expect(write(join(dir, "no", "such.csv"))).toBe(
      `${join(dir, "no", "such.csv")}: cannot write the export here (no such folder)`,
    );
  });
});
