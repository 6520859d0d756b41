// LibreNMS API schemas: the value variations, the sample answers, and credential dropping.
import { describe, expect, it } from 'vitest';
import { versionAtLeast } from '../../src/librenms/api-client.js';
import { bool, dateTime, idList, idOrNone, int } from '../../src/librenms/api-fields.js';
import { isEmptyNotFound, parseList } from '../../src/librenms/api-response.js';
import { apiSchemas, listEnvelope, servicesEnvelope } from '../../src/librenms/api-schemas.js';
import { parseWithoutCredentials } from '../../src/librenms/api-transport.js';
import { apiSample } from '../helpers/fake-librenms-fixtures.js';

const AMS = 'Europe/Amsterdam';
const s = apiSchemas(AMS);

describe('field variations', () => {
  it.each([
    [12, 12],
    ['12', 12],
    [' -3 ', -3],
  ])('int %j → %j', (input, out) => expect(int.parse(input)).toBe(out));

  it.each([['1.5'], ['x'], [true], [null]])('int rejects %j', (input) => {
    expect(int.safeParse(input).success).toBe(false);
  });

  it.each([
    [0, false],
    [1, true],
    ['0', false],
    ['1', true],
    [true, true],
    [false, false],
  ])('bool %j → %j', (input, out) => expect(bool.parse(input)).toBe(out));

  it('bool rejects other values', () => expect(bool.safeParse('yes').success).toBe(false));

  it.each([
    [null, []],
    ['', []],
    ['12', [12]],
    ['98,99', [98, 99]],
    [12, [12]],
  ])('dependency_parent_id %j → %j', (input, out) => expect(idList.parse(input)).toEqual(out));

  it('idList rejects hostnames', () => expect(idList.safeParse('12,core').success).toBe(false));

  it.each([
    [0, null],
    ['0', null],
    [null, null],
    [undefined, null],
    [27, 27],
  ])('id-or-none %j → %j', (input, out) => expect(idOrNone.parse(input)).toBe(out));

  it('reads UTC ISO (Eloquent) and naive local (raw SQL) datetimes to the same instant', () => {
    const when = dateTime(AMS);
    const iso = when.parse('2026-03-14T08:10:02.000000Z');
    const naive = when.parse('2026-03-14 09:10:02');
    expect(iso).toBe(Date.UTC(2026, 2, 14, 8, 10, 2) / 1000);
    expect(naive).toBe(iso);
    expect(dateTime('UTC').parse('2026-03-14 09:10:02')).toBe(iso! + 3600);
  });

  it.each([[null], [''], ['0000-00-00 00:00:00'], [undefined]])('datetime %j means never', (v) => {
    expect(dateTime(AMS).parse(v)).toBeNull();
  });

  it('rejects a datetime it cannot read', () => {
    expect(dateTime(AMS).safeParse('14/03/2026').success).toBe(false);
  });
});

describe('the sample answers', () => {
  it('list_devices: parents, booleans, local datetimes', () => {
    const { rows } = parseList<(typeof s.device)['_zod']['output']>(
      listEnvelope('devices', s.device),
      apiSample('devices'),
      'devices',
      'GET /devices',
    );
    expect(rows.map((d) => [d.device_id, d.dependency_parent_id, d.status])).toEqual([
      [12, [], true],
      [27, [12], true],
      [43, [27], false],
    ]);
    expect(rows[2]!.status_reason).toBe('icmp');
    expect(rows[2]!.dependency_parent_hostname).toEqual(['agg-sw-07.example.net']);
    expect(rows[2]!.last_polled).toBe(Date.UTC(2026, 2, 14, 8, 10, 5) / 1000);
    expect(rows[0]!.last_poll_attempted).toBeNull();
    expect(Object.keys(rows[0]!)).not.toContain('community');
  });

  it('device ports without count; links with external neighbours', () => {
    const ports = parseList(listEnvelope('ports', s.port), apiSample('ports'), 'ports', 'p').rows;
    expect(ports).toHaveLength(5);
    const links = parseList<{
      id: number;
      remote_device_id: number | null;
      remote_port_id: number | null;
    }>(listEnvelope('links', s.link), apiSample('links'), 'links', 'l').rows;
    expect(links.find((l) => l.id === 504)).toMatchObject({
      remote_device_id: null,
      remote_port_id: null,
    });
    expect(links.find((l) => l.id === 503)).toMatchObject({
      remote_device_id: 43,
      remote_port_id: 4301,
    });
  });

  it('outages, alerts (info decoded) and eventlog with total', () => {
    const outages = parseList<{ up_again: number | null }>(
      listEnvelope('outages', s.outage),
      apiSample('outages'),
      'outages',
      'o',
    );
    expect(outages.rows[0]).toEqual({ going_down: 1773475900, up_again: 1773478029 });
    const alerts = parseList<{ info: unknown; open: boolean }>(
      listEnvelope('alerts', s.alert),
      apiSample('alerts'),
      'alerts',
      'a',
    );
    expect(alerts.rows.map((a) => a.info)).toEqual([{ until_clear: true }, null]);
    const events = parseList<{ reference: string | null }>(
      listEnvelope('logs', s.event),
      apiSample('eventlog'),
      'logs',
      'e',
    );
    expect(events.total).toBe(9);
    expect(events.rows[2]!.reference).toBe('3107');
  });

  it('older PHP: every number as a string', () => {
    const body = {
      status: 'ok',
      links: [
        {
          id: '9',
          local_port_id: '3',
          local_device_id: '2',
          remote_port_id: '0',
          remote_device_id: '0',
          active: '1',
          protocol: 'lldp',
        },
      ],
    };
    const rows = parseList(listEnvelope('links', s.link), body, 'links', 'l').rows;
    expect(rows[0]).toMatchObject({
      id: 9,
      local_device_id: 2,
      remote_port_id: null,
      remote_device_id: null,
      active: true,
    });
  });

  it('services are double-nested', () => {
    const body = {
      status: 'ok',
      services: [
        [{ service_id: 1, device_id: '43', service_status: '2', service_changed: 1773475900 }],
      ],
      count: 1,
    };
    const rows = parseList<unknown[]>(servicesEnvelope(s.service), body, 'services', 's').rows;
    expect(rows.flat()).toMatchObject([{ service_id: 1, device_id: 43, service_status: 2 }]);
  });

  it('names the failing path', () => {
    const body = { status: 'ok', devices: [{ device_id: 'x', hostname: 'h', status: 1 }] };
    expect(() =>
      parseList(listEnvelope('devices', s.device), body, 'devices', 'GET /devices'),
    ).toThrow(/GET \/devices.*devices\.0\.device_id/);
  });
});

describe('credentials', () => {
  it('are dropped at any depth while parsing', () => {
    const text = JSON.stringify({
      devices: [
        {
          device_id: 1,
          community: 'c',
          authpass: 'p',
          authname: 'u',
          authalgo: 'SHA',
          cryptopass: 'x',
          cryptoalgo: 'AES',
          snmpver: 'v3',
        },
      ],
      logs: [
        { details: { rule: [{ port_id: 3, Community: 'c', api_token: 't', my_secret: 's' }] } },
      ],
    });
    const parsed = parseWithoutCredentials(text);
    expect(JSON.stringify(parsed)).not.toMatch(/community|auth|crypto|pass|secret|token/i);
    expect(parsed).toEqual({
      devices: [{ device_id: 1, snmpver: 'v3' }],
      logs: [{ details: { rule: [{ port_id: 3 }] } }],
    });
  });

  it('drops a credential key spelt with \\u escapes too; text without any parses as JSON.parse does', () => {
    // no credential word in the raw text: only the escape gives the key away
    const escaped = '{"device_id":1,"x":{"\\u0063ommunity":"c","ok":"\\u00e9"}}';
    expect(parseWithoutCredentials(escaped)).toEqual({ device_id: 1, x: { ok: '\u00e9' } });
    const plain =
      '{"port_id":7,"ifAlias":"uplink \\"core\\"","ifSpeed":1e9,"n":null,"a":[1,{"b":true}]}';
    expect(parseWithoutCredentials(plain)).toEqual(JSON.parse(plain));
    // a credential word in a value only: still parsed whole, the value kept
    expect(parseWithoutCredentials('{"ifAlias":"auth server"}')).toEqual({
      ifAlias: 'auth server',
    });
  });
});

describe('404 bodies', () => {
  it.each([
    [{ status: 'error', message: 'Links do not exist' }, true],
    [{ status: 'error', message: 'No ports found' }, true],
    [{ status: 'error', message: 'No devices found in group core' }, true],
    [{ status: 'error', message: "This API route doesn't exist." }, false],
    [{ status: 'error', message: 'Device 99 does not exist' }, false],
    [{ status: 'error', message: 'Device group not found' }, false],
    [{ message: 'Not Found' }, false],
    ['<html>', false],
  ])('%j empty: %j', (body, empty) => expect(isEmptyNotFound(body)).toBe(empty));
});

describe('versionAtLeast', () => {
  it.each([
    ['26.1.1-12-g490710c6c', '25.7', true],
    ['25.7.0', '25.7', true],
    ['25.6.3', '25.7', false],
    ['25.10.0', '25.7', true],
    ['24.12.1', '25.2', false],
    ['', '25.7', false],
    ['master', '1', false],
  ])('%s ≥ %s: %j', (v, min, out) => expect(versionAtLeast(v, min)).toBe(out));
});
