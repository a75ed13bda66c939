// Attribution claims: who is said to be responsible, by whom, citing what. "X blamed Y",
// "officials accused the rebels of involvement", "the bombing bears the hallmarks of the group"
// (the author's own claim), "Y was behind the attack", "the attack was carried out by Y", "the
// Houthi attack" (the author's, or the speaker's, naming of the perpetrator), "Z claimed
// responsibility" (Z accusing itself, the annotation convention). Denials are reactions, not
// claims; so are questions, conditions and doubted hypotheses ("if Y was behind it").
import { type ActorRef, type Attribution, newActorId, type Reaction } from "../domain/index.js";
import type { ContextMention } from "./context.js";
import type { AttributionPatterns } from "./patterns.js";
import { coordinated } from "./reactions.js";
import { insideQuote, type QuoteSpan, type SentenceView, type SpeechFinder } from "./speech.js";

export interface AttributionInput {
  views: readonly SentenceView[];
  quotes: readonly QuoteSpan[];
  speech: SpeechFinder;
  patterns: AttributionPatterns;
  ref: (m: ContextMention) => ActorRef;
  text: string;
  eventId: string | null;
  isTarget: (m: ContextMention) => boolean;
  /** The known actor a bare phrase names, if exactly one (a capital names its state). */
  resolveName?: (name: string) => ActorRef | undefined;
  /** What "the administration" means in this report (the US president's), if it names one. */
  administration?: ActorRef;
  /** The state of an ISO3 code, for a body or official speaking for it. */
  stateOf?: (iso3: string) => ActorRef | undefined;
  /** Whether a sentence states a hypothesis, forecast or condition rather than a fact. */
  hypothetical?: (view: SentenceView) => boolean;
}

type Claimant = ActorRef | "author";

const SPONSORED = /^-(aligned|backed|allied|linked|affiliated|sponsored|supported|funded|leaning)\b/i;
const STOP_PHRASE =
  /^(the\s+)?(perpetrators?|culprits?|attackers?|assailants?|those responsible|whoever|attack|attacks|it|them|him|her|this|that|what|those|these|a|an|any|no one|nobody|anyone|someone|everyone|one|itself|themselves|himself|herself)$/i;
// Where a clause begins, looking back from a cue: a clause break, a subordinator or a reporting "that".
const CLAUSE_OPENER =
  /(?:[;:—]|,\s|\b(?:but|while|whereas|although|as|after|because|since|when|that|which|who|whom|and)\s)/giu;

/** An accused named by a phrase the knowledge base does not know: "the international left". */
function accusedPhrase(
  text: string,
  from: number,
  p: AttributionPatterns,
  strict = false,
): { name: string; start: number; person?: boolean } | null {
  // "blamed the attack on X", "pinned it on X": the accused follows "on".
  const skip =
    /^\s*(?:(?:it|this|that|the\s+(?:attack|bombing|strike|assassination attempt|attempt|incident|killing|shooting|explosion|blast|violence))\s+)?(?:on|upon)\s+(?:the\s+shoulders\s+of\s+)?/i.exec(
      text.slice(from, from + 300),
    );
  if (skip) from += skip[0].length;
  // "blamed the unrest on foreign-backed agitators": what was blamed, then its culprit, who must
  // be a party ("blamed the fire on an electrical fault" names none).
  const blamedAct = skip
    ? null
    : /^\s*(?:the|this|that|these|those|its|their|his|her|last\s+\w+['’]s|\w+['’]s)\s+(?:[\p{L}-]+\s+){0,3}?(?:unrest|riots?|chaos|crisis|deaths?|escalation|violence|fire|blaze|crash|explosions?|blasts?|attacks?|bombings?|killings?|shootings?|incident|situation|tragedy|disaster|massacre|strikes?|assault)\s+(?:on|upon)\s+/iu.exec(
        text.slice(from, from + 300),
      );
  if (blamedAct) {
    from += blamedAct[0].length;
    strict = true;
  }
  const rest = text.slice(from, from + 300); // a phrase is short: never scan the rest of the document
  // "a 24-year-old man named Hadi Matar": the name, a person.
  const named =
    /^\s*(?:an?\s+|the\s+)?(?:[\p{L}\d'’-]+\s+){0,3}?(?:man|woman|youth|gunman|assailant|attacker|suspect|person|individual)\s*,?\s+(?:named|identified as|called)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})/u.exec(
      rest,
    );
  if (named) return { name: named[1]!, start: from + rest.indexOf(named[1]!), person: true };
  const quoted = /^\s*(the\s+)?["“]([^"”]{2,60})["”]/.exec(rest);
  if (quoted && !strict) {
    const name = quoted[2]!
      .trim()
      .replace(/[,.;:!?]+$/, "")
      .replace(/^the\s+/i, "");
    return { name, start: from + rest.indexOf(name) };
  }
  const plain =
    /^\s*((?:the|a|an|some|local|rival|unnamed|unidentified)\s+)?((?:(?!(?:that|which|who|whose|of|for|in|on|at|by|and|or)\s)[\p{L}-]+\s+){0,4}?(?:militias?|factions?|groups?|rebels?|insurgents?|gunmen|militants?|forces|opposition|government|regime|administration|left|right|extremists?|terrorists?|intelligence services|special services|security services|agents?|elements?|operatives?|cells?|parties|movement|hardliners|foes|enemies|military|army|authorities|junta|mercenaries|partisans))\b/iu.exec(
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
    /^\s*((?:the\s+)?(?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+?)(?=\s+(?:for|of|over|in|after|because|with|as|on|who|which|that|and|to|by|during|around|against|since|when|while|has|have|had|is|was|were|are|took|did|do|does)\b|[,.;:!?)"”…]|\s+—|$)/iu.exec(
      rest,
    );
  const words = phrase?.[1]?.trim() ?? "";
  if (!words || STOP_PHRASE.test(words)) return null;
  // After a passive "by", only a party counts: "killed by unidentified gunmen", not "by a bomb";
  // and a weapon is never the accused ("suspect the bomb was concealed"), though a state's
  // weapon names the state ("American drones", resolved by the caller).
  if (strict && !p.partyHead.test(words) && !p.instrumentHead.test(words)) return null;
  if (p.instrumentHead.test(words) && !/^(?:the\s+)?\p{Lu}/u.test(words)) return null;
  const name = words.replace(/^the\s+/i, "");
  return { name, start: from + rest.indexOf(words) + (words.length - name.length) };
}

const UNNAMED_SOURCE =
  /^\s*((?:[A-Z][\p{L}'’-]*\s+)?(?:[\p{L}'’-]+\s+){0,3}?(?:officials|leaders|sources|diplomats|analysts|investigators|prosecutors|police|officers|commanders|lawmakers|politicians|residents|witnesses|experts|observers|critics|supporters|ministers|spokes(?:man|woman|person)|media|newspaper|daily))\b(?=[^,;]{0,40}$)/iu;

function newActor(name: string, kind: ActorRef["kind"] = "other"): ActorRef {
  return { id: newActorId(name), name, kind, country: null };
}

const key = (a: ActorRef) => a.id ?? a.name;

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
  /** A phrase to an actor: a known actor it names, "this administration", a state named by the
   * demonym that leads it ("American drones" are the United States'), else a new actor. */
  const phraseActor = (phrase: { name: string; person?: boolean }): ActorRef => {
    if (phrase.person) return input.resolveName?.(phrase.name) ?? newActor(phrase.name, "person");
    if (/^(this|the|current|the current)\s+administration$/i.test(phrase.name) && input.administration)
      return input.administration;
    const whole = input.resolveName?.(phrase.name);
    if (whole) return whole;
    const [lead, ...restWords] = phrase.name.split(/\s+/);
    if (lead && restWords.length && patterns.instrumentHead.test(phrase.name)) {
      const state = input.resolveName?.(lead);
      if (state?.kind === "state") return state;
    }
    return newActor(phrase.name);
  };

  const readView = (view: SentenceView) => {
    // A question asks who did it; it does not say.
    if (/\?\s*["”’]?\s*$/.test(view.text)) return;
    // Scenario sections, conditions, forecasts and questions claim nothing; a hypothesis someone
    // voices ("X suggested it could have been staged by Y") is their claim, weighed lower.
    const modality = view.modality;
    const hypothetical =
      (modality?.hypothetical === true && modality.reason !== "hypothesis") ||
      (input.hypothetical?.(view) ?? false);
    const authorsHypothesis = modality?.hypothetical === true && modality.reason === "hypothesis";
    const modalFrom =
      modality && !modality.hypothetical && modality.clauseStart !== null
        ? view.start + modality.clauseStart
        : null;
    const local = (from: number, to: number) => text.slice(Math.max(view.start, from), to);
    /** Where the clause holding `at` begins. */
    const clauseStart = (at: number): number => {
      const before = local(view.start, at);
      let start = view.start;
      for (const m of before.matchAll(CLAUSE_OPENER)) {
        // a clause opener must leave some words before the cue
        if (m.index + m[0].length < before.length) start = view.start + m.index + m[0].length;
      }
      return start;
    };
    /** A denial, condition or doubt governing the cue: "did not blame", "if X was behind it". */
    const ruledOut = (from: number, at: number): boolean => {
      if (hypothetical) return true;
      // A condition embedded in a fact: "said it would punish whoever was behind it".
      if (modalFrom !== null && at >= modalFrom && /\b(?:if|whether|unless)\b/i.test(local(modalFrom, at)))
        return true;
      const verbGroup = local(from, at);
      if (patterns.negation.test(verbGroup)) return true;
      const clause = local(Math.max(view.start, at - 80), at);
      return patterns.hypothesis.test(clause) || patterns.hypothesis.test(local(at, view.end).slice(0, 60));
    };
    // "orchestrated by Iran, Israel alleged": the speaker after the comma is not listed.
    const trailingSpeaker = (x: ContextMention) =>
      /^\s*(?:[\p{L}'’-]+\s+){0,2}?(?:said|says|alleged|alleges|claimed|claims|told|added|insisted|charged|argued|maintained)\b/iu.test(
        text.slice(x.end, x.end + 60),
      ) && /,\s*(?:the\s+)?$/.test(text.slice(Math.max(view.start, x.start - 8), x.start));
    /** The speaker of a reporting verb before `at` ("X said the attack was carried out by"),
     * the source of "according to X", else the author. */
    const reporter = (at: number): Claimant => {
      const before = local(view.start, at);
      let last: RegExpExecArray | null = null;
      patterns.reportingVerb.lastIndex = 0;
      for (let m = patterns.reportingVerb.exec(before); m !== null; m = patterns.reportingVerb.exec(before)) {
        if (!insideQuote(quotes, view.start + m.index) && !/^according/i.test(m[0])) last = m;
      }
      if (last) {
        const verbAt = view.start + last.index;
        const subject = speech.subjectBefore(view, verbAt, input.isTarget);
        if (subject) return ref(subject);
        const unnamed = UNNAMED_SOURCE.exec(local(view.start, verbAt));
        if (unnamed) return newActor(unnamed[1]!.trim());
      }
      // "..., Israel alleged": a speech frame after the claim.
      const trailing = speech
        .speakers(view)
        .find((f) => f.verb > at && f.mention.start > at && !insideQuote(quotes, f.verb));
      if (trailing && !insideQuote(quotes, at)) return ref(trailing.mention);
      const alleging = view.mentions.find((x) => x.start > at && x.via !== "pronoun" && trailingSpeaker(x));
      if (alleging && !insideQuote(quotes, at)) return ref(alleging);
      const according = /\baccording to\s+(?:the\s+)?/gi;
      for (let m = according.exec(view.text); m !== null; m = according.exec(view.text)) {
        const from = view.start + m.index + m[0].length;
        const source = view.mentions.find((x) => x.start >= from && x.start - from < 3);
        if (source) return ref(source);
        const unnamed = UNNAMED_SOURCE.exec(local(from, view.end).split(/[,.;]/)[0]!);
        if (unnamed) return newActor(unnamed[1]!.trim());
      }
      const q = insideQuote(quotes, at);
      if (q) {
        const frame = speech.speakers(view)[0];
        if (frame) return ref(frame.mention);
      }
      return "author";
    };
    const claimantAt = (at: number): Claimant => {
      const q = insideQuote(quotes, at);
      const frames = speech.speakers(view);
      // "X denied involvement as Y blamed Z": the subject of the cue's own clause, when a
      // coordinating "as", "while" or "but" opens one.
      const before = local(view.start, at);
      let start = view.start;
      for (const m of before.matchAll(/(?:;\s*|\b(?:as|while|whereas|but)\s+)/giu))
        start = view.start + m.index + m[0].length;
      const own =
        start > view.start && !q
          ? view.mentions.find(
              (x) =>
                x.start >= start &&
                x.end <= at &&
                !input.isTarget(x) &&
                !insideQuote(quotes, x.start) &&
                !/\b(?:of|in|at|to|with|for|from|by|on|against|than|about)\s+(?:the\s+)?$/i.test(
                  local(start, x.start),
                ),
            )
          : undefined;
      const subject = own ?? speech.subjectBefore(view, at, input.isTarget);
      const speaker = q ? (frames[0]?.mention ?? subject) : (subject ?? frames[0]?.mention);
      if (speaker) return ref(speaker);
      // Unnamed sources are claimants too: "Faction leaders held ...", "Two security officials told".
      const unnamed = UNNAMED_SOURCE.exec(local(view.start, at));
      return unnamed ? newActor(unnamed[1]!.trim()) : "author";
    };
    const push = (claimant: Claimant, accused: ActorRef, confidence: number, self = false) => {
      // The author's own speculation is no claim; a source's voiced hypothesis is, held lower.
      if (authorsHypothesis && claimant === "author") return;
      if (authorsHypothesis) confidence = Math.round(confidence * 0.8 * 100) / 100;
      if (!self && claimant !== "author" && key(claimant) === key(accused)) return;
      // In one sentence a named claimant's accusation is the claim ("Gülen denies it, accusing
      // Erdogan"): the author's reading of the same sentence adds nothing.
      const sameSentence = (a: Attribution) => a.offset[0] === view.start && key(a.accused) === key(accused);
      if (claimant === "author" && out.some((a) => a.claimant !== "author" && sameSentence(a))) return;
      if (claimant !== "author") {
        const authors = out.findIndex((a) => a.claimant === "author" && sameSentence(a));
        if (authors >= 0) out.splice(authors, 1);
      }
      // One claim per claimant and accused party in a report: repeating it adds nothing.
      // A state and a leader of it the knowledge base knows are one party: "blamed Colombia: the
      // name Juan Manuel Santos is behind this".
      const claimantKey = claimant === "author" ? "author" : key(claimant);
      const known = (a: ActorRef) => a.kind === "person" && !!a.id && !a.id.startsWith("new:");
      const onePartyWith = (other: ActorRef) =>
        key(other) === key(accused) ||
        (!!other.country &&
          other.country === accused.country &&
          ((other.kind === "state" && known(accused)) || (accused.kind === "state" && known(other))));
      if (
        out.some(
          (a) =>
            (a.claimant === "author" ? "author" : key(a.claimant)) === claimantKey && onePartyWith(a.accused),
        )
      )
        return;
      out.push({
        claimant,
        accused,
        event_id: input.eventId,
        evidence: self ? null : evidenceOf(view),
        sentence: view.text,
        offset: [view.start, view.end],
        confidence,
      });
    };
    /** The actor a clause is about, looking back from a cue: the one right before it, else the
     * first actor of its clause that is no preposition's object. */
    const subjectOf = (at: number): ContextMention | undefined => {
      // "He said Trump's refusal triggered": the content clause after the reporting verb.
      let start = clauseStart(at);
      const before = local(start, at);
      patterns.reportingVerb.lastIndex = 0;
      for (let m = patterns.reportingVerb.exec(before); m !== null; m = patterns.reportingVerb.exec(before))
        if (m.index + m[0].length < before.length)
          start = Math.max(start, clauseStart(at) + m.index + m[0].length);
      const pool = view.mentions.filter(
        (x) =>
          x.start >= start &&
          x.end <= at &&
          !input.isTarget(x) &&
          !insideQuote(quotes, x.start) === !insideQuote(quotes, at),
      );
      const adjacent = [...pool]
        .reverse()
        .find(
          (x) =>
            /^(?:['’]s?)?(?:\s+[\p{Ll}-]+){0,2}\s*$/u.test(text.slice(x.end, at)) &&
            !/,/.test(text.slice(x.end, at)),
        );
      if (adjacent) return adjacent;
      return pool.find(
        (x) =>
          !/\b(?:of|in|at|to|with|for|from|by|on|against|than|about)\s+(?:the\s+)?$/i.test(
            local(start, x.start),
          ),
      );
    };
    /** A party named by a phrase right before a cue: "that the National Republican Army of Russian
     * partisans were behind" → "National Republican Army". */
    const phrasesBefore = (at: number): { name: string }[] => {
      // The subject runs back to a reporting verb ("said X and Y took part"), a "that", or a break.
      const before = local(view.start, at);
      let start = 0;
      for (const m of before.matchAll(/[;:—]|,\s|\bthat\s/gu)) start = Math.max(start, m.index + m[0].length);
      patterns.reportingVerb.lastIndex = 0;
      for (let m = patterns.reportingVerb.exec(before); m !== null; m = patterns.reportingVerb.exec(before))
        start = Math.max(start, m.index + m[0].length);
      const span = before
        .slice(start)
        .trim()
        .replace(/^(?:(?:as|while|after|because|since|when|and|but|then|even|instead)\s+)+/i, "");
      if (!span || span.split(/\s+/).length > 14 || /["“”]/.test(span)) return [];
      const out: { name: string }[] = [];
      for (const part of span.split(/\s+(?:and|as well as)\s+/i)) {
        const words = part.trim().replace(/^(?:the|a|an)\s+/i, "");
        const head = words.split(/\s+(?:of|in|from|working|who|which|that)\s+/i)[0]!.trim();
        if (!head || STOP_PHRASE.test(head) || head.split(/\s+/).length > 6) continue;
        // A clause, not a noun phrase: "is among world leaders who have".
        if (/\b(?:is|are|was|were|has|have|had|be|been|who|which|will|would)\b/i.test(part)) continue;
        if (patterns.partyHead.test(head) || /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+$/u.test(head))
          out.push({ name: head });
      }
      return out;
    };
    const phraseBefore = (at: number): { name: string } | null => phrasesBefore(at)[0] ?? null;
    const listed = (named: ContextMention) =>
      coordinated(view, named, text).filter((each) => each === named || !trailingSpeaker(each));
    const accuseEach = (claimant: Claimant, named: ContextMention, confidence: number) => {
      for (const each of listed(named)) if (!input.isTarget(each)) push(claimant, ref(each), confidence);
    };

    // Self claims: "the group claimed responsibility for the attack", "a rebel group claimed
    // responsibility", "the rebel group that claimed responsibility".
    patterns.selfClaim.lastIndex = 0;
    for (let m = patterns.selfClaim.exec(view.text); m !== null; m = patterns.selfClaim.exec(view.text)) {
      const at = view.start + m.index;
      const start = clauseStart(at);
      const inClause = [...view.mentions].reverse().find((x) => x.start >= start && x.end <= at);
      if (ruledOut(inClause?.end ?? start, at)) continue;
      const phrase = inClause ? null : phraseBefore(at);
      // "the rebel group that claimed responsibility": the actor the relative clause describes.
      const antecedent =
        !inClause && !phrase && /\b(?:that|which|who)\s*$/i.test(local(view.start, at))
          ? [...view.mentions].reverse().find((x) => x.end <= start && start - x.end < 60)
          : undefined;
      // "the Front for Change and Concord, the rebel group that claimed": a name the knowledge
      // base lacks, in apposition.
      const apposed =
        !inClause && !antecedent && /\b(?:that|which|who)\s*$/i.test(local(view.start, at))
          ? /(\p{Lu}[\p{L}'’-]*(?:\s+(?:\p{Lu}[\p{L}'’-]*|of|for|and|in|de|du|des))*\s+\p{Lu}[\p{L}'’-]*)\s*,\s*(?:the|a|an)\s+[^,]{0,40}$/u.exec(
              local(view.start, at)
                .trimEnd()
                .replace(/\s*(?:that|which|who)$/i, ""),
            )
          : null;
      const subject =
        inClause ?? antecedent ?? (phrase || apposed ? undefined : speech.subjectBefore(view, at));
      const claimant = subject
        ? ref(subject)
        : phrase
          ? phraseActor(phrase)
          : apposed
            ? phraseActor({ name: apposed[1]!.replace(/^The\s+/, "") })
            : null;
      if (claimant) push(claimant, claimant, 0.85, true);
    }
    // "According to the foreign ministry, the strike was carried out in self-defence": the act
    // defended is the speaker's state's own.
    patterns.justifiedAct.lastIndex = 0;
    for (
      let m = patterns.justifiedAct.exec(view.text);
      m !== null;
      m = patterns.justifiedAct.exec(view.text)
    ) {
      const at = view.start + m.index;
      if (ruledOut(clauseStart(at), at)) continue;
      const speaker = reporter(at);
      if (speaker === "author") continue;
      // "said the Israeli strike was carried out in response": someone else's act, defended or not.
      const start = clauseStart(at);
      if (
        view.mentions.some((x) => x.start >= start && x.end <= at && key(ref(x)) !== key(speaker)) ||
        /\s\p{Lu}\p{Ll}+/u.test(local(start, at).replace(/^\s*\S+/, "")) ||
        /\bby\s/i.test(local(at, view.end).split(/[,;.]/)[0]!)
      )
        continue;
      const own =
        speaker.kind !== "state" &&
        speaker.country &&
        speaker.kind !== "armed_group" &&
        speaker.kind !== "party"
          ? (input.stateOf?.(speaker.country) ?? speaker)
          : speaker;
      push(own, own, 0.75, true);
    }
    // "Iran's Supreme Leader called it a 'crushing response'": the speaker names the act as his
    // side's answer, claiming it; a state, group or party claims for itself, an office-holder for
    // the state he serves.
    patterns.characterisedAsResponse.lastIndex = 0;
    for (
      let m = patterns.characterisedAsResponse.exec(view.text);
      m !== null;
      m = patterns.characterisedAsResponse.exec(view.text)
    ) {
      const at = view.start + m.index;
      if (insideQuote(quotes, at)) continue;
      const subject = speech.subjectBefore(view, at, input.isTarget);
      if (!subject || ruledOut(Math.max(subject.end, clauseStart(at)), at)) continue;
      const speaker = ref(subject);
      if (speaker.kind === "state" || speaker.kind === "armed_group" || speaker.kind === "party") {
        push(speaker, speaker, 0.7, true);
        continue;
      }
      const country = speaker.country;
      if (!country || !subject.actor.roles.some((r) => r.of === country && r.office !== "other")) continue;
      const state = input.stateOf?.(country);
      if (state) push(speaker, state, 0.7);
    }
    // "The attack was claimed by X".
    patterns.selfClaimPassive.lastIndex = 0;
    for (
      let m = patterns.selfClaimPassive.exec(view.text);
      m !== null;
      m = patterns.selfClaimPassive.exec(view.text)
    ) {
      const after = view.start + m.index + m[0].length;
      if (ruledOut(clauseStart(after), view.start + m.index)) continue;
      // "claimed by an offshoot of the group X, Y": the offshoot, named after the comma.
      const offshoot =
        /^\s*(?:an?\s+|the\s+)?(?:offshoot|branch|affiliate|wing|faction|cell)\s+of\b[^,;]*,/i.exec(
          text.slice(after, view.end),
        );
      const from = after + (offshoot ? offshoot[0].length : 0);
      const named = view.mentions.find((x) => x.start >= from && x.start - from < 120 && x.via !== "pronoun");
      if (named) push(ref(named), ref(named), 0.85, true);
    }

    // Cues the accused follows: "blamed X", "accused X of", and passives: "carried out by X".
    const scanBefore = (cue: RegExp, passive: boolean) => {
      cue.lastIndex = 0;
      for (let m = cue.exec(view.text); m !== null; m = cue.exec(view.text)) {
        const at = view.start + m.index;
        const after = at + m[0].length;
        // "staged it to (put the) blame (on) the factions": a purpose, not a claim; "warned that
        // accusing the factions was playing with fire": talk about blaming, not blame.
        const lead = local(at - 30, at);
        if (
          !passive &&
          /\bto\s+(?:\w+\s+){0,2}$/i.test(lead) &&
          !/\b(?:vowed|pledged|promised|swore|threatened)\s+to\s+$/i.test(lead)
        )
          continue;
        if (
          /ing$/i.test(m[0].trim()) &&
          !/(,|statement|post|speech|message)\s*(?:(?:instead|also|then|further|again|openly|publicly)\s+)?$/i.test(
            lead,
          )
        )
          continue;
        const subject = passive ? undefined : speech.subjectBefore(view, at, input.isTarget);
        // "did not blame", but "denied any role, instead accusing": the cue's own clause.
        if (
          ruledOut(
            subject && subject.end <= at ? Math.max(subject.end, clauseStart(at)) : clauseStart(at),
            at,
          )
        )
          continue;
        const named = view.mentions.find(
          (x) =>
            x.start >= after &&
            x.start - after < 25 &&
            x.via !== "pronoun" &&
            // the agent of a passive is the doer, whatever the events stage made of it
            (passive || !input.isTarget(x)) &&
            !/[,.;]/.test(text.slice(after, x.start)) &&
            // "blamed the attack on Israel" reaches past "the attack on"; "accused the general of"
            // does not reach past "the general".
            /^\s*(?:(?:the|a|an|its|their|his|her|it|this|that|on|upon|shoulders|of|attack|bombing|strike|killing|assassination|incident|explosion|blast|violence|outgoing|former|neighbouring|neighboring|rival)\s+)*(?:(?:al|el|ad|as|an|ash|at|az)-)?$/i.test(
              text.slice(after, x.start),
            ),
        );
        // "Iran-aligned factions": a state named as a sponsor is not the accused; the proxies are.
        const sponsored = named && SPONSORED.test(text.slice(named.end, named.end + 40));
        // "Ukrainian special services": a state's organ named by a phrase is that organ.
        const organ =
          named &&
          !sponsored &&
          /^\s+(?:special|security|intelligence|secret)\s+(?:services?|agenc(?:y|ies))\b/i.exec(
            text.slice(named.end, named.end + 60),
          );
        const phrase =
          named && !sponsored && !organ
            ? null
            : accusedPhrase(text, named && (sponsored || organ) ? named.start : after, patterns, passive);
        if (!named && !phrase) continue;
        // "accused the general of involvement in the use of chemical agents": another act.
        const end = named && !phrase ? named.end : phrase ? phrase.start + phrase.name.length : after;
        const complement = /^\s*of\s+([^.;]{0,80})/i.exec(text.slice(end, view.end));
        // "accused the regime of corruption" is about another matter.
        if (
          /^accus/i.test(m[0]) &&
          complement &&
          (!patterns.actWords.test(complement[1]!) ||
            (/\binvolvement in\b/i.test(complement[1]!) &&
              !/\binvolvement in\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?(?:attack|bombing|strike|killing|assassination|plot|coup|operation|explosion|blast|incident|murder|shooting|stabbing|crime|act)\b/i.test(
                complement[1]!,
              )))
        )
          continue;
        const claimant = passive ? reporter(at) : claimantAt(at);
        if (named && !sponsored && !organ) {
          accuseEach(claimant, named, 0.8);
          // "pointed the finger at Santos and "the ultra-right wing"": a party listed after the actors.
          const inList = listed(named).filter((x) => x.start >= named.start);
          const last = inList[inList.length - 1] ?? named;
          const and = /^\s*,?\s*(?:and|as well as)\s+/i.exec(text.slice(last.end, view.end));
          if (
            and &&
            !view.mentions.some((x) => x.start >= last.end && x.start <= last.end + and[0].length + 4)
          ) {
            const next = accusedPhrase(text, last.end + and[0].length, patterns);
            if (next && !/^\p{Ll}+$/u.test(next.name)) push(claimant, phraseActor(next), 0.65);
          }
        } else if (phrase) {
          const accused = organ
            ? { ...newActor(phrase.name, "government_body"), country: ref(named!).country }
            : phraseActor(phrase);
          push(claimant, accused, 0.7);
          // "Ukrainian special services and citizens of Russia": each party listed.
          const more =
            /^\s*(?:,|and|as well as)\s+((?:[\p{L}'’-]+\s+){0,5}?[\p{L}'’-]+)(?=[,.;]|\s+(?:took|were|was|had|have|are|is|for|in)\b)/iu.exec(
              text.slice(phrase.start + phrase.name.length, view.end),
            );
          if (more && !named) {
            const next = accusedPhrase(
              text,
              phrase.start + phrase.name.length + more.index + more[0].indexOf(more[1]!),
              patterns,
              true,
            );
            if (next) push(claimant, phraseActor(next), 0.65);
          }
        }
      }
    };
    scanBefore(patterns.before, false);
    scanBefore(patterns.passive, true);

    // Cues the accused precedes: "X was behind the attack", "X carried out the strike".
    patterns.after.lastIndex = 0;
    for (let m = patterns.after.exec(view.text); m !== null; m = patterns.after.exec(view.text)) {
      const at = view.start + m.index;
      // "Trump-incited violence" is a modifier, read with the acts named with their perpetrator.
      if (text[at - 1] === "-") continue;
      const subject = subjectOf(at);
      // "denied Tehran was involved": a denial before the subject governs its clause too.
      if (subject && patterns.negation.test(local(clauseStart(subject.start), subject.start))) continue;
      // "dismissed suggestions that X was behind it": the content clause of a denial.
      const opener = local(view.start, subject ? subject.start : at);
      if (
        /\b(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|ruled out)\b(?:\s+[\w-]+){0,3}\s+that\s+(?:\S+\s+){0,6}$/i.test(
          opener,
        )
      )
        continue;
      if (ruledOut(subject ? Math.max(subject.end, clauseStart(at)) : clauseStart(at), at)) continue;
      const speaker = reporter(at);
      const claimant =
        speaker !== "author" && subject && key(speaker) === key(ref(subject)) ? "author" : speaker;
      if (subject) {
        const organ = /^\s+(?:special|security|intelligence|secret)\s+(?:services?|agenc(?:y|ies))\b/i.exec(
          text.slice(subject.end, subject.end + 60),
        );
        if (organ && subject.actor.kind === "state") {
          const phrase = accusedPhrase(text, subject.start, patterns, true);
          if (phrase) {
            push(
              claimant,
              { ...newActor(phrase.name, "government_body"), country: subject.actor.country },
              0.7,
            );
            continue;
          }
        }
        // The speaker naming itself as the perpetrator is a claim of responsibility.
        if (speaker !== "author" && key(speaker) === key(ref(subject))) push(speaker, speaker, 0.75, true);
        else for (const each of listed(subject)) if (!input.isTarget(each)) push(claimant, ref(each), 0.75);
        continue;
      }
      for (const phrase of phrasesBefore(at)) push(claimant, phraseActor(phrase), 0.65);
    }

    // Acts named with their perpetrator: "the Houthi attack", "the US drone strike", "Iran's
    // retaliation", "the US killing of X", "the Wagner mutiny", "Trump-incited violence".
    for (const x of view.mentions) {
      // A proper name or demonym ("Houthi", "US", "Iran's"); "a military operation" names no one.
      if (x.via === "pronoun" || input.isTarget(x) || !/^(?:the\s+)?\p{Lu}/u.test(x.surface)) continue;
      const tail = text.slice(x.end, Math.min(view.end, x.end + 60));
      if (SPONSORED.test(tail)) continue;
      const kind = x.actor.kind;
      if (patterns.siteModifier.test(tail)) continue;
      const act =
        patterns.instigatedBy.test(tail) ||
        patterns.actAfterModifier.test(tail) ||
        patterns.victimAfterModifier.test(tail) ||
        (kind !== "state" && patterns.groupActAfterModifier.test(tail));
      if (!act) continue;
      // A person's name before an act is its victim ("the Nemtsov killing"), unless possessive.
      if (kind === "person" && !/^['’]s\b/.test(tail) && !patterns.instigatedBy.test(tail)) continue;
      // "an attack on the Houthi positions": the actor is the object of a preposition.
      const lead = local(view.start, x.start);
      if (/\b(?:on|against|at|targeting|toward|towards)\s+(?:the\s+|a\s+|an\s+)?$/i.test(lead)) continue;
      if (ruledOut(clauseStart(x.start), x.start)) continue;
      if (/\b(?:no|any|deny|denied|denies)\s+(?:the\s+)?$/i.test(lead)) continue;
      const claimant = claimantOfNominal(x.start);
      if (claimant !== "author" && key(claimant) === key(ref(x))) push(claimant, claimant, 0.7, true);
      else push(claimant, ref(x), 0.7);
    }

    // A demonym the resolver left alone: "the Iranian missile attack", "the Russian invasion".
    const demonym = /\b(\p{Lu}[\p{Ll}]+)(?=\s)/gu;
    for (let m = demonym.exec(view.text); m !== null; m = demonym.exec(view.text)) {
      const at = view.start + m.index;
      const end = at + m[1]!.length;
      if (
        view.mentions.some((x) => x.start <= at && end <= x.end) ||
        (m.index === 0 && /^(?:The|A|An)$/.test(m[1]!))
      )
        continue;
      const tail = text.slice(end, Math.min(view.end, end + 60));
      if (!patterns.actAfterModifier.test(tail) && !patterns.victimAfterModifier.test(tail)) continue;
      if (patterns.siteModifier.test(tail)) continue;
      const state = input.resolveName?.(m[1]!);
      if (state?.kind !== "state") continue;
      const lead = local(view.start, at);
      if (/\b(?:no|any|deny|denied|denies)\s+(?:the\s+)?$/i.test(lead) || ruledOut(clauseStart(at), at))
        continue;
      const claimant = claimantOfNominal(at);
      if (claimant !== "author" && key(claimant) === key(state)) push(claimant, claimant, 0.65, true);
      else push(claimant, state, 0.65);
    }

    // "Russia's responsibility", "Iran's involvement in the attack" (not "denied Iran's involvement").
    const nominal =
      /['’]s\s+(?:direct\s+|alleged\s+|clear\s+)?(?:responsibility|involvement|complicity|culpability|guilt)\b/gi;
    for (let m = nominal.exec(view.text); m !== null; m = nominal.exec(view.text)) {
      const at = view.start + m.index;
      const owner = [...view.mentions].reverse().find((x) => x.end === at && x.via !== "pronoun");
      if (!owner || input.isTarget(owner)) continue;
      const lead = local(at - 60, owner.start);
      if (patterns.negation.test(lead.split(/[,;]/).pop() ?? "") || ruledOut(owner.start, owner.start))
        continue;
      // "Russia's failure underlines Russia's responsibility": not Russia's own claim.
      let claimant = claimantAt(owner.start);
      if (claimant !== "author" && key(claimant) === key(ref(owner))) claimant = reporter(owner.start);
      if (claimant !== "author" && key(claimant) === key(ref(owner))) claimant = "author";
      push(claimant, ref(owner), 0.7);
    }

    /** The claimant of an act named with its perpetrator: whoever condemns or describes it in
     * the sentence, else the author. */
    function claimantOfNominal(at: number): Claimant {
      if (insideQuote(quotes, at)) {
        const frame = speech.speakers(view)[0];
        if (frame) return ref(frame.mention);
      }
      const subject = speech.subjectBefore(view, at, input.isTarget);
      if (!subject) return "author";
      const between = local(subject.end, at);
      return /\b(?:condemn\w*|denounc\w*|describ\w*|protest\w*|call\w*|term\w*|blam\w*|accus\w*)\b/i.test(
        between,
      )
        ? ref(subject)
        : "author";
    }
  };
  // The headline is read last, for claims the report's sentences do not already make about the
  // same party ("Ukraine claims responsibility" over the text's "Ukraine's Security Service has
  // taken credit"); other headings (sections, bylines, labels) make no claims.
  const firstText = views.findIndex((v) => !v.heading);
  const headline = views.find((v, i) => v.heading && (firstText < 0 || i < firstText));
  for (const view of views) if (!view.heading) readView(view);
  if (headline) {
    const known = out.length;
    readView(headline);
    const sameParty = (a: ActorRef, b: ActorRef) =>
      key(a) === key(b) ||
      (!!a.country && a.country === b.country && (a.kind === "state" || b.kind === "state"));
    const fresh = out.splice(known).filter((h) => !out.some((a) => sameParty(a.accused, h.accused)));
    out.push(...fresh);
  }
  return out;
}

/** Who claims responsibility in a claim: the claimant accusing itself, or the state whose own
 * agency a spokesperson names ("the president announced that the CIA carried out the strike"). */
function claimerOf(a: Attribution, state: StateVoice): ActorRef | null {
  if (a.claimant === "author") return null;
  if (key(a.claimant) === key(a.accused)) return a.claimant;
  const country = a.accused.country;
  // Only someone who speaks for the state: a militia leader naming his country's intelligence
  // service accuses it.
  if (a.accused.kind === "government_body" && country && state.speaksFor(a.claimant, country))
    return state.of(country) ?? null;
  // "Foreign minister X said Iran had concluded proportionate measures": an office-holder naming
  // his own state as the doer claims the act for it.
  if (
    a.accused.kind === "state" &&
    a.claimant.kind === "person" &&
    country &&
    state.speaksFor(a.claimant, country)
  )
    return a.claimant;
  return null;
}

/** The states of the knowledge base, and whether an actor speaks for one (the state itself, one
 * of its bodies, or a person holding one of its offices). */
export interface StateVoice {
  of: (iso3: string) => ActorRef | undefined;
  speaksFor: (actor: ActorRef, iso3: string) => boolean;
}

/** The annotation convention: a claim of responsibility is also the claimant's reaction,
 * `claim_responsibility`. The reaction stage reads the stance from cues and may credit it to the
 * wrong actor of the sentence ("X blamed Y as a little-known group claimed responsibility");
 * the claim's own reading of who claims wins there, and a claim the cues missed is added. */
export function withResponsibilityClaims(
  reactions: readonly Reaction[],
  attributions: readonly Attribution[],
  state: StateVoice,
): Reaction[] {
  const out = reactions.map((r) => ({ ...r }));
  for (const a of attributions) {
    const claimer = claimerOf(a, state);
    if (!claimer) continue;
    const claims = out.filter((r) => r.stance === "claim_responsibility");
    if (claims.some((r) => key(r.actor) === key(claimer))) continue;
    const misread = claims.find((r) => r.offset[0] === a.offset[0]);
    // The claimant's stance-less `other` in the sentence of the claim was this claim.
    const bare = out.findIndex(
      (r) => r.stance === "other" && r.offset[0] === a.offset[0] && key(r.actor) === key(claimer),
    );
    if (bare >= 0 && !misread) out.splice(bare, 1);
    if (misread) misread.actor = claimer;
    else
      out.push({
        actor: claimer,
        stance: "claim_responsibility",
        event_id: a.event_id,
        sentence: a.sentence,
        offset: a.offset,
        confidence: a.confidence,
      });
  }
  return out;
}
