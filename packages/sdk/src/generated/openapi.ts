// Generated from Keyward's served OpenAPI document (GET /openapi.json) by
// `npm run generate -w @keyward/sdk`. Do not edit by hand: a test fails when this file and the
// served document disagree.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description With KEYWARD_METRICS_TOKEN set, needs `Authorization: Bearer <that token>` (else 401). Without it, answers only clients on the same host that connect directly: a loopback peer and no X-Forwarded-For, Forwarded or X-Real-IP header (else 403).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Opens a session: sets an HttpOnly, SameSite=Strict cookie and returns the CSRF token that cookie writes must send as x-csrf-token. Repeated failures answer 429.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /**
                                 * @description A usr_… id
                                 * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                username: string;
                                role: "admin" | "member";
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                active: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                            };
                            csrfToken: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current user
         * @description For a management key, csrfToken is null (keys need none) and permissions are what the key may do.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /**
                                 * @description A usr_… id
                                 * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                username: string;
                                role: "admin" | "member";
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                active: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                            };
                            csrfToken: string | null;
                            permissions: string[];
                            via: "session" | "key";
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * First-run status
         * @description firstRun is true only while no user exists; instruction then says how to create the first admin.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            firstRun: boolean;
                            instruction: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your own password
         * @description For a dashboard session only (a management key gets 403 FORBIDDEN); needs no permission. A wrong currentPassword is 403 FORBIDDEN (errors[].path "/currentPassword") and counts as a failed sign-in of your username, so after 5 the answer is 429 RATE_LIMITED. On success every other session of yours ends; this one stays.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The password you signed in with */
                        currentPassword: string;
                        /** @description At least 12 characters */
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sessions/others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign out your other sessions
         * @description Ends every session of yours except the one that asks (204 even when there were none). For a dashboard session only: a management key gets 403 FORBIDDEN.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A prj_… id
                                 * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                name: string;
                                keyPrefix: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a project
         * @description keyPrefix starts every token of the project; without it, one is made from the name.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example Feedback API */
                        name: string;
                        /**
                         * @description Starts every token of the project
                         * @example fb
                         */
                        keyPrefix?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A prj_… id
                             * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            name: string;
                            keyPrefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A prj_… id
                     * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A prj_… id
                             * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            name: string;
                            keyPrefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a project
         * @description Refused with 409 while the project has keys, unless force=true, which deletes them too (audited).
         */
        delete: {
            parameters: {
                query?: {
                    /** @description Also delete the keys that depend on it */
                    force?: boolean;
                };
                header?: never;
                path: {
                    /**
                     * @description A prj_… id
                     * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a project or change its key prefix
         * @description A new prefix applies to tokens issued from then on; existing tokens keep working.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A prj_… id
                     * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example Feedback API */
                        name?: string;
                        /**
                         * @description Starts every token of the project
                         * @example fb
                         */
                        keyPrefix?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A prj_… id
                             * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            name: string;
                            keyPrefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    /** @description Part of the username */
                    q?: string;
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A usr_… id
                                 * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                username: string;
                                role: "admin" | "member";
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                active: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user
         * @description A user without a password cannot sign in (useful as a key owner). Only an actor holding * can create an admin; groups must be within what you hold.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description 2-64 letters, digits or _.@-
                         * @example alice
                         */
                        username: string;
                        /** @description At least 12 characters */
                        password?: string;
                        role: "admin" | "member";
                        groupIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A usr_… id
                             * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            username: string;
                            role: "admin" | "member";
                            groups: {
                                id: string;
                                name: string;
                            }[];
                            active: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A usr_… id
                     * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A usr_… id
                             * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            username: string;
                            role: "admin" | "member";
                            groups: {
                                id: string;
                                name: string;
                            }[];
                            active: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a user
         * @description Refused with 409 while the user owns keys, unless force=true, which deletes those keys too (audited).
         */
        delete: {
            parameters: {
                query?: {
                    /** @description Also delete the keys that depend on it */
                    force?: boolean;
                };
                header?: never;
                path: {
                    /**
                     * @description A usr_… id
                     * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a user
         * @description Setting someone else's password, or re-activating someone, needs holding everything they hold and their keys carry; setting another person's password is for admins only. Your own password, signed in, is changed with POST /v1/auth/password (it asks for the current one).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A usr_… id
                     * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description 2-64 letters, digits or _.@-
                         * @example alice
                         */
                        username?: string;
                        /** @description At least 12 characters */
                        password?: string;
                        role?: "admin" | "member";
                        groupIds?: string[];
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A usr_… id
                             * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            username: string;
                            role: "admin" | "member";
                            groups: {
                                id: string;
                                name: string;
                            }[];
                            active: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List permission groups */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A grp_… id
                                 * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                name: string;
                                description: string;
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a permission group
         * @description You can only put permissions you hold yourself into a group (403 otherwise).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example feedback-writers */
                        name: string;
                        description?: string;
                        /** @description Management permissions, project permissions, or * for all */
                        permissions: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A grp_… id
                             * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            name: string;
                            description: string;
                            permissions: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a permission group */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A grp_… id
                     * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A grp_… id
                             * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            name: string;
                            description: string;
                            permissions: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a permission group */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A grp_… id
                     * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit a permission group */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A grp_… id
                     * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example feedback-writers */
                        name?: string;
                        description?: string;
                        /** @description Management permissions, project permissions, or * for all */
                        permissions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A grp_… id
                             * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            name: string;
                            description: string;
                            permissions: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List keys
         * @description Newest first. Members see only keys they own or created; admins see all. expiresBefore=<ISO datetime> lists the keys that stop working before then (e.g. now + 7 days).
         */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description A prj_… id
                     * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    projectId?: string;
                    /**
                     * @description A usr_… id
                     * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    ownerId?: string;
                    /** @description Owner username */
                    owner?: string;
                    /**
                     * @description A idt_… id
                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    identityId?: string;
                    /** @description The identity's external id */
                    externalId?: string;
                    status?: "active" | "inactive" | "expired";
                    /**
                     * @description Only keys whose expiry is before this instant and that have not expired yet (with status=expired: those that have); keys that never expire are left out
                     * @example 2026-03-22T14:30:00.000Z
                     */
                    expiresBefore?: string;
                    /** @description Part of the name, description or key start (case-insensitive); total then counts up to 1,000 matches */
                    q?: string;
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            }[];
                            nextCursor: string | null;
                            total: number;
                            /**
                             * @description Present when a search (q) matches more keys than it counts (1,000): total is then 1,000, a lower bound
                             * @enum {boolean}
                             */
                            totalCapped?: true;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a key
         * @description Returns the token once; only its keyed hash is stored. Groups must be within what you hold (403). An unknown owner is 422 OWNER_NOT_FOUND; members may name only themselves as owner (403), since a key acts as its owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description A prj_… id
                         * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        projectId: string;
                        /**
                         * @description A usr_… id
                         * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        ownerId?: string;
                        /**
                         * @description 2-64 letters, digits or _.@-
                         * @example alice
                         */
                        owner?: string;
                        name?: string;
                        description?: string;
                        groupIds?: string[];
                        /**
                         * Format: date-time
                         * @example 2026-03-15T14:30:00.000Z
                         */
                        expiresAt?: string | null;
                        ipAllowlist?: string[];
                        enabled?: boolean;
                        /** @description Free JSON returned on verification (at most 4 KiB) */
                        meta?: {
                            [key: string]: unknown;
                        };
                        ratelimit?: {
                            /** @description Verifications allowed per window */
                            limit: number;
                            /** @description Window length in milliseconds */
                            windowMs: number;
                        } | null;
                        /** @description At most 10, names unique */
                        ratelimits?: {
                            /**
                             * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                             * @example requests
                             */
                            name: string;
                            /** @description Verifications (or cost) allowed in any span of durationMs */
                            limit: number;
                            /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                            durationMs: number;
                            /**
                             * @description Applied to every verification; else only to those that name it (default true)
                             * @default true
                             */
                            autoApply?: boolean;
                        }[];
                        remaining?: number | null;
                        refill?: {
                            /** @description What `remaining` is reset to */
                            amount: number;
                            interval: "daily" | "monthly";
                        } | null;
                        /**
                         * @description A idt_… id
                         * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        identityId?: string | null;
                        /** @description The identity by your own id (instead of identityId) */
                        externalId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            };
                            /** @description The full token. Shown this once: store it now. */
                            token: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a key */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A key_… id
                             * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            projectId: string;
                            name: string;
                            description: string;
                            /**
                             * @description Prefix and first characters of the token
                             * @example fb_3kP9
                             */
                            start: string;
                            /**
                             * @description Last 4 characters of the token
                             * @example x7Qa
                             */
                            end: string;
                            status: "active" | "inactive" | "expired";
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                            owner: {
                                id: string;
                                username: string;
                            } | null;
                            groups: {
                                id: string;
                                name: string;
                            }[];
                            permissions: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            lastUsedAt: string | null;
                            ipAllowlist: string[];
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta: {
                                [key: string]: unknown;
                            };
                            ratelimit: {
                                /** @description Verifications allowed per window */
                                limit: number;
                                /** @description Window length in milliseconds */
                                windowMs: number;
                            } | null;
                            /** @description At most 10, names unique */
                            ratelimits: {
                                /**
                                 * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                 * @example requests
                                 */
                                name: string;
                                /** @description Verifications (or cost) allowed in any span of durationMs */
                                limit: number;
                                /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                durationMs: number;
                                /** @description Applied to every verification; else only to those that name it */
                                autoApply: boolean;
                            }[];
                            remaining: number | null;
                            refill: {
                                /** @description What `remaining` is reset to */
                                amount: number;
                                interval: "daily" | "monthly";
                            } | null;
                            identity: {
                                /**
                                 * @description A idt_… id
                                 * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                externalId: string;
                            } | null;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a key
         * @description expiresAt null means never. Takes effect on the very next verification.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string;
                        groupIds?: string[];
                        /**
                         * Format: date-time
                         * @example 2026-03-15T14:30:00.000Z
                         */
                        expiresAt?: string | null;
                        ipAllowlist?: string[];
                        enabled?: boolean;
                        /** @description Free JSON returned on verification (at most 4 KiB) */
                        meta?: {
                            [key: string]: unknown;
                        };
                        ratelimit?: {
                            /** @description Verifications allowed per window */
                            limit: number;
                            /** @description Window length in milliseconds */
                            windowMs: number;
                        } | null;
                        /** @description At most 10, names unique */
                        ratelimits?: {
                            /**
                             * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                             * @example requests
                             */
                            name: string;
                            /** @description Verifications (or cost) allowed in any span of durationMs */
                            limit: number;
                            /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                            durationMs: number;
                            /**
                             * @description Applied to every verification; else only to those that name it (default true)
                             * @default true
                             */
                            autoApply?: boolean;
                        }[];
                        remaining?: number | null;
                        refill?: {
                            /** @description What `remaining` is reset to */
                            amount: number;
                            interval: "daily" | "monthly";
                        } | null;
                        /**
                         * @description A idt_… id
                         * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        identityId?: string | null;
                        /** @description The identity by your own id (instead of identityId) */
                        externalId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A key_… id
                             * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            projectId: string;
                            name: string;
                            description: string;
                            /**
                             * @description Prefix and first characters of the token
                             * @example fb_3kP9
                             */
                            start: string;
                            /**
                             * @description Last 4 characters of the token
                             * @example x7Qa
                             */
                            end: string;
                            status: "active" | "inactive" | "expired";
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                            owner: {
                                id: string;
                                username: string;
                            } | null;
                            groups: {
                                id: string;
                                name: string;
                            }[];
                            permissions: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            lastUsedAt: string | null;
                            ipAllowlist: string[];
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta: {
                                [key: string]: unknown;
                            };
                            ratelimit: {
                                /** @description Verifications allowed per window */
                                limit: number;
                                /** @description Window length in milliseconds */
                                windowMs: number;
                            } | null;
                            /** @description At most 10, names unique */
                            ratelimits: {
                                /**
                                 * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                 * @example requests
                                 */
                                name: string;
                                /** @description Verifications (or cost) allowed in any span of durationMs */
                                limit: number;
                                /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                durationMs: number;
                                /** @description Applied to every verification; else only to those that name it */
                                autoApply: boolean;
                            }[];
                            remaining: number | null;
                            refill: {
                                /** @description What `remaining` is reset to */
                                amount: number;
                                interval: "daily" | "monthly";
                            } | null;
                            identity: {
                                /**
                                 * @description A idt_… id
                                 * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                externalId: string;
                            } | null;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/keys/{id}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Regenerate a key
         * @description The key keeps its id and settings and gets a new token. The body may be omitted.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the old token keeps working (0: it stops at once)
                         * @default 0
                         */
                        graceSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            };
                            /** @description The full token. Shown this once: store it now. */
                            token: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import keys from another system
         * @description Up to 1,000 keys per call, all or nothing (any problem imports none and lists each bad row by path). Each key verifies with its original token; on its first successful verification the stored SHA-256 is replaced by our keyed hash and start/end are filled in from the token. A hash already imported is 409; unknown owners 422 OWNER_NOT_FOUND; unknown groups 422 GROUP_NOT_FOUND; groups beyond what you hold 403. Body up to 1 MiB.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description A prj_… id
                         * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        projectId: string;
                        keys: {
                            hash: {
                                /**
                                 * @description The only algorithm taken: SHA-256 of the whole token
                                 * @enum {string}
                                 */
                                algorithm: "sha256";
                                /** @description hex (64 characters), or base64 (standard or URL-safe, padding optional) */
                                encoding: "hex" | "base64";
                                /** @example n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg= */
                                value: string;
                            };
                            name?: string;
                            description?: string;
                            /**
                             * @description A usr_… id
                             * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            ownerId?: string;
                            /**
                             * @description 2-64 letters, digits or _.@-
                             * @example alice
                             */
                            owner?: string;
                            groupIds?: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            expiresAt?: string | null;
                            enabled?: boolean;
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta?: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description How many keys were imported (all of them) */
                            imported: number;
                            /** @description The imported keys, in the order given; start is "(imported)" until first use */
                            keys: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a key
         * @description Answers 200 with valid and code for any well-formed request. Needs no credential unless KEYWARD_VERIFY_AUTH=required (then keys.verify).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The token to check */
                        key: string;
                        /**
                         * @description A prj_… id
                         * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        projectId?: string;
                        /** @description A permission or permission query, or a list of permissions all of which are required */
                        permissions?: string | string[];
                        /** @description The caller's address, checked against the key's allowlist */
                        ip?: string;
                        /**
                         * @description How much of the key's remaining quota this verification spends (0: none)
                         * @default 1
                         */
                        cost?: number;
                        /** @description Named limits to apply beyond the automatic ones, each with its cost (default 1): the key's by that name, else its identity's (shared by all its keys); a name neither has applies nothing */
                        ratelimits?: {
                            name: string;
                            cost?: number;
                        }[];
                        /**
                         * @description Labels counted by the hour with the key's usage (GET /v1/keys/{id}/usage), for VALID answers only: the tags of any other answer are not kept. A key keeps at most 100 distinct tags per hour; a new tag after that, in that hour, is counted under `_other`, while the tags already kept keep counting (`_other` sent as a tag is counted there too).
                         * @example [
                         *       "GET /orders",
                         *       "region:eu"
                         *     ]
                         */
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            valid: boolean;
                            code: "VALID" | "NOT_FOUND" | "DISABLED" | "EXPIRED" | "IP_NOT_ALLOWED" | "INSUFFICIENT_PERMISSIONS" | "RATE_LIMITED" | "USAGE_EXCEEDED";
                            keyId?: string;
                            projectId?: string;
                            ownerId?: string | null;
                            permissions?: string[];
                            expiresAt?: string | null;
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta?: {
                                [key: string]: unknown;
                            };
                            /** @description The key's limit named default (the single rate limit) */
                            ratelimit?: {
                                limit: number;
                                remaining: number;
                                /** Format: date-time */
                                resetAt: string;
                            };
                            /** @description Every named limit that applied (the key's, then its identity's); the first exceeded gives RATE_LIMITED */
                            ratelimits?: {
                                name: string;
                                limit: number;
                                /** @description What could still pass now */
                                remaining: number;
                                /**
                                 * Format: date-time
                                 * @description When the oldest counted use leaves the window, freeing room
                                 */
                                resetAt: string;
                                exceeded: boolean;
                            }[];
                            /** @description What is left of the quota after this call: the key's, else its identity's */
                            remaining?: number;
                            /** @description The identity (your customer) the key belongs to */
                            identity?: {
                                id: string;
                                externalId: string;
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Forward-auth check for reverse proxies
         * @description Reads the key from Authorization: Bearer or X-API-Key. 200 (with X-Keyward-Key-Id and X-Keyward-Owner-Id, and X-Keyward-External-Id (percent-encoded) when the key belongs to an identity), 401 missing/unknown/disabled/expired, 403 IP or permission, 429 limits (Retry-After). X-Keyward-Code carries the verification code. With KEYWARD_VERIFY_AUTH=required, the proxy sends its management key as X-Keyward-Token.
         */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description A prj_… id
                     * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    projectId?: string;
                    /** @description Repeatable; all are required. Each is a permission or a query (`orders.read AND (refunds.create OR refunds.admin)`); at most 100 names in all */
                    permission?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            valid: boolean;
                            code: "VALID" | "NOT_FOUND" | "DISABLED" | "EXPIRED" | "IP_NOT_ALLOWED" | "INSUFFICIENT_PERMISSIONS" | "RATE_LIMITED" | "USAGE_EXCEEDED";
                            keyId?: string;
                            projectId?: string;
                            ownerId?: string | null;
                            permissions?: string[];
                            expiresAt?: string | null;
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta?: {
                                [key: string]: unknown;
                            };
                            /** @description The key's limit named default (the single rate limit) */
                            ratelimit?: {
                                limit: number;
                                remaining: number;
                                /** Format: date-time */
                                resetAt: string;
                            };
                            /** @description Every named limit that applied (the key's, then its identity's); the first exceeded gives RATE_LIMITED */
                            ratelimits?: {
                                name: string;
                                limit: number;
                                /** @description What could still pass now */
                                remaining: number;
                                /**
                                 * Format: date-time
                                 * @description When the oldest counted use leaves the window, freeing room
                                 */
                                resetAt: string;
                                exceeded: boolean;
                            }[];
                            /** @description What is left of the quota after this call: the key's, else its identity's */
                            remaining?: number;
                            /** @description The identity (your customer) the key belongs to */
                            identity?: {
                                id: string;
                                externalId: string;
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/leaked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report leaked tokens
         * @description Deactivates every key matching one of the tokens, at once, whoever owns it (holding the token is the proof), and audits each as key.leaked. Unknown tokens are counted, not revealed. Tokens follow the pattern in the README for secret scanners.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Tokens found exposed */
                        tokens: string[];
                        /**
                         * @description Where they were found (kept in the audit log)
                         * @example public repository scan
                         */
                        source?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disabled: {
                                keyId: string;
                                projectId: string;
                            }[];
                            alreadyDisabled: number;
                            unknown: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A key's verifications over time
         * @description Counts per outcome in minute or hour buckets (default: the last 24 hours by the hour), and per tag.
         */
        get: {
            parameters: {
                query?: {
                    /** @example 2026-03-15T14:30:00.000Z */
                    from?: string;
                    /** @example 2026-03-15T14:30:00.000Z */
                    to?: string;
                    /** @description minute (kept a day) or hour (kept 90 days); default hour */
                    granularity?: "minute" | "hour";
                };
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keyId: string;
                            granularity: string;
                            from: string;
                            to: string;
                            buckets: {
                                start: string;
                                total: number;
                                /** @description Count per verification code */
                                outcomes: {
                                    [key: string]: number;
                                };
                            }[];
                            /** @description VALID verifications per tag in the range: the 100 busiest tags by count, then `_other` when there is one (the verifications whose tag came after the key's 100 distinct tags of its hour). */
                            tags: {
                                tag: string;
                                count: number;
                            }[];
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verifications of all keys over time, and the top keys */
        get: {
            parameters: {
                query?: {
                    /** @example 2026-03-15T14:30:00.000Z */
                    from?: string;
                    /** @example 2026-03-15T14:30:00.000Z */
                    to?: string;
                    /** @description minute (kept a day) or hour (kept 90 days); default hour */
                    granularity?: "minute" | "hour";
                    top?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            granularity: string;
                            from: string;
                            to: string;
                            totals: {
                                [key: string]: number;
                            };
                            buckets: {
                                start: string;
                                total: number;
                                /** @description Count per verification code */
                                outcomes: {
                                    [key: string]: number;
                                };
                            }[];
                            topKeys: {
                                keyId: string;
                                name: string;
                                total: number;
                                valid: number;
                            }[];
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/find": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find a key by its token
         * @description Answers the key the token belongs to (found by the token's keyed hash, as verification finds it; a regenerated key's old token during its grace period too), or key: null when no key has it or it is a key the caller may not see: the two answers are the same. The token is neither stored nor logged. Needs keys.read.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A whole token, e.g. one found exposed or pasted from a log */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            } | null;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Projects of the keys you may see
         * @description The id and name of every project holding at least one key the caller may see (for an admin, every project with a key), newest first. Needs keys.read, not projects.read: a member learns the names of her keys' projects and nothing of the others.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}/verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A key's recent verifications
         * @description Newest first: time, outcome, client address and tags of each verification of the key; the last 1,000 are kept for 7 days. Verifications of unknown tokens belong to no key and are not listed.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                at: string;
                                outcome: "VALID" | "NOT_FOUND" | "DISABLED" | "EXPIRED" | "IP_NOT_ALLOWED" | "INSUFFICIENT_PERMISSIONS" | "RATE_LIMITED" | "USAGE_EXCEEDED";
                                /** @description The caller's address the verification named (`ip`, or forward-auth's client); null when it named none */
                                clientAddress: string | null;
                                /** @description The verification's tags (kept for VALID verifications only) */
                                tags: string[];
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events
         * @description actorId is the person (a key acts for its owner, named in actor.name).
         */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description A usr_… id
                     * @example usr_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    actorId?: string;
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    keyId?: string;
                    /** @example key.created */
                    action?: string;
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A evt_… id
                                 * @example evt_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                at: string;
                                actor: {
                                    type: string;
                                    id: string | null;
                                    name: string;
                                };
                                /** @example key.created */
                                action: string;
                                target: {
                                    type: string;
                                    id: string | null;
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks
         * @description Newest first. With projectId: that project's webhooks and those for every project. Secrets are never listed.
         */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description A prj_… id
                     * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    projectId?: string;
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A whk_… id
                                 * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                url: string;
                                /** @description The project whose key events it gets; null for every project */
                                projectId: string | null;
                                events: string[];
                                enabled: boolean;
                                description: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a webhook
         * @description Returns the signing secret once. The webhook receives the chosen key events (all by default) of one project, or of every project when projectId is null or left out, whoever owns the keys. An unknown project is 422 PROJECT_NOT_FOUND; a URL that is not http(s), carries credentials, or names a loopback/private/link-local address (unless KEYWARD_WEBHOOK_ALLOW_PRIVATE=true) is 400.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Where events are POSTed: http(s), no credentials, a public address unless KEYWARD_WEBHOOK_ALLOW_PRIVATE=true
                         * @example https://example.com/keyward-events
                         */
                        url: string;
                        /** @description The events to send (default: all of them) */
                        events?: ("key.created" | "key.updated" | "key.expiring" | "key.expired" | "key.disabled" | "key.deleted" | "key.leaked" | "identity.created" | "identity.updated" | "identity.deleted")[];
                        /**
                         * @description A prj_… id
                         * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        projectId?: string | null;
                        description?: string;
                        /** @description A disabled webhook gets no new events; its queued deliveries wait until it is enabled again */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            webhook: {
                                /**
                                 * @description A whk_… id
                                 * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                url: string;
                                /** @description The project whose key events it gets; null for every project */
                                projectId: string | null;
                                events: string[];
                                enabled: boolean;
                                description: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                            };
                            /**
                             * @description The signing secret (whsec_…). Shown this once: store it now.
                             * @example whsec_0CzVsnSA1q5mJ0m2mBfX8Hn0qfM1Y9uYwzj3qj2HbVk
                             */
                            secret: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A whk_… id
                     * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A whk_… id
                             * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            url: string;
                            /** @description The project whose key events it gets; null for every project */
                            projectId: string | null;
                            events: string[];
                            enabled: boolean;
                            description: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A whk_… id
                     * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a webhook
         * @description Disabling stops new events and holds queued deliveries until it is enabled again. Deliveries already queued are sent to the URL the webhook has when they are sent.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A whk_… id
                     * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Where events are POSTed: http(s), no credentials, a public address unless KEYWARD_WEBHOOK_ALLOW_PRIVATE=true
                         * @example https://example.com/keyward-events
                         */
                        url?: string;
                        /** @description The events to send (default: all of them) */
                        events?: ("key.created" | "key.updated" | "key.expiring" | "key.expired" | "key.disabled" | "key.deleted" | "key.leaked" | "identity.created" | "identity.updated" | "identity.deleted")[];
                        /**
                         * @description A prj_… id
                         * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        projectId?: string | null;
                        description?: string;
                        /** @description A disabled webhook gets no new events; its queued deliveries wait until it is enabled again */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A whk_… id
                             * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            url: string;
                            /** @description The project whose key events it gets; null for every project */
                            projectId: string | null;
                            events: string[];
                            enabled: boolean;
                            description: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook's signing secret
         * @description Returns the new secret once. Every delivery from now on, retries of earlier events included, is signed with it; the old one stops at once. Takes no body.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A whk_… id
                     * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            webhook: {
                                /**
                                 * @description A whk_… id
                                 * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                url: string;
                                /** @description The project whose key events it gets; null for every project */
                                projectId: string | null;
                                events: string[];
                                enabled: boolean;
                                description: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                            };
                            /**
                             * @description The signing secret (whsec_…). Shown this once: store it now.
                             * @example whsec_0CzVsnSA1q5mJ0m2mBfX8Hn0qfM1Y9uYwzj3qj2HbVk
                             */
                            secret: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook's deliveries
         * @description Newest first, each with its payload and every attempt (status, error, duration, the start of the answer). Finished deliveries are kept 30 days.
         */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "delivered" | "failed";
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description A whk_… id
                     * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A dlv_… id
                                 * @example dlv_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                webhookId: string;
                                /** @description The Keyward-Event-Id header: the same on every attempt and every webhook */
                                eventId: string;
                                /** @example key.created */
                                eventType: string;
                                status: "pending" | "delivered" | "failed";
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                nextAttemptAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                deliveredAt: string | null;
                                /** @description The JSON body sent */
                                payload: {
                                    [key: string]: unknown;
                                };
                                attempts: {
                                    attempt: number;
                                    /**
                                     * Format: date-time
                                     * @example 2026-03-15T14:30:00.000Z
                                     */
                                    at: string;
                                    durationMs: number;
                                    /** @description The receiver's HTTP status; null when no answer came */
                                    responseStatus: number | null;
                                    /** @description Why the attempt did not succeed */
                                    error: string | null;
                                    /** @description The first 300 characters of the answer */
                                    responseExcerpt: string | null;
                                }[];
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Queues a webhook.test event, signed and retried like any other, and answers its delivery (202, pending); follow it in the delivery log. A disabled webhook is 409. Takes no body.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A whk_… id
                     * @example whk_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A dlv_… id
                             * @example dlv_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            webhookId: string;
                            /** @description The Keyward-Event-Id header: the same on every attempt and every webhook */
                            eventId: string;
                            /** @example key.created */
                            eventType: string;
                            status: "pending" | "delivered" | "failed";
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            nextAttemptAt: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            deliveredAt: string | null;
                            /** @description The JSON body sent */
                            payload: {
                                [key: string]: unknown;
                            };
                            attempts: {
                                attempt: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                at: string;
                                durationMs: number;
                                /** @description The receiver's HTTP status; null when no answer came */
                                responseStatus: number | null;
                                /** @description Why the attempt did not succeed */
                                error: string | null;
                                /** @description The first 300 characters of the answer */
                                responseExcerpt: string | null;
                            }[];
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List identities
         * @description Newest first; q searches external ids.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Part of the external id */
                    q?: string;
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A idt_… id
                                 * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                externalId: string;
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                keyCount: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an identity
         * @description An identity is one of your customers (not a console user): keys point at it (identityId or externalId), share its named limits and quota, and carry its meta into every verification answer. externalId is unique (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Your own id for the customer: unique
                         * @example acme-corp
                         */
                        externalId: string;
                        /** @description Free JSON returned on verification (at most 4 KiB) */
                        meta?: {
                            [key: string]: unknown;
                        };
                        /** @description At most 10, names unique */
                        ratelimits?: {
                            /**
                             * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                             * @example requests
                             */
                            name: string;
                            /** @description Verifications (or cost) allowed in any span of durationMs */
                            limit: number;
                            /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                            durationMs: number;
                            /**
                             * @description Applied to every verification; else only to those that name it (default true)
                             * @default true
                             */
                            autoApply?: boolean;
                        }[];
                        /** @description A quota shared by its keys */
                        remaining?: number | null;
                        refill?: {
                            /** @description What `remaining` is reset to */
                            amount: number;
                            interval: "daily" | "monthly";
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A idt_… id
                             * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            externalId: string;
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta: {
                                [key: string]: unknown;
                            };
                            /** @description At most 10, names unique */
                            ratelimits: {
                                /**
                                 * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                 * @example requests
                                 */
                                name: string;
                                /** @description Verifications (or cost) allowed in any span of durationMs */
                                limit: number;
                                /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                durationMs: number;
                                /** @description Applied to every verification; else only to those that name it */
                                autoApply: boolean;
                            }[];
                            remaining: number | null;
                            refill: {
                                /** @description What `remaining` is reset to */
                                amount: number;
                                interval: "daily" | "monthly";
                            } | null;
                            keyCount: number;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an identity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A idt_… id
                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A idt_… id
                             * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            externalId: string;
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta: {
                                [key: string]: unknown;
                            };
                            /** @description At most 10, names unique */
                            ratelimits: {
                                /**
                                 * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                 * @example requests
                                 */
                                name: string;
                                /** @description Verifications (or cost) allowed in any span of durationMs */
                                limit: number;
                                /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                durationMs: number;
                                /** @description Applied to every verification; else only to those that name it */
                                autoApply: boolean;
                            }[];
                            remaining: number | null;
                            refill: {
                                /** @description What `remaining` is reset to */
                                amount: number;
                                interval: "daily" | "monthly";
                            } | null;
                            keyCount: number;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an identity
         * @description Refused with 409 while keys point at it, unless force=true, which deletes those keys too (audited).
         */
        delete: {
            parameters: {
                query?: {
                    /** @description Also delete the keys that depend on it */
                    force?: boolean;
                };
                header?: never;
                path: {
                    /**
                     * @description A idt_… id
                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit an identity
         * @description Any of externalId, meta, ratelimits (replaces them all), remaining (replaces the shared counter), refill. In force at the very next verification of its keys.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A idt_… id
                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Your own id for the customer: unique
                         * @example acme-corp
                         */
                        externalId?: string;
                        /** @description Free JSON returned on verification (at most 4 KiB) */
                        meta?: {
                            [key: string]: unknown;
                        };
                        /** @description At most 10, names unique */
                        ratelimits?: {
                            /**
                             * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                             * @example requests
                             */
                            name: string;
                            /** @description Verifications (or cost) allowed in any span of durationMs */
                            limit: number;
                            /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                            durationMs: number;
                            /**
                             * @description Applied to every verification; else only to those that name it (default true)
                             * @default true
                             */
                            autoApply?: boolean;
                        }[];
                        /** @description A quota shared by its keys */
                        remaining?: number | null;
                        refill?: {
                            /** @description What `remaining` is reset to */
                            amount: number;
                            interval: "daily" | "monthly";
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A idt_… id
                             * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            externalId: string;
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta: {
                                [key: string]: unknown;
                            };
                            /** @description At most 10, names unique */
                            ratelimits: {
                                /**
                                 * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                 * @example requests
                                 */
                                name: string;
                                /** @description Verifications (or cost) allowed in any span of durationMs */
                                limit: number;
                                /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                durationMs: number;
                                /** @description Applied to every verification; else only to those that name it */
                                autoApply: boolean;
                            }[];
                            remaining: number | null;
                            refill: {
                                /** @description What `remaining` is reset to */
                                amount: number;
                                interval: "daily" | "monthly";
                            } | null;
                            keyCount: number;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/portal/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a self-service portal link
         * @description A single-use, short-lived link for one of your customers: it opens a page where that identity alone lists, creates (within groupIds), regenerates, deactivates and deletes its keys in the project and sees their usage. The first GET of the url sets the portal session cookie and redirects (303) to the page; any later GET, or one after expiresAt, is 410. Hand the url to the customer's browser, never log it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description A prj_… id
                         * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                         */
                        projectId: string;
                        /** @description The identity (your customer) whose keys the portal shows */
                        externalId: string;
                        /** @description The groups keys made in the portal may have; you must hold their permissions */
                        groupIds?: string[];
                        /** @description Where the portal links back to (your application) */
                        returnUrl?: string;
                        /**
                         * @description How long the link is good for, and the session lasts after its first use
                         * @default 300
                         */
                        ttlSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uri */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/link/{link}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open a portal link
         * @description The first GET sets the portal session cookie (HttpOnly, SameSite=Lax, lasting the link's ttlSeconds) and redirects (303) to /portal. Any later GET is 410 PORTAL_LINK_USED; one after the link's expiresAt is 410 PORTAL_LINK_EXPIRED. A browser navigating there (Sec-Fetch-Mode: navigate) gets the same status with the portal page, which says why.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    link: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the portal page */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The portal session
         * @description Whose keys, in which project, the groups keys may have, where to go back to, and the CSRF token.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: {
                                /**
                                 * @description A prj_… id
                                 * @example prj_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                name: string;
                            };
                            identity: {
                                externalId: string;
                            };
                            /** @description What keys made here may be given */
                            groups: {
                                /**
                                 * @description A grp_… id
                                 * @example grp_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                name: string;
                                permissions: string[];
                            }[];
                            returnUrl: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            expiresAt: string;
                            /** @description Send as x-csrf-token with every change */
                            csrfToken: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the portal session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The identity's keys */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page (1-100) */
                    limit?: number;
                    /** @description The nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a key
         * @description The token is in this answer only. groupIds must be among the groups the portal offers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        groupIds?: string[];
                        /**
                         * Format: date-time
                         * @example 2026-03-15T14:30:00.000Z
                         */
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            };
                            /** @description The full token. Shown this once: store it now. */
                            token: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename, deactivate or re-activate a key */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description A key_… id
                             * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                             */
                            id: string;
                            projectId: string;
                            name: string;
                            description: string;
                            /**
                             * @description Prefix and first characters of the token
                             * @example fb_3kP9
                             */
                            start: string;
                            /**
                             * @description Last 4 characters of the token
                             * @example x7Qa
                             */
                            end: string;
                            status: "active" | "inactive" | "expired";
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            updatedAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                            owner: {
                                id: string;
                                username: string;
                            } | null;
                            groups: {
                                id: string;
                                name: string;
                            }[];
                            permissions: string[];
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-03-15T14:30:00.000Z
                             */
                            lastUsedAt: string | null;
                            ipAllowlist: string[];
                            /** @description Free JSON returned on verification (at most 4 KiB) */
                            meta: {
                                [key: string]: unknown;
                            };
                            ratelimit: {
                                /** @description Verifications allowed per window */
                                limit: number;
                                /** @description Window length in milliseconds */
                                windowMs: number;
                            } | null;
                            /** @description At most 10, names unique */
                            ratelimits: {
                                /**
                                 * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                 * @example requests
                                 */
                                name: string;
                                /** @description Verifications (or cost) allowed in any span of durationMs */
                                limit: number;
                                /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                durationMs: number;
                                /** @description Applied to every verification; else only to those that name it */
                                autoApply: boolean;
                            }[];
                            remaining: number | null;
                            refill: {
                                /** @description What `remaining` is reset to */
                                amount: number;
                                interval: "daily" | "monthly";
                            } | null;
                            identity: {
                                /**
                                 * @description A idt_… id
                                 * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                externalId: string;
                            } | null;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/portal/keys/{id}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Regenerate a key
         * @description A new token, in this answer only; the old one stops at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                /**
                                 * @description A key_… id
                                 * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                                 */
                                id: string;
                                projectId: string;
                                name: string;
                                description: string;
                                /**
                                 * @description Prefix and first characters of the token
                                 * @example fb_3kP9
                                 */
                                start: string;
                                /**
                                 * @description Last 4 characters of the token
                                 * @example x7Qa
                                 */
                                end: string;
                                status: "active" | "inactive" | "expired";
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                updatedAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                owner: {
                                    id: string;
                                    username: string;
                                } | null;
                                groups: {
                                    id: string;
                                    name: string;
                                }[];
                                permissions: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-15T14:30:00.000Z
                                 */
                                lastUsedAt: string | null;
                                ipAllowlist: string[];
                                /** @description Free JSON returned on verification (at most 4 KiB) */
                                meta: {
                                    [key: string]: unknown;
                                };
                                ratelimit: {
                                    /** @description Verifications allowed per window */
                                    limit: number;
                                    /** @description Window length in milliseconds */
                                    windowMs: number;
                                } | null;
                                /** @description At most 10, names unique */
                                ratelimits: {
                                    /**
                                     * @description Unique on its key or identity; `default` is the contract's single `ratelimit`
                                     * @example requests
                                     */
                                    name: string;
                                    /** @description Verifications (or cost) allowed in any span of durationMs */
                                    limit: number;
                                    /** @description The window, in milliseconds; it slides (no burst of twice the limit around an edge) */
                                    durationMs: number;
                                    /** @description Applied to every verification; else only to those that name it */
                                    autoApply: boolean;
                                }[];
                                remaining: number | null;
                                refill: {
                                    /** @description What `remaining` is reset to */
                                    amount: number;
                                    interval: "daily" | "monthly";
                                } | null;
                                identity: {
                                    /**
                                     * @description A idt_… id
                                     * @example idt_01jd2f3g4h5j6k7m8n9p0q1r
                                     */
                                    id: string;
                                    externalId: string;
                                } | null;
                            };
                            /** @description The full token. Shown this once: store it now. */
                            token: string;
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/keys/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A key's verifications over time */
        get: {
            parameters: {
                query?: {
                    /** @example 2026-03-15T14:30:00.000Z */
                    from?: string;
                    /** @example 2026-03-15T14:30:00.000Z */
                    to?: string;
                    /** @description minute (kept a day) or hour (kept 90 days); default hour */
                    granularity?: "minute" | "hour";
                };
                header?: never;
                path: {
                    /**
                     * @description A key_… id
                     * @example key_01jd2f3g4h5j6k7m8n9p0q1r
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keyId: string;
                            granularity: string;
                            from: string;
                            to: string;
                            buckets: {
                                start: string;
                                total: number;
                                /** @description Count per verification code */
                                outcomes: {
                                    [key: string]: number;
                                };
                            }[];
                            /** @description VALID verifications per tag in the range: the 100 busiest tags by count, then `_other` when there is one (the verifications whose tag came after the key's 100 distinct tags of its hour). */
                            tags: {
                                tag: string;
                                count: number;
                            }[];
                        };
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description An RFC 9457 problem (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An RFC 9457 problem (application/problem+json) */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /**
             * @description Stable UPPER_SNAKE error code
             * @example VALIDATION_FAILED
             */
            code: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
