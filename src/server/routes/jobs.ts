// Background jobs: a folder or feed ingest started here, any job's progress, and its result.
import { z } from "zod";
import { isUrl } from "../../ingestion/index.js";
import { ingest } from "../../pipeline/index.js";
import { errorResponse, HttpError } from "../http-error.js";
import { textResponse } from "../responses.js";
import { allows, type Route, route } from "../route.js";

export const jobRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/jobs/ingest",
    tag: "jobs",
    summary: "Ingest URLs and feeds (analysts) or folders and files on the server (admins) in the background",
    role: "analyst",
    status: 202,
    body: z.strictObject({ inputs: z.array(z.string().min(1)).min(1).max(1000) }),
    handle: async ({ deps, body, caller }) => {
      // Paths name the server's own files: only an admin may have the server read them.
      const local = body.inputs.filter((i) => !isUrl(i));
      if (local.length && !allows(caller.role, "admin"))
        throw new HttpError(
          403,
          "FORBIDDEN",
          "only an admin may ingest files and folders on the server",
          "inputs",
        );
      const analyse = await deps.analyser();
      const job = deps.jobs.start(
        "ingest",
        caller.name,
        async (progress) => {
          let total: number | null = null;
          const report = await ingest(body.inputs, {
            store: deps.store,
            analyse,
            read: {
              maxBytes: deps.maxUploadBytes,
              allowPrivate: deps.allowPrivateFetch,
              timeoutMs: 15_000,
              onPlan: (n) => {
                total = n;
              },
            },
            onProgress: (p) => progress(p.done, total, p.input),
          });
          return { json: report };
        },
        (error) => errorResponse(error).body.error,
      );
      return deps.jobs.view(job);
    },
  }),
  route({
    method: "get",
    path: "/api/jobs/:id",
    tag: "jobs",
    summary: "A job's state and progress; its result URL once done",
    role: "viewer",
    handle: async ({ deps, params }) => {
      const job = deps.jobs.get(params.id!);
      if (!job) throw new HttpError(404, "NOT_FOUND", "no such job", "id");
      return deps.jobs.view(job);
    },
  }),
  route({
    method: "get",
    path: "/api/jobs/:id/result",
    tag: "jobs",
    summary: "A finished job's result (JSON, or the file it made)",
    role: "viewer",
    handle: async ({ deps, params }) => {
      const job = deps.jobs.get(params.id!);
      if (!job) throw new HttpError(404, "NOT_FOUND", "no such job", "id");
      if (job.state === "failed")
        throw new HttpError(409, job.error?.code ?? "JOB_FAILED", job.error?.message ?? "the job failed");
      if (job.state !== "done" || !job.result)
        throw new HttpError(409, "NOT_READY", "the job is still running");
      if (job.result.bytes)
        return textResponse(job.result.bytes, job.result.contentType ?? "application/octet-stream", {
          filename: job.result.filename,
        });
      return job.result.json;
    },
  }),
];
