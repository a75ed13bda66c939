// A depth limit for HTML, applied to the markup before it is parsed. Readability scores every
// <div> by the text of its whole subtree and the DOM library walks trees recursively, so markup
// nested thousands of levels deep (a hostile or broken page) costs time quadratic in its depth
// and then overflows the stack (issue 14). Real article pages nest a few dozen levels; beyond
// MAX_HTML_DEPTH the tags are dropped and their text kept, which leaves every page of ordinary
// depth byte for byte as it was.

/** Deepest element nesting kept; deeper tags are removed (their text stays). */
export const MAX_HTML_DEPTH = 128;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is raw text up to their own closing tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]);
/** Elements a browser closes when the same element opens again at once ("<p>a<p>b", "<li>a<li>b"). */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option"]);
/** Block elements that close an open paragraph, as an HTML parser does. */
const CLOSES_P = new Set(
  (
    "address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 " +
    "h5 h6 header hr main menu nav ol p pre section table ul li"
  ).split(" "),
);

interface Open {
  name: string;
  dropped: boolean;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;

/**
 * The markup with elements nested deeper than `maxDepth` unwrapped: their tags become a space,
 * their text is kept. One linear pass (a hand-written scan: no regular expression that could
 * backtrack over a tag that never closes) that tracks the open elements as an HTML parser would
 * (void elements, raw-text elements, implied ends of p and li); markup that never nests that
 * deep is returned unchanged.
 */
export function limitHtmlDepth(html: string, maxDepth = MAX_HTML_DEPTH): string {
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  const push = (name: string, dropped: boolean) => {
    stack.push({ name, dropped });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const top = stack.pop()!;
    openCount.set(top.name, (openCount.get(top.name) ?? 1) - 1);
    return top;
  };
  const parts: string[] = [];
  let copied = 0;
  let deep = false;
  // Dropped tags become one space (so that words either side stay apart); a run of them with
  // only whitespace between becomes a single space, or the text of the deep elements would be
  // mostly blanks that every later stage reads again.
  let lastDropEnd = -1;
  const drop = (from: number, to: number) => {
    const between = html.slice(copied, from);
    if (copied !== lastDropEnd || /\S/.test(between)) parts.push(between, " ");
    copied = to;
    lastDropEnd = to;
  };
  let gt = -1;
  for (let at = html.indexOf("<"); at >= 0 && at < html.length; at = html.indexOf("<", at)) {
    if (html.startsWith("<!--", at)) {
      const close = html.indexOf("-->", at + 4);
      if (close < 0) break;
      at = close + 3;
      continue;
    }
    const closing = html.charCodeAt(at + 1) === 47;
    let nameEnd = at + (closing ? 2 : 1);
    if (!isLetter(html.charCodeAt(nameEnd))) {
      at++;
      continue;
    }
    while (isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    if (gt < nameEnd) gt = html.indexOf(">", nameEnd);
    if (gt < 0) break; // no tag can end: the rest is text
    const name = html.slice(at + (closing ? 2 : 1), nameEnd).toLowerCase();
    const end = gt + 1;
    const tagStart = at;
    at = end;
    if (closing) {
      // A closing tag closes its element and any left open inside it; a stray one is ignored.
      if (!openCount.get(name)) continue;
      let closed: Open;
      do closed = pop();
      while (closed.name !== name);
      if (closed.dropped) drop(tagStart, end);
      continue;
    }
    if (VOID.has(name) || html.charCodeAt(gt - 1) === 47) {
      if (stack.length >= maxDepth) drop(tagStart, end);
      continue;
    }
    const top = stack.at(-1)?.name;
    if (top === "p" && CLOSES_P.has(name)) pop();
    else if (top === name && SELF_CLOSING_SIBLINGS.has(name)) pop();
    const dropped = stack.length >= maxDepth;
    if (dropped) {
      deep = true;
      drop(tagStart, end);
    }
    push(name, dropped);
    if (RAW_TEXT.has(name)) {
      let close = html.indexOf("</", end);
      while (close >= 0 && html.slice(close + 2, close + 2 + name.length).toLowerCase() !== name)
        close = html.indexOf("</", close + 2);
      if (close < 0) break;
      at = close;
    }
  }
  if (!deep) return html;
  parts.push(html.slice(copied));
  return parts.join("");
}
