// Topology components keyed by their LibreNMS ids: devices and ports, declared or imported.
import { EntitySchema } from '@mikro-orm/core';

export interface DeviceRow {
  /** LibreNMS device_id */
  id: number;
  hostname: string;
  label: string | null;
  location: string | null;
  /** the role given explicitly (roles from rules are derived, not stored) */
  role: string | null;
  /** LibreNMS device groups, JSON array text */
  groups: string;
  /** entered by an inventory document or an admin (not only imported from LibreNMS) */
  declared: boolean;
}

export const DeviceSchema = new EntitySchema<DeviceRow>({
  name: 'Device',
  tableName: 'devices',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: false },
    hostname: { type: 'string', length: 255 },
    label: { type: 'string', length: 255, nullable: true },
    location: { type: 'string', length: 255, nullable: true },
    role: { type: 'string', length: 20, nullable: true },
    groups: { type: 'text' },
    declared: { type: 'boolean', default: false },
  },
  indexes: [{ name: 'devices_hostname_index', properties: ['hostname'] }],
});

export interface PortRow {
  /** LibreNMS port_id */
  id: number;
  deviceId: number;
  ifName: string;
  declared: boolean;
}

export const PortSchema = new EntitySchema<PortRow>({
  name: 'Port',
  tableName: 'ports',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: false },
    deviceId: { type: 'integer' },
    ifName: { type: 'string', length: 255 },
    declared: { type: 'boolean', default: false },
  },
  indexes: [{ name: 'ports_device_id_index', properties: ['deviceId'] }],
});

export const LINK_SOURCES = ['inventory', 'manual', 'librenms'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];

export interface LinkRow {
  id: number;
  /** canonical component refs, a < b by code unit: the unordered pair is the key */
  a: string;
  b: string;
  source: LinkSource;
}

export const LinkSchema = new EntitySchema<LinkRow>({
  name: 'Link',
  tableName: 'links',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    a: { type: 'string', length: 40 },
    b: { type: 'string', length: 40 },
    source: { type: 'string', length: 16 },
  },
  uniques: [{ name: 'links_a_b_unique', properties: ['a', 'b'] }],
});
