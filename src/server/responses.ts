// Non-JSON responses: text formats (Markdown, CSV, GraphML, the brief's HTML) and files. Report
// text is never served as HTML but inside the brief, whose renderer escapes it and which is sent
// with a policy that runs no script whatever the page holds.
const NO_SCRIPT = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function textResponse(
  body: string | Uint8Array,
  contentType: string,
  options: { filename?: string } = {},
): Response {
  const headers: Record<string, string> = {
    "content-type": contentType.startsWith("text/") ? `${contentType}; charset=utf-8` : contentType,
    "content-security-policy": NO_SCRIPT,
  };
  if (options.filename) headers["content-disposition"] = `attachment; filename="${options.filename}"`;
  return new Response(body as BodyInit, { headers });
}
