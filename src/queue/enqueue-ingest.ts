// `ingest --queue`: the inputs become ingest jobs instead of being read here. A file is read now
// and sent as bytes, so that a worker on another machine needs no access to this one's disk; a URL
// is sent as it is and fetched by the worker.
import { readFile, stat } from "node:fs/promises";
import { DEFAULT_MAX_BYTES, expandInputs, isUrl } from "../ingestion/index.js";
import type { IngestJob, JobQueue } from "./job-queue.js";

export interface EnqueueReport {
  queued: number;
  failed: { input: string; reason: string }[];
}

export async function enqueueIngest(
  queue: JobQueue,
  inputs: readonly string[],
  options: { maxBytes?: number } = {},
): Promise<EnqueueReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const jobs: IngestJob[] = [];
  const failed: EnqueueReport["failed"] = [];
  for (const input of await expandInputs(inputs)) {
    if (isUrl(input)) {
      jobs.push({ url: input });
      continue;
    }
    try {
      const size = (await stat(input)).size;
      if (size > maxBytes) {
        failed.push({ input, reason: `the file is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB` });
        continue;
      }
      jobs.push({ name: input, bytes: (await readFile(input)).toString("base64") });
    } catch (cause) {
      failed.push({
        input,
        reason: `cannot read it (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`,
      });
    }
  }
  return { queued: await queue.enqueue("ingest", jobs), failed };
}
