import { describe, expect, it } from "vitest";
import {
  cameoActor,
  GDELT_COLUMNS,
  gdeltRows,
  gdeltTable,
  splitCameoCode,
  tsvCell,
} from "../../src/outputs/index.js";
import { sampleCase, shippedReference } from "./sample-case.js";

const c = sampleCase();
const rows = gdeltRows(c);
const row = (code: string) => rows.find((r) => r.EventCode === code)!;

describe("the GDELT-style event table", () => {
  it("has the GDELT 2.0 event table's 61 columns in its order", () => {
    expect(GDELT_COLUMNS).toHaveLength(61);
    expect(GDELT_COLUMNS.slice(0, 8)).toEqual([
      "GlobalEventID",
      "Day",
      "MonthYear",
      "Year",
      "FractionDate",
      "Actor1Code",
      "Actor1Name",
      "Actor1CountryCode",
    ]);
    expect(GDELT_COLUMNS.slice(25, 35)).toEqual([
      "IsRootEvent",
      "EventCode",
      "EventBaseCode",
      "EventRootCode",
      "QuadClass",
      "GoldsteinScale",
      "NumMentions",
      "NumSources",
      "NumArticles",
      "AvgTone",
    ]);
    expect(GDELT_COLUMNS.slice(51)).toEqual([
      "ActionGeo_Type",
      "ActionGeo_FullName",
      "ActionGeo_CountryCode",
      "ActionGeo_ADM1Code",
      "ActionGeo_ADM2Code",
      "ActionGeo_Lat",
      "ActionGeo_Long",
      "ActionGeo_FeatureID",
      "DATEADDED",
      "SOURCEURL",
    ]);
  });

  it("writes one row per event per report, statements included", () => {
    expect(rows.map((r) => r.EventCode)).toEqual(["1952", "111", "195", "141", "173", "1823"]);
    const lines = gdeltTable(c).split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(GDELT_COLUMNS.join("\t"));
    expect(lines.slice(1, -1).every((l) => l.split("\t").length === 61)).toBe(true);
  });

  it("codes a drone strike: dates, CAMEO codes, quad class, Goldstein, actor codes, place", () => {
    expect(row("1952")).toMatchObject({
      Day: "20211107",
      MonthYear: "202111",
      Year: "2021",
      FractionDate: "2021.9233",
      Actor1Code: "",
      Actor2Code: "IRQGOV",
      Actor2Name: "Mustafa al-Kadhimi",
      Actor2CountryCode: "IRQ",
      Actor2Type1Code: "GOV",
      IsRootEvent: 1,
      EventBaseCode: "195",
      EventRootCode: "19",
      QuadClass: 4,
      GoldsteinScale: -10,
      NumMentions: 1,
      NumSources: 1,
      NumArticles: 1,
      AvgTone: "",
      ActionGeo_Type: 4,
      ActionGeo_FullName: "Baghdad, Iraq",
      ActionGeo_CountryCode: "IRQ",
      ActionGeo_Lat: 33.315,
      ActionGeo_Long: 44.366,
      DATEADDED: "20211107120000",
      SOURCEURL: "https://example.org/2021/11/07/drones",
    });
    expect(Number.isSafeInteger(row("1952").GlobalEventID)).toBe(true);
  });

  it("dates an undated event by its report, an undated report by the case, and places it in the case's country", () => {
    expect(row("111")).toMatchObject({
      Day: "20211107",
      Actor1Code: "KWT",
      Actor1CountryCode: "KWT",
      IsRootEvent: 0,
      QuadClass: 3,
      ActionGeo_Type: 1,
      ActionGeo_FullName: "Iraq",
      ActionGeo_Lat: "",
    });
    expect(row("141")).toMatchObject({
      Day: "20211107",
      SOURCEURL: "reports/statement.txt",
      Actor1Code: "IRQPTY",
    });
  });

  it("codes actors from the knowledge base, a generic body by its sector, and a role by its date", () => {
    expect(row("173")).toMatchObject({ Actor1Code: "IRQCOP", Actor1Type1Code: "COP" });
    const ref = shippedReference();
    const kadhimi = {
      id: "person:mustafa-al-kadhimi",
      name: "Mustafa al-Kadhimi",
      kind: "person",
      country: "IRQ",
    } as const;
    expect(cameoActor(ref, kadhimi, "2021-11-07")?.code).toBe("IRQGOV");
    expect(cameoActor(ref, kadhimi, "2015-01-01")?.code).toBe("IRQ");
    expect(cameoActor(ref, { name: "Some Brigade", kind: "armed_group", country: "SYR" }, null)?.code).toBe(
      "SYRREB",
    );
    expect(splitCameoCode(ref, "IGOUNO")).toMatchObject({ country: "", types: ["IGO"], knownGroup: "UNO" });
    expect(splitCameoCode(ref, "IMGMOSISI")).toMatchObject({
      types: ["IMG"],
      religions: ["MOS"],
      knownGroup: "ISI",
    });
    expect(splitCameoCode(ref, "IRQREB")).toMatchObject({ country: "IRQ", types: ["REB"] });
  });

  it("keeps tabs and line breaks out of cells, since GDELT files have no quoting", () => {
    expect(tsvCell("a\tb\r\nc")).toBe("a b c");
    expect(tsvCell('He said "no", then left')).toBe('He said "no", then left');
    expect(tsvCell("=1+1")).toBe("'=1+1");
    expect(tsvCell(-1.5)).toBe("-1.5");
  });
});
