import { Module } from '@nestjs/common';
import { StoreModule } from '../store/store.module';
import { EventsService } from './events.service';
import { EnvironmentUsersResolver, UserEventsResolver } from './users.resolver';
import { UsersService } from './users.service';

@Module({
  imports: [StoreModule],
  providers: [UsersService, EventsService, EnvironmentUsersResolver, UserEventsResolver],
  exports: [UsersService, EventsService],
})
export class UsersModule {}
