import path from 'node:path';
import { formatIssue } from '../../../core/errors.ts';
import { loadCatalog, PROJECT_ROOT } from '../../catalog/load-catalog.ts';
import type { Io } from '../io.ts';

/** `validate [paths...]`: every questionnaire and rule set, one line per problem, exit 0 only when all is well. */
export function runValidate(paths: string[], io: Io): number {
  const shipped = [path.join(PROJECT_ROOT, 'questionnaires'), path.join(PROJECT_ROOT, 'scoring-rules')];
  const given = paths.map((p) => path.resolve(io.cwd, p));
  // Given files are checked beside the shipped catalog, so a new rule set can refer to shipped questionnaires.
  const catalog = loadCatalog(given.length ? [...given, ...shipped] : shipped, io.cwd);
  const relevant = given.length
    ? catalog.issues.filter((i) => given.some((g) => path.resolve(io.cwd, (i.file ?? '').replace(/:\d+$/, '')).startsWith(g)))
    : catalog.issues;
  for (const issue of relevant) io.out(formatIssue(issue));
  const checked = given.length ? catalog.files.filter((f) => given.some((g) => f.startsWith(g))).length : catalog.files.length;
  if (relevant.length) {
    io.err(`${relevant.length} problem${relevant.length > 1 ? 's' : ''} in ${checked} file${checked > 1 ? 's' : ''}`);
    return 1;
  }
  io.out(`ok: ${checked} file${checked === 1 ? '' : 's'} valid (${catalog.questionnaires.length} questionnaires, ${catalog.ruleSets.length} rule sets)`);
  return 0;
}
