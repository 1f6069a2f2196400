// Loading a resource for a screen: useAsync gives data, error and reload;
// <Loaded> shows the spinner text or the error in the user's language.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n";

export interface AsyncState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}

export function Loaded<T>({ state, children }: { state: AsyncState<T>; children: (data: T) => ComponentChildren }) {
  const i18n = useI18n();
  if (state.error)
    return (
      <p class="notice notice-error" role="alert">
        {i18n.error(state.error)}{" "}
        <button type="button" class="link" onClick={state.reload}>
          {i18n.t("app.retry")}
        </button>
      </p>
    );
  if (state.data === undefined)
    return (
      <p class="muted" aria-live="polite">
        {i18n.t("app.loading")}
      </p>
    );
  return <>{children(state.data)}</>;
}
