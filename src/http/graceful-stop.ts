import type { App } from './app-types.ts';

// Connections still open this long after the signal (a client that never finishes its
// request) are cut, and the process exits by LAST_RESORT_MS whatever happens: within the
// 10-second grace orchestrators give (Kubernetes, systemd, Docker) before SIGKILL.
const STOP_DEADLINE_MS = 7_000;
const LAST_RESORT_MS = 9_000;
// Requests that have already arrived may still sit unread: in the listening socket's accept
// queue (closing it resets them) or in a socket's buffer (the connection looks idle, and
// closing idle connections drops it unanswered). A loaded server was seen to accept
// connections 300 ms after their handshake, so accepting and reading go on this long first.
const SETTLE_MS = 1_000;
// How often connections that have just sent their last answer are closed while stopping.
const REAP_INTERVAL_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Stops without dropping work: reads what has already arrived, then stops accepting
 * connections; answers in full every request received (even one whose body is still
 * arriving); closes keep-alive connections as they fall idle; then flushes usage and closes
 * the database (the app's onClose hooks). Connections still open at the deadline are cut.
 */
async function stopGracefully(app: App): Promise<void> {
  // Not unref'd: they keep the process alive until the stop completes.
  const deadline = setTimeout(() => {
    app.log.warn('stop deadline reached: closing the connections still open');
    app.server.closeAllConnections();
  }, STOP_DEADLINE_MS);
  const lastResort = setTimeout(() => {
    app.log.error('the stop did not complete; exiting');
    process.exit(1);
  }, LAST_RESORT_MS);
  // Two turns after the timer: a loop kept busy past SETTLE_MS runs the timer before it
  // polls the sockets again.
  await sleep(SETTLE_MS);
  await nextTurn();
  await nextTurn();
  // A request routed before the close is answered with keep-alive, then its connection idles;
  // those routed after it are answered with "Connection: close" (by Fastify).
  const reaper = setInterval(() => app.server.closeIdleConnections(), REAP_INTERVAL_MS);
  try {
    // Stops accepting and closes idle connections; waits for busy ones; runs onClose hooks.
    await app.close();
  } finally {
    for (const timer of [reaper, deadline, lastResort]) clearTimeout(timer);
  }
}

/**
 * SIGTERM or SIGINT: stop gracefully and exit 0 (1 if the stop failed). `npm start`
 * (src/server.ts) and `keyward serve` both stop this way.
 *
 * @example stopOnSignals(app)
 */
export function stopOnSignals(app: App): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    stopGracefully(app).then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

