/**
 * A Content-Disposition value for a download named after a client. The ASCII fallback keeps
 * letters, digits and dashes only; the UTF-8 name (RFC 6266/5987) is percent-encoded, so quotes,
 * CR/LF and path separators in a client name can neither break the header nor choose a folder.
 */
export function contentDisposition(base: string, extension: string): string {
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, ' ').replace(/\.{2,}/g, '.').replace(/\s+/g, ' ').trim().slice(0, 120) || 'crm-readiness';
  const ascii = cleaned.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'crm-readiness';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${cleaned}.${extension}`)}`;
}
