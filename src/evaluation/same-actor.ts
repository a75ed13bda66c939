// Whether two names pick out the same actor, by the shared scorer's rules
// (../shared/bin/score-analysis.mjs): the project's own implementation of them, so that
// `crisisdesk eval` and the scorer the engine is judged by agree to the last item. The word
// tables below are the scorer's, not the engine's: they change only when the scorer changes.

/** An actor as the scorer sees it. `any` marks a gold alternate name of unknown kind. */
export interface ScoredActor {
  name: string;
  kind: string;
  country: string | null;
  /** The knowledge-base id a prediction carries, when it has one. */
  id?: string;
}

// International organisations go by short names the knowledge base may not share with the
// annotator; the first name of each group is its key.
const IGO_ALIASES: readonly (readonly string[])[] = [
  ["united nations security council", "un security council", "unsc", "security council"],
  ["united nations", "un", "u.n."],
  ["arab league", "league of arab states"],
  ["organization of islamic cooperation", "organisation of islamic cooperation", "oic"],
  ["gulf cooperation council", "gcc", "cooperation council for the arab states of the gulf"],
  ["european union", "eu"],
  ["african union", "au"],
  ["north atlantic treaty organization", "nato"],
  ["association of southeast asian nations", "asean"],
  ["organization of american states", "oas"],
  ["economic community of west african states", "ecowas"],
  ["international atomic energy agency", "iaea"],
];

// Words for the parts of an organisation that speak for the whole: "the ECOWAS Commission" and
// "the Office of the UN High Commissioner" are their organisation's body, not another body.
const BODY_WORDS = new Set(["office", "commission", "secretariat", "spokesperson", "spokesman"]);

// Words that say nothing about which actor a name picks out: articles, name particles, titles.
const NAME_FILLER = new Set([
  "the",
  "of",
  "and",
  "al",
  "el",
  "ibn",
  "bin",
  "bint",
  "abu",
  "abd",
  "abdel",
  "abdul",
  "mr",
  "mrs",
  "dr",
  "sheikh",
  "president",
  "prime",
  "minister",
  "king",
  "emir",
  "crown",
  "prince",
  "secretary",
  "general",
  "foreign",
  "ministry",
  "leader",
]);

// A demonym stands for its country's name: "Turkish foreign ministry" = "Turkey's foreign ministry".
const DEMONYMS: Readonly<Record<string, string>> = {
  american: "us",
  afghan: "afghanistan",
  algerian: "algeria",
  argentine: "argentina",
  australian: "australia",
  bahraini: "bahrain",
  bolivian: "bolivia",
  brazilian: "brazil",
  british: "britain",
  canadian: "canada",
  chinese: "china",
  colombian: "colombia",
  danish: "denmark",
  dutch: "netherlands",
  egyptian: "egypt",
  emirati: "uae",
  french: "france",
  german: "germany",
  indian: "india",
  iranian: "iran",
  iraqi: "iraq",
  israeli: "israel",
  italian: "italy",
  japanese: "japan",
  jordanian: "jordan",
  kurdish: "kurdistan",
  kuwaiti: "kuwait",
  lebanese: "lebanon",
  libyan: "libya",
  malaysian: "malaysia",
  mexican: "mexico",
  moroccan: "morocco",
  nigerian: "nigeria",
  omani: "oman",
  pakistani: "pakistan",
  palestinian: "palestine",
  qatari: "qatar",
  russian: "russia",
  saudi: "saudi",
  spanish: "spain",
  sudanese: "sudan",
  swedish: "sweden",
  syrian: "syria",
  turkish: "turkey",
  ukrainian: "ukraine",
  venezuelan: "venezuela",
  yemeni: "yemen",
};

/**
 * Lower case, no accents, possessives folded ("Niger's presidency" reads "niger presidency"),
 * no apostrophes, no "the", words separated by one space; dots kept.
 */
export function normaliseName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’'`]s\b/g, "")
    .replace(/[’'`]/g, "")
    .replace(/[^a-z0-9.]+/g, " ")
    .replace(/\bthe\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a text, normalised, without dots. */
export function words(text: string): string[] {
  return normaliseName(text).replace(/\./g, "").split(" ").filter(Boolean);
}

/** The words that pick out an actor: no filler, demonyms as their country. */
export function nameTokens(name: string): string[] {
  return words(name)
    .filter((t) => !NAME_FILLER.has(t))
    .map((t) => (Object.hasOwn(DEMONYMS, t) ? DEMONYMS[t]! : t));
}

function padded(name: string): string {
  return ` ${normaliseName(name).replace(/\./g, "")} `;
}

/**
 * The alias group of an organisation named alone or with more words around it ("ECOWAS
 * Commission", "Office of the United Nations High Commissioner for Human Rights").
 */
function igoKey(name: string): string | null {
  const n = padded(name);
  for (const group of IGO_ALIASES)
    if (group.some((alias) => n.includes(` ${alias.replace(/\./g, "")} `))) return group[0]!;
  return null;
}

/** The words of an organisation's name beside the organisation itself ("high commissioner ..."). */
function igoRest(name: string, key: string): string[] {
  let n = padded(name);
  const group = IGO_ALIASES.find((g) => g[0] === key) ?? [];
  // One occurrence of each alias goes, as the shared scorer's String.replace takes it.
  for (const alias of group) n = n.replace(` ${alias.replace(/\./g, "")} `, " ");
  return nameTokens(n).filter((t) => !BODY_WORDS.has(t));
}

/** States and their government bodies are one class: a ministry speaks for its state. */
function kindClass(kind: string): "person" | "state" | "igo" | "group" {
  if (kind === "person") return "person";
  if (kind === "state" || kind === "government_body") return "state";
  if (kind === "igo") return "igo";
  return "group";
}

/**
 * Whether two references name the same actor: the same normalised name; for organisations the
 * same alias group and, when both name a body of it, a shared word of the body's name
 * ("UN Security Council" is not "UN Human Rights Council"); otherwise the same class of kind, then
 * the same country for states and their bodies, the same surname for people, or every word of the
 * shorter name in the longer.
 */
export function sameActor(a: ScoredActor, b: ScoredActor): boolean {
  if (a.kind === "author" || b.kind === "author") return a.kind === b.kind;
  const na = normaliseName(a.name);
  if (na && na === normaliseName(b.name)) return true;
  const ia = igoKey(a.name);
  const ib = igoKey(b.name);
  if (ia || ib) {
    if (ia === null || ia !== ib) return false;
    const ra = igoRest(a.name, ia);
    const rb = igoRest(b.name, ib);
    if (ra.length === 0 || rb.length === 0) return true;
    return ra.some((t) => rb.includes(t));
  }
  const ca = kindClass(a.kind);
  const any = a.kind === "any" || b.kind === "any";
  if (!any && ca !== kindClass(b.kind)) return false;
  if (!any && ca === "state" && a.country && b.country)
    return a.country.toUpperCase() === b.country.toUpperCase();
  const ta = nameTokens(a.name);
  const tb = nameTokens(b.name);
  if (ta.length === 0 || tb.length === 0) return false;
  if ((ca === "person" || any) && ta[ta.length - 1] === tb[tb.length - 1]) return true;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  return short.every((t) => long.includes(t));
}
