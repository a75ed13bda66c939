// Quotes: every quoted span with the speaker the text gives: a speech frame in the sentence
// ("...," said X / X said "..."), the subject who utters the words (Modi "strongly condemned"),
// or, for a quotation standing alone, the speaker of the sentence before it.
import type { ActorRef, Document, Quote } from "../domain/index.js";
import { newActorId } from "../domain/index.js";
import type { ContextMention } from "./context.js";
import {
  collectiveSpeaker,
  insideQuote,
  type QuoteSpan,
  type SentenceView,
  type SpeechFinder,
} from "./speech.js";

export interface AttributedQuote extends Quote {
  span: QuoteSpan;
  speakerMention: ContextMention | null;
  sentenceIndex: number;
}

/** A word opening a new clause between a quotation and a frame: the frame is not the quote's. */
const CLAUSE_WORD = /\b(?:while|whereas|but|and|as|although)\b/i;
/** A contrast opens another speaker's clause ('X called it "A", while Y said'). */
const CONTRAST = /\b(?:while|whereas|although)\b/i;
/** A relative clause opening right after a quotation ('"..." that X said set off'). */
const RELATIVE_AFTER = /^[\s,”"’]*(?:that|which|who|whom)\s/i;
/** An inverted frame whose subject is a document, not an actor: '"...," said the statement'. */
const DOCUMENT_FRAME =
  /^[\s,.”"’]*(?:said|says|read|reads|stated|states|added)\s+(?:the|a|an|its|their)\s+(?:\S+\s+)?(?:statement|communiqu[eé]|document|letter|message|post|report|text|video|declaration|leaflet|note)\b/i;
/** A crowd opening a sentence and chanting: "Hundreds of angry protesters in Dhaka, Bangladesh's
 * capital, chanted". Group 1 is its description. */
const CROWD_CHANTS =
  /^\W{0,3}(?:(?:hundreds|thousands|dozens|scores|tens of thousands|crowds) of\s+|(?:the|some|many)\s+)?((?:[\p{Ll}-]+\s+){0,2}(?:protesters|demonstrators|marchers|mourners|crowds?|worshippers|students|supporters|residents|rioters|fans)(?:\s+(?:in|from|outside|at)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)?)\b[^“"]{0,80}?\b(?:chanted|chanting|shouted|shouting|sang|singing|yelled|yelling|cried|crying out|held (?:up )?(?:signs|banners|placards)(?: reading| saying)?|carried (?:signs|banners|placards)(?: reading| saying)?)\s*[:,]?\s*[“"]?$/u;

function crowdBefore(before: string): string | undefined {
  // The sentence's first word is capitalised; the pattern reads it in lower case.
  const m = CROWD_CHANTS.exec(
    before.replace(/^(\W*)(\p{Lu})/u, (_, w: string, c: string) => w + c.toLowerCase()),
  );
  return m ? m[1]!.replace(/\s+/g, " ").trim() : undefined;
}

/** A quoted span of at most this many words with no speaker is a term, not a quotation. */
const MAX_TERM_WORDS = 4;
/** Up to six words between a quotation's end and the frame's verb. */
const CLOSE_AFTER = /^[\s,.;:!?”"’)]*(?:[^\s“"]+\s+){0,6}$/u;

const SAYING =
  /\b(?:said|says|say|saying|told|call(?:ed|s|ing)?|describ(?:e|ed|es|ing)|termed|labell?ed|dubbed|branded|denounc(?:e|ed|es|ing)|condemn(?:ed|s|ing)|urg(?:e|ed|es|ing)|demand(?:ed|s|ing)|vow(?:ed|s|ing)|promis(?:e|ed|es|ing)|pledg(?:e|ed|es|ing)|warn(?:ed|s|ing)|blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|ask(?:ed|s|ing)|express(?:e|ed|es|ing)|voic(?:e|ed|es|ing)|stat(?:e|ed|es|ing)|declar(?:e|ed|es|ing)|insist(?:ed|s|ing)|stress(?:e|ed|es|ing)|add(?:ed|s|ing)|wr(?:ite|ote|ites|iting)|tweet(?:ed|s|ing)|post(?:ed|s|ing))\b/i;

/** A purpose or plan ("has a role to play to promote") and no verb of saying between a subject
 * and a quotation. */
function purposeBetween(gap: string): boolean {
  return (
    /\bto\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those|what|whom|which)\b)\p{Ll}+/u.test(gap) &&
    !SAYING.test(gap)
  );
}

/** A quotation's speaker as the text gives it: a named actor, or unnamed people described by
 * what they speak for ("US officials" speak for the United States, kept as `speaks_for`). */
function speakerOf(
  text: string,
  mention: ContextMention,
  ref: (m: ContextMention) => ActorRef,
): Pick<Quote, "speaker" | "speaks_for"> {
  const own = ref(mention);
  const described = collectiveSpeaker(text, mention);
  if (!described) return { speaker: own };
  return {
    speaker: {
      id: newActorId(described),
      name: described,
      kind: own.kind === "state" ? "government_body" : own.kind,
      country: own.country,
    },
    speaks_for: own,
  };
}

/** The quoted words of a span, without a closing comma or full stop. */
function quotedText(document: Document, q: QuoteSpan): string {
  return document.text.slice(q.start, q.end).replace(/[,.]$/, "").trim();
}

/** A quotation of a sentence with its speaker as the text gives it (or none). */
function quoteRecord(
  view: SentenceView,
  q: QuoteSpan,
  text: string,
  speaker: Pick<Quote, "speaker" | "speaks_for">,
  speakerMention: ContextMention | null,
): AttributedQuote {
  return {
    ...speaker,
    text,
    sentence: view.text,
    offset: [view.start, view.end],
    span: q,
    speakerMention,
    sentenceIndex: view.index,
  };
}

/** The quotations of a headline, each given to the nearest speech frame before it, else after it. */
function headlineQuotes(
  document: Document,
  view: SentenceView,
  spans: readonly QuoteSpan[],
  frames: readonly { mention: ContextMention; verb: number }[],
  ref: (m: ContextMention) => ActorRef,
): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  for (const q of spans) {
    const frame = [...frames].reverse().find((f) => f.verb < q.start) ?? frames.find((f) => f.verb >= q.end);
    const text = quotedText(document, q);
    if (!frame || !text) continue;
    out.push(quoteRecord(view, q, text, speakerOf(document.text, frame.mention, ref), frame.mention));
  }
  return out;
}

export function extractQuotes(
  document: Document,
  views: readonly SentenceView[],
  quotes: readonly QuoteSpan[],
  speech: SpeechFinder,
  ref: (m: ContextMention) => ActorRef,
  /** The actor the heading above a sentence names ("OLIVIER VERAN, GOVERNMENT SPOKESMAN"). */
  headingActor: (view: SentenceView) => ContextMention | undefined = () => undefined,
): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  const viewAt = (pos: number) => views.find((v) => v.start <= pos && pos <= v.end);
  let previousSpeaker: { mention: ContextMention; block: number } | null = null;
  type Quoted = { mention: ContextMention; block: number; index: number };
  let previousQuoted: Quoted | null = null;
  let quotedHere = null as Quoted | null;
  for (const view of views) {
    previousQuoted = quotedHere;
    quotedHere = null;
    const inSentence = quotes.filter((q) => q.start >= view.start && q.start < view.end);
    const frames = speech.speakers(view);
    // A headline quotes only with a frame of its own ("US says it was ‘not aware’"): its scare
    // quotes and section titles have no speaker, and the paragraphs below are not its context.
    if (view.heading) {
      if (frames.length) out.push(...headlineQuotes(document, view, inSentence, frames, ref));
      continue;
    }
    for (const q of inSentence) {
      // The nearest frame: after the quote first ("...," said X), then before it (X said: "...").
      const endView = viewAt(q.end) ?? view;
      const endFrames = endView === view ? frames : speech.speakers(endView);
      const afterFrames = endFrames.filter(
        (f) => f.verb >= q.end && !quotes.some((o) => o.start > q.end && o.start < f.verb),
      );
      // A frame right after the quotation ('...," the ministry said') is its own; one further on
      // ('X said "..." and that generals had told him') yields to a frame before it. A frame
      // closing the sentence's last quotation ('could be "A" by those "B," it suggested') is every
      // earlier quotation's too when no frame stands between.
      const closes = (span: QuoteSpan, f: { verb: number }) => {
        const gap = document.text.slice(span.end, f.verb);
        const closed = /[,.!?;:—–-]$/.test(document.text.slice(span.start, span.end));
        return (
          CLOSE_AFTER.test(gap) && !CLAUSE_WORD.test(gap) && (closed || /^[\s”"’]*[,.!?;:—–-]/.test(gap))
        );
      };
      const closeAfter =
        afterFrames.find((f) => closes(q, f)) ??
        endFrames.find((f) => {
          if (f.verb < q.end || endFrames.some((o) => o !== f && o.verb > q.end && o.verb < f.verb))
            return false;
          const last = [...quotes].reverse().find((o) => o.end <= f.verb && o.start >= q.start);
          return last !== undefined && last !== q && closes(last, f);
        });
      // "The attack was labelled “terrorist” by the Saudi ministry": a passive's agent.
      const passive = /^[”"’]?\s*by\s/i.test(document.text.slice(q.end, q.end + 6))
        ? speech.agentAfter(view, q.end)
        : undefined;
      const beforeFrame = [...frames].reverse().find((f) => f.verb < q.start);
      // The subject before a quotation utters it unless a purpose or plan stands between them with
      // no verb of saying: 'The council has a role to play to promote "stability"' quotes someone.
      const candidate = speech.subjectBefore(view, q.start - 1);
      const subject =
        candidate && !purposeBetween(document.text.slice(candidate.end, q.start)) ? candidate : undefined;
      let speaker: ContextMention | undefined =
        closeAfter?.mention ??
        passive ??
        beforeFrame?.mention ??
        afterFrames.find(
          (f) =>
            !CONTRAST.test(document.text.slice(q.end, f.verb)) &&
            // '"..." that the authorities have said ..., he said': a frame in a relative clause
            // on the quotation's words yields to the frame after it.
            !(
              RELATIVE_AFTER.test(document.text.slice(q.end, f.verb)) &&
              afterFrames.some((o) => o.verb > f.verb)
            ),
        )?.mention ??
        subject;
      // '"...," said the statement': a document speaks whose author the frame does not name, and
      // the quotation is not the previous speaker's.
      const documentSpeaks = DOCUMENT_FRAME.test(document.text.slice(q.end, q.end + 60));
      const standsAlone = q.start - view.start <= 1 && !documentSpeaks;
      // A quotation standing alone continues the speaker before it, in its paragraph or, when it
      // opens a paragraph, in the one just before.
      const opensParagraph = q.start - document.blocks[view.block]!.span[0] <= 1;
      if (
        !speaker &&
        standsAlone &&
        previousSpeaker &&
        (previousSpeaker.block === view.block || (opensParagraph && previousSpeaker.block === view.block - 1))
      ) {
        speaker = previousSpeaker.mention;
      }
      // A quotation right after a sentence whose quotation has a speaker, in the same paragraph and
      // with no speaker of its own, carries on that speaker's words ('"France will never ...,"
      // Macron said. The council has a role to play to promote "stability."').
      if (
        !speaker &&
        !documentSpeaks &&
        previousQuoted?.block === view.block &&
        previousQuoted.index === view.index - 1
      )
        speaker = previousQuoted.mention;
      if (!speaker && standsAlone && opensParagraph) {
        // A quotation opening a paragraph under a heading that names a person is theirs: the
        // "reactions from around the world" layout.
        const heading = headingActor(view);
        if (heading?.actor.kind === "person") speaker = heading;
      }
      if (!speaker) {
        // "It cannot be overstated — political violence is never acceptable," he wrote, in the next sentence.
        const next = views[view.index + 1];
        const nextFrame: { mention: ContextMention; verb: number } | undefined =
          next && next.block === view.block ? speech.speakers(next)[0] : undefined;
        if (nextFrame && nextFrame.verb - next!.start < 30) speaker = nextFrame.mention;
      }
      const text = quotedText(document, q);
      if (!text) continue;
      // "Hundreds of angry marchers in Lahore chanted “Justice now!”": a crowd is the speaker the
      // text gives, under its description (no reactor: an unnamed collective takes no stance).
      const crowd = speaker ? undefined : crowdBefore(document.text.slice(view.start, q.start));
      if (crowd) {
        const speakerRef = { id: newActorId(crowd), name: crowd, kind: "other" as const, country: null };
        out.push(quoteRecord(view, q, text, { speaker: speakerRef }, null));
        continue;
      }
      // A term in quotation marks that no one is given as saying ("often called “Putin's Brain”",
      // "Putin's “spiritual adviser”") is a name or a scare quote, not a quotation.
      if (!speaker && text.split(/\s+/).length <= MAX_TERM_WORDS) continue;
      out.push(
        quoteRecord(
          view,
          q,
          text,
          speaker ? speakerOf(document.text, speaker, ref) : { speaker: null },
          speaker ?? null,
        ),
      );
      if (speaker) {
        previousSpeaker = { mention: speaker, block: view.block };
        quotedHere = { mention: speaker, block: view.block, index: view.index };
      }
    }
    const frame = frames[0];
    if (frame) previousSpeaker = { mention: frame.mention, block: view.block };
    else {
      const subject = speech.subjectBefore(view, view.end);
      if (subject && !insideQuote(quotes, subject.start))
        previousSpeaker = { mention: subject, block: view.block };
    }
  }
  return out;
}
