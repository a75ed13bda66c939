// Who a state's neighbours are, for the reaction matrix's list of expected-but-silent actors.
// The knowledge base has regions and UN M49 sub-regions but no borders, and a sub-region is a poor
// stand-in (Iraq's, "Western Asia", holds Cyprus and Georgia but not Iran), so the land borders of
// metropolitan territories are kept here. They belong in data/kb/states.json as a `borders` field
// when that file's owners add one; until then this table is the data, and a test checks that every
// border is listed from both sides.
import type { KnowledgeBase } from "../knowledge/index.js";

/** Land borders between the knowledge base's states (overseas territories, e.g. French Guiana, left out). */
export const LAND_BORDERS: Readonly<Record<string, string>> = {
  AFG: "CHN IRN PAK TJK TKM UZB",
  ALB: "GRC MKD MNE XKX",
  AGO: "COD COG NAM ZMB",
  AND: "ESP FRA",
  ARE: "OMN SAU",
  ARG: "BOL BRA CHL PRY URY",
  ARM: "AZE GEO IRN TUR",
  AUT: "CHE CZE DEU HUN ITA LIE SVK SVN",
  AZE: "ARM GEO IRN RUS TUR",
  BDI: "COD RWA TZA",
  BEL: "DEU FRA LUX NLD",
  BEN: "BFA NER NGA TGO",
  BFA: "BEN CIV GHA MLI NER TGO",
  BGD: "IND MMR",
  BGR: "GRC MKD ROU SRB TUR",
  BIH: "HRV MNE SRB",
  BLR: "LTU LVA POL RUS UKR",
  BLZ: "GTM MEX",
  BOL: "ARG BRA CHL PER PRY",
  BRA: "ARG BOL COL GUY PER PRY SUR URY VEN",
  BRN: "MYS",
  BTN: "CHN IND",
  BWA: "NAM ZAF ZMB ZWE",
  CAF: "CMR COD COG SDN SSD TCD",
  CAN: "USA",
  CHE: "AUT DEU FRA ITA LIE",
  CHL: "ARG BOL PER",
  CHN: "AFG BTN IND KAZ KGZ LAO MMR MNG NPL PAK PRK RUS TJK VNM",
  CIV: "BFA GHA GIN LBR MLI",
  CMR: "CAF COG GAB GNQ NGA TCD",
  COD: "AGO BDI CAF COG RWA SSD TZA UGA ZMB",
  COG: "AGO CAF CMR COD GAB",
  COL: "BRA ECU PAN PER VEN",
  CRI: "NIC PAN",
  CZE: "AUT DEU POL SVK",
  DEU: "AUT BEL CHE CZE DNK FRA LUX NLD POL",
  DJI: "ERI ETH SOM",
  DNK: "DEU",
  DOM: "HTI",
  DZA: "ESH LBY MAR MLI MRT NER TUN",
  ECU: "COL PER",
  EGY: "ISR LBY PSE SDN",
  ERI: "DJI ETH SDN",
  ESH: "DZA MAR MRT",
  ESP: "AND FRA PRT",
  EST: "LVA RUS",
  ETH: "DJI ERI KEN SDN SOM SSD",
  FIN: "NOR RUS SWE",
  FRA: "AND BEL CHE DEU ESP ITA LUX MCO",
  GAB: "CMR COG GNQ",
  GBR: "IRL",
  GEO: "ARM AZE RUS TUR",
  GHA: "BFA CIV TGO",
  GIN: "CIV GNB LBR MLI SEN SLE",
  GMB: "SEN",
  GNB: "GIN SEN",
  GNQ: "CMR GAB",
  GRC: "ALB BGR MKD TUR",
  GTM: "BLZ HND MEX SLV",
  GUY: "BRA SUR VEN",
  HND: "GTM NIC SLV",
  HRV: "BIH HUN MNE SRB SVN",
  HTI: "DOM",
  HUN: "AUT HRV ROU SRB SVK SVN UKR",
  IDN: "MYS PNG TLS",
  IND: "BGD BTN CHN MMR NPL PAK",
  IRL: "GBR",
  IRN: "AFG ARM AZE IRQ PAK TKM TUR",
  IRQ: "IRN JOR KWT SAU SYR TUR",
  ISR: "EGY JOR LBN PSE SYR",
  ITA: "AUT CHE FRA SMR SVN VAT",
  JOR: "IRQ ISR PSE SAU SYR",
  KAZ: "CHN KGZ RUS TKM UZB",
  KEN: "ETH SOM SSD TZA UGA",
  KGZ: "CHN KAZ TJK UZB",
  KHM: "LAO THA VNM",
  KOR: "PRK",
  KWT: "IRQ SAU",
  LAO: "CHN KHM MMR THA VNM",
  LBN: "ISR SYR",
  LBR: "CIV GIN SLE",
  LBY: "DZA EGY NER SDN TCD TUN",
  LIE: "AUT CHE",
  LSO: "ZAF",
  LTU: "BLR LVA POL RUS",
  LUX: "BEL DEU FRA",
  LVA: "BLR EST LTU RUS",
  MAR: "DZA ESH",
  MCO: "FRA",
  MDA: "ROU UKR",
  MEX: "BLZ GTM USA",
  MKD: "ALB BGR GRC SRB XKX",
  MLI: "BFA CIV DZA GIN MRT NER SEN",
  MMR: "BGD CHN IND LAO THA",
  MNE: "ALB BIH HRV SRB XKX",
  MNG: "CHN RUS",
  MOZ: "MWI SWZ TZA ZAF ZMB ZWE",
  MRT: "DZA ESH MLI SEN",
  MWI: "MOZ TZA ZMB",
  MYS: "BRN IDN THA",
  NAM: "AGO BWA ZAF ZMB",
  NER: "BEN BFA DZA LBY MLI NGA TCD",
  NGA: "BEN CMR NER TCD",
  NIC: "CRI HND",
  NLD: "BEL DEU",
  NOR: "FIN RUS SWE",
  NPL: "CHN IND",
  OMN: "ARE SAU YEM",
  PAK: "AFG CHN IND IRN",
  PAN: "COL CRI",
  PER: "BOL BRA CHL COL ECU",
  PNG: "IDN",
  POL: "BLR CZE DEU LTU RUS SVK UKR",
  PRK: "CHN KOR RUS",
  PRT: "ESP",
  PRY: "ARG BOL BRA",
  PSE: "EGY ISR JOR",
  QAT: "SAU",
  ROU: "BGR HUN MDA SRB UKR",
  RUS: "AZE BLR CHN EST FIN GEO KAZ LTU LVA MNG NOR POL PRK UKR",
  RWA: "BDI COD TZA UGA",
  SAU: "ARE IRQ JOR KWT OMN QAT YEM",
  SDN: "CAF EGY ERI ETH LBY SSD TCD",
  SEN: "GIN GMB GNB MLI MRT",
  SLE: "GIN LBR",
  SLV: "GTM HND",
  SMR: "ITA",
  SOM: "DJI ETH KEN",
  SRB: "BGR BIH HRV HUN MKD MNE ROU XKX",
  SSD: "CAF COD ETH KEN SDN UGA",
  SUR: "BRA GUY",
  SVK: "AUT CZE HUN POL UKR",
  SVN: "AUT HRV HUN ITA",
  SWE: "FIN NOR",
  SWZ: "MOZ ZAF",
  SYR: "IRQ ISR JOR LBN TUR",
  TCD: "CAF CMR LBY NER NGA SDN",
  TGO: "BEN BFA GHA",
  THA: "KHM LAO MMR MYS",
  TJK: "AFG CHN KGZ UZB",
  TKM: "AFG IRN KAZ UZB",
  TLS: "IDN",
  TUN: "DZA LBY",
  TUR: "ARM AZE BGR GEO GRC IRN IRQ SYR",
  TZA: "BDI COD KEN MOZ MWI RWA UGA ZMB",
  UGA: "COD KEN RWA SSD TZA",
  UKR: "BLR HUN MDA POL ROU RUS SVK",
  URY: "ARG BRA",
  USA: "CAN MEX",
  UZB: "AFG KAZ KGZ TJK TKM",
  VAT: "ITA",
  VEN: "BRA COL GUY",
  VNM: "CHN KHM LAO",
  XKX: "ALB MKD MNE SRB",
  YEM: "OMN SAU",
  ZAF: "BWA LSO MOZ NAM SWZ ZWE",
  ZMB: "AGO BWA COD MOZ MWI NAM TZA ZWE",
  ZWE: "BWA MOZ ZAF ZMB",
};

/**
 * A state's neighbours: the states it shares a land border with (a part of a state, like the
 * Kurdistan Region of Iraq, takes its state's); for an island state with none, the states of its
 * UN M49 sub-region as the nearest stand-in.
 */
export function neighboursOf(
  kb: KnowledgeBase,
  iso3: string,
): { iso3: string; how: "land border" | "sub-region" }[] {
  const code = iso3.toUpperCase();
  const parent = kb
    .state(code)
    ?.affiliations.find((a) => a.type === "part_of" && a.target.startsWith("state:"))
    ?.target.slice(6);
  const borders = LAND_BORDERS[parent ?? code];
  if (borders)
    return borders
      .split(" ")
      .filter((c) => c !== code && kb.state(c))
      .map((c) => ({ iso3: c, how: "land border" as const }));
  const subregion = kb.state(code)?.subregion;
  if (!subregion) return [];
  return kb
    .all()
    .filter(
      (a) =>
        a.kind === "state" &&
        a.subregion === subregion &&
        a.country !== code &&
        !a.affiliations.some((f) => f.type === "part_of" && f.target.startsWith("state:")),
    )
    .map((a) => ({ iso3: a.country!, how: "sub-region" as const }));
}
