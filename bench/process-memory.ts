import { readFileSync } from 'node:fs';

/** Resident set size of a process now, in MB (the kernel's VmRSS). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * A connection to the child's inspector (it runs with --inspect on a loopback port), used only
 * to force a full garbage collection before reading memory: V8 collects lazily, so RSS read at
 * a random moment says more about the collector's timing (a 60 s saw-tooth of +50%) than leaks.
 */
export class Inspector {
  #socket: WebSocket;
  #next = 1;
  #waiting = new Map<number, (result: any) => void>();

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.#waiting.get(message.id)?.(message.result);
    });
  }

  static connect(url: string): Promise<Inspector> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.addEventListener('open', () => resolve(new Inspector(socket)));
      socket.addEventListener('error', () => reject(new Error(`cannot reach the inspector at ${url}`)));
    });
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<any> {
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** RSS and V8 heap in use, in MB, after two full collections and a moment to return pages. */
  async settledMemory(pid: number): Promise<{ rssMb: number; heapUsedMb: number }> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const evaluated = await this.send('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    return { rssMb: rssMb(pid), heapUsedMb: Number(evaluated.result.value) / 1024 / 1024 };
  }

  close(): void {
    this.#socket.close();
  }
}
