import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { NpsChangeModel, NpsSummaryModel } from '../shared/nps-summary.model';

@ObjectType('NpsChangeSegment', {
  description: 'One segment of npsChange: its shares, NPS and contributions (docs/nps-method.md).',
})
export class NpsChangeSegmentModel {
  @Field({ description: 'Tier label ("0", "1–4", …, "unknown") or property value ("(none)").' })
  key!: string;

  @Field(() => Int)
  previousResponses!: number;

  @Field(() => Int)
  currentResponses!: number;

  @Field(() => Float, { description: 'Responses of the segment ÷ all responses (0–1).' })
  previousShare!: number;

  @Field(() => Float)
  currentShare!: number;

  @Field(() => Float, { nullable: true, description: 'Null when it has no response there.' })
  previousNps!: number | null;

  @Field(() => Float, { nullable: true })
  currentNps!: number | null;

  @Field(() => NpsChangeModel, { description: 'currentNps − previousNps and its interval.' })
  change!: NpsChangeModel;

  @Field(() => Float, { description: '½(w₀ + w₁)·(r₁ − r₀).' })
  rateContribution!: number;

  @Field(() => Float, { description: '½(r₀ + r₁)·(w₁ − w₀).' })
  mixContribution!: number;
}

/** The answer of npsChange (NpsChange already names NpsSummary.change, the plain difference). */
@ObjectType('NpsChangeExplanation', {
  description: 'Why NPS moved between two periods: rate and mix effects per segment.',
})
export class NpsChangeExplanationModel {
  @Field(() => Float, { nullable: true, description: 'NPS₁ − NPS₀ = rateEffect + mixEffect.' })
  change!: number | null;

  @Field(() => Float, { nullable: true, description: "Σ of the segments' rateContribution." })
  rateEffect!: number | null;

  @Field(() => Float, { nullable: true, description: "Σ of the segments' mixContribution." })
  mixEffect!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Points; change = this − detractorShareChange.',
  })
  promoterShareChange!: number | null;

  @Field(() => Float, { nullable: true })
  detractorShareChange!: number | null;

  @Field(() => NpsSummaryModel, { description: 'The current period, compared with the previous.' })
  current!: NpsSummaryModel;

  @Field(() => NpsSummaryModel)
  previous!: NpsSummaryModel;

  @Field(() => [NpsChangeSegmentModel], {
    description: 'By |rateContribution + mixContribution|, largest first.',
  })
  segments!: NpsChangeSegmentModel[];
}
