import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { findArgumentProblem, variableArguments } from './argument-values.plugin';

function problemIn(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return findArgumentProblem(document, operation, variables);
}

describe('findArgumentProblem', () => {
  it('lets ordinary strings through', () => {
    expect(
      problemIn('query($s: String) { a(search: $s, b: "x\\ty") { c(d: ["e"]) } }', { s: 'é' }),
    ).toBeNull();
  });

  it('names an inline argument holding NUL', () => {
    expect(problemIn('{ environment(id: "1") { user(identity: "a\\u0000b") { id } } }')).toEqual({
      argument: 'identity',
      path: 'identity',
      message: expect.stringMatching(/NUL character \(\\u0000, at position 1\)/),
    });
  });

  it('names the argument and the path inside an input object', () => {
    expect(
      problemIn(
        '{ e { users(filter: { conditions: [{ property: "plan", in: ["a", "b\\u0000"] }] }) { totalCount } } }',
      ),
    ).toMatchObject({ argument: 'filter', path: 'filter.conditions[0].in[1]' });
  });

  it('finds NUL given through a variable, naming argument and variable', () => {
    expect(
      problemIn('query($f: UserFilter) { e { users(filter: $f) { totalCount } } }', {
        f: { conditions: [{ property: 'p\u0000', equals: 'x' }] },
      }),
    ).toEqual({
      argument: 'filter',
      path: 'filter.conditions[0].property',
      message: expect.stringMatching(/NUL .* \(in variable \$f\)$/),
    });
  });

  it('checks variables inside input object literals and variable defaults', () => {
    expect(
      problemIn(
        'query($v: String) { e { users(filter: { conditions: [{ property: "p", equals: $v }] }) { n } } }',
        {
          v: '\u0000',
        },
      ),
    ).toMatchObject({ argument: 'filter', path: 'filter.conditions[0].equals' });
    expect(
      problemIn('query($s: String = "\\u0000") { e { segmentMembers(search: $s) { n } } }'),
    ).toMatchObject({ argument: 'search' });
  });

  it('looks into fragments and directive arguments', () => {
    expect(
      problemIn(
        '{ e { ...F } } fragment F on E { segmentComparison(eventType: "x\\u0000") { n } }',
      ),
    ).toMatchObject({ argument: 'eventType' });
    expect(
      problemIn('{ e @include(if: true) { a @deprecated(reason: "\\u0000") } }'),
    ).toMatchObject({ argument: 'reason' });
  });

  it('refuses NUL in unused variables and in variable object keys', () => {
    expect(problemIn('{ e }', { unused: ['\u0000'] })).toMatchObject({
      argument: '$unused',
      path: '$unused[0]',
    });
    expect(
      problemIn('query($f: UserFilter) { e { users(filter: $f) { n } } }', { f: { 'k\u0000': 1 } }),
    ).toMatchObject({ path: 'filter.k\\u0000' });
  });

  it('refuses a variable nested 50,000 deep without overflowing the stack', () => {
    const deep = JSON.parse('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000));
    expect(
      problemIn('query($f: UserFilter) { e { users(filter: $f) { n } } }', { f: deep }),
    ).toMatchObject({
      argument: 'filter',
      message: expect.stringMatching(/nested 32 levels deep/),
    });
  });
});

describe('variableArguments', () => {
  it('maps each variable to the first argument it is passed to', () => {
    const document = parse(
      'query($a: String, $b: Int) { x(search: $a, first: $b) { y(filter: { c: [$a] }) } }',
    );
    expect([...variableArguments(document)]).toEqual([
      ['a', 'search'],
      ['b', 'first'],
    ]);
  });
});
