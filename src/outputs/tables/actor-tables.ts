// Actors as people and spreadsheets read them: one actor's view as text (`crisisdesk actors show`)
// and actors as CSV, one row per role, in the columns `actors import` reads back.
import type { Actor, Role } from "../../domain/index.js";
import { type ActorLink, type ActorView, CSV_COLUMNS, CSV_ROLE_COLUMNS } from "../../knowledge/index.js";
import { csvTable } from "../csv.js";

/** A period as people write it: "2020-05-07 – 2022-10-27", "since 2020", "until 1999". */
export function period(p: { start?: string | null; end?: string | null }): string {
  if (p.start && p.end) return `${p.start} – ${p.end}`;
  if (p.start) return `since ${p.start}`;
  if (p.end) return `until ${p.end}`;
  return "";
}

function linkLine(l: ActorLink): string {
  const who = l.name ? `${l.name} (${l.id})` : l.id;
  const extras = [period(l), l.note ?? "", l.uncertain ? "uncertain" : ""].filter(Boolean).join("; ");
  return `  ${l.held ? "*" : " "} ${l.type.padEnd(18)} ${who}${extras ? `  ${extras}` : ""}`;
}

/** One actor on a date as text: codes, aliases, roles and affiliations, held ones marked with "*". */
export function actorViewText(v: ActorView): string {
  const a = v.actor;
  const field = (label: string, value: string | undefined | null) =>
    value ? [`${label.padEnd(10)} ${value}`] : [];
  const lines = [
    `${a.name}  (${a.id})`,
    ...field("kind", a.kind + (a.sector ? ` (${a.sector})` : "")),
    ...field("country", a.country),
    ...field("cameo", a.cameo),
    ...field("wikidata", a.wikidata),
    ...field("region", [a.region, a.subregion].filter(Boolean).join(" / ")),
    ...field("aliases", [...new Set(a.aliases.filter((x) => x !== a.name))].join("; ")),
  ];
  if (v.roles.length) {
    lines.push(`roles      (* held on ${v.on})`);
    for (const r of v.roles) {
      const extras = [r.cameo ?? "", r.uncertain ? "uncertain" : ""].filter(Boolean).join("; ");
      lines.push(
        `  ${r.held ? "*" : " "} ${r.title}  ${r.office} of ${r.of}  ${period(r)}${extras ? `  [${extras}]` : ""}`,
      );
    }
  }
  if (v.affiliations.length) {
    lines.push(`affiliations (* holding on ${v.on})`);
    for (const l of v.affiliations) lines.push(linkLine(l));
  }
  const members = v.affiliated.filter((l) => l.type === "member_of");
  const incoming = v.affiliated.filter((l) => l.type !== "member_of" || a.kind !== "igo");
  if (a.kind === "igo") {
    const current = members.filter((m) => m.held).map((m) => m.id.replace(/^state:/, ""));
    const former = members.filter((m) => !m.held).map((m) => m.id.replace(/^state:/, ""));
    lines.push(`members on ${v.on} (${current.length}): ${current.join(" ") || "none known"}`);
    if (former.length) lines.push(`not members on ${v.on}: ${former.join(" ")}`);
  }
  if (incoming.length) {
    lines.push(`affiliated to it (* holding on ${v.on})`);
    for (const l of incoming) lines.push(linkLine(l));
  }
  lines.push(...field("sources", a.sources));
  if (a.uncertain) lines.push("uncertain  yes: check before relying on this entry");
  lines.push(`from       ${v.origin === "overlay" ? "the store overlay" : "the shipped knowledge base"}`);
  return `${lines.join("\n")}\n`;
}

/** Actors as CSV, one row per role (an actor without roles has one row); no affiliation columns. */
export function actorsCsv(actors: Actor[]): string {
  const rows: (string | null | undefined)[][] = [[...CSV_COLUMNS, ...CSV_ROLE_COLUMNS]];
  for (const a of actors) {
    const base = [a.id, a.name, a.kind, a.country, a.aliases.join(";"), a.cameo, a.wikidata];
    const roles: (Role | null)[] = a.roles.length ? a.roles : [null];
    for (const r of roles) rows.push([...base, r?.title, r?.office, r?.of, r?.start, r?.end]);
  }
  return csvTable(rows);
}
