import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** True once React runs in the browser: for controls that need JavaScript. */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
