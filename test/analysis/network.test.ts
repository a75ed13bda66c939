import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { actorNetwork, networkGraphml } from "../../src/analysis/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";
import {
  attribution,
  event,
  IRAN,
  IRAQ,
  KADHIMI,
  KATAIB_HEZBOLLAH,
  KUWAIT_MFA,
  reaction,
  report,
} from "./hand-built-reports.js";

const kb = KnowledgeBase.load();
const QAANI = { id: "person:esmail-qaani", name: "Esmail Qaani", kind: "person" as const, country: "IRN" };

describe("the actor network of a case", () => {
  const first = report("first", "2021-11-07", {
    actors: [
      { ...KADHIMI, id: KADHIMI.id!, roles: [], mentions: 4 },
      { ...KATAIB_HEZBOLLAH, id: KATAIB_HEZBOLLAH.id!, roles: [], mentions: 2 },
      { ...IRAN, id: IRAN.id!, roles: [], mentions: 1 },
    ],
    events: [
      event({
        id: "ev1",
        date: "2021-11-07",
        target_actor: KADHIMI,
        sentence: "Drones struck Kadhimi's home.",
      }),
      event({
        id: "ev2",
        cameo: "042",
        plover: "CONSULT",
        source_actor: QAANI,
        target_actor: IRAQ,
        sentence: "Qaani visited Baghdad.",
      }),
      event({
        id: "ev3",
        cameo: "111",
        plover: "ACCUSE",
        source_actor: KATAIB_HEZBOLLAH,
        target_actor: KADHIMI,
        sentence: "Kataib Hezbollah mocked Kadhimi.",
      }),
    ],
    reactions: [reaction(KUWAIT_MFA, "condemn", "Kuwait condemned the attack.", { event_id: "ev1" })],
    attributions: [
      attribution(IRAQ, KATAIB_HEZBOLLAH, "Iraqi officials blamed Kataib Hezbollah."),
      attribution("author", KATAIB_HEZBOLLAH, "The drones point to Kataib Hezbollah."),
    ],
  });
  const second = report("second", "2021-11-08", {
    events: [
      event({ id: "ev1", date: "2021-11-07", target_actor: KADHIMI, sentence: "The attack on Kadhimi." }),
      event({
        id: "ev2",
        cameo: "111",
        plover: "ACCUSE",
        source_actor: KATAIB_HEZBOLLAH,
        target_actor: KADHIMI,
        sentence: "The group derided the premier.",
      }),
    ],
    reactions: [reaction(IRAN, "condemn", "Iran condemned it.", { event_id: null })],
  });
  const net = actorNetwork([first, second], kb, { anchorDate: "2021-11-07" });
  const edge = (kind: string, source: string, target: string) =>
    net.edges.find((e) => e.kind === kind && e.source === source && e.target === target);

  it("has the case's actors as nodes, with mentions and documents", () => {
    const kadhimi = net.nodes.find((n) => n.id === KADHIMI.id)!;
    expect(kadhimi).toMatchObject({
      name: "Mustafa al-Kadhimi",
      kind: "person",
      country: "IRQ",
      mentions: 4,
      documents: 2,
    });
    expect(net.nodes.map((n) => n.id)).toContain(KUWAIT_MFA.id);
  });

  it("links who acted on whom, weighted by the sentences that say so", () => {
    expect(edge("acted_on", KATAIB_HEZBOLLAH.id!, KADHIMI.id!)).toMatchObject({ type: "ACCUSE", weight: 2 });
    expect(edge("met", QAANI.id, IRAQ.id!)).toMatchObject({ type: "CONSULT", weight: 1 });
  });

  it("links claimant to accused, leaving out claims made by the report's author", () => {
    expect(edge("accused", IRAQ.id!, KATAIB_HEZBOLLAH.id!)).toMatchObject({ type: "attribution", weight: 1 });
    expect(net.edges.filter((e) => e.kind === "accused")).toHaveLength(1);
  });

  it("links a reactor to the target of the event it reacts to, even when its own report names none", () => {
    expect(edge("reacted_to", KUWAIT_MFA.id!, KADHIMI.id!)).toMatchObject({ type: "condemn", weight: 1 });
    expect(edge("reacted_to", IRAN.id!, KADHIMI.id!)).toMatchObject({ type: "condemn" });
  });

  it("adds the knowledge base's affiliations and offices among the case's actors only, dated", () => {
    expect(edge("affiliation", KATAIB_HEZBOLLAH.id!, IRAN.id!)).toMatchObject({
      type: "backed_by",
      weight: 1,
    });
    expect(edge("affiliation", KUWAIT_MFA.id!, "state:KWT")).toBeUndefined();
    expect(edge("role", KADHIMI.id!, IRAQ.id!)).toMatchObject({ type: "head_of_government", held: true });
    expect(edge("role", QAANI.id, "group:quds-force")).toBeUndefined();
  });

  it("exports valid GraphML with a key for every attribute", () => {
    const graphml = networkGraphml(net, "kadhimi & co");
    expect(XMLValidator.validate(graphml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(graphml);
    const keys = doc.graphml.key.map((k: Record<string, string>) => `${k.for}:${k["attr.name"]}`);
    expect(keys).toEqual(expect.arrayContaining(["edge:weight", "edge:type", "edge:kind", "node:country"]));
    expect(doc.graphml.graph.node).toHaveLength(net.nodes.length);
    expect(doc.graphml.graph.edge).toHaveLength(net.edges.length);
    expect(doc.graphml.graph.id).toBe("kadhimi & co");
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    const odd = {
      nodes: [
        {
          id: "new:a<b>",
          name: 'A & \u0007B "quoted"',
          kind: "other",
          country: null,
          mentions: 1,
          documents: 1,
        },
      ],
      edges: [],
    };
    const graphml = networkGraphml(odd);
    expect(XMLValidator.validate(graphml)).toBe(true);
    expect(graphml).toContain(
      '<node id="new:a&lt;b&gt;"><data key="n_name">A &amp; B &quot;quoted&quot;</data>',
    );
  });
});
