import { CommanderError } from 'commander';
import { KeywardConnectionError, KeywardError } from '@keyward/sdk';
import { ConfigError } from '../config.ts';
import { ProblemError } from '../domain/problem-error.ts';

/**
 * What `keyward` exits with, so a script can branch without reading the output. Fixed: scripts
 * depend on these numbers (they are listed in the README).
 */
export const EXIT = {
  /** Done; for `verify`, the key is valid. */
  OK: 0,
  /** Anything not covered below: an unexpected error, or a 5xx from the server. */
  FAILURE: 1,
  /** The command line is wrong: unknown command or option, missing or malformed argument. */
  USAGE: 2,
  /** No credential, or Keyward refused it (401). */
  UNAUTHENTICATED: 3,
  /** The credential may not do this (403). */
  FORBIDDEN: 4,
  /** No such project, user, group, identity, webhook or key (404). */
  NOT_FOUND: 5,
  /** It clashes with what exists: a taken name or external id, or a project, user or identity that still has keys (409); `restore`: the database is in use. */
  CONFLICT: 6,
  /** Keyward refused the input (400, 413, 415, 422): the message names the field. */
  INVALID: 7,
  /** Too many requests (429). */
  RATE_LIMITED: 8,
  /** Keyward could not be reached at the URL. */
  UNREACHABLE: 9,
  /** `verify`: the key is not valid (the code says why). */
  KEY_INVALID: 10,
  /** `serve`, `migrate`, `admin create`, `backup`, `restore`, `config check`: a bad setting in the environment or the config file (as the server exits). */
  CONFIG: 78,
} as const;

/** A mistake on the command line that commander's own checks do not catch (bad JSON, bad number). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command that needs a management key was given none. */
export class MissingTokenError extends Error {
  override name = 'MissingTokenError';
}

/** Ends the command with `code` after it has printed its answer (`verify` of a key that is not valid). */
export class ExitWith extends Error {
  override name = 'ExitWith';
  readonly code: number;

  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

const BY_STATUS: Record<number, number> = {
  400: EXIT.INVALID,
  401: EXIT.UNAUTHENTICATED,
  403: EXIT.FORBIDDEN,
  404: EXIT.NOT_FOUND,
  409: EXIT.CONFLICT,
  413: EXIT.INVALID,
  415: EXIT.INVALID,
  422: EXIT.INVALID,
  429: EXIT.RATE_LIMITED,
};

/** The exit code for an error a command threw. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (error instanceof ExitWith) return error.code;
  if (error instanceof UsageError) return EXIT.USAGE;
  if (error instanceof MissingTokenError) return EXIT.UNAUTHENTICATED;
  if (error instanceof ConfigError) return EXIT.CONFIG;
  if (error instanceof KeywardConnectionError) return EXIT.UNREACHABLE;
  if (error instanceof KeywardError || error instanceof ProblemError) return BY_STATUS[error.status] ?? EXIT.FAILURE;
  return EXIT.FAILURE;
}
