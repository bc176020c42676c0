/**
 * What a command may touch of the outside world. The entry point passes the process's; tests
 * can pass their own. `env` is read only for the client's KEYWARD_URL and KEYWARD_TOKEN and
 * handed whole to `loadConfig` for the server's settings.
 */
export type CliIo = {
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write: (text: string) => unknown };
  stderr: { write: (text: string) => unknown };
  stdin: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
};

/** Prints `value` as JSON (for scripts) or as the text `human` renders (for people). */
export function emit(io: CliIo, json: boolean | undefined, value: unknown, human: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Everything on standard input, without the final line break (for `--password-stdin`). */
export async function readStdin(io: CliIo): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text.replace(/\r?\n$/, '');
}
