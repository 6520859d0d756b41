// User roles, token scopes and the one rule that decides which customers a user may see.

export const USER_ROLES = ['admin', 'account_manager', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const TOKEN_SCOPES = ['api', 'events'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is asking, as every scoped query needs it. */
export interface Viewer {
  userId: number;
  email: string;
  role: UserRole;
  /** customer users: their customer's id */
  customerId: number | null;
  /** account managers: their portfolio's customer ids */
  portfolio: readonly number[];
  /** how the request was authenticated */
  via: 'token' | 'session';
  /** bearer tokens carry a scope; sessions act as `api` */
  scope: TokenScope;
}

/** Customer ids a viewer may see: `'all'` for admins, else an explicit (possibly empty) list. */
export function visibleCustomerIds(viewer: Viewer): 'all' | number[] {
  switch (viewer.role) {
    case 'admin':
      return 'all';
    case 'account_manager':
      return [...viewer.portfolio];
    case 'customer':
      return viewer.customerId === null ? [] : [viewer.customerId];
  }
}

export function canSeeCustomer(viewer: Viewer, customerId: number): boolean {
  const ids = visibleCustomerIds(viewer);
  return ids === 'all' || ids.includes(customerId);
}
