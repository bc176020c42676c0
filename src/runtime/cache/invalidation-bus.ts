/** A change other nodes must forget from their key caches. */
export type Invalidation = { kind: 'key'; keyId: string } | { kind: 'hash'; hash: string } | { kind: 'all' };

/**
 * How the nodes of one deployment tell each other about changes (Redis pub/sub, or PostgreSQL
 * LISTEN/NOTIFY). `healthy` is false whenever a node may be missing messages; the cache then
 * stops trusting itself until the bus is back.
 */
export type InvalidationBus = {
  publish: (message: Invalidation) => void;
  /** Called for messages from other nodes (never for this node's own). */
  onMessage: (handler: (message: Invalidation) => void) => void;
  /** Called with false when messages may be lost, and with true once they flow again. */
  onHealth: (handler: (healthy: boolean) => void) => void;
  readonly healthy: boolean;
  close: () => Promise<void>;
};

/** The wire form: the message and the node that sent it, so a node skips its own. */
export function encodeInvalidation(origin: string, message: Invalidation): string {
  return JSON.stringify({ origin, ...message });
}

/** Parses a message from another node; undefined for our own or for anything malformed. */
export function decodeInvalidation(origin: string, text: string): Invalidation | undefined {
  try {
    const parsed = JSON.parse(text) as Invalidation & { origin?: string };
    if (parsed.origin === origin) return undefined;
    if (parsed.kind === 'key' && typeof parsed.keyId === 'string') return { kind: 'key', keyId: parsed.keyId };
    if (parsed.kind === 'hash' && typeof parsed.hash === 'string') return { kind: 'hash', hash: parsed.hash };
    if (parsed.kind === 'all') return { kind: 'all' };
  } catch {
    // A malformed message is ignored; it cannot name anything to forget.
  }
  return undefined;
}
