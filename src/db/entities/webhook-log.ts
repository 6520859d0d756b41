// What came in and was not an event: rejected bodies (bounded), test pings, refused tokens per hour.
import { EntitySchema } from '@mikro-orm/core';

export interface RejectedRequest {
  id: number;
  receivedAt: Date;
  address: string | null;
  status: number;
  code: string;
  message: string;
  /** cut at 64 KiB, credentials masked */
  body: string | null;
}

export const RejectedRequestSchema = new EntitySchema<RejectedRequest>({
  name: 'RejectedRequest',
  tableName: 'rejected_requests',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    receivedAt: { type: 'datetime', length: 0 },
    address: { type: 'string', length: 64, nullable: true },
    status: { type: 'integer' },
    code: { type: 'string', length: 64 },
    message: { type: 'string', length: 1000 },
    body: { type: 'text', nullable: true },
  },
});

export interface TestPing {
  id: number;
  receivedAt: Date;
  address: string | null;
}

export const TestPingSchema = new EntitySchema<TestPing>({
  name: 'TestPing',
  tableName: 'test_pings',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    receivedAt: { type: 'datetime', length: 0 },
    address: { type: 'string', length: 64, nullable: true },
  },
});

export interface AuthFailure {
  id: number;
  /** start of the hour, UTC */
  hour: Date;
  address: string;
  count: number;
}

export const AuthFailureSchema = new EntitySchema<AuthFailure>({
  name: 'AuthFailure',
  tableName: 'auth_failures',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    hour: { type: 'datetime', length: 0 },
    address: { type: 'string', length: 64 },
    count: { type: 'integer' },
  },
  uniques: [{ name: 'auth_failures_hour_address_unique', properties: ['hour', 'address'] }],
});
