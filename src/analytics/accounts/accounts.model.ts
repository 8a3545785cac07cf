import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/connection.model';

export enum AccountOrder {
  NPS_ASC = 'NPS_ASC',
  NPS_DESC = 'NPS_DESC',
  RESPONSES_DESC = 'RESPONSES_DESC',
  REVENUE_DESC = 'REVENUE_DESC',
}
registerEnumType(AccountOrder, {
  name: 'AccountOrder',
  description: 'Order of accounts; ties by account name. REVENUE_DESC puts unknown revenue last.',
});

@ObjectType('Account', {
  description:
    "One account (the account property's value) over its users' matched NPS responses (docs/nps-method.md).",
})
export class AccountModel {
  @Field()
  account!: string;

  @Field(() => Int)
  respondents!: number;

  @Field(() => Int)
  responses!: number;

  @Field(() => Int)
  promoters!: number;

  @Field(() => Int)
  passives!: number;

  @Field(() => Int)
  detractors!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Response-level NPS, never a mean of scores.',
  })
  nps!: number | null;

  @Field(() => Float, { nullable: true })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The largest revenue property value among its users; null when none has one.',
  })
  revenue!: number | null;

  @Field()
  latestResponseAt!: Date;
}

@ObjectType('AccountConnection')
export class AccountConnection extends ConnectionType(AccountModel, 'Account') {}

@ObjectType('AccountSummary')
export class AccountSummaryModel {
  @Field(() => Int, { description: 'Accounts with a response in the range.' })
  accounts!: number;

  @Field(() => Int, { description: 'Accounts with at least one detractor (latest per person).' })
  accountsWithDetractor!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Σ revenue·NPS ÷ Σ revenue over accounts with responses and revenue > 0.',
  })
  revenueWeightedNps!: number | null;

  @Field(() => Float, { description: 'Σ revenue of accounts whose NPS is below 0.' })
  revenueAtRisk!: number;
}
