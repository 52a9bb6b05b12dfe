/**
 * A Content-Disposition value for a download named after a client. The ASCII fallback keeps
 * letters, digits and dashes only; the UTF-8 name (RFC 6266/5987) is percent-encoded, so quotes,
 * CR/LF and path separators in a client name can neither break the header nor choose a folder.
 */
export function contentDisposition(base: string, extension: string): string {
  // Cut by code points: halving a surrogate pair would leave a name encodeURIComponent throws on.
  const cleaned = Array.from(base.normalize('NFC').replace(UNSAFE, ' ').replace(/\.{2,}/g, '.').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, ''))
    .slice(0, 120).join('').trim() || 'crm-readiness';
  const ascii = cleaned.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'crm-readiness';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeRfc5987(`${cleaned}.${extension}`)}`;
}

// Controls, lone surrogates, bidi controls and invisible marks ("Invoice\u202Egpj.exe" would show as
// "Invoiceexe.jpg"), and what file systems refuse. Leading dots would make a hidden file.
const UNSAFE = /[\p{Cc}\p{Cs}\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"\\/:*?<>|]+/gu;

/** encodeURIComponent leaves ' ( ) unescaped, which an RFC 5987 ext-value does not allow. */
const encodeRfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
