import "@remix-run/server-runtime";

// What scripts/serve.js passes to loaders, actions and app/entry.server.tsx as the load context.
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The client's address, for rate limits. */
    clientAddress?: string;
    /** On a document request only: HTML the render takes from the loaders (app/utils/html-fragments.ts). */
    htmlFragments?: Map<string, string>;
    /** The nonce of this response's Content-Security-Policy, which every inline script of the page carries. */
    cspNonce?: string;
  }
}
