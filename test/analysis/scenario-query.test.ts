import { describe, expect, it } from "vitest";
import {
  type CaseItem,
  countSatisfied,
  parseIndicatorQuery,
  QueryError,
  runIndicatorQuery,
} from "../../src/analysis/index.js";
import type { ActorRef } from "../../src/domain/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";

const kb = KnowledgeBase.load();

const KH: ActorRef = {
  id: "group:kataib-hezbollah",
  name: "Kata'ib Hezbollah",
  kind: "armed_group",
  country: "IRQ",
};
const AAH: ActorRef = {
  id: "group:asaib-ahl-al-haq",
  name: "Asa'ib Ahl al-Haq",
  kind: "armed_group",
  country: "IRQ",
};
const IRAN: ActorRef = { id: "state:IRN", name: "Iran", kind: "state", country: "IRN" };
const IRAN_MFA: ActorRef = {
  id: "body:irn-foreign-ministry",
  name: "Ministry of Foreign Affairs of Iran",
  kind: "government_body",
  country: "IRN",
};
const FRANCE: ActorRef = { id: "state:FRA", name: "France", kind: "state", country: "FRA" };
const SAUDI: ActorRef = { id: "state:SAU", name: "Saudi Arabia", kind: "state", country: "SAU" };

let n = 0;
function item(fields: Partial<CaseItem>): CaseItem {
  n++;
  return {
    kind: "event",
    documentId: `doc${n}`,
    documentTitle: null,
    itemId: `ev${n}`,
    date: "2021-11-08",
    actor: null,
    target: null,
    cameo: null,
    plover: null,
    mode: null,
    stance: null,
    place: null,
    sentence: `Sentence ${n}.`,
    offset: [0, 12],
    ...fields,
  };
}

const attack = (actor: ActorRef, date: string, place = "IRQ") =>
  item({
    actor,
    date,
    cameo: "195",
    plover: "ASSAULT",
    mode: "drone",
    place: { name: "Baghdad", country: place },
  });
const condemn = (actor: ActorRef) => item({ kind: "reaction", actor, stance: "condemn", itemId: "r1" });

const ITEMS: CaseItem[] = [
  attack(KH, "2021-11-08"),
  attack(AAH, "2021-11-12"),
  attack(KH, "2021-11-30"),
  item({ actor: IRAN_MFA, cameo: "040", plover: "CONSULT", date: "2021-11-09" }),
  item({ actor: IRAN, cameo: "036", plover: "COOPERATE", date: "2021-11-09" }),
  condemn(SAUDI),
  condemn(FRANCE),
  condemn(IRAN),
];

function matches(source: string, anchorDate: string | null = "2021-11-07"): string[] {
  return runIndicatorQuery(parseIndicatorQuery(source), ITEMS, { kb, anchorDate }).items.map(
    (i) => `${i.actor?.name}:${i.cameo ?? i.stance}`,
  );
}

function parseError(source: string): QueryError {
  try {
    parseIndicatorQuery(source);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`"${source}" parsed`);
}

describe("the indicator query language: parsing", () => {
  it("parses the documented examples", () => {
    const q = parseIndicatorQuery(
      "actor:kind=armed_group AND plover=ASSAULT AND place=IRQ AND within=7d AND count>=2",
    );
    expect(q.withinDays).toBe(7);
    expect(q.count).toEqual({ op: ">=", n: 2 });
    expect(q.where).toMatchObject({ type: "and" });
    for (const source of [
      "actor=state:IRN AND cameo=04*",
      "actor:affiliation=backed_by:state:IRN",
      'stance=condemn AND actor:region="Middle East and North Africa"',
      "(plover=ASSAULT OR plover=COERCE) AND NOT actor:country=USA",
      "date>=2021-11-01 and date<2021-12-01 and item=event",
      "within=2w",
    ])
      expect(() => parseIndicatorQuery(source)).not.toThrow();
    expect(parseIndicatorQuery("within=2w").withinDays).toBe(14);
  });

  it("binds AND tighter than OR", () => {
    const q = parseIndicatorQuery("plover=ASSAULT OR plover=COERCE AND actor:kind=state");
    expect(q.where).toMatchObject({ type: "or", right: { type: "and" } });
  });

  it("names the position of an unknown field", () => {
    const e = parseError("plover=ASSAULT AND plovr=COERCE");
    expect(e.position).toBe(20);
    expect(e.message).toMatch(/^indicator query, position 20: unknown field "plovr"/);
    expect(e.code).toBe("BAD_USAGE");
  });

  it("names the position of a bad value, with what was expected", () => {
    const e = parseError("actor:kind=militia");
    expect(e.position).toBe(12);
    expect(e.message).toMatch(/unknown actor kind "militia"; expected one of state, person/);
    expect(parseError("plover=ASAULT").position).toBe(8);
    expect(parseError("cameo=4").message).toMatch(/2 to 4 digits/);
    expect(parseError("date>=2021-13-45").position).toBe(7);
    expect(parseError("count>=0").message).toMatch(/at least 1/);
    expect(parseError("actor:affiliation=funded_by:state:IRN").message).toMatch(
      /unknown affiliation type "funded_by"/,
    );
  });

  it("names the position of a missing value, operator or parenthesis", () => {
    expect(parseError("actor=").message).toMatch(
      /position 7: expected a value after "actor=" \(at the end\)/,
    );
    expect(parseError("plover ASSAULT").position).toBe(8);
    expect(parseError("(plover=ASSAULT").message).toMatch(/position 16: expected a closing parenthesis/);
    expect(parseError("plover=ASSAULT)").message).toMatch(
      /position 15: this closing parenthesis has no opening one/,
    );
    expect(parseError("plover=ASSAULT stance=condemn").message).toMatch(
      /position 16: expected AND, OR or the end/,
    );
    expect(parseError("plover=ASSAULT AND").message).toMatch(/position 19: expected a condition/);
    expect(parseError("").message).toMatch(/position 1: the query is empty/);
  });

  it("names the position of an unclosed quote or a stray character", () => {
    expect(parseError('actor:region="Middle East').position).toBe(14);
    const e = parseError("plover=ASSAULT & stance=condemn");
    expect(e.position).toBe(16);
    expect(e.message).toMatch(/unexpected character "&"/);
  });

  it("refuses an operator a field does not take", () => {
    expect(parseError("plover>=ASSAULT").message).toMatch(/position 7: plover takes = or !=, not >=/);
    expect(parseError("count<3").position).toBe(6);
  });

  it("keeps within and count at the top level, once each", () => {
    expect(parseError("plover=ASSAULT OR within=7d").message).toMatch(
      /position 19: within applies to the whole query/,
    );
    expect(parseError("NOT count>=2").position).toBe(5);
    expect(parseError("within=7d AND within=3d").message).toMatch(/position 15: within is given twice/);
  });
});

describe("the indicator query language: matching a case's items", () => {
  it("matches actor kinds, PLOVER types, places and a window from the anchor date", () => {
    expect(matches("actor:kind=armed_group AND plover=ASSAULT AND place=IRQ AND within=7d")).toEqual([
      "Kata'ib Hezbollah:195",
      "Asa'ib Ahl al-Haq:195",
    ]);
  });

  it("counts distinct happenings against count", () => {
    const q = parseIndicatorQuery("actor:kind=armed_group AND plover=ASSAULT AND within=7d AND count>=2");
    const result = runIndicatorQuery(q, ITEMS, { kb, anchorDate: "2021-11-07" });
    expect([result.distinct, countSatisfied(q, result.distinct)]).toEqual([2, true]);
    expect(result.window).toEqual({ from: "2021-11-07", to: "2021-11-14" });
    const q3 = parseIndicatorQuery("plover=ASSAULT AND within=7d AND count>=3");
    expect(countSatisfied(q3, runIndicatorQuery(q3, ITEMS, { kb, anchorDate: "2021-11-07" }).distinct)).toBe(
      false,
    );
  });

  it("starts the window at the earliest dated item when the case has no anchor date", () => {
    expect(matches("plover=ASSAULT AND within=1d", null)).toEqual(["Kata'ib Hezbollah:195"]);
  });

  it("matches a state through its ministries, and CAMEO codes by prefix", () => {
    expect(matches("actor=state:IRN AND cameo=04*")).toEqual(["Ministry of Foreign Affairs of Iran:040"]);
    expect(matches("actor=Iran AND item=event")).toEqual([
      "Ministry of Foreign Affairs of Iran:040",
      "Iran:036",
    ]);
  });

  it("matches affiliations from the knowledge base", () => {
    expect(matches("actor:affiliation=backed_by:state:IRN AND within=30d")).toEqual([
      "Kata'ib Hezbollah:195",
      "Asa'ib Ahl al-Haq:195",
      "Kata'ib Hezbollah:195",
    ]);
    expect(matches("actor:affiliation=part_of:group:pmf AND date>2021-11-10")).toEqual([
      "Asa'ib Ahl al-Haq:195",
      "Kata'ib Hezbollah:195",
    ]);
  });

  it("matches regions from the knowledge base", () => {
    expect(matches('stance=condemn AND actor:region="Middle East and North Africa"')).toEqual([
      "Saudi Arabia:condemn",
      "Iran:condemn",
    ]);
    expect(matches("stance=condemn AND NOT actor:region=Europe")).toEqual([
      "Saudi Arabia:condemn",
      "Iran:condemn",
    ]);
  });

  it("combines conditions with OR and parentheses", () => {
    expect(matches("(actor=state:FRA OR actor=state:SAU) AND stance=condemn")).toEqual([
      "Saudi Arabia:condemn",
      "France:condemn",
    ]);
  });
});
