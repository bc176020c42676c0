#!/usr/bin/env -S node --conditions=@keyward/source
// The `keyward` command (package.json "bin"). Like src/server.ts, the one place that hands the
// process's environment and streams to the code; everything else is `runCli`.
// The --conditions flag makes the @keyward/sdk workspace resolve to its TypeScript sources.
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
