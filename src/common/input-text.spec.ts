import { jsonValueProblem, nulProblem, printableName, reservedNameProblem } from './input-text';

const BOUNDS = { maxDepth: 10, maxEntries: 1000, maxNameLength: 1023 };

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('nulProblem', () => {
  it('accepts text without NUL, including other control characters', () => {
    expect(nulProblem('tab\there\u0001')).toBeNull();
  });
  it('names the position of a NUL', () => {
    expect(nulProblem('ab\u0000c')).toMatch(/NUL character \(\\u0000, at position 2\)/);
  });
});

describe('reservedNameProblem and printableName', () => {
  it('refuses __proto__ only', () => {
    expect(reservedNameProblem('__proto__')).toMatch(/"__proto__" is reserved/);
    expect(reservedNameProblem('constructor')).toBeNull();
  });
  it('shows NUL in a name as \\u0000', () => {
    expect(printableName('a\u0000b')).toBe('a\\u0000b');
  });
});

describe('jsonValueProblem', () => {
  it('accepts nested values within the bounds', () => {
    expect(jsonValueProblem(JSON.parse(nested(9)), 'p', BOUNDS)).toBeNull();
    expect(jsonValueProblem({ list: [1, 'two', null, { x: true }] }, 'p', BOUNDS)).toBeNull();
  });

  it('refuses a value nested 50,000 deep without overflowing the stack', () => {
    expect(jsonValueProblem(JSON.parse(nested(50_000)), 'person_properties', BOUNDS)).toEqual({
      field: 'person_properties',
      message: 'must not nest objects and lists more than 10 levels deep',
    });
    expect(jsonValueProblem(JSON.parse(nested(11)), 'p', BOUNDS)?.message).toMatch(/10 levels/);
  });

  it('refuses more entries than allowed', () => {
    const wide = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
    expect(jsonValueProblem(wide, 'p', BOUNDS)?.message).toMatch(/at most 1000 names/);
  });

  it('names NUL in nested values and keys by path', () => {
    expect(jsonValueProblem({ a: [{ b: 'x\u0000' }] }, 'p', BOUNDS)?.field).toBe('p.a[0].b');
    expect(jsonValueProblem({ a: { 'k\u0000': 1 } }, 'p', BOUNDS)?.field).toBe('p.a.k\\u0000');
  });

  it('refuses a __proto__ key as JSON.parse makes it (an own property)', () => {
    expect(jsonValueProblem(JSON.parse('{"ok":1,"__proto__":{"x":1}}'), 'p', BOUNDS)).toEqual({
      field: 'p.__proto__',
      message: expect.stringMatching(/reserved/),
    });
  });

  it('refuses overlong names', () => {
    expect(jsonValueProblem({ ['n'.repeat(1024)]: 1 }, 'p', BOUNDS)?.message).toMatch(/1023/);
  });
});
