// "What happened": the case's main event (the cluster most reactions point to) told as an analyst
// opens a brief — who was targeted, how, when and where, whether anyone claimed it — then the
// reports' own details, where the reports disagree (dates, places, casualty figures), and what
// followed. Built from the event clusters; every sentence is footnoted to the reports' sentences.
import {
  casualtyFigures,
  daysBetween,
  type EventAccount,
  type EventCluster,
  isMaterialConflict,
} from "../../analysis/index.js";
import type { Location } from "../../domain/index.js";
import type { BriefContext, BriefReport, TextSentence } from "./context.js";
import type { Block, Line } from "./model.js";
import {
  capitalise,
  count,
  joinList,
  leansOnContext,
  longDate,
  numberWord,
  openingNumber,
  overlap,
  proseSentence,
  similarity,
  theName,
} from "./prose.js";

/** The main event as the other sections refer to it. */
export interface MainEvent {
  cluster: EventCluster;
  /** "the attack", "the assassination attempt", "the shooting". */
  noun: string;
  /** The lead sentence (for the summary) and the date it gives. */
  lead: Line;
  date: string | null;
}

// ---------------------------------------------------------------------------------------------
// Which event, and how to name it

/** The cluster most reactions point to; else the material-conflict cluster most reports carry. */
export function mainCluster(ctx: BriefContext): EventCluster | null {
  const votes = new Map<string, number>();
  for (const row of ctx.matrix.rows)
    for (const id of row.events) votes.set(id, (votes.get(id) ?? 0) + row.reports);
  const anchor = ctx.input.case.anchorDate;
  const distance = (c: EventCluster) => Math.abs(daysBetween(anchor, c.date ?? c.firstReported) ?? 99);
  return (
    [...ctx.clusters.clusters].sort(
      (a, b) =>
        (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) ||
        Number(isMaterialConflict(b)) - Number(isMaterialConflict(a)) ||
        b.reports - a.reports ||
        distance(a) - distance(b),
    )[0] ?? null
  );
}

interface Weapon {
  mode: string;
  words: RegExp;
  /** How the attack was made: "an assassination attempt with armed drones". */
  instrument: string;
  /** What the attack is called: "a drone attack". */
  noun: string;
}

const WEAPONS: Weapon[] = [
  {
    mode: "drone",
    words: /\b(drones?|quadcopters?|UAVs?)\b/i,
    instrument: "with armed drones",
    noun: "drone attack",
  },
  {
    mode: "firearms",
    words: /\b(shooting|shootings|shot|gunshot|gunfire|gunman|gunmen|bullets?|rifle|sniper)\b/i,
    instrument: "by gunfire",
    noun: "shooting",
  },
  {
    mode: "explosives",
    words: /\b(bombings?|bombs?|explosives?|IEDs?|car bomb)\b/i,
    instrument: "with explosives",
    noun: "bombing",
  },
  { mode: "rockets", words: /\brockets?\b/i, instrument: "with rockets", noun: "rocket attack" },
  { mode: "missile", words: /\bmissiles?\b/i, instrument: "with missiles", noun: "missile strike" },
  { mode: "knife", words: /\b(knife|stabb(ed|ing))\b/i, instrument: "with a knife", noun: "knife attack" },
  { mode: "grenade", words: /\bgrenades?\b/i, instrument: "with grenades", noun: "grenade attack" },
  {
    mode: "aerial",
    words: /\b(air ?strikes?|warplanes?)\b/i,
    instrument: "from the air",
    noun: "air strike",
  },
  {
    mode: "artillery",
    words: /\b(artillery|shelling|mortars?)\b/i,
    instrument: "with artillery",
    noun: "shelling",
  },
  { mode: "poison", words: /\bpoison(ed|ing)?\b/i, instrument: "by poisoning", noun: "poisoning" },
];

function eventOf(ctx: BriefContext, a: EventAccount) {
  return ctx.report(a.documentId)?.analysis.events.find((e) => e.id === a.eventId);
}

/** The weapon the accounts name: the instrument extraction read, else a coded mode, else the
 * accounts' own words. */
function weaponOf(ctx: BriefContext, cluster: EventCluster): Weapon | null {
  const events = cluster.accounts.map((a) => eventOf(ctx, a));
  const instruments = new Set(events.flatMap((e) => e?.instrument ?? []));
  const read = WEAPONS.find((w) => instruments.has(w.mode));
  if (read) return read;
  const modes = new Set(events.flatMap((e) => e?.mode ?? []));
  const coded = WEAPONS.find((w) => modes.has(w.mode));
  if (coded) return coded;
  return (
    WEAPONS.find((w) => cluster.accounts.some((a) => w.words.test(a.sentence) || w.words.test(a.summary))) ??
    null
  );
}

type Kind = "assassination_attempt" | "assassination" | "attack" | "other";

function kindOf(ctx: BriefContext, cluster: EventCluster): Kind {
  if (cluster.plover !== "ASSAULT") return "other";
  const codes = cluster.accounts.map((a) => a.cameo);
  const modes = cluster.accounts.map((a) => eventOf(ctx, a)?.mode);
  if (codes.includes("186") && !codes.includes("185")) return "assassination";
  if (codes.includes("185") || modes.includes("assassinate")) return "assassination_attempt";
  return "attack";
}

/** "the assassination attempt", "the shooting", "the attack". */
function nounOf(kind: Kind, weapon: Weapon | null): string {
  if (kind === "assassination_attempt") return "the assassination attempt";
  if (kind === "assassination") return "the assassination";
  if (kind === "attack" && weapon?.mode === "firearms") return "the shooting";
  if (kind === "attack" && weapon?.mode === "explosives") return "the bombing";
  return "the attack";
}

// ---------------------------------------------------------------------------------------------
// Where

/** A place name the reporter filed from ("HONG KONG (AP) —") rather than where the event was. */
function isDatelineOf(location: Location, sentence: string): boolean {
  const upper = location.name.toUpperCase();
  return sentence.trimStart().startsWith(upper) && upper !== location.name;
}

/** "in Baghdad", "in the Green Zone", "in the United States"; null when nothing sound is known. */
function placePhrase(ctx: BriefContext, cluster: EventCluster): string | null {
  const country = ctx.input.case.country;
  const loc = cluster.location;
  const filed = loc
    ? cluster.accounts
        .filter((a) => a.location?.name === loc.name)
        .every((a) => a.dateline || isDatelineOf(loc, a.sentence))
    : true;
  const inCountry = (c: string | null) =>
    !country ||
    !c ||
    c === country ||
    Boolean(
      ctx.kb.state(c)?.affiliations.some((a) => a.type === "part_of" && a.target === `state:${country}`),
    );
  if (loc && !filed && inCountry(loc.country)) {
    const place = ctx.kb.place(loc.name)[0];
    const name =
      place?.kind === "site" || /\b(Zone|Strip|Bank|Region|Valley|Heights)$/.test(loc.name)
        ? `the ${loc.name}`
        : ctx.kb.lookup(loc.name).some((a) => a.kind === "state")
          ? theName(loc.name, "state")
          : loc.name;
    return `in ${name}`;
  }
  const name = ctx.countryName(country);
  return name ? `in ${name}` : null;
}

// ---------------------------------------------------------------------------------------------
// Which sentences to cite and quote

function sentenceKey(documentId: string, span: readonly [number, number]): string {
  return `${documentId}#${span[0]}`;
}

/** Offsets of the sentences that carry reactions or attribution claims, per report. */
function statementSentences(report: BriefReport): Set<number> {
  return new Set([
    ...report.analysis.reactions.map((r) => r.offset[0]),
    ...report.analysis.attributions.map((a) => a.offset[0]),
  ]);
}

function isHeadline(a: EventAccount): boolean {
  return a.summary === a.documentTitle;
}

/** The accounts that best tell the event, one per report: complete, not a headline, not a reaction. */
function leadAccounts(ctx: BriefContext, cluster: EventCluster, max: number): EventAccount[] {
  const score = (a: EventAccount) => {
    const report = ctx.report(a.documentId);
    const statement = report ? statementSentences(report).has(a.offset[0]) : false;
    return (
      (a.target_actor ? 3 : 0) +
      (a.date ? 2 : 0) +
      (a.location && !a.dateline ? 1 : 0) +
      (isHeadline(a) ? -4 : 0) +
      (statement ? -2 : 0) +
      (leansOnContext(a.sentence) ? -3 : 0)
    );
  };
  const out: EventAccount[] = [];
  for (const a of [...cluster.accounts].sort((x, y) => score(y) - score(x))) {
    if (out.some((o) => o.documentId === a.documentId)) continue;
    if (isHeadline(a) && out.length > 0) continue;
    out.push(a);
    if (out.length === max) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The section

function leadLine(
  ctx: BriefContext,
  cluster: EventCluster,
  kind: Kind,
  weapon: Weapon | null,
  date: string | null,
): string {
  const when = date ? `On ${longDate(date)}` : `On or shortly before ${longDate(cluster.firstReported)}`;
  const where = placePhrase(ctx, cluster);
  const target = cluster.target;
  const targetName = target
    ? (() => {
        const title = ctx.personTitle(target);
        const name = ctx.actorName(target, { title: false });
        return title ? `${name}, ${/^former /.test(title) ? title : `the ${title}`},` : name;
      })()
    : null;
  const tail = where ? ` ${where}` : "";
  if (targetName && kind === "assassination_attempt")
    return `${when}, ${targetName} was the target of an assassination attempt${weapon ? ` ${weapon.instrument}` : ""}${tail}.`;
  if (targetName && kind === "assassination")
    return `${when}, ${targetName} was assassinated${weapon ? ` ${weapon.instrument}` : ""}${tail}.`;
  if (kind === "attack") {
    const noun = weapon ? weapon.noun : "an attack";
    const article = weapon ? (/^[aeiou]/i.test(noun) ? "an " : "a ") : "";
    return targetName
      ? `${when}, ${article}${noun} targeted ${tail ? targetName : targetName.replace(/,$/, "")}${tail}.`
      : `${when}, ${article}${noun} took place${tail}.`;
  }
  // Not an attack: the reports' own sentence says it best.
  const account = leadAccounts(ctx, cluster, 1)[0];
  return account ? proseSentence(account.sentence) : `${when}, ${cluster.label}.`;
}

function claimLine(ctx: BriefContext, noun: string): Line {
  const claims = ctx.input.ach.state.evidence.filter((e) => e.kind === "claim_of_responsibility");
  if (claims.length === 0)
    return { text: `None of the reports carries a claim of responsibility for ${noun}.`, cites: [] };
  const names = claims.flatMap((e) => e.actors.map((a) => a.name));
  const cites = claims.flatMap((e) =>
    e.sources.slice(0, 2).map((s) => ctx.notes.cite(s.documentId, s.sentence, s.offset)),
  );
  return {
    text: `${capitalise(joinList([...new Set(names)]))} claimed responsibility, according to the reports.`,
    cites,
  };
}

function coverageLine(ctx: BriefContext, cluster: EventCluster): Line {
  const total = ctx.input.reports.length;
  const first = longDate(cluster.firstReported);
  if (total === 1) return { text: `The case rests on one report, published on ${first}.`, cites: [] };
  const every = cluster.reports === total;
  const reports = every
    ? total === 2
      ? "Both"
      : `All ${numberWord(total)}`
    : openingNumber(cluster.reports);
  const of = every ? "of the case’s reports" : `of the case’s ${numberWord(total)} reports`;
  return {
    text: `${reports} ${of} carry it, from ${count(cluster.sources, "source")}; the first was published on ${first}.`,
    cites: [],
  };
}

const REACTION_WORDS = /\b(condemn\w*|denounc\w*|deplor\w*|solidarity|condolences|reacted)\b/i;

const ACTION_WORDS =
  /\b(launched|struck|hit|fired|shot|exploded|detonated|killed|wounded|injured|hurt|unharmed|unhurt|survived|pierced|targeted|attacked|opened fire)\b/i;

/** Headings under which a report tells the event itself. */
const TELLING_HEADING = /\b(what happened|the attack|the incident|the shooting|details|timeline|events)\b/i;

interface Candidate {
  report: BriefReport;
  sentence: TextSentence;
  score: number;
}

/**
 * Sentences that tell the event in more detail: the accounts themselves and the sentences of the
 * same or the next paragraph that say what was used, what was hit and who was hurt. A sentence
 * that carries a reaction or a claim, leans on the sentence before it, or tells another event
 * (another cluster of a different kind) is left for other sections.
 */
function detailCandidates(ctx: BriefContext, main: EventCluster): Candidate[] {
  const out: Candidate[] = [];
  for (const report of ctx.input.reports) {
    const accounts = main.accounts.filter((a) => a.documentId === report.id);
    if (accounts.length === 0) continue;
    const sentences = ctx.sentencesOf(report);
    const statements = statementSentences(report);
    const accountAt = new Set(accounts.map((a) => a.offset[0]));
    const paragraphs = new Set(
      accounts.flatMap((a) => {
        const s = ctx.sentenceAt(report, a.offset);
        // The account's paragraph and the two after it (a heading between counts as one).
        return s ? [s.paragraph, s.paragraph + 1, s.paragraph + 2] : [];
      }),
    );
    const otherEvents = new Map<number, boolean>();
    for (const e of report.analysis.events) {
      const cluster = ctx.clusters.clusterOf(report.id, e.id);
      if (cluster && cluster.id !== main.id) otherEvents.set(e.offset[0], cluster.plover === main.plover);
    }
    for (const s of sentences) {
      if (s.heading) continue;
      // Near an account, or under the report's own "What happened" heading.
      const heading = ctx.headingOf(report, s.span);
      if (!paragraphs.has(s.paragraph) && !(heading && TELLING_HEADING.test(heading))) continue;
      if (s.text === report.title || statements.has(s.span[0]) || leansOnContext(s.text)) continue;
      if (ctx.looksAhead(report, s.span)) continue;
      if (otherEvents.get(s.span[0]) === false && !accountAt.has(s.span[0])) continue;
      if (/^["“‘]/.test(s.text) || s.text.length < 40 || s.text.length > 320) continue;
      const figures = casualtyFigures(s.text).filter((f) => f.count !== null);
      if (/\bprotest/i.test(s.text) && !accountAt.has(s.span[0])) continue;
      // What was used, hit or suffered; an account that only comments on the event is not a detail.
      const action = ACTION_WORDS.test(s.text);
      if (!action && figures.length === 0) continue;
      // A sentence about who condemned is a reaction, however it names the event.
      if (REACTION_WORDS.test(s.text) && figures.length === 0) continue;
      const score =
        (accountAt.has(s.span[0]) ? 2 : 0) +
        (figures.length ? 2 : 0) +
        (action ? 1 : 0) +
        (/\d|\b(two|three|four|five|six|seven|eight|nine|ten)\b/i.test(s.text) ? 1 : 0);
      out.push({ report, sentence: s, score });
    }
  }
  return out.sort(
    (a, b) =>
      b.score - a.score ||
      (a.report.published ?? "9999").localeCompare(b.report.published ?? "9999") ||
      a.sentence.index - b.sentence.index,
  );
}

function pickDetails(candidates: Candidate[], used: Set<string>, max: number): Candidate[] {
  const picked: Candidate[] = [];
  for (const c of candidates) {
    if (picked.length === max) break;
    if (used.has(sentenceKey(c.report.id, c.sentence.span))) continue;
    if (picked.filter((p) => p.report.id === c.report.id).length >= 2) continue;
    // A sentence that mostly repeats one already picked adds nothing.
    if (picked.some((p) => overlap(p.sentence.text, c.sentence.text) > 0.6)) continue;
    picked.push(c);
  }
  // In the order the reports tell it: a report's sentences in sequence, earlier reports first.
  return picked.sort(
    (a, b) =>
      (a.report.published ?? "9999").localeCompare(b.report.published ?? "9999") ||
      a.report.id.localeCompare(b.report.id) ||
      a.sentence.index - b.sentence.index,
  );
}

interface Figure {
  kind: "killed" | "wounded";
  count: number;
  report: BriefReport;
  sentence: TextSentence;
}

/** Casualty figures in the accounts and in the detail sentences around them. */
function figuresOf(candidates: Candidate[]): Figure[] {
  const out: Figure[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const key = sentenceKey(c.report.id, c.sentence.span);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const f of casualtyFigures(c.sentence.text))
      if (f.count !== null)
        out.push({ kind: f.kind, count: f.count, report: c.report, sentence: c.sentence });
  }
  return out;
}

function casualtyLines(ctx: BriefContext, figures: Figure[], shown: Set<string>): Line[] {
  const lines: Line[] = [];
  const agreed: string[] = [];
  const agreedCites: number[] = [];
  for (const kind of ["killed", "wounded"] as const) {
    const of = figures.filter((f) => f.kind === kind);
    const numbers = [...new Set(of.map((f) => f.count))];
    if (numbers.length === 0) continue;
    const cite = (f: Figure) => ctx.cite(f.report, f.sentence.text, f.sentence.span);
    if (numbers.length === 1) {
      // One figure: worth a line only if no detail sentence already gives it.
      if (of.some((f) => shown.has(sentenceKey(f.report.id, f.sentence.span)))) continue;
      agreed.push(`${numberWord(numbers[0]!)} ${kind === "killed" ? "dead" : "wounded"}`);
      agreedCites.push(cite(of[0]!));
      continue;
    }
    const versions = numbers
      .sort((a, b) => a - b)
      .map((n) => {
        const reports = new Set(of.filter((f) => f.count === n).map((f) => f.report.id));
        return `${numberWord(n)} in ${count(reports.size, "report")}`;
      });
    lines.push({
      text: `The reports differ on the number of ${kind === "killed" ? "dead" : "wounded"}: ${joinList(versions)}.`,
      cites: [...new Set(of.map(cite))],
    });
  }
  if (agreed.length) lines.unshift({ text: `The reports give ${joinList(agreed)}.`, cites: agreedCites });
  return lines;
}

function dateLines(ctx: BriefContext, cluster: EventCluster, leadDate: string | null): Line[] {
  // The anchor is worth naming only when no report gives the date the brief leads with.
  const fromAnchor = leadDate !== null && leadDate === ctx.input.case.anchorDate && cluster.date !== leadDate;
  return cluster.dates
    .filter((v) => v.value !== leadDate)
    .map((v) => {
      const accounts = cluster.accounts.filter((a) => a.date?.slice(0, 10) === v.value);
      const cites = [...new Map(accounts.map((a) => [a.documentId, a])).values()]
        .slice(0, 3)
        .map((a) => ctx.cite({ id: a.documentId }, a.sentence, a.offset));
      const who =
        v.reports === cluster.reports && cluster.reports > 1
          ? "The reports date"
          : v.reports === 1
            ? "One report dates"
            : `${capitalise(count(v.reports, "report"))} date`;
      const anchored = fromAnchor ? `; the case is anchored on ${longDate(leadDate)}` : "";
      return { text: `${who} it to ${longDate(v.value)}${anchored}.`, cites };
    });
}

function placeLines(ctx: BriefContext, cluster: EventCluster): Line[] {
  // Only places in different countries disagree; a dateline is where the reporter was.
  const located = cluster.accounts.filter(
    (a) => a.location?.country && !a.dateline && !isDatelineOf(a.location, a.sentence),
  );
  const countries = [...new Set(located.map((a) => a.location!.country!))];
  if (countries.length < 2) return [];
  const versions = countries.map((c) => {
    const docs = new Set(located.filter((a) => a.location!.country === c).map((a) => a.documentId));
    const names = [...new Set(located.filter((a) => a.location!.country === c).map((a) => a.location!.name))];
    return `${joinList(names)} (${count(docs.size, "report")})`;
  });
  return [
    {
      text: `The reports place it differently: ${joinList(versions)}.`,
      cites: located.slice(0, 4).map((a) => ctx.cite({ id: a.documentId }, a.sentence, a.offset)),
    },
  ];
}

const FOLLOW_UP_PLOVER = new Set(["ASSAULT", "COERCE", "MOBILIZE", "PROTEST"]);
// What an undated sentence must say to count as something that followed the event.
const FOLLOW_UP_WORDS =
  /\b(arrest\w*|detain\w*|deploy\w*|alert|investigat\w*|raid\w*|curfew|charged|suspects?|funeral|resign\w*|dismiss\w*|sacked|closed|reinforc\w*)\b/i;
// A sentence that looks back ("came two days after"), hedges ("should be … if it was real") or
// looks ahead ("would", "could") does not report a development.
const NOT_A_DEVELOPMENT = /\b(after|before|earlier|ago|if|should|would|could|might|may|will)\b/i;

/**
 * What followed: other events on or after the main one (arrests, deployments, investigations,
 * further attacks), told in the reports' words. An undated event counts only when its sentence
 * says what kind of development it is; a sentence in the present tense with no date is more often
 * an analyst's scenario than an event, and is left out.
 */
function followUps(ctx: BriefContext, main: EventCluster, used: Set<string>): Line[] {
  const from = (main.date ?? main.firstReported)?.slice(0, 10) ?? null;
  const found: { account: EventAccount; when: string; text: string }[] = [];
  for (const c of ctx.clusters.clusters) {
    if (c.id === main.id) continue;
    if (!(FOLLOW_UP_PLOVER.has(c.plover) || c.cameo.startsWith("09"))) continue;
    if (c.date && from && c.date.slice(0, 10) < from) continue;
    const account = c.accounts.find((a) => {
      const report = ctx.report(a.documentId);
      if (!report || statementSentences(report).has(a.offset[0]) || ctx.looksAhead(report, a.offset))
        return false;
      if (used.has(sentenceKey(a.documentId, a.offset)) || leansOnContext(a.sentence)) return false;
      if (/^["“‘]/.test(a.sentence) || a.sentence.length > 300 || NOT_A_DEVELOPMENT.test(a.sentence))
        return false;
      // A headline's grammar ("Kadhimi says attackers are known …") is not the brief's.
      if (a.sentence === a.documentTitle) return false;
      if (c.date) return true;
      // Undated: another account of the main attack (the engine split it off), or a development.
      return c.plover !== main.plover && FOLLOW_UP_WORDS.test(a.sentence);
    });
    if (!account) continue;
    const text = proseSentence(account.sentence);
    if (found.some((f) => similarity(f.text, text) > 0.4)) continue;
    found.push({ account, when: c.date ?? c.firstReported ?? "", text });
  }
  return found
    .sort((a, b) => a.when.localeCompare(b.when))
    .slice(0, 4)
    .map(({ account, text }) => {
      used.add(sentenceKey(account.documentId, account.offset));
      return { text, cites: [ctx.cite({ id: account.documentId }, account.sentence, account.offset)] };
    });
}

/** What a brief of a case without reports says instead of a story. */
export function noReports(caseId: string): Line {
  return {
    text: `The case holds no reports yet; add them with \`crisisdesk case add ${caseId} DOC...\` or \`crisisdesk case auto ${caseId}\`.`,
    cites: [],
  };
}

export function whatHappened(ctx: BriefContext): { blocks: Block[]; main: MainEvent | null } {
  const cluster = mainCluster(ctx);
  if (ctx.input.reports.length === 0)
    return {
      blocks: [{ kind: "paragraph", lines: [noReports(ctx.input.case.id)] }],
      main: null,
    };
  if (!cluster)
    return {
      blocks: [
        {
          kind: "paragraph",
          lines: [
            { text: "The reports in this case describe no event the engine could identify.", cites: [] },
          ],
        },
      ],
      main: null,
    };
  const kind = kindOf(ctx, cluster);
  const weapon = weaponOf(ctx, cluster);
  const noun = nounOf(kind, weapon);
  const anchor = ctx.input.case.anchorDate;
  const gap = daysBetween(anchor, cluster.date);
  // The analyst's anchor date leads when the reports' date is near it: the engine reads dates from
  // words such as "Sunday", which can belong to the reactions rather than the event.
  const date =
    anchor && (cluster.date === null || (gap !== null && Math.abs(gap) <= 3)) ? anchor : cluster.date;

  const used = ctx.told;
  const leadCites = leadAccounts(ctx, cluster, 3).map((a) => {
    const report = ctx.report(a.documentId);
    const sentence = report ? ctx.sentenceAt(report, a.offset) : undefined;
    used.add(sentenceKey(a.documentId, sentence?.span ?? a.offset));
    return ctx.cite({ id: a.documentId }, a.sentence, a.offset);
  });
  const lead: Line = { text: leadLine(ctx, cluster, kind, weapon, date), cites: leadCites };
  const blocks: Block[] = [
    { kind: "paragraph", lines: [lead, claimLine(ctx, noun), coverageLine(ctx, cluster)] },
  ];

  const candidates = detailCandidates(ctx, cluster);
  const details = pickDetails(candidates, used, 4);
  const shown = new Set<string>();
  const detailLines = details.map((d) => {
    const key = sentenceKey(d.report.id, d.sentence.span);
    used.add(key);
    shown.add(key);
    return {
      text: proseSentence(d.sentence.text),
      cites: [ctx.cite(d.report, d.sentence.text, d.sentence.span)],
    };
  });
  if (detailLines.length) blocks.push({ kind: "paragraph", lines: detailLines });

  const differences = [
    ...dateLines(ctx, cluster, date),
    ...placeLines(ctx, cluster),
    ...casualtyLines(ctx, figuresOf(candidates), shown),
  ];
  if (differences.length) blocks.push({ kind: "paragraph", lines: differences });

  const after = followUps(ctx, cluster, used);
  if (after.length)
    blocks.push({
      kind: "paragraph",
      lines: [{ text: "The reports also describe what followed.", cites: [] }, ...after],
    });
  return { blocks, main: { cluster, noun, lead, date } };
}
