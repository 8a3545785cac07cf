import { csvName } from '../csv';
import {
  formatBucket,
  formatCount,
  formatDecimal,
  formatInterval,
  formatMargin,
  formatNps,
} from '../format';
import { UNCERTAIN_N } from '../palette';
import type { TrendPointFragment as TrendPoint } from '../generated/graphql';
import type { CsvExport } from './ChartFrame';
import { DataTable } from './DataTable';

export function TrendTable({
  points,
  interval,
  timezone,
  withTier,
  caption,
}: {
  points: TrendPoint[];
  interval: string;
  timezone: string;
  withTier?: boolean;
  caption: string;
}) {
  return (
    <DataTable
      caption={caption}
      rows={points}
      rowKey={(point) => `${point.bucketStart}|${point.tier ?? ''}`}
      rowClass={(point) =>
        point.responses > 0 && point.responses < UNCERTAIN_N ? 'uncertain-row' : undefined
      }
      testId="trend-table"
      columns={[
        {
          key: 'bucket',
          label: 'Bucket',
          render: (point) => formatBucket(point.bucketStart, interval, timezone),
        },
        ...(withTier
          ? [{ key: 'tier', label: 'Tier', render: (point: TrendPoint) => point.tier ?? '—' }]
          : []),
        { key: 'n', label: 'n', numeric: true, render: (point) => formatCount(point.responses) },
        {
          key: 'p',
          label: 'Promoters',
          numeric: true,
          render: (point) => formatCount(point.promoters),
        },
        {
          key: 'a',
          label: 'Passives',
          numeric: true,
          render: (point) => formatCount(point.passives),
        },
        {
          key: 'd',
          label: 'Detractors',
          numeric: true,
          render: (point) => formatCount(point.detractors),
        },
        { key: 'nps', label: 'NPS', numeric: true, render: (point) => formatNps(point.nps) },
        {
          key: 'ci',
          label: '95 % interval',
          numeric: true,
          render: (point) => formatInterval(point.ciLow, point.ciHigh),
        },
        {
          key: 'moe',
          label: 'Margin',
          numeric: true,
          render: (point) => formatMargin(point.marginOfError),
        },
        {
          key: 'avg',
          label: 'Average score',
          numeric: true,
          render: (point) => formatDecimal(point.averageScore),
        },
        {
          key: 'note',
          label: 'Note',
          render: (point) =>
            point.responses === 0
              ? 'no responses'
              : point.responses < UNCERTAIN_N
                ? `uncertain (n < ${UNCERTAIN_N})`
                : '',
        },
      ]}
    />
  );
}

export function trendCsv(name: string, points: TrendPoint[], timezone: string): CsvExport {
  return {
    filename: csvName(
      name,
      points[0]?.bucketStart.slice(0, 10),
      points.at(-1)?.bucketEnd.slice(0, 10),
    ),
    header: [
      'bucket_start',
      'bucket_end',
      'time_zone',
      'tier',
      'responses',
      'promoters',
      'passives',
      'detractors',
      'nps',
      'ci_low',
      'ci_high',
      'margin_of_error',
      'average_score',
    ],
    rows: points.map((point) => [
      point.bucketStart,
      point.bucketEnd,
      timezone,
      point.tier,
      point.responses,
      point.promoters,
      point.passives,
      point.detractors,
      point.nps,
      point.ciLow,
      point.ciHigh,
      point.marginOfError,
      point.averageScore,
    ]),
  };
}
