// Validation of STIX 2.1 output against the OASIS JSON schemas (cti-stix2-json-schemas, in
// ../shared/data/reference), with Ajv's JSON Schema 2020-12 dialect, plus the checks the schemas
// cannot make: every *_ref and *_refs names an object in the bundle, ids are unique.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ajv2020 from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { SHARED } from "../helpers.js";

// Both are CommonJS: under NodeNext the default import is the module, whose `default` is the export.
const Ajv2020 = ajv2020.default;
const addFormats = ajvFormats.default;

export const SCHEMA_DIR = resolve(SHARED, "data/reference/stix2-json-schemas/schemas");
export const SCHEMA_BASE =
  "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/**
 * The OASIS bundle schema lists the object types it knows in a `oneOf`, and sends any other type
 * down a "custom object" branch that requires matching exactly one of core and
 * cyber-observable-core. Every SDO matches both, so a bundle holding a grouping, incident,
 * location, note or opinion (all STIX 2.1 SDOs with schemas of their own) never validates. The
 * corrected copy adds them to the list; a test pins the upstream defect so we notice a fix.
 */
export const MISSING_FROM_BUNDLE_SCHEMA = ["grouping", "incident", "location", "note", "opinion"];
export const FIXED_BUNDLE_ID = `${SCHEMA_BASE}common/bundle-with-all-sdos.json`;

interface Schema {
  $id: string;
  [key: string]: unknown;
}

function fixedBundleSchema(bundle: Schema): Schema {
  const copy = structuredClone(bundle) as Schema & {
    properties: { objects: { items: { anyOf: [{ oneOf: { $ref: string }[] }, unknown] } } };
  };
  copy.$id = FIXED_BUNDLE_ID;
  copy.properties.objects.items.anyOf[0].oneOf.push(
    ...MISSING_FROM_BUNDLE_SCHEMA.map((t) => ({ $ref: `../sdos/${t}.json` })),
  );
  return copy;
}

export interface StixValidator {
  /** Errors of an object against its type's schema, or of a bundle against the (fixed) bundle schema. */
  errors(value: unknown, schemaId: string): string[];
  objectSchema(type: string): string;
  schemaIds: string[];
}

let cached: StixValidator | undefined;

export function stixValidator(): StixValidator {
  if (cached) return cached;
  // The OASIS schemas predate Ajv's strict mode: patterns without "type", `\-` escapes that the
  // unicode flag rejects, `required` of properties they do not declare. Unknown keywords are
  // still an error (strictSchema).
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    unicodeRegExp: false,
  });
  addFormats(ajv);
  // Used only by observables (domain-name, email-addr), which crisisdesk does not emit.
  ajv.addFormat("idn-hostname", true);
  ajv.addFormat("idn-email", true);
  const schemaIds: string[] = [];
  let bundle: Schema | undefined;
  for (const folder of readdirSync(SCHEMA_DIR).sort())
    for (const file of readdirSync(join(SCHEMA_DIR, folder)).sort()) {
      if (!file.endsWith(".json")) continue;
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, folder, file), "utf8")) as Schema;
      ajv.addSchema(schema);
      schemaIds.push(schema.$id);
      if (file === "bundle.json") bundle = schema;
    }
  if (!bundle) throw new Error(`no bundle.json under ${SCHEMA_DIR}`);
  ajv.addSchema(fixedBundleSchema(bundle));
  schemaIds.push(FIXED_BUNDLE_ID);
  // Compile every schema now: an unresolvable $ref throws here, naming the schema.
  for (const id of schemaIds) ajv.getSchema(id);
  cached = {
    schemaIds,
    objectSchema: (type) =>
      `${SCHEMA_BASE}${type === "relationship" || type === "sighting" ? "sros" : "sdos"}/${type}.json`,
    errors(value, schemaId) {
      const validate = ajv.getSchema(schemaId);
      if (!validate) return [`no schema ${schemaId}`];
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
    },
  };
  return cached;
}

interface Bundle {
  objects: { id: string; type: string; [key: string]: unknown }[];
}

/** References that point at no object in the bundle, as "id.property -> target". */
export function danglingRefs(bundle: Bundle): string[] {
  const ids = new Set(bundle.objects.map((o) => o.id));
  const out: string[] = [];
  const visit = (owner: string, key: string, value: unknown) => {
    if (key.endsWith("_ref") && typeof value === "string" && !ids.has(value))
      out.push(`${owner}.${key} -> ${value}`);
    if (key.endsWith("_refs") && Array.isArray(value))
      for (const v of value) if (!ids.has(v as string)) out.push(`${owner}.${key} -> ${String(v)}`);
  };
  for (const o of bundle.objects) for (const [k, v] of Object.entries(o)) visit(o.id, k, v);
  return out;
}

/** Every problem with a bundle: schema errors of the bundle and of each object, dangling refs, duplicate ids. */
export function bundleProblems(bundle: Bundle): string[] {
  const v = stixValidator();
  const problems = v.errors(bundle, FIXED_BUNDLE_ID).map((e) => `bundle: ${e}`);
  for (const o of bundle.objects)
    problems.push(...v.errors(o, v.objectSchema(o.type)).map((e) => `${o.id}: ${e}`));
  problems.push(...danglingRefs(bundle).map((r) => `dangling ${r}`));
  const seen = new Set<string>();
  for (const o of bundle.objects) {
    if (seen.has(o.id)) problems.push(`duplicate id ${o.id}`);
    seen.add(o.id);
  }
  return problems;
}
