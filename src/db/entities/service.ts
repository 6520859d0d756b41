// A customer service: its rule, SLA target (exact decimal text) and active span; removal hides it.
import { EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';
import type { Customer } from './customer.js';

export interface ServiceRow {
  id: number;
  key: string;
  customer: Customer;
  name: string;
  /** exact decimal text as entered, e.g. "99.95"; never a float */
  slaTarget: string;
  activeFrom: Date | null;
  activeUntil: Date | null;
  /** the `requires` rule with canonical refs, JSON text */
  requires: string;
  /** removed through the API: its history is kept but no longer shown */
  hidden: boolean;
}

export const ServiceSchema = new EntitySchema<ServiceRow>({
  name: 'Service',
  tableName: 'services',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    key: { type: 'string', length: 100, unique: true },
    customer: { kind: 'm:1', entity: 'Customer', deleteRule: 'restrict' },
    name: { type: 'string', length: 255 },
    slaTarget: { type: 'string', length: 32 },
    activeFrom: { type: 'datetime', length: 0, nullable: true },
    activeUntil: { type: 'datetime', length: 0, nullable: true },
    requires: { type: LongTextType },
    hidden: { type: 'boolean', default: false },
  },
});
