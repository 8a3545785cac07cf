import { Column } from 'typeorm';

/** The category counts and score sum that every NPS rollup row keeps, as its table's columns. */
export abstract class CategoryCountColumns {
  @Column({ type: 'integer' })
  responses!: number;

  @Column({ type: 'integer' })
  promoters!: number;

  @Column({ type: 'integer' })
  passives!: number;

  @Column({ type: 'integer' })
  detractors!: number;

  @Column({ name: 'score_sum', type: 'bigint' })
  scoreSum!: string;
}
