import { compilePath, type PathMatcher, type RouteDefinition, type RouteName, routes } from '../contract/index.js';

export interface RouteMatch {
  readonly name: RouteName;
  readonly route: RouteDefinition;
  readonly params: Record<string, string>;
}

export type RouteLookup =
  | { readonly kind: 'found'; readonly match: RouteMatch }
  | { readonly kind: 'method_not_allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not_found' };

interface Candidate {
  readonly name: RouteName;
  readonly route: RouteDefinition;
  readonly matcher: PathMatcher | null;
  /** The template's text before its first parameter: a cheap filter before the regex. */
  readonly literalPrefix: string;
}

const NOT_FOUND: RouteLookup = { kind: 'not_found' };
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Distinct paths whose lookups are remembered; past it the memory starts again (it stays bounded). */
export const ROUTE_CACHE_SIZE = 1024;
/** Longer paths are looked up each time: the cache holds at most ROUTE_CACHE_SIZE short keys. */
const CACHED_PATH_LENGTH = 256;

/**
 * Compiles the contract's route table into a lookup: exact paths through a Map, templates through
 * regexes. A lookup depends only on the method and the path, so the last `cacheSize` paths answer from
 * a Map (a partner polling one claim's status repeats the same path); a remembered match and its params
 * are frozen, as they are shared by every request to that path.
 */
export function createRouter(cacheSize = ROUTE_CACHE_SIZE): (method: string, pathname: string) => RouteLookup {
  const exact = new Map<string, Candidate[]>();
  const templated: Candidate[] = [];
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDefinition][]) {
    const literalPrefix = route.path.split('{')[0] ?? '';
    if (route.path.includes('{')) templated.push({ name, route, matcher: compilePath(route.path), literalPrefix });
    else exact.set(route.path, [...(exact.get(route.path) ?? []), { name, route, matcher: null, literalPrefix }]);
  }
  const lookUp = (method: string, pathname: string): RouteLookup => {
    const statics = exact.get(pathname);
    if (statics) {
      const hit = statics.find((candidate) => candidate.route.method === method);
      if (hit) return { kind: 'found', match: { name: hit.name, route: hit.route, params: NO_PARAMS } };
      return { kind: 'method_not_allowed', allowed: statics.map((candidate) => candidate.route.method) };
    }
    let allowed: string[] | null = null;
    for (const candidate of templated) {
      if (!pathname.startsWith(candidate.literalPrefix)) continue;
      let params: Record<string, string> | null;
      try {
        params = candidate.matcher?.match(pathname) ?? null;
      } catch {
        params = null; // malformed percent-encoding: no route
      }
      if (params === null) continue;
      if (candidate.route.method === method)
        return { kind: 'found', match: { name: candidate.name, route: candidate.route, params } };
      allowed = [...(allowed ?? []), candidate.route.method];
    }
    return allowed ? { kind: 'method_not_allowed', allowed } : NOT_FOUND;
  };
  if (cacheSize <= 0) return lookUp;
  const cache = new Map<string, Record<string, RouteLookup>>();
  return (method, pathname) => {
    if (pathname.length > CACHED_PATH_LENGTH) return lookUp(method, pathname);
    let byMethod = cache.get(pathname);
    if (byMethod === undefined) {
      if (cache.size >= cacheSize) cache.clear();
      byMethod = Object.create(null) as Record<string, RouteLookup>;
      cache.set(pathname, byMethod);
    }
    let lookup = byMethod[method];
    if (lookup === undefined) {
      lookup = deepFreeze(lookUp(method, pathname));
      byMethod[method] = lookup;
    }
    return lookup;
  };
}

function deepFreeze(lookup: RouteLookup): RouteLookup {
  if (lookup.kind === 'found') Object.freeze(Object.freeze(lookup.match).params);
  if (lookup.kind === 'method_not_allowed') Object.freeze(lookup.allowed);
  return Object.freeze(lookup);
}
