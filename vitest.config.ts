import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One PostgreSQL server for the run (CRISISDESK_SKIP_PG=1 skips it and the tests on it).
    globalSetup: ["test/postgres-server.ts"],
    // Most of the suite's time is the CLI run as a child process, during which the test worker
    // only waits: vitest's default (one worker fewer than the cores, so one on a two-core machine)
    // leaves a core idle. One worker per core, and at least two, keeps them busy.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
