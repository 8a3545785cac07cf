import { registerEnumType } from '@nestjs/graphql';

export enum Interval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(Interval, {
  name: 'Interval',
  description: 'Calendar buckets; WEEK is the ISO week (Monday).',
});
