// The one module that imports OpenTelemetry. src/tracing.ts imports it, dynamically, only when
// the environment asks for traces: without them the server loads none of it.
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { context, diag, DiagConsoleLogger, DiagLogLevel, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler } from '@opentelemetry/sdk-trace';
import { Redis } from 'ioredis';
import pg from 'pg';
import manifest from '../package.json' with { type: 'json' };
import { ConfigError } from './config.ts';
import { loggableUrl } from './http/request-log.ts';
import type { VerifyTracer } from './http/verify-fast-path.ts';
import type { StatementTracer } from './store/connect.ts';

/** What tracing gives the app while it is on; `startTelemetry` makes it. */
export type Tracing = {
  /** Runs one SQLite statement in a span (PostgreSQL's come from the `pg` instrumentation). */
  traceStatement: StatementTracer;
  /** Runs the verify fast path's answer in a server span (Fastify's requests have their own). */
  traceVerify: VerifyTracer;
  /** Sends the spans still held, then stops; called once the server has closed. */
  shutdown: () => Promise<void>;
};

const TRACER_NAME = 'keyward';
// Probes answered many times a minute: a span each would bury the requests people look for.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const VERIFY_ROUTE = '/v1/keys/verify';

/**
 * Starts the tracer provider and the instrumentations from OpenTelemetry's standard variables:
 * OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _PROTOCOL (http/protobuf, the default, or http/json),
 * _HEADERS, _TIMEOUT and _COMPRESSION; OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES;
 * OTEL_TRACES_SAMPLER(_ARG); OTEL_BSP_*; OTEL_LOG_LEVEL for the SDK's own complaints (default warn, on stderr).
 *
 * Never recorded: parameters of statements (only their SQL text, with placeholders), Redis
 * arguments (only the command's name), query-string values and tokens in URL paths (the request
 * log's masking), headers, bodies, and exceptions' stacks.
 */
export function startTelemetry(env: Readonly<Record<string, string | undefined>>): Tracing {
  diag.setLogger(new DiagConsoleLogger(), { logLevel: diagLevel(env.OTEL_LOG_LEVEL), suppressOverrideMessage: true });
  const provider = new TracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (envDetector) win over Keyward's own name.
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': 'keyward', 'service.version': manifest.version }))
      .merge(detectResources({ detectors: [envDetector] })),
    sampler: samplerFor(env),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: exporterFor(env),
        scheduledDelayMillis: count(env, 'OTEL_BSP_SCHEDULE_DELAY'),
        exportTimeoutMillis: count(env, 'OTEL_BSP_EXPORT_TIMEOUT'),
        maxQueueSize: count(env, 'OTEL_BSP_MAX_QUEUE_SIZE'),
        maxExportBatchSize: count(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  // Spans follow the work through awaits and callbacks; callers' traceparent headers are read.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));

  // HTTP: Fastify announces each instance it creates (a diagnostics channel), and the
  // instrumentation adds its hooks there: buildApp needs no change.
  new FastifyOtelInstrumentation({
    registerOnInitialization: true,
    ignorePaths: (route) => UNTRACED_PATHS.has(pathOf(route.url)),
    // A stack can quote anything the failing code held; the span keeps the error's message.
    recordExceptions: false,
    requestHook: (span, request) => {
      // Fastify's instrumentation names every span "request" and records the raw URL (query
      // values, a portal link's token): named by route instead, and the path as the log shows it.
      span.updateName(request.routeOptions.url ? `${request.method} ${request.routeOptions.url}` : request.method);
      span.setAttribute('url.path', pathOf(loggableUrl(request.url)));
    },
  });

  // The official instrumentations, applied to the very modules Keyward loaded. Their usual way
  // in, a hook on require(), never sees these: Keyward imports them as ES modules (and a bundled
  // binary has no require of them at all). Statements made outside any traced request (the
  // usage flush, the webhook poller, migrations) make no spans of their own.
  const pgInstrumentation = new PgInstrumentation({ enabled: false, requireParentSpan: true });
  // Only the command's name: arguments hold keys of counters and the values written to them.
  const redisInstrumentation = new IORedisInstrumentation({ enabled: false, requireParentSpan: true, dbStatementSerializer: (command) => command });
  for (const instrumentation of [pgInstrumentation, redisInstrumentation]) instrumentation.setTracerProvider(provider);
  patchModule(pgInstrumentation, 'pg', pg);
  patchModule(redisInstrumentation, 'ioredis', Redis);

  const tracer = trace.getTracer(TRACER_NAME, manifest.version);
  return {
    traceStatement: (sql, run) => {
      const parent = context.active();
      if (!trace.getSpan(parent)) return run();
      const { operation, table } = summaryOf(sql);
      const attributes: Attributes = { 'db.system.name': 'sqlite', 'db.operation.name': operation, 'db.query.text': sql };
      if (table) attributes['db.collection.name'] = table;
      const span = tracer.startSpan(table ? `${operation} ${table}` : operation, { kind: SpanKind.CLIENT, attributes }, parent);
      try {
        return run();
      } catch (error) {
        // SQLite's messages name constraints and columns, never values; the code says which.
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
        span.setAttribute('error.type', (error as { code?: string }).code ?? 'Error');
        throw error;
      } finally {
        span.end();
      }
    },
    traceVerify: (request, response, started, answer) => {
      // A caller's traceparent makes the verification part of its trace.
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const span = tracer.startSpan(`POST ${VERIFY_ROUTE}`, {
        kind: SpanKind.SERVER,
        startTime: started,
        attributes: { 'http.request.method': 'POST', 'http.route': VERIFY_ROUTE, 'url.path': VERIFY_ROUTE, 'url.scheme': 'http' },
      }, parent);
      response.once('close', () => {
        if (response.headersSent) span.setAttribute('http.response.status_code', response.statusCode);
        if (!response.headersSent || response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      return context.with(trace.setSpan(parent, span), answer);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** OTLP over HTTP, as protobuf (the specification's default) or JSON; gRPC is not offered. */
function exporterFor(env: Readonly<Record<string, string | undefined>>) {
  const name = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = env[name]?.trim() || 'http/protobuf';
  // Each reads the endpoint, headers, timeout and compression from the environment itself.
  if (protocol === 'http/protobuf') return new ProtobufTraceExporter();
  if (protocol === 'http/json') return new JsonTraceExporter();
  throw new ConfigError([`${name} must be http/protobuf or http/json (Keyward sends traces over OTLP/HTTP)`]);
}

/** OTEL_TRACES_SAMPLER and _ARG as the specification names them; parentbased_always_on by default. */
function samplerFor(env: Readonly<Record<string, string | undefined>>): Sampler {
  const name = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase() || 'parentbased_always_on';
  const argument = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = Number(argument || 1);
  const ratioSampler = () => {
    if (!(ratio >= 0 && ratio <= 1)) throw new ConfigError(['OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1']);
    return new TraceIdRatioBasedSampler(ratio);
  };
  const samplers: Record<string, () => Sampler> = {
    always_on: () => new AlwaysOnSampler(),
    always_off: () => new AlwaysOffSampler(),
    traceidratio: ratioSampler,
    parentbased_always_on: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    parentbased_always_off: () => new ParentBasedSampler({ root: new AlwaysOffSampler() }),
    parentbased_traceidratio: () => new ParentBasedSampler({ root: ratioSampler() }),
  };
  const sampler = samplers[name];
  if (!sampler) throw new ConfigError([`OTEL_TRACES_SAMPLER must be one of ${Object.keys(samplers).join(', ')}`]);
  return sampler();
}

/** A batching setting (OTEL_BSP_*), or undefined for the SDK's default. */
function count(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError([`${name} must be a whole number above 0`]);
  return Number(value);
}

type PatchableInstrumentation = { getModuleDefinitions(): { name: string; patch?: (exports: unknown) => unknown }[] };

function patchModule(instrumentation: PatchableInstrumentation, name: string, exports: unknown): void {
  const definition = instrumentation.getModuleDefinitions().find((it) => it.name === name);
  if (!definition?.patch) throw new Error(`the OpenTelemetry instrumentation for ${name} has no patch for it`);
  definition.patch(exports);
}

function pathOf(url: string): string {
  const mark = url.indexOf('?');
  return mark < 0 ? url : url.slice(0, mark);
}

/** The statement's operation and, where plain to see, its table (both name the span). */
function summaryOf(sql: string): { operation: string; table: string | undefined } {
  const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  const pattern = operation === 'INSERT' ? /\binto\s+"?(\w+)/i : operation === 'UPDATE' ? /^\s*update\s+"?(\w+)/i : /\bfrom\s+"?(\w+)/i;
  return { operation, table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'].includes(operation) ? pattern.exec(sql)?.[1] : undefined };
}

function diagLevel(value: string | undefined): DiagLogLevel {
  const levels: Record<string, DiagLogLevel> = { none: DiagLogLevel.NONE, error: DiagLogLevel.ERROR, warn: DiagLogLevel.WARN, info: DiagLogLevel.INFO, debug: DiagLogLevel.DEBUG, verbose: DiagLogLevel.VERBOSE, all: DiagLogLevel.ALL };
  return levels[value?.trim().toLowerCase() ?? ''] ?? DiagLogLevel.WARN;
}
