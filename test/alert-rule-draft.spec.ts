// The Alerts form's conversion between a saved rule, the form's draft and the input it sends
// (client/src/views/alerts/rule-draft.ts): pure functions, so tested here without a browser.
import type { AlertRuleRowFragment } from '../client/src/generated/graphql';
import {
  destinationProblems,
  draftOfRule,
  inputOf,
  isKept,
  newDraft,
  newDestination,
  newSecrets,
} from '../client/src/views/alerts/rule-draft';

const saved: AlertRuleRowFragment = {
  id: '41',
  name: 'Pro plan drop',
  kind: 'NPS_DROP',
  state: 'FIRING',
  windowDays: 14,
  baselineDays: 56,
  minResponses: 40,
  minChangePoints: 7.5,
  confidence: 0.9,
  commentRequired: false,
  schedule: null,
  nextDigestAt: null,
  lastEvaluatedAt: null,
  filter: [
    { property: 'plan', equals: 'pro', in: null, exists: null },
    { property: 'region', equals: null, in: ['EU', 'US'], exists: null },
    { property: 'churned', equals: null, in: null, exists: false },
  ],
  destinations: [
    { id: '7', kind: 'WEBHOOK', url: 'https://hooks.example.com/nps', to: null },
    { id: '8', kind: 'EMAIL', url: null, to: 'pm@example.com' },
  ],
};

describe('alert rule drafts', () => {
  it('sends a saved rule back unchanged when nothing is edited (so every destination is kept)', () => {
    const draft = draftOfRule(saved);
    expect(draft.destinations.every(isKept)).toBe(true);
    expect(inputOf(draft)).toEqual({
      name: 'Pro plan drop',
      kind: 'NPS_DROP',
      filter: {
        conditions: [
          { property: 'plan', equals: 'pro' },
          { property: 'region', in: ['EU', 'US'] },
          { property: 'churned', exists: false },
        ],
      },
      windowDays: 14,
      baselineDays: 56,
      minResponses: 40,
      minChangePoints: 7.5,
      confidence: 0.9,
      commentRequired: false,
      schedule: null,
      destinations: [
        { kind: 'WEBHOOK', url: 'https://hooks.example.com/nps' },
        { kind: 'EMAIL', to: 'pm@example.com' },
      ],
    });
  });

  it('marks a row whose kind or address changed as no longer the saved destination', () => {
    const [hook, mail] = draftOfRule(saved).destinations;
    expect(isKept({ ...hook, address: ' https://hooks.example.com/nps ' })).toBe(true);
    expect(isKept({ ...hook, address: 'https://hooks.example.com/other' })).toBe(false);
    expect(isKept({ ...hook, kind: 'SLACK' })).toBe(false);
    expect(isKept(mail)).toBe(true);
    expect(isKept(newDestination('EMAIL'))).toBe(false);
  });

  it('sends every row, empty ones too, trimmed, with url or to by kind', () => {
    const draft = newDraft([]);
    draft.name = 'Several';
    draft.destinations = [
      { ...newDestination('SLACK'), address: ' https://hooks.slack.com/services/x ' },
      { ...newDestination('EMAIL'), address: 'ops@example.com' },
      newDestination('WEBHOOK'),
    ];
    const input = inputOf(draft);
    expect(input.filter).toBeNull();
    expect(input.destinations).toEqual([
      { kind: 'SLACK', url: 'https://hooks.slack.com/services/x' },
      { kind: 'EMAIL', to: 'ops@example.com' },
      { kind: 'WEBHOOK', url: '' },
    ]);
  });

  it('sends a schedule only for a digest and "with a comment" only for detractor rules', () => {
    const draft = { ...newDraft([]), schedule: ' 0 8 * * 1 ', commentRequired: true };
    expect(inputOf(draft)).toMatchObject({ schedule: null, commentRequired: false });
    expect(inputOf({ ...draft, kind: 'DIGEST' })).toMatchObject({
      schedule: '0 8 * * 1',
      commentRequired: false,
    });
    expect(inputOf({ ...draft, kind: 'DETRACTOR_RESPONSE' })).toMatchObject({
      schedule: null,
      commentRequired: true,
    });
  });

  it('gives each row the problems the service named for it, worded for the row', () => {
    const problems = [
      { field: 'name', message: 'name must be 1 to 200 characters.' },
      { field: 'destinations[1].url', message: 'destinations[1].url is required.' },
      { field: 'destinations[10].to', message: 'destinations[10].to must be one email address.' },
      { field: 'destinations.2.to', message: 'destinations.2.to must be one email address.' },
    ];
    expect(destinationProblems(problems, 0)).toEqual([]);
    expect(destinationProblems(problems, 1)).toEqual(['URL is required.']);
    expect(destinationProblems(problems, 2)).toEqual(['Email address must be one email address.']);
    expect(destinationProblems(problems, 10)).toEqual(['Email address must be one email address.']);
  });

  it('lists the secrets of the new webhooks only, numbered as the rule lists its destinations', () => {
    expect(
      newSecrets([
        { id: '7', url: 'https://a.example/kept', signingSecret: null },
        { id: '9', url: null, signingSecret: null },
        { id: '10', url: 'https://b.example/new', signingSecret: 'whsec_abc' },
      ]),
    ).toEqual([{ id: '10', position: 3, url: 'https://b.example/new', secret: 'whsec_abc' }]);
  });
});
