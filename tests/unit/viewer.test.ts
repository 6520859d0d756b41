// The one scoping rule: admin all, account manager the portfolio, customer its own.
import { describe, expect, it } from 'vitest';
import { canSeeCustomer, visibleCustomerIds, type Viewer } from '../../src/domain/viewer.js';

const viewer = (over: Partial<Viewer>): Viewer => ({
  userId: 1,
  email: 'x@example.net',
  role: 'customer',
  customerId: null,
  portfolio: [],
  via: 'token',
  scope: 'api',
  ...over,
});

describe('visibleCustomerIds', () => {
  it.each([
    ['admin', viewer({ role: 'admin' }), 'all'],
    ['account manager', viewer({ role: 'account_manager', portfolio: [3, 5] }), [3, 5]],
    ['account manager without portfolio', viewer({ role: 'account_manager' }), []],
    ['customer', viewer({ role: 'customer', customerId: 7, portfolio: [3] }), [7]],
    ['customer without link', viewer({ role: 'customer' }), []],
  ])('%s', (_n, v, expected) => {
    expect(visibleCustomerIds(v)).toEqual(expected);
  });

  it('decides single customers the same way', () => {
    expect(canSeeCustomer(viewer({ role: 'admin' }), 99)).toBe(true);
    expect(canSeeCustomer(viewer({ customerId: 7 }), 7)).toBe(true);
    expect(canSeeCustomer(viewer({ customerId: 7 }), 8)).toBe(false);
    expect(canSeeCustomer(viewer({ role: 'account_manager', portfolio: [3] }), 7)).toBe(false);
  });
});
