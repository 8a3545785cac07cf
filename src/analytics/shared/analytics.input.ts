import { registerEnumType } from '@nestjs/graphql';

export enum Dedupe {
  ALL_RESPONSES = 'ALL_RESPONSES',
  LATEST_PER_PERSON = 'LATEST_PER_PERSON',
}
registerEnumType(Dedupe, {
  name: 'Dedupe',
  valuesMap: {
    ALL_RESPONSES: { description: 'Every response counts (as Delighted counts).' },
    LATEST_PER_PERSON: {
      description: "Only each respondent's latest response in each set counts.",
    },
  },
});

export enum NpsSegment {
  PROMOTER = 'PROMOTER',
  PASSIVE = 'PASSIVE',
  DETRACTOR = 'DETRACTOR',
}
registerEnumType(NpsSegment, {
  name: 'NpsSegment',
  description: 'Promoters 9–10, passives 7–8, detractors 0–6.',
});
