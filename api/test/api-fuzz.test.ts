import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '@callboard/accounts';
import {
  addTestMember,
  apiRequest,
  createTestCalendar,
  createTestProject,
  isErrorShape,
  registerTestUser,
  TEST_ORIGIN,
  type TestUser,
} from '../src/testing/index.js';
import { startApiUnderTest } from './support/api-under-test.js';

/** Fixed so a failure reproduces; set FUZZ_SEED to explore other inputs. */
const SEED = Number(process.env.FUZZ_SEED ?? 1206);
/** Generated requests per operation of the OpenAPI document. */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 150);
/** A request still unanswered after this long counts as a hang (a deadline, not a timing check). */
const REQUEST_DEADLINE_MS = 15_000;

// The general per-address budget would turn most of the run into 429s before reaching the routes.
const api = await startApiUnderTest({ API_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' });

interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  example?: unknown;
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string }[];
  body: JsonSchema | undefined;
}

interface OperationObject {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const document = api
  ? ((await (await apiRequest(api.app, 'GET', '/api/openapi.json')).json()) as OpenApiDocument)
  : { paths: {} };

/** Every operation the API documents, so a new route is fuzzed without touching this file. */
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    parameters: operation.parameters ?? [],
    body: operation.requestBody?.content?.['application/json']?.schema,
  })),
);

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return resolve(document.components?.schemas?.[name] ?? {});
}

const IDENTITIES = ['owner', 'editor', 'viewer', 'stranger', 'signedOut'] as const;
type Identity = (typeof IDENTITIES)[number];
const PASSWORD = 'a long enough password';

/** A project with a calendar and one member per role, plus fresh sessions for every user. */
interface Fixture {
  cookies: Record<Identity, string | undefined>;
  /** Real ids by path-parameter name, and under '*' every id, for a name it does not know. */
  ids: Record<string, string[]>;
}

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '\ud800',
  'a\udc00b',
  '\ufeff',
  '\u2028\u2029',
  '💥'.repeat(50),
  "'; drop table users; --",
  '%s%n%x',
  '${7*7}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'Europe/London',
  'Not/AZone',
  'owner',
  PASSWORD,
];

/** Strings a field could plausibly hold: within its bounds, its example, an email, a known value. */
function conformingString(schema: JsonSchema, known: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 120);
  const example = typeof schema.example === 'string' ? [schema.example] : [];
  return fc.oneof(
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
    fc.emailAddress(),
    fc.stringMatching(/^[a-z0-9]{1,12}$/).map((local) => `${local}@example.test`),
    known,
    ...example.map((value) => fc.constant(value)),
  );
}

/** Strings at and past the bounds, and the ones that break parsers, drivers and databases. */
function wildString(schema: JsonSchema, known: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const max = schema.maxLength ?? 200;
  return fc.oneof(
    { weight: 2, arbitrary: conformingString(schema, known) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1)) },
    { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\ud800', '\udfff', 'a', '\n'),
        maxLength: 40,
      }),
    },
  );
}

/** A value of the schema: conforming, or wild in every string field. */
function valueFrom(
  schema: JsonSchema,
  known: fc.Arbitrary<string>,
  wild: boolean,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  if (resolved.enum) {
    const members = fc.constantFrom(...resolved.enum);
    return wild ? fc.oneof(members, fc.constantFrom(...SPECIAL_STRINGS)) : members;
  }
  if (resolved.type === 'object' || resolved.properties) {
    const properties = Object.fromEntries(
      Object.entries(resolved.properties ?? {}).map(([key, value]) => [
        key,
        valueFrom(value, known, wild),
      ]),
    );
    return fc.record(properties, { requiredKeys: resolved.required ?? [] });
  }
  if (resolved.type === 'string') return (wild ? wildString : conformingString)(resolved, known);
  return fc.jsonValue({ maxDepth: 2 });
}

const wrongTypeValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.constant({ $gt: '' }),
);

/** The body text and content type of one request. */
interface Body {
  text: string | Uint8Array | undefined;
  contentType: string | undefined;
}

const JSON_TYPE = 'application/json';

function nested(depth: number, open: string, close: string, core = '1'): string {
  return open.repeat(depth) + core + close.repeat(depth);
}

/** Valid-ish bodies from the schema, then mutated in the ways that have broken JSON APIs. */
function bodyFrom(schema: JsonSchema | undefined, known: fc.Arbitrary<string>): fc.Arbitrary<Body> {
  const valid = schema ? valueFrom(schema, known, false) : fc.constant({});
  const wild = schema ? valueFrom(schema, known, true) : fc.constant({});
  const asJson = (value: fc.Arbitrary<unknown>) =>
    value.map((v): Body => ({ text: JSON.stringify(v), contentType: JSON_TYPE }));
  const objectOf = (value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  return fc.oneof(
    { weight: 8, arbitrary: asJson(valid) },
    { weight: 3, arbitrary: asJson(wild) },
    {
      weight: 2,
      arbitrary: asJson(
        fc.tuple(valid, fc.nat(), wrongTypeValue).map(([value, index, replacement]) => {
          const object = { ...objectOf(value) };
          const keys = Object.keys(object);
          if (keys.length) object[keys[index % keys.length]!] = replacement;
          return object;
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: asJson(
        fc.tuple(valid, fc.nat(), fc.constantFrom(10_000, 70_000)).map(([value, index, size]) => {
          const object = { ...objectOf(value) };
          const keys = Object.keys(object);
          object[keys.length ? keys[index % keys.length]! : 'name'] = 'x'.repeat(size);
          return object;
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: asJson(
        fc
          .tuple(valid, fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }))
          .map(([value, extra]) => ({ ...extra, ...objectOf(value) })),
      ),
    },
    {
      weight: 1,
      arbitrary: valid.map((value): Body => ({
        // Keys JSON.parse keeps as own properties, to check nothing treats them specially.
        text: JSON.stringify(value).replace(
          /^\{/,
          '{"__proto__":{"admin":true},"constructor":{"prototype":{}},',
        ),
        contentType: JSON_TYPE,
      })),
    },
    { weight: 1, arbitrary: asJson(valid.map((value) => [value])) },
    {
      weight: 1,
      arbitrary: asJson(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, 0, '', []))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(100, 5_000, 30_000), fc.constantFrom(['[', ']'], ['{"a":', '}']))
        .map(([depth, [open, close]]): Body => ({
          text: nested(depth, open!, close!),
          contentType: JSON_TYPE,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '',
            ' ',
            '{',
            '{"name":',
            'NaN',
            'undefined',
            "{'a':1}",
            '{"a":1}}',
            '\u0000',
          ),
          fc.string({ unit: 'binary', maxLength: 100 }),
        )
        .map((text): Body => ({ text, contentType: JSON_TYPE })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes): Body => ({
        // Invalid UTF-8 around a JSON object.
        text: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc0, ...bytes, 0x22, 0x7d]),
        contentType: JSON_TYPE,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(
            undefined,
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=utf-16',
            'application/json;;;',
            'application/jsonx',
            'APPLICATION/JSON',
            'application/vnd.api+json',
            '*/*',
            'garbage',
          ),
        )
        .map(([value, contentType]): Body => ({ text: JSON.stringify(value), contentType })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ text: undefined, contentType: undefined }) },
    { weight: 1, arbitrary: fc.constant<Body>({ text: undefined, contentType: JSON_TYPE }) },
  );
}

/** A path-parameter value: how to pick it once the run's fixture exists. */
type ParamChoice = { fixtureIndex: number } | { literal: string };

const BAD_ESCAPES = [
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '%2F',
  '%2e%2e',
  '%C0%AF',
  '%ED%A0%80',
  '%u0041',
];

const paramChoice: fc.Arbitrary<ParamChoice> = fc.oneof(
  { weight: 10, arbitrary: fc.nat().map((fixtureIndex) => ({ fixtureIndex })) },
  { weight: 2, arbitrary: fc.uuid().map((literal) => ({ literal })) },
  {
    weight: 1,
    arbitrary: fc.uuid().map((literal) => ({ literal: literal.toUpperCase() })),
  },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'grapheme', maxLength: 40 })
      .map((text) => ({ literal: encodeURIComponent(text) })),
  },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_ESCAPES).map((literal) => ({ literal })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1_000, 10_000).map((size) => ({ literal: 'a'.repeat(size) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('0', '-1', '1e99', 'null', "1' or '1'='1")
      .map((literal) => ({ literal })),
  },
);

const query: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 30 }), {
        maxKeys: 4,
      })
      .map((entries) => `?${new URLSearchParams(entries).toString()}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('?', '?%E0%A4%A=1', '?&&=&a', '?a=%', `?x=${'y'.repeat(20_000)}`),
  },
);

/** Header values fetch's Headers accepts: Latin-1 without NUL, CR or LF. */
const headerText = (maxLength: number) =>
  fc
    .string({
      unit: fc.integer({ min: 1, max: 0xff }).map((code) => String.fromCharCode(code)),
      maxLength,
    })
    .map((text) => text.replace(/[\r\n]/g, ' '));

type CookieChoice =
  { identity: Identity } | { literal: string } | { identityAnd: Identity; literal: string };

const cookieChoice: fc.Arbitrary<CookieChoice> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...IDENTITIES).map((identity) => ({ identity })) },
  { weight: 1, arbitrary: headerText(200).map((literal) => ({ literal })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'session=',
        'session=abc',
        `session=${'a'.repeat(32)}`,
        `session=${'A'.repeat(32)}`,
        'session="abcdefghijklmnopqrstuvwxyz234567"',
        'session=%00',
        `session=${'x'.repeat(9_000)}`,
        ';;;=;=',
      )
      .map((literal) => ({ literal })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...IDENTITIES),
        fc.constantFrom('session=junk', 'a=b', `x=${'y'.repeat(9_000)}`),
      )
      .map(([identityAnd, literal]) => ({ identityAnd, literal })),
  },
);

const originChoice = fc.oneof(
  { weight: 16, arbitrary: fc.constant<string | undefined>(TEST_ORIGIN) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      'null',
      'http://evil.example',
      `${TEST_ORIGIN}.evil.example`,
      'http://localhost:3000/',
      'HTTP://LOCALHOST:3000',
      '://',
    ),
  },
  { weight: 1, arbitrary: headerText(100) },
);

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        'x-request-id': headerText(100),
        'x-forwarded-for': headerText(60),
        accept: headerText(40),
        'accept-encoding': headerText(40),
        'x-fuzz': fc.constantFrom('', 'a'.repeat(100_000)),
      },
      { requiredKeys: [] },
    ),
  },
);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

interface GeneratedRequest {
  method: string;
  params: Record<string, ParamChoice>;
  pathSuffix: string;
  query: string;
  cookie: CookieChoice;
  origin: string | undefined;
  headers: Record<string, string>;
  body: Body;
}

function requestFor(
  operation: Operation,
  known: fc.Arbitrary<string>,
): fc.Arbitrary<GeneratedRequest> {
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  return fc.record({
    method: fc.oneof(
      { weight: 14, arbitrary: fc.constant(operation.method) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    ),
    params: fc.record(
      Object.fromEntries(pathParams.map((parameter) => [parameter.name, paramChoice])),
    ),
    pathSuffix: fc.oneof(
      { weight: 14, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('/', '//', '/x', '/%E0%A4%A', '/..', '?#') },
    ),
    query,
    cookie: cookieChoice,
    origin: originChoice,
    headers: extraHeaders,
    body: bodyFrom(operation.body, known),
  });
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer: ${what}`)), REQUEST_DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Stack frames, SQL and driver text that must never reach a client. */
const INTERNAL_TEXT =
  /\n\s*at |\bat .+:\d+:\d+|node_modules|\.ts:\d+|postgres|syntax error|violates|relation "|column "|\b(select|insert|update|delete)\b.+\b(from|into|set|where)\b/i;

async function expectWellFormed(response: Response, method: string, what: string): Promise<void> {
  const text = await response.text();
  expect(
    response.status,
    `${what} answered ${response.status}: ${text.slice(0, 300)}`,
  ).toBeLessThan(500);
  if (response.ok || method === 'HEAD') return;
  expect(response.headers.get('content-type'), `${what}: non-JSON error`).toMatch(
    /^application\/json/,
  );
  expect(isErrorShape(text), `${what}: not the error shape: ${text}`).toBe(true);
  expect(text, `${what}: internal text in the error`).not.toMatch(INTERNAL_TEXT);
}

describe.skipIf(!api)(`fuzzing every operation of the OpenAPI document (seed ${SEED})`, () => {
  const { app, test } = api!;
  const { sessions } = test.accounts;
  const cookieName = sessionCookieName(test.platform.config.secureCookies);
  const users = {} as Record<Exclude<Identity, 'signedOut'>, TestUser>;
  beforeAll(async () => {
    for (const identity of ['owner', 'editor', 'viewer', 'stranger'] as const) {
      users[identity] = await registerTestUser(app, { name: identity, password: PASSWORD });
    }
  });

  // A state-changing success may end a session or delete the project, so the next run gets new ones.
  let fixture: Fixture | undefined;
  async function freshFixture(): Promise<Fixture> {
    const cookies = { signedOut: undefined } as Fixture['cookies'];
    for (const [identity, user] of Object.entries(users)) {
      const { token } = await sessions.create(user.user.id);
      cookies[identity as Identity] = `${cookieName}=${token}`;
    }
    const owner = { ...users.owner, cookie: cookies.owner! };
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, users.editor, 'editor');
    await addTestMember(app, owner, project.id, users.viewer, 'viewer');
    const calendar = await createTestCalendar(app, owner, project.id);
    const userIds = Object.values(users).map((user) => user.user.id);
    return {
      cookies,
      ids: {
        projectId: [project.id],
        calendarId: [calendar.id],
        userId: userIds,
        '*': [project.id, calendar.id, ...userIds],
      },
    };
  }

  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThan(10);
    console.info(`api fuzz: seed ${SEED}, ${RUNS_PER_OPERATION} requests per operation`);
  });

  it.each(
    operations.map(
      (operation, index) => [`${operation.method} ${operation.path}`, operation, index] as const,
    ),
  )(
    '%s never answers 5xx, always answers, and every error has the error shape',
    async (_name, operation, index) => {
      const statuses: Record<number, number> = {};
      const emails = Object.values(users).map((user) => user.user.email);
      const known = fc.constantFrom(...emails, PASSWORD);
      await fc.assert(
        fc.asyncProperty(requestFor(operation, known), async (request) => {
          fixture ??= await freshFixture();
          const current = fixture;
          const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
            const choice = request.params[name];
            if (!choice) return name;
            if ('literal' in choice) return choice.literal;
            const pool = current.ids[name] ?? current.ids['*']!;
            return pool[choice.fixtureIndex % pool.length]!;
          });
          const headers: Record<string, string> = { ...request.headers };
          const cookie =
            'identity' in request.cookie
              ? current.cookies[request.cookie.identity]
              : 'identityAnd' in request.cookie
                ? [request.cookie.literal, current.cookies[request.cookie.identityAnd]]
                    .filter(Boolean)
                    .join('; ')
                : request.cookie.literal;
          if (cookie) headers.cookie = cookie;
          if (request.origin !== undefined) headers.origin = request.origin;
          const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
          if (hasBody && request.body.contentType)
            headers['content-type'] = request.body.contentType;
          const url = `${TEST_ORIGIN}${path}${request.pathSuffix}${request.query}`;
          const what = `${request.method} ${url.slice(0, 200)}`;
          const response = await withDeadline(
            Promise.resolve(
              app.request(url, {
                method: request.method,
                headers,
                body: hasBody ? request.body.text : undefined,
              }),
            ),
            what,
          );
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          await withDeadline(expectWellFormed(response, request.method, what), what);
          if (response.ok && request.method !== 'GET' && request.method !== 'HEAD')
            fixture = undefined;
        }),
        { seed: SEED + index, numRuns: RUNS_PER_OPERATION },
      );
      console.info(`${operation.method} ${operation.path}: ${JSON.stringify(statuses)}`);
    },
  );
});
