// Every entity schema, in one list for the ORM configuration.
import { ApiTokenSchema } from './api-token.js';
import { AuditEntrySchema } from './audit-log.js';
import { DeviceSchema, LinkSchema, PortSchema } from './component.js';
import { CustomerSchema } from './customer.js';
import { EngineStateSchema, ServiceTransitionSchema } from './engine-state.js';
import { StoredEventSchema } from './event.js';
import { InventoryVersionSchema } from './inventory-version.js';
import { AlertSourceSchema, RoleRuleSchema, RuleEffectSchema } from './inventory-rules.js';
import { MaintenanceWindowSchema } from './maintenance-window.js';
import { OneTimeLinkSchema } from './one-time-link.js';
import {
  DeviceOutageSchema,
  LibrenmsComponentSchema,
  LinkSightingSchema,
  ReconcileRunSchema,
  ReconcileStateSchema,
  TimezoneMismatchSchema,
} from './reconcile.js';
import { ServiceSchema } from './service.js';
import { SessionSchema } from './session.js';
import { RuleEffectSettingSchema, SettingSchema } from './setting.js';
import { UserSchema } from './user.js';
import { AuthFailureSchema, RejectedRequestSchema, TestPingSchema } from './webhook-log.js';

export const entities = [
  CustomerSchema,
  UserSchema,
  ApiTokenSchema,
  StoredEventSchema,
  RejectedRequestSchema,
  TestPingSchema,
  AuthFailureSchema,
  DeviceSchema,
  PortSchema,
  LinkSchema,
  ServiceSchema,
  MaintenanceWindowSchema,
  RoleRuleSchema,
  RuleEffectSchema,
  AlertSourceSchema,
  AuditEntrySchema,
  SessionSchema,
  OneTimeLinkSchema,
  ReconcileRunSchema,
  ReconcileStateSchema,
  DeviceOutageSchema,
  LinkSightingSchema,
  LibrenmsComponentSchema,
  TimezoneMismatchSchema,
  ServiceTransitionSchema,
  EngineStateSchema,
  InventoryVersionSchema,
  SettingSchema,
  RuleEffectSettingSchema,
];
