import { request } from 'node:http';

/** What came back: status, headers (lower-cased names) and the parsed JSON body. */
export type AddressedResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: any; text: string };

/**
 * A JSON request sent from a chosen loopback source address (Linux routes all of 127.0.0.0/8
 * on lo), each on its own connection: the server sees distinct clients without any proxy
 * header. fetch cannot choose its source address; node:http can.
 *
 * @example await requestFrom(server.url, '127.0.0.2', 'POST', '/v1/auth/login', { username, password })
 */
export function requestFrom(baseUrl: string, localAddress: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<AddressedResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, baseUrl), {
      method,
      localAddress,
      agent: false,
      headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }), ...headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON: keep the text.
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed, text });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
