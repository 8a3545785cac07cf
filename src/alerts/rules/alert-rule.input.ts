import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { UserFilter } from '../../graphql/user-filter.input';

export enum AlertKindValue {
  NPS_DROP = 'NPS_DROP',
  NPS_RISE = 'NPS_RISE',
  DETRACTOR_RESPONSE = 'DETRACTOR_RESPONSE',
  DIGEST = 'DIGEST',
}
registerEnumType(AlertKindValue, {
  name: 'AlertKind',
  valuesMap: {
    NPS_DROP: {
      description:
        'NPS of [T − windowDays, T) below the baseline before it, significantly (docs/nps-method.md).',
    },
    NPS_RISE: { description: 'The mirror image of NPS_DROP.' },
    DETRACTOR_RESPONSE: {
      description: 'One alert per NPS response scored 0–6 stored after the rule was created.',
    },
    DIGEST: { description: 'A weekly summary on `schedule` (cron in the environment time zone).' },
  },
});

export enum DestinationKindValue {
  WEBHOOK = 'WEBHOOK',
  SLACK = 'SLACK',
  EMAIL = 'EMAIL',
}
registerEnumType(DestinationKindValue, {
  name: 'AlertDestinationKind',
  valuesMap: {
    WEBHOOK: { description: 'POST of the figures as JSON, signed as Standard Webhooks specifies.' },
    SLACK: { description: 'A Slack incoming-webhook URL; Block Kit message.' },
    EMAIL: { description: 'Email through SMTP_URL (HTML and plain text).' },
  },
});

@InputType({ description: 'Give url for WEBHOOK and SLACK, to for EMAIL.' })
export class AlertDestinationInput {
  @Field(() => DestinationKindValue)
  kind!: DestinationKindValue;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  to?: string | null;
}

@InputType()
export class AlertRuleInput {
  @Field()
  name!: string;

  @Field(() => AlertKindValue)
  kind!: AlertKindValue;

  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter | null;

  @Field(() => Int, { defaultValue: 7, description: 'Current window in days (1–90).' })
  windowDays!: number;

  @Field(() => Int, { defaultValue: 28, description: 'Baseline window in days (1–365).' })
  baselineDays!: number;

  @Field(() => Int, { defaultValue: 30, description: 'Responses each window needs (1–100000).' })
  minResponses!: number;

  @Field(() => Float, { defaultValue: 5, description: 'Smallest change in NPS points (0–200).' })
  minChangePoints!: number;

  @Field(() => Float, { defaultValue: 0.95, description: 'Of the change interval (0.5–0.999).' })
  confidence!: number;

  @Field({ defaultValue: false, description: 'DETRACTOR_RESPONSE: only responses with a comment.' })
  commentRequired!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'DIGEST: cron in the environment time zone; default Monday 09:00 ("0 9 * * 1").',
  })
  schedule?: string | null;

  @Field(() => [AlertDestinationInput])
  destinations!: AlertDestinationInput[];
}
