import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql, isAbort } from './api';
import type { TypedDocumentString } from './generated/graphql';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True while a request is in flight (data may still hold the previous answer). */
  loading: boolean;
  reload: () => void;
}

const cache = new Map<string, { at: number; data: unknown }>();
const CACHE_MS = 60_000;

export function clearQueryCache(): void {
  cache.clear();
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(error instanceof Error ? error.message : String(error), 'ERROR');
}

/**
 * Runs a GraphQL query whenever it or its variables change (null: do not run). Answers are
 * cached for a minute so switching views is instant; `pollMs` re-runs it while mounted.
 */
export function useQuery<T, V>(
  query: TypedDocumentString<T, V> | null,
  // NoInfer: the document alone says what the variables are, so a stray one is an error.
  variables: NoInfer<V>,
  options: { pollMs?: number; cache?: boolean } = {},
): QueryState<T> {
  const key = query === null ? null : JSON.stringify([query.toString(), variables]);
  const useCache = options.cache !== false && !options.pollMs;
  const cached = key && useCache ? cache.get(key) : undefined;
  const fresh = cached && Date.now() - cached.at < CACHE_MS ? (cached.data as T) : undefined;
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError }>({
    key: fresh !== undefined ? key : null,
    data: fresh,
  });
  const [loading, setLoading] = useState(key !== null && fresh === undefined);
  const [tick, setTick] = useState(0);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;

  useEffect(() => {
    if (key === null || query === null) {
      setLoading(false);
      return;
    }
    const hit = useCache && tick === 0 ? cache.get(key) : undefined;
    if (hit && Date.now() - hit.at < CACHE_MS) {
      setState({ key, data: hit.data as T });
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      setLoading(true);
      gql(query, variablesRef.current, { signal: controller.signal })
        .then((data) => {
          cache.set(key, { at: Date.now(), data });
          setState({ key, data });
          setLoading(false);
        })
        .catch((error: unknown) => {
          if (isAbort(error)) return;
          setState((previous) => ({
            key,
            data: previous.key === key ? previous.data : undefined,
            error: toApiError(error),
          }));
          setLoading(false);
        })
        .finally(() => {
          if (options.pollMs && !controller.signal.aborted) timer = setTimeout(run, options.pollMs);
        });
    };
    run();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [key, tick, options.pollMs]);

  const reload = useCallback(() => {
    if (key) cache.delete(key);
    setTick((value) => value + 1);
  }, [key]);

  // Keep the previous answer visible while the next one loads (dimmed by the caller).
  return {
    data: key === null ? undefined : state.data,
    error: key !== null && state.key === key ? state.error : undefined,
    loading,
    reload,
  };
}

/** A mutation: run() resolves with the data or records the error. */
export function useMutation<T, V>(query: TypedDocumentString<T, V>) {
  const [state, setState] = useState<{ running: boolean; error?: ApiError; data?: T }>({
    running: false,
  });
  const run = useCallback(
    async (variables: V): Promise<T | undefined> => {
      setState({ running: true });
      try {
        const data = await gql(query, variables);
        clearQueryCache();
        setState({ running: false, data });
        return data;
      } catch (error) {
        setState({ running: false, error: toApiError(error) });
        return undefined;
      }
    },
    [query],
  );
  const reset = useCallback(() => setState({ running: false }), []);
  return { ...state, run, reset };
}

/** The width of an element, kept up to date with a ResizeObserver. */
export function useWidth<E extends HTMLElement>(fallback = 640) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || fallback);
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0].contentRect.width);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Closes a popover on Escape (focus goes back to its toggle) and on a press outside `container`.
 */
export function useDismiss(
  open: boolean,
  close: () => void,
  container: { current: HTMLElement | null },
  toggle: { current: HTMLElement | null },
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
}

/**
 * A text field whose value is committed elsewhere (the address) once typing pauses: returns the
 * field's text and its setter; follows the committed value when it changes from outside (Back).
 */
export function useCommittedText(
  committed: string,
  commit: (text: string) => void,
  ms = 300,
): [string, (text: string) => void] {
  const [text, setText] = useState(committed);
  const settled = useDebounced(text.trim(), ms);
  useEffect(() => {
    if (settled !== committed) commit(settled);
  }, [settled]);
  useEffect(() => {
    setText((current) => (current.trim() === committed ? current : committed));
  }, [committed]);
  return [text, setText];
}
