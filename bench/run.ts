import { printTable } from './measure.ts';
import { benchScoring } from './score-bench.ts';

/**
 * `npm run bench`: every figure beside a baseline measured in the same run, so ratios hold on a
 * noisy machine. BENCH_ONLY=score|report|autosave picks one group.
 */
const only = process.env.BENCH_ONLY;
const groups: Array<[string, () => Promise<Array<{ name: string; value: number; unit: string; baseline?: string }>>]> = [
  ['Scoring', () => benchScoring()],
];
const optional: Array<[string, string, string]> = [
  ['Report rendering', './report-bench.ts', 'benchReport'],
  ['Answer autosave (HTTP)', './autosave-bench.ts', 'benchAutosave'],
];
for (const [title, file, fn] of optional) {
  groups.push([title, async () => ((await import(file)) as Record<string, () => Promise<never>>)[fn]!()]);
}

for (const [title, run] of groups) {
  if (only && !title.toLowerCase().includes(only)) continue;
  try {
    printTable(title, await run());
  } catch (e) {
    console.log(`\n## ${title}\n\nnot measured: ${(e as Error).message.split('\n')[0]}`);
    process.exitCode = 1;
  }
}
