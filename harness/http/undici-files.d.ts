// Types of the undici files harness/http/undici.ts imports directly: undici ships types for its index only.
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';

  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
  const DispatcherClass: { readonly prototype: object };
  export default DispatcherClass;
}

declare module 'undici/lib/api/index.js' {
  /** request(), stream(), pipeline(), upgrade() and connect(), as undici's index puts them on every dispatcher. */
  const api: object;
  export default api;
}
