import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/** Rollup of events per name, kept current by every insert so listing types never scans events. */
@Entity({ name: 'event_types' })
export class EventTypeEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'event_types_pkey',
  })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'event_types_environment_fkey' })
  environment?: EnvironmentEntity;

  @PrimaryColumn({ type: 'varchar', length: 1024, primaryKeyConstraintName: 'event_types_pkey' })
  name!: string;

  @Column({ type: 'bigint', default: 0 })
  count!: string;

  @Column({ name: 'last_seen', type: 'timestamptz' })
  lastSeen!: Date;
}
