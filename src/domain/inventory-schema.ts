// Zod schema of the inventory document (interfaces.md "Inventory document"); rules and refs are checked after.
import { z } from 'zod';
import { parseInstant } from './instants.js';
import { ROLES } from './roles.js';

export const CATEGORIES = ['maintenance', 'customer', 'force-majeure', 'other'] as const;
export type WindowCategory = (typeof CATEGORIES)[number];

export const EFFECTS = ['device', 'port', 'ignore'] as const;
export type RuleEffect = (typeof EFFECTS)[number];

const instant = z
  .string()
  .refine((s) => parseInstant(s) !== null, 'must be an ISO 8601 instant with Z or an offset')
  .transform((s) => parseInstant(s) ?? 0);

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const key = z.string().min(1);
const id = z.number().int().positive();
const role = z.enum(ROLES);
const DECIMAL = /^(?:\d{1,3})(?:\.\d+)?$/;

/** SLA target as its exact decimal text (`99.95`), from a JSON number or string. */
const slaTarget = z
  .union([z.number(), z.string()])
  .transform((v) => String(v))
  .refine((s) => DECIMAL.test(s) && Number(s) >= 0 && Number(s) <= 100, {
    message: 'must be a decimal number from 0 to 100',
  });

const customer = z.strictObject({
  key,
  name: z.string().min(1),
  timezone: z.string().refine(isZone, 'unknown IANA time zone').optional(),
});

const service = z.strictObject({
  key,
  customer: key,
  name: z.string().min(1),
  slaTarget,
  activeFrom: instant.nullish(),
  activeUntil: instant.nullish(),
  requires: z.unknown(),
});

const device = z.strictObject({
  id,
  hostname: z.string().min(1),
  role: role.nullish(),
  label: z.string().nullish(),
  location: z.string().nullish(),
  group: z.string().nullish(),
  groups: z.array(z.string()).optional(),
});

const port = z.strictObject({ id, device: id, ifName: z.string().min(1) });
const link = z.strictObject({ a: z.string().min(1), b: z.string().min(1) });

const roleRule = z.union([
  z.strictObject({ hostname: z.string().refine(isRegExp, 'invalid regular expression'), role }),
  z.strictObject({ group: z.string().min(1), role }),
]);

const scope = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ customers: z.array(key).min(1) }),
  z.strictObject({ services: z.array(key).min(1) }),
  z.strictObject({ components: z.array(z.string().min(1)).min(1) }),
]);

const maintenance = z
  .strictObject({
    key,
    start: instant,
    end: instant,
    category: z.enum(CATEGORIES).default('maintenance'),
    scope,
    reason: z.string().optional(),
  })
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });

const ruleEffect = z
  .strictObject({
    ruleId: id.optional(),
    rule: z.string().min(1).optional(),
    effect: z.enum(EFFECTS),
  })
  .refine((m) => m.ruleId !== undefined || m.rule !== undefined, {
    message: 'needs ruleId or rule',
  });

const alertSource = z.looseObject({ alertname: z.string().min(1), component: z.string().min(1) });

export const inventorySchema = z.strictObject({
  customers: z.array(customer).default([]),
  services: z.array(service).default([]),
  devices: z.array(device).default([]),
  ports: z.array(port).default([]),
  links: z.array(link).default([]),
  roleRules: z.array(roleRule).default([]),
  maintenance: z.array(maintenance).default([]),
  ruleEffects: z.array(ruleEffect).default([]),
  alertSources: z.array(alertSource).default([]),
  effectiveFrom: instant.nullish(),
});

export type InventoryInput = z.input<typeof inventorySchema>;
export type ParsedInventory = z.output<typeof inventorySchema>;
