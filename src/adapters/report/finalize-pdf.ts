import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, ParseSpeeds, StandardFonts, rgb } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  lang: string;
  creator: string;
}

/** Links whose target starts with this are table-of-contents entries that get a page number. */
export const TOC_TARGET_PREFIX = 'sec-';

function nameOf(value: unknown): string | undefined {
  if (value instanceof PDFName) return value.decodeText();
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/**
 * Page numbers for the table of contents, from the printed PDF itself: Chromium turns each
 * `<a href="#sec-…">` into a link annotation whose named destination points at the page where the
 * section landed. So the numbers are right by construction, after a single print; they are drawn
 * right-aligned at the end of each link, in the slot the template reserves (.toc-num).
 */
async function numberTableOfContents(doc: PDFDocument): Promise<number> {
  const pages = doc.getPages();
  const pageIndex = new Map<string, number>(pages.map((p, i) => [p.ref.toString(), i]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return 0;
  const targetPage = (name: string): number | undefined => {
    const dest = dests.lookupMaybe(PDFName.of(name), PDFArray) ?? dests.lookupMaybe(PDFName.of(name), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
    const ref = dest?.get(0);
    return ref instanceof PDFRef ? pageIndex.get(ref.toString()) : undefined;
  };
  let font: Awaited<ReturnType<PDFDocument['embedFont']>> | undefined;
  let numbered = 0;
  // The contents sit near the front; stop at the first page without entries once some were found.
  for (const page of pages.slice(0, 6)) {
    const annots = page.node.Annots();
    let onThisPage = 0;
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict);
      if (!annot || annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const name = nameOf(annot.lookup(PDFName.of('Dest')));
      if (!name?.startsWith(TOC_TARGET_PREFIX)) continue;
      const target = targetPage(name);
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asRectangle();
      if (target === undefined || !rect) continue;
      font ??= await doc.embedFont(StandardFonts.Helvetica);
      const text = String(target + 1);
      const size = Math.min(10, Math.max(7, rect.height * 0.62));
      const width = font.widthOfTextAtSize(text, size);
      page.drawText(text, { x: rect.x + rect.width - width, y: rect.y + (rect.height - size * 0.72) / 2, size, font, color: rgb(0.114, 0.161, 0.224) });
      onThisPage++;
    }
    numbered += onThisPage;
    if (numbered > 0 && onThisPage === 0) break;
  }
  return numbered;
}

/**
 * The printed PDF -> the delivered one: metadata Chromium does not set (author, subject, keywords,
 * language, creator) and the table of contents' page numbers. One parse and one save with pdf-lib.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; tocEntries: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setLanguage(meta.lang);
  const tocEntries = await numberTableOfContents(doc);
  const pdf = await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
  return { pdf, tocEntries };
}
