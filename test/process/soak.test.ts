import { describe, expect, it } from 'vitest';
import { formatReport, OPERATIONS, runSoak } from '../../bench/soak.ts';

// `npm run soak` runs as long as asked; here a short one keeps the suite quick.
// KEYWARD_SOAK_SECONDS=300 npx vitest run test/process/soak.test.ts runs a long one in the suite.
const SECONDS = Number(process.env.KEYWARD_SOAK_SECONDS ?? 10);

describe('soak: mixed traffic against Keyward in its own process', () => {
  it(`sustains ${SECONDS} s of verify, list, create and edit with no error, no memory growth and a clean stop`, { timeout: (SECONDS + 90) * 1000 }, async () => {
    const report = await runSoak({ durationSeconds: SECONDS, warmupSeconds: 5, workers: 8, poolSize: 200, log: () => undefined });
    const summary = formatReport(report);
    expect(report.errors, summary).toBe(0);
    for (const op of OPERATIONS) expect(report.byOperation[op].count, `${op} ran: ${summary}`).toBeGreaterThan(0);
    expect(report.requests, summary).toBeGreaterThan(SECONDS * 20);
    // What the process keeps after a full collection, not V8's lazy saw-tooth (see bench/soak.ts).
    expect(report.rss.growthPercent, summary).toBeLessThan(10);
    expect(report.heapUsed.growthPercent, summary).toBeLessThan(10);
    expect(report.exitCode, summary).toBe(0);
  });
});
