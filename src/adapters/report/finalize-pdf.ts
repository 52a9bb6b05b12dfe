import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, ParseSpeeds, StandardFonts, rgb } from 'pdf-lib';
import { decodeText, IncrementalUpdate, PdfName, PdfRaw, PdfReader, PdfRef, textString, UnsupportedPdfError, type PdfDict, type PdfValue } from './pdf-objects.ts';

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
/** The contents sit near the front: only the first pages are searched for their links. */
const TOC_SEARCH_PAGES = 6;
const INK = [0.114, 0.161, 0.224] as const;
/** Helvetica's digits are all 556/1000 em wide, so a number's width needs no font metrics. */
const HELVETICA_DIGIT = 0.556;

interface TocNumber { x: number; y: number; size: number; text: string }

const numberSize = (rectHeight: number) => Math.min(10, Math.max(7, rectHeight * 0.62));
const place = (rect: number[], text: string): TocNumber => {
  const [x1, y1, x2, y2] = rect as [number, number, number, number];
  const size = numberSize(y2 - y1);
  return { x: x2 - text.length * HELVETICA_DIGIT * size, y: y1 + (y2 - y1 - size * 0.72) / 2, size, text };
};

/**
 * The printed PDF -> the delivered one: metadata Chromium does not set (author, subject, keywords,
 * language, creator) and the page numbers of the table of contents, taken from the printed PDF
 * itself: Chromium turns each `<a href="#sec-…">` into a link annotation whose named destination
 * points at the page where that section landed, so the numbers are right by construction after a
 * single print. They are drawn right-aligned at the end of each link, in the slot the template
 * reserves (.toc-num), in the standard Helvetica.
 *
 * Written as an incremental update (the printed bytes stay as they are, a few objects are appended);
 * a PDF this reader does not understand goes through pdf-lib instead, which is slower but general.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; tocEntries: number; method: 'incremental' | 'pdf-lib' }> {
  try {
    return { ...appendUpdate(bytes, meta), method: 'incremental' };
  } catch (e) {
    if (!(e instanceof UnsupportedPdfError)) throw e;
    return { ...(await rewriteWithPdfLib(bytes, meta)), method: 'pdf-lib' };
  }
}

function appendUpdate(bytes: Uint8Array, meta: PdfMetadata): { pdf: Uint8Array; tocEntries: number } {
  const reader = new PdfReader(bytes);
  const update = new IncrementalUpdate(reader);
  const rootRef = reader.trailer.get('Root');
  if (!(rootRef instanceof PdfRef)) throw new UnsupportedPdfError('the trailer has no /Root reference');
  const catalog = reader.dict(rootRef);
  if (!catalog) throw new UnsupportedPdfError('no catalog');

  // Contents page numbers.
  const pages = reader.pages();
  const pageIndex = new Map(pages.map((p, i) => [p.num, i]));
  const dests = reader.dict(catalog.get('Dests'));
  const targetPage = (name: string): number | undefined => {
    const raw = dests?.get(name);
    const dest = reader.array(raw) ?? reader.array(reader.dict(raw)?.get('D'));
    const page = dest?.[0];
    return page instanceof PdfRef ? pageIndex.get(page.num) : undefined;
  };
  let tocEntries = 0;
  let font: PdfRef | undefined;
  for (const pageRef of pages.slice(0, TOC_SEARCH_PAGES)) {
    const page = reader.dict(pageRef)!;
    const numbers: TocNumber[] = [];
    for (const a of reader.array(page.get('Annots')) ?? []) {
      const annot = reader.dict(a);
      const subtype = annot?.get('Subtype');
      if (!annot || !(subtype instanceof PdfName) || subtype.name !== 'Link') continue;
      const name = decodeText(reader.resolve(annot.get('Dest')));
      if (!name?.startsWith(TOC_TARGET_PREFIX)) continue;
      const target = targetPage(name);
      const rect = reader.array(annot.get('Rect'))?.map((v) => (v instanceof PdfRaw ? Number(v.text) : Number.NaN));
      if (target === undefined || !rect || rect.length !== 4 || rect.some(Number.isNaN)) continue;
      numbers.push(place(rect, String(target + 1)));
    }
    if (numbers.length === 0) {
      if (tocEntries > 0) break;
      continue;
    }
    tocEntries += numbers.length;
    if (!font) {
      font = update.allocate();
      update.put(font, new Map<string, PdfValue>([['Type', new PdfName('Font')], ['Subtype', new PdfName('Type1')], ['BaseFont', new PdfName('Helvetica')], ['Encoding', new PdfName('WinAnsiEncoding')]]));
    }
    // The page's own content is wrapped in q … Q so whatever state it leaves cannot move our numbers.
    const open = update.allocate();
    update.put(open, { stream: 'q' });
    const close = update.allocate();
    const ops = numbers.map((n) => `BT /CrmTocNum ${n.size.toFixed(2)} Tf ${n.x.toFixed(2)} ${n.y.toFixed(2)} Td (${n.text}) Tj ET`);
    update.put(close, { stream: `Q\nq ${INK.join(' ')} rg\n${ops.join('\n')}\nQ` });
    const contents = page.get('Contents');
    const original = contents instanceof PdfRef ? [contents] : Array.isArray(contents) ? contents : [];
    const resources: PdfDict = new Map(reader.dict(page.get('Resources')) ?? []);
    const fonts: PdfDict = new Map(reader.dict(resources.get('Font')) ?? []);
    fonts.set('CrmTocNum', font);
    resources.set('Font', fonts);
    const updated: PdfDict = new Map(page);
    updated.set('Contents', [open, ...original, close]);
    updated.set('Resources', resources);
    update.put(pageRef, updated);
  }

  // Catalog: the document's language (and keep the title shown in the window bar).
  const newCatalog: PdfDict = new Map(catalog);
  newCatalog.set('Lang', textString(meta.lang));
  update.put(rootRef, newCatalog);

  // Document information: keep Chromium's dates and producer, set the rest.
  const infoRef = reader.trailer.get('Info');
  const info: PdfDict = new Map(infoRef ? reader.dict(infoRef) ?? [] : []);
  info.set('Title', textString(meta.title));
  info.set('Author', textString(meta.author));
  info.set('Subject', textString(meta.subject));
  info.set('Keywords', textString(meta.keywords.join(' ')));
  info.set('Creator', textString(meta.creator));
  const newInfo = infoRef instanceof PdfRef ? infoRef : update.allocate();
  update.put(newInfo, info);

  const trailer: PdfDict = new Map([...reader.trailer].filter(([k]) => k !== 'Prev' && k !== 'XRefStm'));
  trailer.set('Info', newInfo);
  return { pdf: update.finish(trailer), tocEntries };
}

/** The general path: a full parse and save with pdf-lib (for PDFs with cross-reference streams and the like). */
export async function rewriteWithPdfLib(bytes: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; tocEntries: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setLanguage(meta.lang);
  const pages = doc.getPages();
  const pageIndex = new Map<string, number>(pages.map((p, i) => [p.ref.toString(), i]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const nameOf = (v: unknown) => (v instanceof PDFName || v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let tocEntries = 0;
  for (const page of pages.slice(0, TOC_SEARCH_PAGES)) {
    const annots = page.node.Annots();
    let here = 0;
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict);
      if (!annot || annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const name = nameOf(annot.lookup(PDFName.of('Dest')));
      if (!name?.startsWith(TOC_TARGET_PREFIX) || !dests) continue;
      const dest = dests.lookupMaybe(PDFName.of(name), PDFArray) ?? dests.lookupMaybe(PDFName.of(name), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
      const ref = dest?.get(0);
      const target = ref instanceof PDFRef ? pageIndex.get(ref.toString()) : undefined;
      const r = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asRectangle();
      if (target === undefined || !r) continue;
      const n = place([r.x, r.y, r.x + r.width, r.y + r.height], String(target + 1));
      page.drawText(n.text, { x: n.x, y: n.y, size: n.size, font, color: rgb(...INK) });
      here++;
    }
    tocEntries += here;
    if (tocEntries > 0 && here === 0) break;
  }
  const pdf = await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
  return { pdf, tocEntries };
}
