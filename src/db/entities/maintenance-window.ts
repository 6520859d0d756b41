// A window [start, end) on all services, customers, services or components, with a category.
import { EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';

export interface MaintenanceWindowRow {
  id: number;
  key: string;
  startsAt: Date;
  endsAt: Date;
  category: string;
  /** the scope object with canonical refs, JSON text */
  scope: string;
  reason: string | null;
}

export const MaintenanceWindowSchema = new EntitySchema<MaintenanceWindowRow>({
  name: 'MaintenanceWindow',
  tableName: 'maintenance_windows',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    key: { type: 'string', length: 100, unique: true },
    startsAt: { type: 'datetime', length: 0 },
    endsAt: { type: 'datetime', length: 0 },
    category: { type: 'string', length: 20 },
    scope: { type: LongTextType },
    reason: { type: 'text', nullable: true },
  },
});
