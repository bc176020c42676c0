/**
 * "How many nodes do I need?": per-request costs the benchmark measured, turned into a sizing
 * for 10k, 100k and 1M verifications a second. The costs are measured; everything in the
 * sizing table is derived from them with the assumptions printed beside it.
 */
export type MeasuredCosts = {
  /** Server CPU per verification answered from the key cache. */
  hitCpuMicros: number;
  /** Server CPU per verification of a token never seen (a database look-up each). */
  missCpuMicros: number;
  /** Server CPU per verification that applies two named limits. */
  limitedCpuMicros: number;
  /** Database statements per cached verification (the written-behind counts, shared out). */
  statementsPerHit: number;
  /** Database statements per limited verification. */
  statementsPerLimited: number;
  /** Redis commands per limited verification (undefined when the run had no Redis). */
  redisPerLimited: number | undefined;
  /** Server CPU and database statements per key creation through the API. */
  creationCpuMicros: number;
  statementsPerCreation: number;
  /** Memory per key held in the verification cache. */
  bytesPerCachedKey: number | undefined;
};

// Assumptions of the sizing, printed with it.
const CORES_PER_NODE = 4;
const TARGET_UTILISATION = 0.6;
const WORKING_SET = 1_000_000;

const rates = [10_000, 100_000, 1_000_000];
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(n >= 10 ? 1 : 2));

/** The measured costs as a table, then the derived sizing, in Markdown. */
export function capacityReport(costs: MeasuredCosts): string {
  const lines: string[] = [];
  lines.push('| measured here | value |', '|---|---:|');
  lines.push(`| server CPU per verification, cache hit | ${fmt(costs.hitCpuMicros)} µs |`);
  lines.push(`| server CPU per verification, cache miss (an unknown token, one look-up) | ${fmt(costs.missCpuMicros)} µs |`);
  lines.push(`| server CPU per verification with two named limits | ${fmt(costs.limitedCpuMicros)} µs |`);
  lines.push(`| database statements per verification, cache hit (written-behind counts) | ${costs.statementsPerHit.toFixed(4)} |`);
  lines.push(`| database statements per verification with limits | ${costs.statementsPerLimited.toFixed(4)} |`);
  lines.push(`| Redis commands per verification with limits | ${costs.redisPerLimited === undefined ? 'not measured (run with --redis)' : costs.redisPerLimited.toFixed(2)} |`);
  lines.push(`| server CPU per key creation | ${fmt(costs.creationCpuMicros)} µs |`);
  lines.push(`| database statements per key creation | ${costs.statementsPerCreation.toFixed(1)} |`);
  lines.push(`| memory per cached key | ${costs.bytesPerCachedKey === undefined ? 'see the cache-memory line below' : `${Math.round(costs.bytesPerCachedKey)} bytes`} |`);
  lines.push('');
  lines.push(`Derived (${CORES_PER_NODE}-core nodes kept under ${TARGET_UTILISATION * 100}% CPU, every verification a cache hit with two named limits, a working set of ${WORKING_SET.toLocaleString('en')} keys):`);
  lines.push('');
  lines.push('| verifications/s | nodes | Redis commands/s | database statements/s | cache memory per node |', '|---:|---:|---:|---:|---:|');
  const perNode = (CORES_PER_NODE * TARGET_UTILISATION * 1_000_000) / costs.limitedCpuMicros;
  for (const rate of rates) {
    const nodes = Math.max(2, Math.ceil(rate / perNode));
    const redis = costs.redisPerLimited === undefined ? 'n/a' : fmt(rate * costs.redisPerLimited);
    const memory = costs.bytesPerCachedKey === undefined ? 'n/a' : `${Math.round((WORKING_SET * costs.bytesPerCachedKey) / 1024 / 1024)} MB`;
    lines.push(`| ${rate.toLocaleString('en')} | ${nodes} | ${redis} | ${fmt(rate * costs.statementsPerLimited)} | ${memory} |`);
  }
  lines.push('');
  lines.push(`One node verifies about ${fmt(perNode)} a second at that CPU (two nodes at least, for availability).`);
  return lines.join('\n');
}
