/**
 * The alert types: no embed link may select any of them (alerts are configuration, and their
 * events hold respondents' emails and comments). Spread into EMBED_FIELD_ACCESS.
 */
import type { EmbedViewName } from '../auth/embed-token';

const hidden = (fields: string): Record<string, readonly EmbedViewName[]> =>
  Object.fromEntries(fields.split(' ').map((field) => [field, []]));

export const ALERT_FIELD_ACCESS = {
  AlertChange: hidden('ciHigh ciLow confidence difference significant'),
  AlertDelivery: hidden(
    'attempts deliveredAt destination destinationId kind lastError nextAttemptAt status',
  ),
  AlertDestination: hidden('id kind signingSecret to url'),
  AlertDigest: hidden('detractorComments promoterComments topActivities'),
  AlertDigestActivity: hidden('eventType npsDifference promoterRateWith promoterRateWithout'),
  AlertDigestComment: hidden('comment email respondedAt score'),
  AlertEvent: hidden(
    'baseline change current dashboardUrl deliveries digest evaluatedAt firedAt id kind response ruleId ruleName',
  ),
  AlertEventConnection: hidden('edges pageInfo totalCount'),
  AlertEventEdge: hidden('cursor node'),
  AlertFilterCondition: hidden('equals exists in property'),
  AlertPreview: hidden('alerts evaluations firings from to'),
  AlertPreviewFiring: hidden('at baseline change current'),
  AlertResponse: hidden('comment email permalink respondedAt responseId score userIdentity'),
  AlertRule: hidden(
    'baselineDays commentRequired confidence createdAt destinations filter id kind lastEvaluatedAt minChangePoints minResponses name nextDigestAt schedule state windowDays',
  ),
  AlertTestResult: hidden('delivered error status webhookId'),
  AlertWindowFigures: hidden('ciHigh ciLow detractors from nps passives promoters responses to'),
};
