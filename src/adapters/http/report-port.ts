import type { ReportRequest } from '../report/report-service.ts';

/**
 * What the app needs from the report renderer. The request type is the renderer's own (a type-only
 * import, erased at run time), so the HTTP layer can be tested with or without a browser behind it.
 */
export type { ReportRequest };
export interface ReportRenderer {
  renderPdf(req: ReportRequest): Promise<Buffer>;
  close(): Promise<void>;
}

/** The renderer's "queue full" error, recognised by shape so this module does not import the renderer. */
export function isQueueFull(e: unknown): e is Error & { retryAfterSeconds: number } {
  return e instanceof Error && (e.name === 'ReportQueueFullError' || e.constructor.name === 'ReportQueueFullError') && typeof (e as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number';
}
