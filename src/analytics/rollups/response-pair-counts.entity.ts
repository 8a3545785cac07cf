import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The environment's response_pairs per (previous segment, segment) cell, and how many of each
 * have a chain_at, in one row (concurrent writers lock the same row): kept by triggers on
 * response_pairs (migration 1765900000000). Columns `<from>_<to>` and `chained_<from>_<to>`.
 */
@Entity({ name: 'response_pair_counts' })
export class ResponsePairCountsEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_pair_counts_pkey',
  })
  environmentId!: string;

  @Column({ name: 'promoter_promoter', type: 'integer' }) promoterPromoter!: number;
  @Column({ name: 'promoter_passive', type: 'integer' }) promoterPassive!: number;
  @Column({ name: 'promoter_detractor', type: 'integer' }) promoterDetractor!: number;
  @Column({ name: 'passive_promoter', type: 'integer' }) passivePromoter!: number;
  @Column({ name: 'passive_passive', type: 'integer' }) passivePassive!: number;
  @Column({ name: 'passive_detractor', type: 'integer' }) passiveDetractor!: number;
  @Column({ name: 'detractor_promoter', type: 'integer' }) detractorPromoter!: number;
  @Column({ name: 'detractor_passive', type: 'integer' }) detractorPassive!: number;
  @Column({ name: 'detractor_detractor', type: 'integer' }) detractorDetractor!: number;
  @Column({ name: 'chained_promoter_promoter', type: 'integer' }) chainedPromoterPromoter!: number;
  @Column({ name: 'chained_promoter_passive', type: 'integer' }) chainedPromoterPassive!: number;
  @Column({ name: 'chained_promoter_detractor', type: 'integer' })
  chainedPromoterDetractor!: number;
  @Column({ name: 'chained_passive_promoter', type: 'integer' }) chainedPassivePromoter!: number;
  @Column({ name: 'chained_passive_passive', type: 'integer' }) chainedPassivePassive!: number;
  @Column({ name: 'chained_passive_detractor', type: 'integer' }) chainedPassiveDetractor!: number;
  @Column({ name: 'chained_detractor_promoter', type: 'integer' })
  chainedDetractorPromoter!: number;
  @Column({ name: 'chained_detractor_passive', type: 'integer' }) chainedDetractorPassive!: number;
  @Column({ name: 'chained_detractor_detractor', type: 'integer' })
  chainedDetractorDetractor!: number;
}
