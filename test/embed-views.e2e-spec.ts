import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLField,
  type GraphQLInputType,
  GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import {
  AccountsDocument,
  ComparisonDocument,
  CorrelationsDocument,
  EmbedEnvironmentDocument,
  EngagementTrendDocument,
  EventTypesDocument,
  FirstYearDocument,
  ResponsesDocument,
  CommentThemesDocument,
  ThemeTrendDocument,
  CommentResponsesDocument,
  SegmentMembersDocument,
  SegmentSummaryDocument,
  SummaryDocument,
  TotalDocument,
  TransitionsDocument,
  TrendDocument,
  WhyItMovedDocument,
} from '../client/src/generated/graphql';
import { classifiedCoordinates, schemaCoordinates } from '../src/embed/embed-field-access';
import { fieldsRefusedToView } from '../src/embed/embed-field-access.plugin';
import { EMBED_VIEWS, type EmbedViewName } from '../src/auth/embed-token';
import { TestApp, startTestApp, emailMatchedEnvironment } from './support/test-app';

/**
 * Every view × every field of the served schema, over HTTP: a view's link reads each field the
 * allowlist gives it (with data behind every one), and is refused each other field with 403
 * before anything runs.
 */

type AnyField = GraphQLField<unknown, unknown>;
interface Step {
  parent: GraphQLObjectType;
  field: AnyField;
}

/** The one theme of the test environment's dictionary, set in beforeAll. */
let themeId = '';
const RANGE = 'from: "2025-07-01T00:00:00Z", to: "2026-07-01T00:00:00Z"';
const AS_OF = 'asOf: "2026-07-01T00:00:00Z"';
/** Arguments that make a field answer with data (the rest get the minimum validation needs). */
const ARGUMENTS: Record<string, string> = {
  'Environment.npsSummary': `${RANGE}, compareToPrevious: true`,
  // With engagement, so that the tier table (ENGAGEMENT) has rows to answer.
  'Environment.npsTrend': `${RANGE}, interval: QUARTER, engagement: { automatic: true }`,
  'Environment.segmentSummary': AS_OF,
  'Environment.segmentMembers': `segment: PROMOTER, ${AS_OF}`,
  'Environment.segmentComparison': `eventType: "Export", ${AS_OF}`,
  'Environment.activityCorrelations': `${RANGE}, minUsers: 1`,
  'Environment.user': 'identity: "u1"',
  'Environment.npsChange': `${RANGE}, by: { engagement: {} }`,
  'Environment.scoreDistribution': RANGE,
  'Environment.segmentTransitions': RANGE,
  'SegmentTransitions.pairsOf': 'from: DETRACTOR, to: PROMOTER',
  'Environment.accounts': RANGE,
  'Environment.accountSummary': RANGE,
  'Environment.themeImpact': RANGE,
  'Environment.sentimentSplit': RANGE,
  'Environment.themeSuggestions': RANGE,
  get 'Environment.themeTrend'() {
    return `theme: "${themeId}", ${RANGE}, interval: QUARTER`;
  },
};

const coordinateOf = (step: Step) => `${step.parent.name}.${step.field.name}`;

/** A literal of `type` that passes validation. */
function sampleLiteral(type: GraphQLInputType, environmentId: string): string {
  if (isNonNullType(type)) return sampleLiteral(type.ofType, environmentId);
  if (isListType(type)) return `[${sampleLiteral(type.ofType, environmentId)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${required.map((field) => `${field.name}: ${sampleLiteral(field.type, environmentId)}`).join(', ')} }`;
  }
  const scalars: Record<string, string> = {
    ID: `"${environmentId}"`,
    String: '"x"',
    Int: '1',
    Float: '1',
    Boolean: 'true',
    DateTime: '"2026-01-01T00:00:00Z"',
    JSON: '"{}"',
  };
  if (!(type.name in scalars)) throw new Error(`Give the test a sample ${type.name} literal.`);
  return scalars[type.name];
}

function argumentsOf(step: Step, environmentId: string): string {
  const chosen = ARGUMENTS[coordinateOf(step)];
  if (chosen) return `(${chosen})`;
  const required = step.field.args.filter((arg) => isNonNullType(arg.type));
  if (required.length === 0) return '';
  return `(${required.map((arg) => `${arg.name}: ${sampleLiteral(arg.type, environmentId)}`).join(', ')})`;
}

/** The shortest way from a root to each object type, through fields `usable` lets through. */
function pathsToTypes(schema: GraphQLSchema, usable: (coordinate: string) => boolean) {
  const paths = new Map<string, Step[]>();
  const queue: GraphQLObjectType[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (root) {
      paths.set(root.name, []);
      queue.push(root);
    }
  }
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const field of Object.values(parent.getFields())) {
      const target = getNamedType(field.type);
      const step = { parent, field };
      if (isObjectType(target) && !paths.has(target.name) && usable(coordinateOf(step))) {
        paths.set(target.name, [...paths.get(parent.name)!, step]);
        queue.push(target);
      }
    }
  }
  return paths;
}

interface Selection {
  text: string;
  children: Map<string, Selection>;
}

/** One operation selecting every path (shared prefixes merged); object leaves get __typename. */
function operationFor(paths: Step[][], environmentId: string): string {
  const root: Selection = { text: '', children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      const text = `${step.field.name}${argumentsOf(step, environmentId)}`;
      if (!node.children.has(text)) node.children.set(text, { text, children: new Map() });
      node = node.children.get(text)!;
    }
    if (isObjectType(getNamedType(path[path.length - 1].field.type)) && node.children.size === 0)
      node.children.set('__typename', { text: '__typename', children: new Map() });
  }
  const render = (node: Selection): string =>
    node.children.size === 0
      ? node.text
      : `${node.text} { ${[...node.children.values()].map(render).join(' ')} }`;
  const rootType = paths[0][0].parent.name === 'Mutation' ? 'mutation' : 'query';
  return `${rootType} ${render(root).trim()}`;
}

/** Whether the answer holds the path's last field in at least one object (lists flattened). */
function answered(data: unknown, path: Step[]): boolean {
  let objects: unknown[] = [data];
  for (const [index, step] of path.entries()) {
    const name = step.field.name;
    const holders = objects.filter(
      (value): value is Record<string, unknown> => value !== null && typeof value === 'object',
    );
    if (index === path.length - 1) return holders.some((holder) => name in holder);
    objects = holders.flatMap((holder) => {
      const value = holder[name];
      return Array.isArray(value) ? value : [value];
    });
  }
  return false;
}

/** Runs `work` on every item, `width` at a time. */
async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('embed links read only what their view shows', () => {
  let test: TestApp;
  let environmentId: string;
  let schema: GraphQLSchema;
  let analystKey: string;
  const tokens = {} as Record<EmbedViewName, string>;
  const access = classifiedCoordinates();
  const allowed = (view: EmbedViewName, coordinate: string) =>
    access.get(coordinate)?.includes(view) ?? false;

  const post = (token: string, query: string) =>
    test.http
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send({ query });

  beforeAll(async () => {
    test = await startTestApp();
    schema = test.app.get(GraphQLSchemaHost).schema;
    const created = await emailMatchedEnvironment(test);
    environmentId = created.environmentId;
    analystKey = created.keys.ANALYST;
    const { keys, ingest } = created;
    await ingest('/api/add_user_properties', {
      users: ['u1', 'u2', 'u3'].map((identity, index) => ({
        identity,
        properties: { email: `${identity}@x.com`, plan: index === 1 ? 'free' : 'pro' },
      })),
    });
    await ingest('/api/track', {
      events: [
        { identity: 'u1', event: 'Export', timestamp: '2026-01-09T12:00:00Z' },
        { identity: 'u2', event: 'Login', timestamp: '2026-01-09T12:00:00Z' },
        { identity: 'u3', event: 'Login', timestamp: '2026-01-08T12:00:00Z' },
      ],
    });
    const response = (id: string, identity: string, score: number, iso: string) => ({
      id,
      person: { id: `p-${identity}`, email: `${identity}@x.com` },
      survey_type: 'nps',
      score,
      comment: `comment ${id}`,
      permalink: `https://delighted.example/r/${id}`,
      created_at: Math.floor(Date.parse(iso) / 1000),
      updated_at: null,
    });
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env: environmentId,
        json: JSON.stringify([
          response('r1', 'u1', 10, '2026-01-10T10:00:00Z'),
          response('r2', 'u2', 3, '2026-01-10T11:00:00Z'),
          response('r3', 'u3', 8, '2026-01-11T10:00:00Z'),
          // u1 was a detractor before: a pair for the Segments view's transitions.
          response('r4', 'u1', 2, '2026-01-09T10:00:00Z'),
        ]),
      },
    );
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "plan") { id } }',
      { env: environmentId },
    );
    // A dictionary change and its analysis job, so commentAnalysis has a finished run to show.
    const { setThemes } = await test.ok<{ setThemes: Array<{ id: string }> }>(
      keys.ADMIN,
      'mutation($env: ID!) { setThemes(environmentId: $env, themes: [{ name: "Comments", patterns: ["comment"] }]) { id } }',
      { env: environmentId },
    );
    themeId = setThemes[0].id;
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { runCommentAnalysis(environmentId: $env) { finished } }',
      { env: environmentId },
    );
    for (const view of EMBED_VIEWS) {
      const { createEmbedLink } = await test.ok<{ createEmbedLink: { token: string } }>(
        keys.ADMIN,
        'mutation($env: ID!, $view: EmbedView!) { createEmbedLink(environmentId: $env, view: $view) { token } }',
        { env: environmentId, view },
      );
      tokens[view] = createEmbedLink.token;
    }
  });
  afterAll(() => test.close());

  it('serves no field the allowlist has not decided', () => {
    const served = schemaCoordinates(schema);
    expect(served.filter((coordinate) => !access.has(coordinate))).toEqual([]);
    expect(served.length).toBeGreaterThan(150);
  });

  it.each(EMBED_VIEWS)('%s links read every field their view shows', async (view) => {
    const paths = pathsToTypes(schema, (coordinate) => allowed(view, coordinate));
    const wanted = schemaCoordinates(schema).filter((coordinate) => allowed(view, coordinate));
    const fieldPaths = wanted.map((coordinate) => {
      const [typeName, fieldName] = coordinate.split('.');
      const parent = schema.getType(typeName) as GraphQLObjectType;
      const path = paths.get(typeName);
      // An allowed field behind fields the view may not select would be of no use to it.
      if (!path) throw new Error(`${view}: ${coordinate} is allowed but unreachable`);
      return [...path, { parent, field: parent.getFields()[fieldName] }];
    });
    const query = operationFor(fieldPaths, environmentId);
    const response = await post(tokens[view], query);
    expect({ status: response.status, errors: response.body.errors }).toEqual({
      status: 200,
      errors: undefined,
    });
    const unanswered = fieldPaths
      .filter((path) => !answered(response.body.data, path))
      .map((path) => coordinateOf(path[path.length - 1]));
    expect(unanswered).toEqual([]);
  });

  it.each(EMBED_VIEWS)(
    '%s links are refused every other field with 403, before anything runs',
    async (view) => {
      const viaAllowed = pathsToTypes(schema, (coordinate) => allowed(view, coordinate));
      const viaAny = pathsToTypes(schema, () => true);
      const refused = schemaCoordinates(schema).filter((coordinate) => !allowed(view, coordinate));
      const failures: unknown[] = [];
      await inPool(refused, 8, async (coordinate) => {
        const [typeName, fieldName] = coordinate.split('.');
        const parent = schema.getType(typeName) as GraphQLObjectType;
        const prefix = viaAllowed.get(typeName) ?? viaAny.get(typeName)!;
        const path = [...prefix, { parent, field: parent.getFields()[fieldName] }];
        const response = await post(tokens[view], operationFor([path], environmentId));
        const error = response.body.errors?.[0];
        const named: string[] = error?.extensions?.fields ?? [];
        // Reached through allowed fields, the field itself is the only one named; otherwise the
        // fields before it that the view lacks are named too.
        const expectedNames = path.map(coordinateOf).filter((name) => !allowed(view, name));
        const ok =
          response.status === 403 &&
          !('data' in response.body) &&
          response.body.errors.length === 1 &&
          error.extensions.code === 'FORBIDDEN' &&
          error.extensions.embedView === view &&
          JSON.stringify(named) === JSON.stringify(expectedNames) &&
          error.message.includes(coordinate) &&
          error.message.includes(view) &&
          (!viaAllowed.has(typeName) || named.length === 1);
        if (!ok) failures.push({ coordinate, status: response.status, body: response.body });
      });
      expect(failures).toEqual([]);
      expect(refused.length).toBeGreaterThan(100);
    },
  );

  it('gives each view exactly what the dashboard asks for it, and the dashboard its answers', async () => {
    const range = { from: '2025-07-01T00:00:00Z', to: '2026-07-01T00:00:00Z' };
    const shell: Array<[string, object]> = [
      [String(EmbedEnvironmentDocument), {}],
      [String(FirstYearDocument), { to: range.to }],
    ];
    const trend: [string, object] = [String(TrendDocument), { ...range, interval: 'MONTH' }];
    const whyItMoved = { ...range, previousFrom: '2024-07-01T00:00:00Z', by: { engagement: {} } };
    const asked: Record<EmbedViewName, Array<[string, object]>> = {
      OVERVIEW: [
        [String(SummaryDocument), { ...range, compare: true }],
        [String(TotalDocument), {}],
        trend,
        [String(WhyItMovedDocument), whyItMoved],
      ],
      WHY_IT_MOVED: [[String(WhyItMovedDocument), whyItMoved]],
      ACCOUNTS: [[String(AccountsDocument), { ...range, first: 25 }]],
      ENGAGEMENT: [
        [String(EventTypesDocument), {}],
        [
          String(EngagementTrendDocument),
          { ...range, interval: 'MONTH', engagement: { automatic: true } },
        ],
      ],
      DRIVERS: [
        [String(CorrelationsDocument), { ...range, minUsers: 1 }],
        [String(ComparisonDocument), { eventType: 'Export', asOf: range.to }],
      ],
      SEGMENTS: [
        [String(SegmentSummaryDocument), { asOf: range.to }],
        [String(SegmentMembersDocument), { segment: 'PROMOTER', asOf: range.to, first: 25 }],
        [String(TransitionsDocument), range],
      ],
      RESPONSES: [[String(ResponsesDocument), { first: 25 }]],
      COMMENTS: [
        [String(CommentThemesDocument), range],
        [String(ThemeTrendDocument), { ...range, theme: themeId, interval: 'MONTH' }],
        [String(CommentResponsesDocument), { first: 25, search: 'export' }],
      ],
    };
    // What a link says about itself, though the dashboard does not ask it today.
    const selfDescription = schemaCoordinates(schema).filter(
      (coordinate) => coordinate === 'Query.viewer' || coordinate.startsWith('Viewer.'),
    );
    for (const view of EMBED_VIEWS) {
      const used = new Set(selfDescription);
      for (const [query, variables] of [...shell, ...asked[view]]) {
        const document = parse(query);
        // Refused to a view no field is allowed to: every field the operation selects.
        for (const coordinate of fieldsRefusedToView(
          schema,
          document,
          getOperationAST(document) ?? undefined,
          'NO VIEW',
        ))
          used.add(coordinate);
        const response = await test.http
          .post('/graphql')
          .set('authorization', `Bearer ${tokens[view]}`)
          .send({ query, variables: { env: environmentId, ...variables } });
        expect([view, response.status, response.body.errors]).toEqual([view, 200, undefined]);
      }
      const granted = schemaCoordinates(schema).filter((coordinate) => allowed(view, coordinate));
      expect([view, granted]).toEqual([view, [...used].sort()]);
    }
  });

  it('refuses fields smuggled in through fragments and aliases', async () => {
    const query = `query Overview($env: ID!) {
      environment(id: $env) { ...Figures }
    }
    fragment Figures on Environment {
      npsSummary { nps }
      people: segmentMembers(segment: PROMOTER) { edges { node { ... on SegmentMember { email } } } }
    }`;
    const response = await test.http
      .post('/graphql')
      .set('authorization', `Bearer ${tokens.OVERVIEW}`)
      .send({ query, variables: { env: environmentId } });
    expect(response.status).toBe(403);
    expect(response.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      embedView: 'OVERVIEW',
      fields: [
        'Environment.segmentMembers',
        'SegmentMemberConnection.edges',
        'SegmentMemberEdge.node',
        'SegmentMember.email',
      ],
    });
    expect(response.body.errors[0].message).toMatch(
      /^This OVERVIEW embed link cannot read Environment\.segmentMembers, .*SegmentMember\.email: it reads only what the OVERVIEW view shows\.$/,
    );
  });

  it('leaves API keys as they were', async () => {
    const data = await test.ok<{
      environment: { segmentMembers: { edges: Array<{ node: { email: string } }> } };
    }>(
      analystKey,
      `query($env: ID!) { environment(id: $env) {
         segmentMembers(segment: PROMOTER, ${AS_OF}) { edges { node { email } } } } }`,
      { env: environmentId },
    );
    expect(data.environment.segmentMembers.edges.map((edge) => edge.node.email)).toEqual([
      'u1@x.com',
    ]);
  });
});
