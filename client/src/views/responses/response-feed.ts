import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql, isAbort } from '../../api';
import {
  type NpsSegment,
  type ResponseItemFragment,
  ResponsesDocument,
} from '../../generated/graphql';
import { SEGMENTS } from '../../palette';
import { type ListCursor, addPage, release, startList } from './merge-feed';

export type SurveyTypeChoice = 'all' | 'nps';

export interface FeedQuestion {
  env: string;
  from: string | null;
  to: string;
  segment: NpsSegment | null;
  search: string | null;
  surveyType: SurveyTypeChoice;
}

export interface ResponseFeed {
  rows: ResponseItemFragment[];
  /** Responses the question matches on the server (null until the first page came). */
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  error?: ApiError;
  loadMore: () => void;
  reload: () => void;
}

interface FeedState {
  key: string;
  rows: ResponseItemFragment[];
  lists: ListCursor<ResponseItemFragment>[];
  total: number | null;
}

/**
 * The response list, newest first, a page at a time. All survey types or one segment are one
 * server list; NPS only is the three segment lists merged in order (their counts added), since
 * `surveyResponses` takes no survey type.
 */
export function useResponseFeed(question: FeedQuestion | null, pageSize: number): ResponseFeed {
  const key = question ? JSON.stringify(question) : '';
  const segments: Array<NpsSegment | null> = !question
    ? []
    : question.segment
      ? [question.segment]
      : question.surveyType === 'nps'
        ? SEGMENTS
        : [null];
  const fresh = (): FeedState => ({
    key,
    rows: [],
    lists: segments.map(() => startList<ResponseItemFragment>()),
    total: null,
  });
  const [state, setState] = useState<FeedState>(fresh);
  const [request, setRequest] = useState({ key, page: 0, tick: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const current = state.key === key ? state : fresh();
  const stateRef = useRef(current);
  stateRef.current = current;
  const page = request.key === key ? request.page : 0;

  useEffect(() => {
    if (!question) return;
    const controller = new AbortController();
    const base = stateRef.current;
    setLoading(true);
    setError(undefined);
    Promise.all(
      segments.map((segment, index) => {
        const list = base.lists[index];
        if (!list.hasNext) return Promise.resolve(null);
        return gql(
          ResponsesDocument,
          {
            env: question.env,
            from: question.from,
            to: question.to,
            segment,
            search: question.search,
            first: pageSize,
            after: list.after,
          },
          { signal: controller.signal },
        );
      }),
    )
      .then((answers) => {
        if (controller.signal.aborted) return;
        let total = 0;
        const lists = base.lists.map((list, index) => {
          const connection = answers[index]?.environment?.surveyResponses;
          if (!connection) return list;
          total += connection.totalCount;
          return addPage(list, {
            rows: connection.edges.map((edge) => edge.node),
            endCursor: connection.pageInfo.endCursor ?? null,
            hasNextPage: connection.pageInfo.hasNextPage,
          });
        });
        const released = release(lists);
        setState({
          key,
          rows: [...base.rows, ...released.rows],
          lists: released.lists,
          // Exhausted lists were not asked again; their count is already in the first total.
          total: base.total ?? total,
        });
        setLoading(false);
      })
      .catch((failure: unknown) => {
        if (isAbort(failure)) return;
        setError(failure instanceof ApiError ? failure : new ApiError(String(failure), 'ERROR'));
        setLoading(false);
      });
    return () => controller.abort();
  }, [key, page, request.tick]);

  return {
    rows: current.rows,
    total: current.total,
    hasMore: current.lists.some((list) => list.hasNext || list.buffer.length > 0),
    loading,
    error,
    loadMore: () => setRequest({ key, page: page + 1, tick: request.tick }),
    reload: () => {
      setState(fresh());
      setRequest({ key, page: 0, tick: request.tick + 1 });
    },
  };
}
