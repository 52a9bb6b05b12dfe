import { quantile, median } from '../src/core/stats.ts';

export interface Figure { name: string; value: number; unit: string; baseline?: string }

/** Runs fn repeatedly (after a warm-up) and returns per-run milliseconds. */
export async function sample(fn: () => unknown, runs: number, warmup = Math.min(20, runs)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export const summarise = (ms: number[]) => ({ median: median(ms), p95: quantile(ms, 0.95) });

/** A small seeded PRNG (mulberry32) so generated assessments are the same in every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function printTable(title: string, figures: Figure[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| measure | value | beside |');
  console.log('| --- | ---: | --- |');
  for (const f of figures) console.log(`| ${f.name} | ${f.value.toFixed(f.unit === 'ms' ? 3 : 2)} ${f.unit} | ${f.baseline ?? ''} |`);
}
