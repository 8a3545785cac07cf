import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { EnvironmentUsersResolver, UserEventsResolver } from './users.resolver';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [EventsModule],
  providers: [UsersRepository, UsersService, EnvironmentUsersResolver, UserEventsResolver],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
