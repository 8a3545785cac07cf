import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** The field separator a CSV import was read with. */
export enum ImportDelimiterValue {
  COMMA = 'COMMA',
  SEMICOLON = 'SEMICOLON',
  TAB = 'TAB',
}
registerEnumType(ImportDelimiterValue, {
  name: 'ImportDelimiter',
  description: 'The field separator detected from a CSV header line.',
});

/** What an import stored: counted per response of the file. */
@ObjectType('ImportResult')
export class ImportResultModel {
  @Field(() => Int, { description: 'Responses in the file.' })
  responses!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Already stored at the same or a newer version.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Responses matched to a user by this import.' })
  matched!: number;

  @Field(() => ImportDelimiterValue, {
    nullable: true,
    description:
      'The CSV delimiter detected from the header line (comma, semicolon or tab); null for JSON.',
  })
  delimiter!: ImportDelimiterValue | null;
}
