import { Module } from '@nestjs/common';
import { ReadReplicas } from './read-replicas';

/** Where analytics reads run: a fit read replica, else the primary. */
@Module({ providers: [ReadReplicas], exports: [ReadReplicas] })
export class ReadReplicasModule {}
