// What LibreNMS says about each component besides its inventory row: its details text, and `absent`.
import type { ApiDevice, ApiPort } from '../librenms/api-types.js';

/** Status of a component LibreNMS stopped listing. */
export const ABSENT = 'absent';

/** The device fields kept besides its inventory row (parents are LibreNMS dependency parents). */
export function deviceDetails(d: ApiDevice): string {
  return JSON.stringify({
    sysName: d.sysName,
    display: d.display,
    os: d.os,
    type: d.type,
    hardware: d.hardware,
    statusReason: d.status_reason,
    ignore: d.ignore,
    disabled: d.disabled,
    location: d.location,
    parents: d.dependency_parent_id,
  });
}

export function portDetails(p: ApiPort): string {
  return JSON.stringify({
    ifIndex: p.ifIndex,
    ifDescr: p.ifDescr,
    ifAlias: p.ifAlias,
    ifType: p.ifType,
    ifAdminStatus: p.ifAdminStatus,
    ifSpeed: p.ifSpeed,
    disabled: p.disabled,
    ignore: p.ignore,
  });
}
