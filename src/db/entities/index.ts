// Every entity schema, in one list for the ORM configuration.
import { ApiTokenSchema } from './api-token.js';
import { CustomerSchema } from './customer.js';
import { StoredEventSchema } from './event.js';
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
];
