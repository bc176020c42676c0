import { connect } from 'node:net';

/** What came back on the socket: the status of the first response (if any) and all bytes read. */
export type RawResponse = { status: number | undefined; head: string; text: string; closed: boolean };

/**
 * Writes `bytes` to the server as they are, with no client in between to tidy them (fetch
 * refuses malformed headers, duplicate Content-Length, bare CR and the like), and reads until
 * the server closes the connection or `timeoutMs` passes.
 *
 * @example const response = await sendRaw(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
 */
export function sendRaw(url: string, bytes: string | Buffer, timeoutMs = 2000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.split('\r\n\r\n')[0] ?? '';
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), head, text, closed });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset a connection it refused mid-write; what it sent before still counts.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.write(bytes);
  });
}

/** Builds an HTTP/1.1 request with a correct Content-Length, so the framing is never in doubt. */
export function rawRequest(options: { method: string; target: string; headers: [string, string][]; body?: string | Buffer }): Buffer {
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : (options.body ?? Buffer.alloc(0));
  const lines = [`${options.method} ${options.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of options.headers) lines.push(`${name}: ${value}`);
  if (body.length > 0 || options.method !== 'GET') lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** One parsed response read off a kept-open connection. */
export type ParsedResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * A client connection under the test's full control: write bytes when it chooses (half a body
 * now, the rest later), read whole responses (framed by Content-Length or chunked), and see
 * when the server closes it. For shutdown tests, where timing is the point.
 */
export class RawConnection {
  readonly closed: Promise<void>;
  #buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  #isClosed = false;
  #socket;

  private constructor(socket: import('node:net').Socket) {
    this.#socket = socket;
    this.localPort = socket.localPort;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.#isClosed = true;
        this.#wake();
        resolve();
      }),
    );
  }

  /** Opens a connection to `url`'s host and port. */
  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** The client's port, which the server's log lines name as remotePort. */
  readonly localPort: number | undefined;

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** Writes bytes; resolves once the kernel has taken them. */
  write(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.#socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  destroy(): void {
    this.#socket.destroy();
  }

  /** The next whole response; rejects if the connection closes before one is complete. */
  async response(): Promise<ParsedResponse> {
    for (;;) {
      const parsed = this.#take();
      if (parsed) return parsed;
      if (this.#isClosed) throw new Error(`connection closed with ${this.#buffer.length} bytes of an incomplete response: ${this.#buffer.toString('latin1').slice(0, 200)}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  #take(): ParsedResponse | undefined {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let rest = this.#buffer.subarray(end + 4);
    if (headers['transfer-encoding'] === 'chunked') {
      const chunks: Buffer[] = [];
      let at = 0;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', at);
        if (lineEnd < 0) return undefined;
        const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
        if (rest.length < lineEnd + 2 + size + 2) return undefined;
        if (size === 0) {
          this.#buffer = rest.subarray(lineEnd + 4);
          return { status, headers, body: Buffer.concat(chunks).toString('utf8') };
        }
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
    }
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < length) return undefined;
    this.#buffer = rest.subarray(length);
    rest = rest.subarray(0, length);
    return { status, headers, body: rest.toString('utf8') };
  }
}
