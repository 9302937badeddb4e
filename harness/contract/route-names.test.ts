import { describe, expect, it } from 'vitest';
import { ROUTE_NAMES } from './route-names.js';
import { routes } from './routes.js';
import { Scope } from './schemas/common.js';
import { SCOPES } from './scopes.js';

describe('zod-free contract constants', () => {
  it('ROUTE_NAMES lists every route of the contract, in the order of routes', () => {
    expect([...ROUTE_NAMES]).toEqual(Object.keys(routes));
  });

  it('SCOPES is the Scope enum', () => {
    expect([...SCOPES]).toEqual(Scope.options);
  });
});
