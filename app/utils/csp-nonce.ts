import { createContext, useContext } from "react";

/**
 * The nonce of the response's Content-Security-Policy, given by app/entry.server.tsx to the
 * inline scripts of the page. In the browser there is none: the scripts are already running, and
 * browsers hide a nonce from the page once it has been checked.
 */
export const CspNonce = createContext<string | undefined>(undefined);

export function useCspNonce(): string | undefined {
  return useContext(CspNonce);
}
