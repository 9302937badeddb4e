/** Fills an OpenAPI path template, encoding each parameter. Throws when one is missing. */
export function buildPath(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Path ${template} needs the parameter "${name}".`);
    return encodeURIComponent(value);
  });
}

/** A compiled path template that extracts its parameters from a concrete path. */
export interface PathMatcher {
  readonly template: string;
  match(pathname: string): Record<string, string> | null;
}

/** Compiles `/v1/claims/{claimId}/status` into a matcher; parameters match one path segment. */
export function compilePath(template: string): PathMatcher {
  const names: string[] = [];
  const source = template
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => {
      const name = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  const pattern = new RegExp(`^${source}$`);
  return {
    template,
    match(pathname) {
      const found = pattern.exec(pathname);
      if (!found) return null;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return params;
    },
  };
}
