// A case in the formats other tools read, by name: what `crisisdesk export --format` and the API's
// export route offer. Each gives the text, its media type and a count for the one-line summary.
import { acledRows, acledTable, loadAcledMapping } from "./acled.js";
import { type CaseExport, caseJson } from "./case-json.js";
import { gdeltRows, gdeltTable } from "./gdelt.js";
import { stixBundle } from "./stix.js";

export interface ExportedCase {
  text: string;
  contentType: string;
  extension: string;
  count: string;
}

export const EXPORT_FORMATS = {
  stix: (c: CaseExport): ExportedCase => {
    const bundle = stixBundle(c);
    return {
      text: `${JSON.stringify(bundle, null, 2)}\n`,
      contentType: "application/stix+json",
      extension: "json",
      count: `${bundle.objects.length} STIX objects`,
    };
  },
  gdelt: (c: CaseExport): ExportedCase => ({
    text: gdeltTable(c),
    contentType: "text/tab-separated-values",
    extension: "tsv",
    count: `${gdeltRows(c).length} events`,
  }),
  acled: (c: CaseExport): ExportedCase => {
    const mapping = loadAcledMapping();
    return {
      text: acledTable(c, mapping),
      contentType: "text/csv",
      extension: "csv",
      count: `${acledRows(c, mapping).length} events`,
    };
  },
  json: (c: CaseExport): ExportedCase => ({
    text: `${JSON.stringify(caseJson(c), null, 2)}\n`,
    contentType: "application/json",
    extension: "json",
    count: `${c.documents.length} documents`,
  }),
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
