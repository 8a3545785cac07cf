import type { ViewContext } from '../context';
import type { ViewName } from '../types';
import { Accounts } from '../views/Accounts';
import { Comments } from '../views/Comments';
import { Alerts } from '../views/Alerts';
import { Drivers } from '../views/Drivers';
import { Engagement } from '../views/Engagement';
import { Overview } from '../views/Overview';
import { WhyItMoved } from '../views/overview/WhyItMoved';
import { Responses } from '../views/Responses';
import { Segments } from '../views/Segments';
import { Source } from '../views/Source';
import { MyAccount } from '../views/MyAccount';
import { AuditLog } from '../views/AuditLog';
import { Members } from '../views/Members';

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
    case 'WHY_IT_MOVED':
      return <WhyItMoved ctx={ctx} />;
    case 'ACCOUNTS':
      return <Accounts ctx={ctx} />;
    case 'COMMENTS':
      return <Comments ctx={ctx} />;
    case 'SOURCE':
      return ctx.canConfigure ? <Source ctx={ctx} /> : null;
    case 'MEMBERS':
      return ctx.role === 'ADMIN' ? <Members ctx={ctx} /> : null;
    case 'AUDIT':
      return ctx.role === 'ADMIN' ? <AuditLog ctx={ctx} /> : null;
    case 'ACCOUNT':
      return ctx.member ? <MyAccount ctx={ctx} /> : null;
    case 'ALERTS':
      return <Alerts ctx={ctx} />;
  }
}
