// User account: role, customer link (customer users), portfolio (account managers), disabled flag.
import { type Collection, EntitySchema } from '@mikro-orm/core';
import type { UserRole } from '../../domain/viewer.js';
import type { Customer } from './customer.js';

export interface User {
  id: number;
  email: string;
  passwordHash: string | null;
  role: UserRole;
  customer: Customer | null;
  portfolio: Collection<Customer>;
  disabled: boolean;
  createdAt: Date;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    email: { type: 'string', length: 255, unique: true },
    passwordHash: { type: 'string', length: 255, nullable: true },
    role: { type: 'string', length: 20 },
    customer: { kind: 'm:1', entity: 'Customer', nullable: true, deleteRule: 'set null' },
    portfolio: {
      kind: 'm:n',
      entity: 'Customer',
      pivotTable: 'user_portfolio',
      joinColumn: 'user_id',
      inverseJoinColumn: 'customer_id',
    },
    disabled: { type: 'boolean', default: false },
    createdAt: { type: 'datetime', length: 0 },
  },
});
