import { NpsRollupEntity } from '../analytics/nps-rollup.entity';
import { RespondentLatestEntity } from '../analytics/respondent-latest.entity';
import { RespondentSegmentCountsEntity } from '../analytics/respondent-segment-counts.entity';
import { ResponseActivityEntity } from '../analytics/response-activity.entity';
import { UserLatestNpsEntity } from '../analytics/user-latest-nps.entity';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { DelightedSourceEntity } from '../sources/delighted/delighted-source.entity';
import { SyncRunEntity } from '../sources/delighted/sync-run.entity';
import { EnvironmentEntity } from '../store/environment.entity';
import { EventTypeEntity } from '../store/event-type.entity';
import { EventEntity } from '../store/event.entity';
import { SurveyResponseEntity } from '../store/survey-response.entity';
import { UserEntity } from '../store/user.entity';

/** Every entity, for the one DataSource shared by the app, the migration CLI and the drift check. */
export const ENTITIES = [
  EnvironmentEntity,
  ApiKeyEntity,
  UserEntity,
  EventEntity,
  EventTypeEntity,
  SurveyResponseEntity,
  DelightedSourceEntity,
  SyncRunEntity,
  NpsRollupEntity,
  RespondentLatestEntity,
  RespondentSegmentCountsEntity,
  UserLatestNpsEntity,
  ResponseActivityEntity,
];
