import { parse } from 'graphql';
import { fieldCount, queryDepth } from './query-shape';

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

  it('measures a fragment spread exponentially often once', () => {
    expect(queryDepth(fragmentBomb(40))).toBe(2);
  });
});

/** F0 spreads F1 twice, F1 spreads F2 twice, …: 2^levels uses of the last fragment's field. */
function fragmentBomb(levels: number) {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1
      ? `fragment F${level} on T { leaf }`
      : `fragment F${level} on T { ...F${level + 1} ... on T { ...F${level + 1} } }`,
  );
  return parse(`{ root { ...F0 } } ${fragments.join(' ')}`);
}

describe('fieldCount', () => {
  it('counts every alias and nested field', () => {
    expect(fieldCount(parse('{ a b: a c { d e } }'), null, 100)).toBe(5);
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: __typename`).join(' ');
    expect(fieldCount(parse(`{ ${aliases} }`), null, 1000)).toBe(300);
  });

  it('counts a fragment at every use, inline fragments by their fields', () => {
    const document = parse('{ x { ...F } y { ...F ... on T { z } } } fragment F on T { p q }');
    expect(fieldCount(document, null, 100)).toBe(2 + 2 + 2 + 1);
  });

  it('counts only the named operation', () => {
    const document = parse('query One { a } query Three { a b c }');
    expect(fieldCount(document, 'One', 100)).toBe(1);
    expect(fieldCount(document, 'Three', 100)).toBe(3);
  });

  it('stops just past the limit on a fragment spread exponentially often', () => {
    const count = fieldCount(fragmentBomb(40), null, 1000);
    expect(count).toBeGreaterThan(1000);
    expect(count).toBeLessThan(1010);
  });
});
