// Device roles (customer < access < aggregation < core) and how the inventory assigns them.

export const ROLES = ['customer', 'access', 'aggregation', 'core'] as const;
export type Role = (typeof ROLES)[number];

/** Rank of a role, rising towards the core; `-1` for a neutral component (no role). */
export function roleRank(role: Role | null | undefined): number {
  return role == null ? -1 : ROLES.indexOf(role);
}

export type RoleRule = { hostname: string; role: Role } | { group: string; role: Role };

export interface RoleSubject {
  hostname?: string | null;
  groups?: readonly string[];
  role?: Role | null;
}

/** The device's role: an explicit role wins, else the first matching rule, else neutral. */
export function roleOf(device: RoleSubject, rules: readonly RoleRule[]): Role | null {
  if (device.role != null) return device.role;
  for (const rule of rules) {
    if ('hostname' in rule) {
      if (device.hostname != null && new RegExp(rule.hostname).test(device.hostname)) {
        return rule.role;
      }
    } else if ((device.groups ?? []).includes(rule.group)) {
      return rule.role;
    }
  }
  return null;
}
