// A throw-away PostgreSQL server for the tests and the benchmarks: initdb into a temporary folder,
// pg_ctl start on a free loopback port, trust authentication for the local superuser, durability
// off (fsync, full-page writes) since the data dies with the folder. initdb and postgres refuse to
// run as root, so as root the folder is given to the `postgres` user and both run as that user.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The folder holding initdb and pg_ctl: $PG_BIN, else `pg_config --bindir`, else Debian's newest. */
export function postgresBinaries() {
  const has = (dir) => dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"));
  if (has(process.env.PG_BIN)) return process.env.PG_BIN;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(debian, v, "bin"))) return join(debian, v, "bin");
  }
  const probe = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (probe.status === 0 && has(probe.stdout.trim())) return probe.stdout.trim();
  throw new Error(
    "no PostgreSQL server binaries (initdb, pg_ctl) found: install Debian's postgresql package, set PG_BIN, or set CRISISDESK_SKIP_PG=1 to skip the PostgreSQL tests",
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server; resolves to its superuser URL (database `postgres`) and a stop function that
 * ends the server and removes its folder.
 * @returns {Promise<{ url: string, port: number, stop: () => void }>}
 */
export async function startLocalPostgres() {
  const bin = postgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), "crisisdesk-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (tool, args) => {
    const [command, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]]
      : [join(bin, tool), args];
    try {
      execFileSync(command, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    } catch (error) {
      throw new Error(`${tool} failed: ${error.stderr || error.message}`);
    }
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
    "-c shared_buffers=64MB",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
}
