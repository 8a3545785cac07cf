import type { SurveyResponseRecord } from './survey-response-record';
import { surveyRecordProblems } from './survey-response.validator';

const RECORD: SurveyResponseRecord = {
  responseId: 'r1',
  personId: 'p1',
  email: 'a@example.com',
  phoneNumber: null,
  surveyType: 'nps',
  score: 9,
  comment: null,
  permalink: null,
  respondedAt: new Date('2024-05-01T00:00:00Z'),
  responseUpdatedAt: null,
  personProperties: { plan: 'pro' },
};

describe('surveyRecordProblems', () => {
  it('accepts a valid record', () => {
    expect(surveyRecordProblems(RECORD)).toEqual([]);
  });

  it.each([
    ['an NPS score of 11', { score: 11 }, 'score', /0 to 10 for an NPS survey, got 11/],
    ['an NPS score of -1', { score: -1 }, 'score', /0 to 10 for an NPS survey, got -1/],
    ['a score past int4', { score: 1e10 }, 'score', /got 10000000000/],
    ['a csat score of 99999999999', { surveyType: 'csat', score: 99999999999 }, 'score', /1 to 5/],
    ['a fractional score', { score: 7.5 }, 'score', /whole number/],
    ['an unknown type past its bound', { surveyType: 'smileys', score: 101 }, 'score', /0 to 100/],
    ['year 0', { respondedAt: new Date('0000-01-01T00:00:00Z') }, 'respondedAt', /got 0/],
    ['year 33658', { respondedAt: new Date(1e15) }, 'respondedAt', /got 33658/],
    ['an invalid date', { responseUpdatedAt: new Date(1e23) }, 'responseUpdatedAt', /valid/],
    ['NUL in the comment', { comment: 'a\u0000' }, 'comment', /NUL/],
    ['NUL in the email', { email: '\u0000@x' }, 'email', /NUL/],
    ['NUL in the survey type', { surveyType: 'n\u0000ps' }, 'surveyType', /NUL/],
    ['an overlong person id', { personId: 'p'.repeat(256) }, 'personId', /at most 255/],
    ['a non-text email', { email: 42 }, 'email', /must be text/],
    ['NUL in a person property', { personProperties: { a: 'b\u0000' } }, 'personProperties', /NUL/],
  ])('refuses %s', (_, change, field, message) => {
    const problems = surveyRecordProblems({ ...RECORD, ...change } as SurveyResponseRecord);
    expect(problems).toEqual([
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    ]);
  });

  it('accepts the known ranges of other survey types', () => {
    expect(surveyRecordProblems({ ...RECORD, surveyType: 'ces', score: 7 })).toEqual([]);
    expect(surveyRecordProblems({ ...RECORD, surveyType: 'ces', score: 8 })).toHaveLength(1);
  });
});
