// Customer record: key, display name and the time zone its calendar periods use.
import { EntitySchema } from '@mikro-orm/core';

export interface Customer {
  id: number;
  key: string;
  name: string;
  timezone: string;
  createdAt: Date;
}

export const CustomerSchema = new EntitySchema<Customer>({
  name: 'Customer',
  tableName: 'customers',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    key: { type: 'string', length: 100, unique: true },
    name: { type: 'string', length: 255 },
    timezone: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 0 },
  },
});
