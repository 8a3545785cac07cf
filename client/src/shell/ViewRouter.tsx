import type { ViewContext } from '../context';
import type { ViewName } from '../types';
import { Alerts } from '../views/Alerts';
import { Drivers } from '../views/Drivers';
import { Engagement } from '../views/Engagement';
import { Overview } from '../views/Overview';
import { Responses } from '../views/Responses';
import { Segments } from '../views/Segments';
import { Source } from '../views/Source';

/** The one view on screen. */
export function ViewRouter({ view, ctx }: { view: ViewName; ctx: ViewContext }) {
  switch (view) {
    case 'OVERVIEW':
      return <Overview ctx={ctx} />;
    case 'ENGAGEMENT':
      return <Engagement ctx={ctx} />;
    case 'DRIVERS':
      return <Drivers ctx={ctx} />;
    case 'SEGMENTS':
      return <Segments ctx={ctx} />;
    case 'RESPONSES':
      return <Responses ctx={ctx} />;
    case 'SOURCE':
      return ctx.canConfigure ? <Source ctx={ctx} /> : null;
    case 'ALERTS':
      return <Alerts ctx={ctx} />;
  }
}
