import type { DelightedSurveyResponse } from './delighted-api.types';
import { MalformedResponseError, recordFromDelighted } from './delighted-response.parser';

const WIRE = {
  id: '1',
  person: { id: 'p1', email: 'a@example.com', phone_number: null },
  survey_type: 'nps',
  score: 9,
  comment: null,
  permalink: 'https://delighted.example/r/1',
  created_at: 1714571110,
  updated_at: null,
  person_properties: { plan: 'pro' },
};

/** The fields recordFromDelighted refuses, as named on the wire. */
function wireProblems(change: Record<string, unknown>): string[] {
  try {
    recordFromDelighted({ ...WIRE, ...change } as unknown as DelightedSurveyResponse);
  } catch (error) {
    if (error instanceof MalformedResponseError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
}

describe('recordFromDelighted', () => {
  it('reads the wire shape', () => {
    expect(recordFromDelighted(WIRE as unknown as DelightedSurveyResponse)).toMatchObject({
      responseId: '1',
      personId: 'p1',
      email: 'a@example.com',
      score: 9,
      respondedAt: new Date(1714571110 * 1000),
      personProperties: { plan: 'pro' },
    });
  });

  it.each([
    ['person.email: 42', { person: { id: 'p1', email: 42 } }, ['person.email']],
    [
      'person.phone_number: {}',
      { person: { id: 'p1', phone_number: {} } },
      ['person.phone_number'],
    ],
    ['person: true', { person: true }, ['person']],
    ['comment: 5', { comment: 5 }, ['comment']],
    ['permalink: []', { permalink: [] }, ['permalink']],
    ['survey_type: 1', { survey_type: 1 }, ['survey_type']],
    ['score: "9"', { score: '9' }, ['score']],
    ['score missing', { score: undefined }, ['score']],
    ['created_at: "yesterday"', { created_at: 'yesterday' }, ['created_at']],
    ['created_at missing', { created_at: undefined }, ['created_at']],
    ['created_at: 1e12', { created_at: 1e12 }, ['created_at']],
    ['created_at: 1e20', { created_at: 1e20 }, ['created_at']],
    ['updated_at: -1e11', { updated_at: -1e11 }, ['updated_at']],
    ['person_properties: "x"', { person_properties: 'x' }, ['person_properties']],
    ['person_properties: []', { person_properties: [] }, ['person_properties']],
    [
      'a __proto__ person property',
      { person_properties: JSON.parse('{"__proto__": 1}') },
      ['person_properties.__proto__'],
    ],
    ['score 11', { score: 11 }, ['score']],
    ['score 1e10', { score: 1e10 }, ['score']],
    ['id: {}', { id: {} }, ['id']],
    ['id missing', { id: undefined }, ['id']],
  ])('names %s', (_, change, fields) => {
    expect(wireProblems(change)).toEqual(fields);
  });

  it('refuses person properties nested 50,000 deep without a stack overflow', () => {
    const deep = JSON.parse('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000));
    expect(wireProblems({ person_properties: deep })).toEqual(['person_properties']);
  });

  it('says which response and field in the message (sync runs record it)', () => {
    expect(() =>
      recordFromDelighted({ ...WIRE, score: 11 } as unknown as DelightedSurveyResponse),
    ).toThrow('response 1: score must be 0 to 10 for an NPS survey, got 11');
  });
});
