/**
 * Just enough of PDF to read what Chromium writes (classic cross-reference table, no object
 * streams) and to append an incremental update: reading a 2 MB report this way takes a few
 * milliseconds, where a full parse and re-save with pdf-lib took 120-270 ms per report. Anything
 * this reader does not expect throws UnsupportedPdfError, and finalize-pdf.ts falls back to pdf-lib.
 */
export class UnsupportedPdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPdfError';
  }
}

export class PdfName { constructor(readonly name: string) {} }
export class PdfRef { constructor(readonly num: number, readonly gen: number) {} }
/** Numbers, strings and keywords kept as their source text, so writing them back changes nothing. */
export class PdfRaw { constructor(readonly text: string) {} }
export type PdfValue = PdfName | PdfRef | PdfRaw | PdfValue[] | PdfDict;
export type PdfDict = Map<string, PdfValue>;

const DELIMITER = /[\s()<>[\]{}/%]/;

export class PdfReader {
  private readonly text: string;
  private readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;
  readonly startxref: number;

  constructor(readonly bytes: Uint8Array) {
    // latin1 maps each byte to one char, so string offsets are byte offsets.
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.text.slice(-64));
    if (!m) throw new UnsupportedPdfError('no startxref at the end of the file');
    this.startxref = Number(m[1]);
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    for (let at: number | undefined = this.startxref; at !== undefined && !seen.has(at);) {
      seen.add(at);
      const section = this.readXrefSection(at);
      trailer ??= section.trailer;
      const prev = section.trailer.get('Prev');
      at = prev instanceof PdfRaw ? Number(prev.text) : undefined;
    }
    this.trailer = trailer!;
  }

  private readXrefSection(at: number): { trailer: PdfDict } {
    let pos = this.skipSpace(at);
    if (!this.text.startsWith('xref', pos)) throw new UnsupportedPdfError('cross-reference streams are not supported');
    pos += 4;
    const header = /\s*(\d+)\s+(\d+)\s*\r?\n/y;
    for (;;) {
      header.lastIndex = pos;
      const h = header.exec(this.text);
      if (!h) break;
      const first = Number(h[1]);
      const count = Number(h[2]);
      pos = header.lastIndex;
      const entry = /(\d{10}) (\d{5}) ([nf])\s*/y;
      for (let i = 0; i < count; i++) {
        entry.lastIndex = pos;
        const e = entry.exec(this.text);
        if (!e) throw new UnsupportedPdfError(`bad cross-reference entry at ${pos}`);
        pos = entry.lastIndex;
        // Newer sections come first in the chain: never overwrite what a later update set.
        if (e[3] === 'n' && !this.offsets.has(first + i)) this.offsets.set(first + i, Number(e[1]));
      }
    }
    pos = this.skipSpace(pos);
    if (!this.text.startsWith('trailer', pos)) throw new UnsupportedPdfError('no trailer after the cross-reference table');
    const [trailer] = this.parseValue(pos + 'trailer'.length);
    if (!(trailer instanceof Map)) throw new UnsupportedPdfError('the trailer is not a dictionary');
    return { trailer };
  }

  get size(): number {
    const size = this.trailer.get('Size');
    if (!(size instanceof PdfRaw)) throw new UnsupportedPdfError('the trailer has no /Size');
    return Number(size.text);
  }

  getObject(ref: PdfRef): PdfValue {
    const at = this.offsets.get(ref.num);
    if (at === undefined) throw new UnsupportedPdfError(`object ${ref.num} is not in the cross-reference table`);
    const head = /\s*(\d+)\s+(\d+)\s+obj/y;
    head.lastIndex = at;
    const m = head.exec(this.text);
    if (!m || Number(m[1]) !== ref.num) throw new UnsupportedPdfError(`object ${ref.num} is not where the cross-reference table says`);
    return this.parseValue(head.lastIndex)[0];
  }

  /** Follows references until a direct value. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops > 32) throw new UnsupportedPdfError('reference loop');
      v = this.getObject(v);
    }
    return v;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const v = this.resolve(value);
    return v instanceof Map ? v : undefined;
  }

  array(value: PdfValue | undefined): PdfValue[] | undefined {
    const v = this.resolve(value);
    return Array.isArray(v) ? v : undefined;
  }

  /** Page references in document order. */
  pages(): PdfRef[] {
    const root = this.dict(this.trailer.get('Root'));
    const out: PdfRef[] = [];
    const walk = (node: PdfValue | undefined, depth: number) => {
      if (depth > 64) throw new UnsupportedPdfError('page tree too deep');
      const d = this.dict(node);
      if (!d) return;
      const type = d.get('Type');
      if (type instanceof PdfName && type.name === 'Page') {
        if (node instanceof PdfRef) out.push(node);
        return;
      }
      for (const kid of this.array(d.get('Kids')) ?? []) walk(kid, depth + 1);
    };
    walk(root?.get('Pages'), 0);
    return out;
  }

  private skipSpace(pos: number): number {
    const t = this.text;
    for (;;) {
      while (pos < t.length && /\s/.test(t[pos]!)) pos++;
      if (t[pos] !== '%') return pos;
      while (pos < t.length && t[pos] !== '\n' && t[pos] !== '\r') pos++;
    }
  }

  private parseValue(start: number): [PdfValue, number] {
    const t = this.text;
    let pos = this.skipSpace(start);
    const c = t[pos];
    if (c === '<' && t[pos + 1] === '<') {
      pos += 2;
      const dict: PdfDict = new Map();
      for (;;) {
        pos = this.skipSpace(pos);
        if (t.startsWith('>>', pos)) return [dict, pos + 2];
        const [key, afterKey] = this.parseValue(pos);
        if (!(key instanceof PdfName)) throw new UnsupportedPdfError(`dictionary key is not a name at ${pos}`);
        const [value, afterValue] = this.parseValue(afterKey);
        dict.set(key.name, value);
        pos = afterValue;
      }
    }
    if (c === '[') {
      pos++;
      const items: PdfValue[] = [];
      for (;;) {
        pos = this.skipSpace(pos);
        if (t[pos] === ']') return [items, pos + 1];
        const [item, after] = this.parseValue(pos);
        items.push(item);
        pos = after;
      }
    }
    if (c === '/') {
      let end = pos + 1;
      while (end < t.length && !DELIMITER.test(t[end]!)) end++;
      return [new PdfName(t.slice(pos + 1, end).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))), end];
    }
    if (c === '(') {
      let depth = 0;
      let end = pos;
      for (; end < t.length; end++) {
        if (t[end] === '\\') { end++; continue; }
        if (t[end] === '(') depth++;
        else if (t[end] === ')' && --depth === 0) break;
      }
      return [new PdfRaw(t.slice(pos, end + 1)), end + 1];
    }
    if (c === '<') {
      const end = t.indexOf('>', pos);
      return [new PdfRaw(t.slice(pos, end + 1)), end + 1];
    }
    const ref = /(\d+)\s+(\d+)\s+R(?![^\s()<>[\]{}/%])/y;
    ref.lastIndex = pos;
    const r = ref.exec(t);
    if (r) return [new PdfRef(Number(r[1]), Number(r[2])), ref.lastIndex];
    let end = pos;
    while (end < t.length && !DELIMITER.test(t[end]!)) end++;
    if (end === pos) throw new UnsupportedPdfError(`unexpected "${t[pos]}" at ${pos}`);
    return [new PdfRaw(t.slice(pos, end)), end];
  }
}

export function writeValue(v: PdfValue): string {
  if (v instanceof PdfName) return `/${v.name.replace(/[^!-~]|[()<>[\]{}/%#]/g, (ch) => `#${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfRaw) return v.text;
  if (Array.isArray(v)) return `[${v.map(writeValue).join(' ')}]`;
  return `<<${[...v].map(([k, x]) => `${writeValue(new PdfName(k))} ${writeValue(x)}`).join('\n')}>>`;
}

/** A PDF text string: plain ASCII as a literal, anything else as UTF-16BE (with a byte-order mark) in hex. */
export function textString(text: string): PdfRaw {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfRaw(`(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`);
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return new PdfRaw(`<${hex}>`);
}

/** Decodes a name or string value (literal or hex, PDFDocEncoding or UTF-16BE) for comparison. */
export function decodeText(v: PdfValue | undefined): string | undefined {
  if (v instanceof PdfName) return v.name;
  if (!(v instanceof PdfRaw)) return undefined;
  let bytes: number[];
  if (v.text.startsWith('<')) {
    const hex = v.text.slice(1, -1).replace(/\s/g, '');
    bytes = Array.from({ length: Math.ceil(hex.length / 2) }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2).padEnd(2, '0'), 16));
  } else if (v.text.startsWith('(')) {
    bytes = [];
    const s = v.text.slice(1, -1);
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== '\\') { bytes.push(s.charCodeAt(i)); continue; }
      const n = s[++i]!;
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (n in simple) bytes.push(simple[n]!);
      else if (/[0-7]/.test(n)) { const oct = /^[0-7]{1,3}/.exec(s.slice(i))![0]; bytes.push(parseInt(oct, 8)); i += oct.length - 1; }
      else if (n !== '\n' && n !== '\r') bytes.push(n.charCodeAt(0));
    }
  } else return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return String.fromCharCode(...bytes);
}

/** Appends new versions of objects (and new objects) as one incremental update. */
export class IncrementalUpdate {
  private readonly parts: string[] = [];
  private readonly entries: Array<{ num: number; offset: number }> = [];
  private next: number;
  private length: number;

  constructor(private readonly reader: PdfReader) {
    this.next = reader.size;
    this.length = reader.bytes.byteLength;
    const last = reader.bytes[reader.bytes.byteLength - 1];
    if (last !== 0x0a && last !== 0x0d) this.push('\n');
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += Buffer.byteLength(s, 'latin1');
  }

  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  put(ref: PdfRef, value: PdfValue | { stream: string }): void {
    this.entries.push({ num: ref.num, offset: this.length });
    const body = value instanceof Map || Array.isArray(value) || value instanceof PdfName || value instanceof PdfRef || value instanceof PdfRaw
      ? writeValue(value)
      : `<</Length ${Buffer.byteLength(value.stream, 'latin1')}>>\nstream\n${value.stream}\nendstream`;
    this.push(`${ref.num} ${ref.gen} obj\n${body}\nendobj\n`);
  }

  finish(trailer: PdfDict): Uint8Array {
    const xrefAt = this.length;
    const lines = ['xref'];
    for (const e of [...this.entries].sort((a, b) => a.num - b.num)) lines.push(`${e.num} 1`, `${String(e.offset).padStart(10, '0')} 00000 n\r`);
    const t: PdfDict = new Map(trailer);
    t.set('Size', new PdfRaw(String(this.next)));
    t.set('Prev', new PdfRaw(String(this.reader.startxref)));
    this.push(`${lines.join('\n')}\ntrailer\n${writeValue(t)}\nstartxref\n${xrefAt}\n%%EOF\n`);
    return Buffer.concat([Buffer.from(this.reader.bytes.buffer, this.reader.bytes.byteOffset, this.reader.bytes.byteLength), Buffer.from(this.parts.join(''), 'latin1')]);
  }
}
