import type { components, paths } from './generated/openapi.ts';

// Routes of the contract (shared/spec/API.md) that the served document may not hold yet, in
// the shape openapi-typescript renders. Each applies only while the generated `paths` lack its
// path: once the server serves it and `npm run generate:sdk` has run, the served description
// wins and the entry here is dead (delete it then). Every name here is a type only.

type Problem = { headers: { [name: string]: unknown }; content: { 'application/json': components['schemas']['Problem'] } };

/** `POST /v1/portal/sessions` as the contract's identities section describes it. */
type PortalSessionsRoute = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get?: never;
  put?: never;
  post: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: {
      content: {
        'application/json': {
          projectId: string;
          /** The identity (your customer) by your own id. */
          externalId: string;
          /** The groups a key made in the portal may be given (default: none). */
          groupIds?: string[];
          /** Where the portal links back to. */
          returnUrl?: string;
          /** How long the link (and the session it opens) lasts: default 300, at most 3600. */
          ttlSeconds?: number;
        };
      };
    };
    responses: {
      201: { headers: { [name: string]: unknown }; content: { 'application/json': { url: string; expiresAt: string } } };
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      422: Problem;
    };
  };
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

type Pending = { '/v1/portal/sessions': PortalSessionsRoute };

/** The served routes, and the contract's routes the served document does not hold yet. */
export type ClientPaths = paths & { [Path in Exclude<keyof Pending, keyof paths>]: Pending[Path] };
