/** What an alert event stores and sends: the figures it fired on (JSON in alert_events.figures). */

/** The NPS of one window [from, to) (docs/nps-method.md, adjusted-Wald 95 % interval). */
export interface WindowFigures {
  from: string;
  to: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** current − baseline with its interval at the rule's confidence. */
export interface ChangeFigures {
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  significant: boolean | null;
  confidence: number;
}

/** The response a DETRACTOR_RESPONSE alert is about. */
export interface ResponseFigures {
  id: string;
  responseId: string;
  score: number;
  comment: string | null;
  email: string | null;
  userIdentity: string | null;
  permalink: string | null;
  respondedAt: string;
}

export interface DigestActivity {
  eventType: string;
  promoterRateWith: number | null;
  promoterRateWithout: number | null;
  npsDifference: number | null;
}

export interface DigestComment {
  score: number;
  comment: string;
  email: string | null;
  respondedAt: string;
}

export interface DigestFigures {
  topActivities: DigestActivity[];
  promoterComments: DigestComment[];
  detractorComments: DigestComment[];
}

export interface AlertFigures {
  ruleName: string;
  /** The rule's user filter when it fired (the dashboard link applies it). */
  filter?: Array<{
    property: string;
    equals?: string | null;
    in?: string[] | null;
    exists?: boolean | null;
  }>;
  /** True for sendTestAlert's sample. */
  sample?: boolean;
  current?: WindowFigures;
  baseline?: WindowFigures;
  change?: ChangeFigures;
  response?: ResponseFigures;
  digest?: DigestFigures;
}
