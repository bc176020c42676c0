import type { NamedLimit } from '@keyward/sdk';
import { limitWords } from '../../model/named-limits.ts';

/** Named limits in words, one per line ("requests: 100 per 1 min, every verification"). */
export function NamedLimitList({ limits }: { limits: readonly NamedLimit[] }) {
  return (
    <span style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {limits.map((limit) => <span key={limit.name}>{limitWords(limit)}</span>)}
    </span>
  );
}
