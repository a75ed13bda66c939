// PDF: text through pdf.js (packaged by unpdf, which runs without a canvas or a worker). Lines
// are rebuilt from the text items' positions and paragraphs from the vertical gaps between
// lines, because a PDF has no paragraphs of its own, only glyphs placed on a page.
import { getDocumentProxy } from "unpdf";
import { CrisisdeskError } from "../../domain/index.js";
import type { RawBlock } from "../../text/index.js";
import { looksLikeHeading } from "../../text/index.js";
import type { ParsedDocument } from "../parsed.js";

interface Line {
  y: number;
  height: number;
  text: string;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

function pageLines(items: PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    const height = item.height || Math.abs(item.transform[3] ?? 0) || 10;
    if (!current || Math.abs(current.y - y) > height * 0.5) {
      if (current?.text.trim()) lines.push(current);
      current = { y, height, text: "" };
    }
    current.text += item.str;
    if (item.hasEOL) current.text += " ";
  }
  if (current?.text.trim()) lines.push(current);
  return lines;
}

function linesToBlocks(lines: Line[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  const gaps = lines
    .slice(1)
    .map((l, i) => lines[i]!.y - l.y)
    .filter((g) => g > 0);
  const typical = gaps.length ? gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]! : 12;
  let paragraph: string[] = [];
  const flush = () => {
    if (!paragraph.length) return;
    const text = paragraph.join(" ").replace(/(\w)- (\w)/g, "$1$2");
    blocks.push(
      paragraph.length === 1 && looksLikeHeading(text)
        ? { kind: "heading", level: 2, text }
        : { kind: "paragraph", level: 0, text },
    );
    paragraph = [];
  };
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev && (prev.y - line.y > typical * 1.4 || prev.y - line.y < 0)) flush();
    paragraph.push(line.text.trim());
  });
  flush();
  return blocks;
}

export async function readPdf(bytes: Uint8Array, source: string): Promise<ParsedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 } as never);
  } catch (cause) {
    const name = (cause as { name?: string }).name ?? "";
    if (name === "PasswordException") {
      throw new CrisisdeskError("ENCRYPTED_PDF", "the PDF is encrypted; decrypt it or export its text", {
        where: source,
        cause,
      });
    }
    throw new CrisisdeskError("BAD_PDF", `the PDF cannot be read (${(cause as Error).message ?? name})`, {
      where: source,
      cause,
    });
  }
  try {
    const blocks: RawBlock[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      blocks.push(
        ...linesToBlocks(pageLines((content.items as unknown as PdfTextItem[]).filter((i) => "str" in i))),
      );
    }
    if (blocks.length === 0) {
      throw new CrisisdeskError("EMPTY_INPUT", "the PDF has no text layer (a scan?); run OCR on it first", {
        where: source,
      });
    }
    let title: string | null = null;
    let author: string | null = null;
    let published: string | null = null;
    try {
      const { info } = (await pdf.getMetadata()) as unknown as { info?: Record<string, unknown> };
      title = typeof info?.Title === "string" && info.Title.trim() ? info.Title : null;
      author = typeof info?.Author === "string" && info.Author.trim() ? info.Author : null;
      const created =
        typeof info?.CreationDate === "string" ? /D:(\d{4})(\d{2})(\d{2})/.exec(info.CreationDate) : null;
      published = created ? `${created[1]}-${created[2]}-${created[3]}` : null;
    } catch {
      // Metadata is optional; the text is what matters.
    }
    return { meta: { source, format: "pdf", title, author, published }, blocks };
  } catch (cause) {
    if (cause instanceof CrisisdeskError) throw cause;
    throw new CrisisdeskError("BAD_PDF", `the PDF cannot be read (${(cause as Error).message})`, {
      where: source,
      cause,
    });
  } finally {
    await pdf.destroy();
  }
}
