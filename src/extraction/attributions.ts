// Attribution claims: who is said to be responsible, by whom, citing what. "X blamed Y",
// "officials accused the rebels of involvement", "the bombing bears the hallmarks of the group"
// (the author's own claim), "Y was behind the attack", "Z claimed responsibility".
import type { ActorRef, Attribution } from "../domain/index.js";
import type { ContextMention } from "./context.js";
import type { Patterns } from "./patterns.js";
import { coordinated } from "./reactions.js";
import { insideQuote, type QuoteSpan, type SentenceView, type SpeechFinder } from "./speech.js";

export interface AttributionInput {
  views: readonly SentenceView[];
  quotes: readonly QuoteSpan[];
  speech: SpeechFinder;
  patterns: Patterns["attribution"];
  ref: (m: ContextMention) => ActorRef;
  text: string;
  eventId: string | null;
  isTarget: (m: ContextMention) => boolean;
  /** The known actor a bare phrase names, if exactly one (a capital names its state). */
  resolveName?: (name: string) => ActorRef | undefined;
  /** What "the administration" means in this report (the US president's), if it names one. */
  administration?: ActorRef;
}

/** An accused named by a phrase the knowledge base does not know: "the international left". */
function accusedPhrase(text: string, from: number): { name: string; start: number } | null {
  // "blamed the attack on X", "pinned it on X": the accused follows "on".
  const skip =
    /^\s*(?:(?:it|this|that|the\s+(?:attack|bombing|strike|assassination attempt|attempt|incident|killing|shooting))\s+)?(?:on|upon)\s+/i.exec(
      text.slice(from),
    );
  if (skip) from += skip[0].length;
  const rest = text.slice(from);
  const quoted = /^\s*(the\s+)?["“]([^"”]{2,60})["”]/.exec(rest);
  if (quoted) return { name: quoted[2]!.trim(), start: from + rest.indexOf(quoted[2]!) };
  const plain =
    /^\s*((?:the|a|an|some|local|rival|unnamed|unidentified)\s+)?((?:(?!(?:that|which|who|whose|of|for|in|on|at|by)\s)[\p{L}-]+\s+){0,4}?(?:militias?|factions?|groups?|rebels?|insurgents?|gunmen|militants?|forces|opposition|government|regime|administration|left|right|extremists?|terrorists?|intelligence services|agents?|elements?|operatives?|cells?|parties|movement|hardliners))\b/iu.exec(
      rest,
    );
  if (plain)
    return {
      name: `${plain[1] && /^(the)\s+$/i.test(plain[1]) ? "" : (plain[1] ?? "")}${plain[2]}`.trim(),
      start: from + rest.indexOf(plain[2]!),
    };
  // A group named further on in the clause: "the hallmarks of the drone campaign that Iran-aligned
  // factions have waged" → "Iran-aligned factions".
  const clause = rest.split(/[;.]/)[0]!.slice(0, 120);
  const group =
    /((?:[\p{L}'’]+-(?:aligned|backed|allied|linked|affiliated|sponsored|supported|funded)\s+)(?:[\p{L}-]+\s+){0,2}?(?:militias?|factions?|groups?|rebels?|insurgents?|fighters|proxies|militants?|forces|cells?|elements?))\b/iu.exec(
      clause,
    );
  if (group) return { name: group[1]!.trim(), start: from + rest.indexOf(group[1]!) };
  // Otherwise a short noun phrase up to the next preposition or punctuation: "foreign think tanks".
  const phrase =
    /^\s*((?:the\s+)?(?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+?)(?=\s+(?:for|of|over|in|after|because|with|as|on|who|which|that|and|to|by|during|around|against|since|when|while|has|have|had|is|was)\b|[,.;:!?)"”…]|\s+—|$)/iu.exec(
      rest,
    );
  const words = phrase?.[1]?.trim() ?? "";
  if (
    words &&
    !/^(the\s+)?(attack|attacks|it|them|him|her|this|that|what|those|these|a|an|any|no one|nobody)$/i.test(
      words,
    )
  ) {
    return { name: words.replace(/^the\s+/i, ""), start: from + rest.indexOf(words) };
  }
  return null;
}

const UNNAMED_SOURCE =
  /^\s*((?:[A-Z][\p{L}'’-]*\s+)?(?:[\p{L}'’-]+\s+){0,3}?(?:officials|leaders|sources|diplomats|analysts|investigators|officers|commanders|lawmakers|politicians|residents|witnesses|experts|observers|critics|supporters))\b(?=[^,;]{0,40}$)/iu;

function newActor(name: string): ActorRef {
  return { id: `new:${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, name, kind: "other", country: null };
}

export function extractAttributions(input: AttributionInput): Attribution[] {
  const { views, quotes, speech, patterns, ref, text } = input;
  const out: Attribution[] = [];
  const evidenceOf = (view: SentenceView): string | null => {
    const m = patterns.evidence.exec(view.text);
    if (!m) return null;
    const phrase = view.text
      .slice(m.index + m[0].length)
      .split(/[;.]|,\s+(?:and|but|who|which|while|a|an|the|according)\b/)[0]!
      .trim();
    return phrase.split(/\s+/).length <= 25 && patterns.evidenceNouns.test(phrase)
      ? phrase.replace(/^[,:]\s*/, "")
      : phrase.length > 0 && phrase.length < 160
        ? phrase
        : null;
  };
  for (const view of views) {
    if (view.heading) continue;
    const claimantAt = (at: number): ActorRef | "author" => {
      const q = insideQuote(quotes, at);
      const frames = speech.speakers(view);
      const subject = speech.subjectBefore(view, at, input.isTarget);
      const speaker = q ? (frames[0]?.mention ?? subject) : (subject ?? frames[0]?.mention);
      if (speaker) return ref(speaker);
      // Unnamed sources are claimants too: "Faction leaders held ...", "Two security officials told".
      const local = text.slice(view.start, at);
      const unnamed = UNNAMED_SOURCE.exec(local);
      return unnamed ? newActor(unnamed[1]!.trim()) : "author";
    };
    const push = (claimant: ActorRef | "author", accused: ActorRef, confidence: number) => {
      if (claimant !== "author" && (claimant.id ?? claimant.name) === (accused.id ?? accused.name)) return;
      if (
        out.some(
          (a) =>
            a.offset[0] === view.start && (a.accused.id ?? a.accused.name) === (accused.id ?? accused.name),
        )
      )
        return;
      out.push({
        claimant,
        accused,
        event_id: input.eventId,
        evidence: evidenceOf(view),
        sentence: view.text,
        offset: [view.start, view.end],
        confidence,
      });
    };

    // Self claims: "the group claimed responsibility for the attack".
    const self = patterns.selfClaim.exec(view.text);
    if (self) {
      const at = view.start + self.index;
      const subject = speech.subjectBefore(view, at);
      if (subject) {
        const r = ref(subject);
        out.push({
          claimant: r,
          accused: r,
          event_id: input.eventId,
          evidence: null,
          sentence: view.text,
          offset: [view.start, view.end],
          confidence: 0.85,
        });
        continue;
      }
    }
    patterns.before.lastIndex = 0;
    for (let m = patterns.before.exec(view.text); m !== null; m = patterns.before.exec(view.text)) {
      const at = view.start + m.index;
      const after = at + m[0].length;
      // "staged it to (put the) blame (on) the factions": a purpose, not a claim; "warned that
      // accusing the factions was playing with fire": talk about blaming, not blame.
      const lead = text.slice(Math.max(view.start, at - 30), at);
      if (/\bto\s+(?:\w+\s+){0,2}$/i.test(lead)) continue;
      if (/ing$/i.test(m[0].trim()) && !/(,|statement|post|speech|message)\s*$/i.test(lead)) continue;
      const named = view.mentions.find(
        (x) =>
          x.start >= after &&
          x.start - after < 25 &&
          x.via !== "pronoun" &&
          !input.isTarget(x) &&
          !/[,.;]/.test(text.slice(after, x.start)),
      );
      // "Iran-aligned factions": a state named as a sponsor is not the accused; the proxies are.
      const sponsored =
        named &&
        /^-(aligned|backed|allied|linked|affiliated|sponsored|supported|funded|leaning)\b/i.test(
          text.slice(named.end),
        );
      const phrase =
        named && !sponsored ? null : accusedPhrase(text, named && sponsored ? named.start : after);
      if (!named && !phrase) continue;
      const claimant = claimantAt(at);
      if (named && !sponsored) {
        for (const each of coordinated(view, named, text))
          if (!input.isTarget(each)) push(claimant, ref(each), 0.8);
      } else if (phrase) {
        // A phrase that names a known actor after all ("ordered by Tehran") is that actor, and "this
        // administration" in a report about the United States is the president's administration.
        const administration = /^(this|the|current|the current)\s+administration$/i.test(phrase.name)
          ? input.administration
          : undefined;
        push(claimant, administration ?? input.resolveName?.(phrase.name) ?? newActor(phrase.name), 0.7);
      }
    }
    patterns.after.lastIndex = 0;
    for (let m = patterns.after.exec(view.text); m !== null; m = patterns.after.exec(view.text)) {
      const at = view.start + m.index;
      const subject = [...view.mentions]
        .reverse()
        .find((x) => x.end <= at && at - x.end < 30 && !input.isTarget(x));
      if (!subject) continue;
      const frames = speech.speakers(view).filter((f) => f.mention !== subject);
      const claimant = frames[0] ? ref(frames[0].mention) : "author";
      for (const each of coordinated(view, subject, text))
        if (!input.isTarget(each)) push(claimant, ref(each), 0.75);
    }
  }
  return out;
}
