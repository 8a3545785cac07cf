import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getOperationAST, parse, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../common/project-root';
import { EMBED_FIELD_ACCESS, classifiedCoordinates, schemaCoordinates } from './embed-field-access';
import { fieldsRefusedToView } from './embed-field-access.plugin';
import { EMBED_VIEWS } from '../auth/embed-token';

const schema = buildSchema(readFileSync(join(projectRoot(), 'schema.gql'), 'utf8'));

function refused(view: string, source: string, operationName?: string): string[] {
  const document = parse(source);
  const operation = getOperationAST(document, operationName) ?? undefined;
  return fieldsRefusedToView(schema, document, operation, view);
}

describe('the embed field allowlist', () => {
  it('decides every field of the committed schema, and names no field the schema lacks', () => {
    const inSchema = schemaCoordinates(schema);
    const classified = classifiedCoordinates();
    // A field added to the schema needs a decision here: which views, or none.
    expect(inSchema.filter((coordinate) => !classified.has(coordinate))).toEqual([]);
    expect([...classified.keys()].filter((coordinate) => !inSchema.includes(coordinate))).toEqual(
      [],
    );
    for (const views of classified.values())
      expect(views.every((view) => EMBED_VIEWS.includes(view))).toBe(true);
  });

  it('gives no view a mutation, and personal data only to the lists that show it', () => {
    expect(Object.values(EMBED_FIELD_ACCESS.Mutation).every((views) => views.length === 0)).toBe(
      true,
    );
    const personal = [
      'SegmentMember.email',
      'SegmentMember.personId',
      'SegmentMember.comment',
      'SurveyResponse.email',
      'SurveyResponse.personId',
      'SurveyResponse.comment',
      'SurveyResponse.permalink',
      'MatchedUser.identity',
      'MatchedUser.properties',
      'User.identity',
      'User.properties',
      'Event.properties',
    ];
    const classified = classifiedCoordinates();
    const viewsSeeing = new Set(personal.flatMap((coordinate) => classified.get(coordinate)!));
    // The Comments view lists comments with their respondent's email, as the responses view does.
    expect([...viewsSeeing].sort()).toEqual(['COMMENTS', 'RESPONSES', 'SEGMENTS']);
    expect(classified.get('MatchedUser.properties')).toEqual(['SEGMENTS']);
  });
});

describe('fieldsRefusedToView', () => {
  const members = `segmentMembers(segment: PROMOTER) { edges { node { email user { properties } } } }`;

  it('passes what the view shows, and __typename anywhere', () => {
    expect(
      refused('OVERVIEW', `{ environment(id: "1") { __typename id npsSummary { nps } } }`),
    ).toEqual([]);
    expect(refused('SEGMENTS', `{ environment(id: "1") { ${members} } }`)).toEqual([]);
  });

  it('names every field the view lacks, once, however it is reached', () => {
    const expected = [
      'Environment.segmentMembers',
      'SegmentMemberConnection.edges',
      'SegmentMemberEdge.node',
      'SegmentMember.email',
      'SegmentMember.user',
      'MatchedUser.properties',
    ];
    expect(
      refused('OVERVIEW', `{ environment(id: "1") { ${members} again: ${members} } }`),
    ).toEqual(expected);
    // Through named fragments (nested, spread twice), inline fragments and aliases.
    const throughFragments = `
      query Sneaky { environment(id: "1") { ...Outer ... on Environment { id } } }
      fragment Outer on Environment { nps: npsSummary { nps } ...Inner ...Inner }
      fragment Inner on Environment { list: segmentMembers(segment: PASSIVE) { edges { node { ...Person } } } }
      fragment Person on SegmentMember { ... on SegmentMember { email user { properties } } }`;
    expect(refused('OVERVIEW', throughFragments).sort()).toEqual([...expected].sort());
    // RESPONSES sees the matched user's identity, never its properties.
    expect(
      refused(
        'RESPONSES',
        `{ environment(id: "1") { surveyResponses { edges { node { email user { identity properties } } } } } }`,
      ),
    ).toEqual(['MatchedUser.properties']);
  });

  it('checks the operation that runs, and every operation when none is chosen', () => {
    const two = `query Fine { viewer { kind } } query Leaky { environments { id } }`;
    expect(refused('DRIVERS', two, 'Fine')).toEqual([]);
    expect(refused('DRIVERS', two, 'Leaky')).toEqual(['Query.environments']);
    const document = parse(two);
    const none: OperationDefinitionNode | undefined = undefined;
    expect(fieldsRefusedToView(schema, document, none, 'DRIVERS')).toEqual(['Query.environments']);
  });

  it('refuses mutations and fields it does not know', () => {
    expect(
      refused('OVERVIEW', `mutation { createEnvironment(name: "x") { id } }`).slice(0, 1),
    ).toEqual(['Mutation.createEnvironment']);
    const grown = buildSchema(`type Query { viewer: Viewer, secret: String }
      type Viewer { kind: String }`);
    const document = parse(`{ viewer { kind } secret }`);
    expect(fieldsRefusedToView(grown, document, getOperationAST(document)!, 'OVERVIEW')).toEqual([
      'Query.secret',
    ]);
    // A field the schema lacks (validation would have stopped it) is refused, not skipped.
    expect(refused('OVERVIEW', `{ viewer { kind } nope { x } }`)).toEqual(['Query.nope', '?.x']);
  });
});
