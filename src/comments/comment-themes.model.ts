import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Theme', { description: 'One theme of the environment dictionary.' })
export class ThemeModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String], {
    description: 'Words or phrases; matched as whole words by stem, case and accents aside.',
  })
  patterns!: string[];
}

@InputType('ThemeInput')
export class ThemeInput {
  @Field({ description: '1–100 characters, unique in the dictionary (case and accents aside).' })
  name!: string;

  @Field(() => [String], { description: '1–50 patterns of 1–6 words, each ≤ 100 characters.' })
  patterns!: string[];
}

@ObjectType('CommentAnalysisProgress', {
  description:
    'The job that analyses stored comments (sentiment and themes): after the upgrade (BACKFILL) and after each setThemes (THEMES).',
})
export class CommentAnalysisProgressModel {
  @Field({ description: 'BACKFILL or THEMES.' })
  reason!: string;

  @Field(() => Int, { description: 'Commented responses to analyse when the job (re)started.' })
  total!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Float, { description: '0–100.' })
  percent!: number;

  @Field()
  finished!: boolean;

  @Field()
  startedAt!: Date;

  @Field({ description: 'When the last batch committed.' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
