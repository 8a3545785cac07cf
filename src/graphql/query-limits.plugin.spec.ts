import { parse } from 'graphql';
import { queryDepth } from './query-limits.plugin';

describe('queryDepth', () => {
  it('counts field nesting', () => {
    expect(queryDepth(parse('{ a }'))).toBe(1);
    expect(queryDepth(parse('{ a { b { c } } d }'))).toBe(3);
  });

  it('follows fragments and inline fragments', () => {
    const document = parse('query Q { a { ...F } } fragment F on T { b { ... on U { c { d } } } }');
    expect(queryDepth(document, 'Q')).toBe(4);
  });

  it('does not loop on self-referencing fragments', () => {
    expect(queryDepth(parse('{ a { ...F } } fragment F on T { b { ...F } }'))).toBe(2);
  });

  it('measures only the named operation', () => {
    const document = parse('query Shallow { a } query Deep { a { b { c } } }');
    expect(queryDepth(document, 'Shallow')).toBe(1);
    expect(queryDepth(document, 'Deep')).toBe(3);
  });
});
