// The OpenAPI 3.1 document of the API, built from the route table and the same zod schemas that
// validate requests (zod's JSON Schema output is draft 2020-12, the dialect OpenAPI 3.1 uses).
import { z } from "zod";
import type { Route } from "./route.js";

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
    },
  },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

export function openApiDocument(routes: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    const parameters: unknown[] = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (r.query) {
      const schema = jsonSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(schema.properties ?? {}))
        parameters.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: s });
    }
    const requestBody =
      r.body === "upload"
        ? {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
              },
              "application/octet-stream": { schema: { type: "string", format: "binary" } },
            },
          }
        : r.body
          ? { required: true, content: { "application/json": { schema: jsonSchema(r.body) } } }
          : undefined;
    const errors: Record<string, unknown> = {};
    for (const [status, description] of [
      ["400", "a bad query or body"],
      ...(r.role === "public"
        ? []
        : [
            ["401", "no session or token"],
            ["403", "the caller's role does not allow it"],
          ]),
      ["404", "not found"],
    ] as const)
      errors[status] = { description, content: { "application/json": { schema: ERROR } } };
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      "x-role": r.role,
      parameters,
      ...(requestBody ? { requestBody } : {}),
      responses: { [String(r.status ?? 200)]: { description: "ok" }, ...errors },
      ...(r.role === "public" ? { security: [] } : {}),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "crisisdesk",
      version,
      description: "The crisisdesk HTTP API: the same library the CLI calls.",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "crisisdesk_session" },
        token: { type: "http", scheme: "bearer" },
      },
      schemas: { Error: ERROR },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}
