import type { AlertFigures, WindowFigures } from '../events/alert-figures';
import type { AlertKind } from '../rules/alert-rule.entity';

/** One event as every destination describes it. */
export interface AlertMessage {
  eventId: string;
  environmentId: string;
  ruleId: string;
  kind: AlertKind;
  firedAt: Date;
  figures: AlertFigures;
  /** Where the dashboard shows it (the trend with both windows marked, for a change). */
  dashboardUrl: string;
}

const points = (value: number | null | undefined) =>
  value === null || value === undefined ? 'n/a' : value.toFixed(1);

function windowLine(name: string, window: WindowFigures): string {
  return `${name}: NPS ${points(window.nps)} (${points(window.ciLow)} to ${points(window.ciHigh)}), ${window.responses} responses, ${window.from.slice(0, 10)} to ${window.to.slice(0, 10)}`;
}

/** The headline of an event, e.g. "NPS fell 12.3 points: Pro plan". */
export function headline(message: AlertMessage): string {
  const { figures } = message;
  const prefix = figures.sample ? '[Test] ' : '';
  switch (message.kind) {
    case 'NPS_DROP':
      return `${prefix}NPS fell ${points(Math.abs(figures.change?.difference ?? 0))} points: ${figures.ruleName}`;
    case 'NPS_RISE':
      return `${prefix}NPS rose ${points(figures.change?.difference)} points: ${figures.ruleName}`;
    case 'DETRACTOR_RESPONSE':
      return `${prefix}Detractor response (score ${figures.response?.score ?? '?'}): ${figures.ruleName}`;
    case 'DIGEST':
      return `${prefix}Weekly NPS digest: ${figures.ruleName}`;
  }
}

/** The figures as plain lines, shared by Slack, email and logs. */
export function figureLines(message: AlertMessage): string[] {
  const { figures } = message;
  const lines: string[] = [];
  if (figures.current) lines.push(windowLine('Current', figures.current));
  if (figures.baseline) lines.push(windowLine('Baseline', figures.baseline));
  if (figures.change) {
    const change = figures.change;
    lines.push(
      `Change: ${points(change.difference)} points (${Math.round(change.confidence * 100)} % interval ${points(change.ciLow)} to ${points(change.ciHigh)}; ${change.significant ? 'significant' : 'not significant'})`,
    );
  }
  if (figures.response) {
    const response = figures.response;
    lines.push(
      `Score ${response.score} from ${response.email ?? 'an unknown respondent'}${response.userIdentity ? ` (user ${response.userIdentity})` : ''} at ${response.respondedAt}`,
      `Comment: ${response.comment ?? '(none)'}`,
    );
    if (response.permalink) lines.push(`Permalink: ${response.permalink}`);
  }
  if (figures.digest) {
    const digest = figures.digest;
    lines.push(
      `Activities most associated with promoters: ${digest.topActivities.map((activity) => activity.eventType).join(', ') || 'none yet'}`,
    );
    for (const [name, comments] of [
      ['Promoters', digest.promoterComments],
      ['Detractors', digest.detractorComments],
    ] as const) {
      lines.push(`${name} said:`);
      if (comments.length === 0) lines.push('  (no comments)');
      for (const comment of comments) lines.push(`  ${comment.score}: ${comment.comment}`);
    }
  }
  return lines;
}

/** The JSON body of a webhook: the event's figures (the same bytes on every attempt). */
export function webhookBody(message: AlertMessage): string {
  return JSON.stringify({
    type: `nps.alert.${message.kind.toLowerCase()}`,
    timestamp: message.firedAt.toISOString(),
    data: {
      eventId: message.eventId,
      environmentId: message.environmentId,
      ruleId: message.ruleId,
      ruleName: message.figures.ruleName,
      kind: message.kind,
      firedAt: message.firedAt.toISOString(),
      sample: message.figures.sample ?? false,
      current: message.figures.current ?? null,
      baseline: message.figures.baseline ?? null,
      change: message.figures.change ?? null,
      response: message.figures.response ?? null,
      digest: message.figures.digest ?? null,
      dashboardUrl: message.dashboardUrl,
    },
  });
}

/** Escapes Slack mrkdwn control characters. */
const slackText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming-webhook message in Block Kit: headline, figures, a dashboard button. */
export function slackBody(message: AlertMessage): string {
  const title = headline(message);
  const lines = figureLines(message);
  return JSON.stringify({
    text: title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: slackText(lines.join('\n')).slice(0, 3000) || ' ' },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open in the dashboard' },
            url: message.dashboardUrl,
          },
        ],
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Event ${message.eventId} · ${message.firedAt.toISOString()}` },
        ],
      },
    ],
  });
}

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The email: subject, plain text and HTML, both with the figures. */
export function emailBody(message: AlertMessage): { subject: string; text: string; html: string } {
  const title = headline(message);
  const lines = figureLines(message);
  return {
    subject: title,
    text: [title, '', ...lines, '', `Dashboard: ${message.dashboardUrl}`].join('\n'),
    html: [
      `<h2>${html(title)}</h2>`,
      '<ul>',
      ...lines.map((line) => `<li>${html(line)}</li>`),
      '</ul>',
      `<p><a href="${html(message.dashboardUrl)}">Open in the dashboard</a></p>`,
    ].join('\n'),
  };
}

/** The dashboard place of an event: a change opens the trend over both windows, marked. */
export function dashboardUrl(
  publicUrl: string,
  message: Omit<AlertMessage, 'dashboardUrl'>,
): string {
  const params = new URLSearchParams({ env: message.environmentId });
  const { current, baseline } = message.figures;
  if (current && baseline) {
    params.set('range', 'custom');
    params.set('from', baseline.from.slice(0, 10));
    params.set('to', current.to.slice(0, 10));
    params.set('interval', 'day');
    params.set('mark', [baseline.from, current.from, current.to].join('~'));
    for (const condition of message.figures.filter ?? [])
      params.append('f', filterParam(condition));
    return `${publicUrl}/#/overview?${params.toString()}`;
  }
  if (message.figures.response) return `${publicUrl}/#/responses?${params.toString()}`;
  params.set('alert', message.eventId);
  return `${publicUrl}/#/alerts?${params.toString()}`;
}

// As the dashboard writes its filter into links (client/src/share-params.ts): `plan:is:pro`.
const escapePart = (text: string) =>
  text.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\|/g, '%7C');

function filterParam(condition: NonNullable<AlertMessage['figures']['filter']>[number]): string {
  const property = escapePart(condition.property);
  if (condition.exists !== null && condition.exists !== undefined)
    return `${property}:${condition.exists ? 'set' : 'unset'}`;
  if (condition.in) return `${property}:in:${condition.in.map(escapePart).join('|')}`;
  return `${property}:is:${escapePart(condition.equals ?? '')}`;
}
