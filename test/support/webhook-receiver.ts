import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: its headers and the body exactly as it arrived. */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string; json: any };

export type WebhookReceiver = {
  url: string;
  received: ReceivedRequest[];
  /** The statuses of the next answers, in order; after them, 200. */
  answerWith: (...statuses: number[]) => void;
  close: () => Promise<void>;
};

/**
 * A real HTTP listener on 127.0.0.1 that records every request, as a webhook receiver would
 * see it, and answers with the statuses it is told to.
 *
 * @example const receiver = await startWebhookReceiver(); receiver.answerWith(500, 200)
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, rawBody, json });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? `receiver says ${status}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/keyward`,
    received,
    answerWith: (...next) => void statuses.push(...next),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
