import { formatCount, formatShare } from '../format';
import { SEGMENT_COLORS, SEGMENT_LABELS } from '../palette';
import type { NpsSegment } from '../generated/graphql';

export interface ShareItem {
  segment: NpsSegment;
  count: number;
  share: number | null;
}

/** Promoters, passives and detractors as one stacked bar with labelled counts and shares. */
export function ShareBar({ items, label }: { items: ShareItem[]; label: string }) {
  return (
    <div class="share-bar-wrap">
      <div
        class="share-bar"
        role="img"
        aria-label={`${label}: ${items
          .map(
            (item) =>
              `${SEGMENT_LABELS[item.segment]} ${formatCount(item.count)} (${formatShare(item.share)})`,
          )
          .join(', ')}`}
      >
        {items.map((item) =>
          item.share ? (
            <span
              key={item.segment}
              class={`share-part share-${item.segment.toLowerCase()}`}
              style={{ width: `${item.share * 100}%`, background: SEGMENT_COLORS[item.segment] }}
            />
          ) : null,
        )}
      </div>
      <ul class="share-legend">
        {items.map((item) => (
          <li key={item.segment} data-segment={item.segment}>
            <span class="swatch" style={{ background: SEGMENT_COLORS[item.segment] }} />
            <span class="share-name">{SEGMENT_LABELS[item.segment]}</span>
            <strong data-testid={`count-${item.segment.toLowerCase()}`}>
              {formatCount(item.count)}
            </strong>
            <span class="muted">{formatShare(item.share)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
