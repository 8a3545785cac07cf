import { Module } from '@nestjs/common';
import { EnvironmentsRepository } from './environments.repository';
import { EventsRepository } from './events.repository';
import { SurveyResponsesRepository } from './survey-responses.repository';
import { SurveyWrites } from './survey-writes';
import { UsersRepository } from './users.repository';

/** The write path's repositories: environments, users, events and survey responses. */
@Module({
  providers: [
    EnvironmentsRepository,
    UsersRepository,
    EventsRepository,
    SurveyResponsesRepository,
    SurveyWrites,
  ],
  exports: [
    EnvironmentsRepository,
    UsersRepository,
    EventsRepository,
    SurveyResponsesRepository,
    SurveyWrites,
  ],
})
export class StoreModule {}
