import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { Issue } from '../../core/errors.ts';

export interface ParsedFile {
  file: string;
  data: unknown;
  /** Line (1-based) of the node at a path like `questions[3].text.en`, or of its nearest parent. */
  lineOf(path: string): number | undefined;
}

function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function locate(doc: Document, counter: LineCounter, path: string): number | undefined {
  const parts = splitPath(path);
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Reads a YAML or JSON file (JSON is YAML) keeping positions, so messages can name the line.
 * A file that cannot be read or parsed gives issues instead of throwing.
 */
export function readYamlFile(file: string, displayName = file): { parsed?: ParsedFile; issues: Issue[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { issues: [{ code: 'ERR_PATH_NOT_FOUND', file: displayName, path: '', message: code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, expected a file' : `cannot be read (${code ?? 'unknown error'})` }] };
  }
  return parseYamlText(text, displayName);
}

export function parseYamlText(text: string, displayName: string): { parsed?: ParsedFile; issues: Issue[] } {
  const counter = new LineCounter();
  // uniqueKeys and a cap on aliases keep hostile files (billion laughs, duplicate keys) from doing harm.
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Only the first parse error is real; the rest cascade from it and would bury it.
    const first = doc.errors[0]!;
    const more = doc.errors.length - 1;
    return {
      issues: [{
        code: 'ERR_YAML' as const,
        file: `${displayName}:${counter.linePos(first.pos[0]).line}`,
        path: '',
        message: `not valid YAML: ${first.message.split('\n')[0]}${more ? ` (fix this first; ${more} more parse error${more > 1 ? 's' : ''} may follow from it)` : ''}`,
      }],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { issues: [{ code: 'ERR_YAML', file: displayName, path: '', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  return { issues: [], parsed: { file: displayName, data, lineOf: (path) => locate(doc, counter, path) } };
}

/** Adds the line to each issue's file name: `questionnaires/x/1.0.0.yaml:42`. */
export function withLines(issues: Issue[], parsed: ParsedFile): Issue[] {
  return issues.map((i) => {
    if (i.file !== parsed.file) return i;
    const line = parsed.lineOf(i.path);
    return line ? { ...i, file: `${parsed.file}:${line}` } : i;
  });
}
