import type {
  AlertDestinationKind,
  AlertKind,
  AlertRuleInput,
  AlertRuleRowFragment,
  UserPropertyCondition,
} from '../../generated/graphql';

/** A problem the service names a field for (the part of api.ts's Problem read here). */
export interface FieldProblem {
  field?: string;
  message: string;
}

/** One destination row of the form: `address` is the URL, or the email address for EMAIL. */
export interface DestinationDraft {
  /** Stable across edits, for the row's key and its inputs' ids. */
  key: string;
  kind: AlertDestinationKind;
  address: string;
  /** The saved destination the row was filled from (an edited rule), if any. */
  saved?: { id: string; kind: AlertDestinationKind; address: string };
}

/** The rule form's fields as typed (numbers as text, so a half-typed value stays). */
export interface RuleDraft {
  name: string;
  kind: AlertKind;
  filter: UserPropertyCondition[];
  windowDays: string;
  baselineDays: string;
  minResponses: string;
  minChangePoints: string;
  confidence: string;
  commentRequired: boolean;
  schedule: string;
  destinations: DestinationDraft[];
}

export type NumberField =
  'windowDays' | 'baselineDays' | 'minResponses' | 'minChangePoints' | 'confidence';

/** The service accepts at most this many destinations per rule. */
export const MAX_DESTINATIONS = 10;

let nextKey = 0;

/** An empty destination row. */
export function newDestination(kind: AlertDestinationKind = 'SLACK'): DestinationDraft {
  nextKey += 1;
  return { key: `d${nextKey}`, kind, address: '' };
}

/** A new rule over `filter` with the service's defaults and one empty destination. */
export function newDraft(filter: UserPropertyCondition[]): RuleDraft {
  return {
    name: '',
    kind: 'NPS_DROP',
    filter,
    windowDays: '7',
    baselineDays: '28',
    minResponses: '30',
    minChangePoints: '5',
    confidence: '0.95',
    commentRequired: false,
    schedule: '',
    destinations: [newDestination()],
  };
}

/** The form filled from a saved rule: its own filter, settings and destinations in order. */
export function draftOfRule(rule: AlertRuleRowFragment): RuleDraft {
  return {
    name: rule.name,
    kind: rule.kind,
    filter: rule.filter.map(conditionOf),
    windowDays: String(rule.windowDays),
    baselineDays: String(rule.baselineDays),
    minResponses: String(rule.minResponses),
    minChangePoints: String(rule.minChangePoints),
    confidence: String(rule.confidence),
    commentRequired: rule.commentRequired,
    schedule: rule.schedule ?? '',
    destinations: rule.destinations.map((destination) => {
      const address = (destination.kind === 'EMAIL' ? destination.to : destination.url) ?? '';
      return {
        ...newDestination(destination.kind),
        address,
        saved: { id: destination.id, kind: destination.kind, address },
      };
    }),
  };
}

/** A saved condition as input: only the one of equals / in / exists it has. */
function conditionOf(condition: AlertRuleRowFragment['filter'][number]): UserPropertyCondition {
  if (condition.equals != null) return { property: condition.property, equals: condition.equals };
  if (condition.in != null) return { property: condition.property, in: condition.in };
  return { property: condition.property, exists: condition.exists ?? true };
}

/**
 * The rule the form describes. Every row is sent, empty ones too, so the service's problems
 * (`destinations[1].url`) name the row on screen. A row left as it was saved sends the same kind
 * and address, which is how the service recognises a kept destination (its id and secret stay).
 */
export function inputOf(draft: RuleDraft): AlertRuleInput {
  return {
    name: draft.name,
    kind: draft.kind,
    filter: draft.filter.length > 0 ? { conditions: draft.filter } : null,
    windowDays: Number(draft.windowDays),
    baselineDays: Number(draft.baselineDays),
    minResponses: Number(draft.minResponses),
    minChangePoints: Number(draft.minChangePoints),
    confidence: Number(draft.confidence),
    commentRequired: draft.kind === 'DETRACTOR_RESPONSE' && draft.commentRequired,
    schedule: draft.kind === 'DIGEST' && draft.schedule.trim() ? draft.schedule.trim() : null,
    destinations: draft.destinations.map((destination) =>
      destination.kind === 'EMAIL'
        ? { kind: 'EMAIL', to: destination.address.trim() }
        : { kind: destination.kind, url: destination.address.trim() },
    ),
  };
}

/** Whether the row still names the destination it was filled from (so it keeps its secret). */
export function isKept(destination: DestinationDraft): boolean {
  return (
    destination.saved !== undefined &&
    destination.saved.kind === destination.kind &&
    destination.saved.address.trim() === destination.address.trim()
  );
}

/** The message of the service's problem with `field` (e.g. `windowDays`), if any. */
export function problemOf(problems: readonly FieldProblem[], field: string): string | undefined {
  return problems.find((problem) => problem.field === field)?.message;
}

/**
 * The problems with destination `index`, worded for its row ("URL must be …"): the service names
 * the field `destinations[1].url` (counting from 0) and starts its message with that name;
 * `destinations.1.url` is read the same way.
 */
export function destinationProblems(problems: readonly FieldProblem[], index: number): string[] {
  const pattern = new RegExp(`^destinations(?:\\[${index}\\]|\\.${index})(?:\\.(\\w+))?$`);
  return problems.flatMap((problem) => {
    const match = problem.field === undefined ? null : pattern.exec(problem.field);
    if (!match) return [];
    const label = match[1] === 'to' ? 'Email address' : match[1] === 'url' ? 'URL' : 'Destination';
    const message = problem.message.startsWith(`${problem.field} `)
      ? problem.message.slice(problem.field!.length + 1)
      : problem.message;
    return [`${label} ${message}`];
  });
}

/** New signing secrets of a saved rule, each with the destination it signs for. */
export function newSecrets(
  destinations: ReadonlyArray<{ id: string; url: string | null; signingSecret: string | null }>,
): Array<{ id: string; position: number; url: string; secret: string }> {
  return destinations.flatMap((destination, index) =>
    destination.signingSecret
      ? [
          {
            id: destination.id,
            position: index + 1,
            url: destination.url ?? '',
            secret: destination.signingSecret,
          },
        ]
      : [],
  );
}
