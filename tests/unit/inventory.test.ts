// Inventory validation: every error with its JSON path, references resolved, roles from rules.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import { parseInventory, validateInventory } from '../../src/domain/inventory.js';

const base = {
  customers: [{ key: 'acme', name: 'ACME', timezone: 'Europe/Amsterdam' }],
  devices: [
    { id: 1, hostname: 'core-1.example.net' },
    { id: 27, hostname: 'acc-27.example.net', group: 'access' },
    { id: 43, hostname: 'cpe-43.example.net', role: 'access' },
    { id: 50, hostname: 'other.example.net' },
  ],
  ports: [{ id: 2705, device: 27, ifName: 'ge-0/0/5' }],
  roleRules: [
    { hostname: '^core-', role: 'core' },
    { group: 'access', role: 'access' },
    { hostname: '^cpe-', role: 'customer' },
  ],
};

function errorsOf(doc: unknown, ctx = {}) {
  const r = validateInventory(doc, ctx);
  return r.ok ? [] : r.errors;
}

describe('validateInventory', () => {
  it('accepts a document and makes refs canonical, instants epoch seconds, links unique', () => {
    const r = validateInventory({
      ...base,
      services: [
        {
          key: 's1',
          customer: 'acme',
          name: 'S1',
          slaTarget: 99.95,
          activeFrom: '2026-01-01T01:00:00+01:00',
          requires: {
            all: [
              'device:CPE-43.example.net',
              { path: { from: 'port:acc-27.example.net/ge-0/0/5', to: ['device:1'] } },
            ],
          },
        },
      ],
      links: [
        { a: 'port:2705', b: 'device:43' },
        { a: 'device:cpe-43.example.net', b: 'port:2705' },
      ],
      maintenance: [
        {
          key: 'mw',
          start: '2026-02-01T00:00:00Z',
          end: '2026-02-01T01:00:00Z',
          scope: { components: ['device:core-1.example.net'] },
        },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const inv = r.inventory;
    expect(inv.services[0]?.requires).toEqual({
      all: ['device:43', { path: { from: 'port:2705', to: ['device:1'] } }],
    });
    expect(inv.services[0]?.activeFrom).toBe(1767225600);
    expect(inv.services[0]?.slaTarget).toBe('99.95');
    expect(inv.links).toEqual([{ a: 'port:2705', b: 'device:43' }]);
    expect(inv.maintenance[0]).toMatchObject({
      category: 'maintenance',
      scope: { components: ['device:1'] },
    });
    expect(inv.devices.map((d) => d.role)).toEqual(['core', 'access', 'access', null]);
  });

  it('reports every error with its JSON path', () => {
    const errors = errorsOf({
      ...base,
      services: [
        { key: 'ok', customer: 'acme', name: 'ok', slaTarget: 99, requires: 'device:1' },
        { key: 's2', customer: 'acme', name: 'S2', slaTarget: 99, requires: 'device:1' },
        { key: 's3', customer: 'acme', name: 'S3', slaTarget: 99, requires: 'device:1' },
        {
          key: 's4',
          customer: 'acme',
          name: 'S4',
          slaTarget: 99,
          requires: {
            path: { from: 'device:nobody', to: ['device:1', 'port:acc-27.example.net/xe-9'] },
          },
        },
      ],
      links: [{ a: 'device:1', b: 'device:ghost' }],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'services[3].requires.path.from',
      'services[3].requires.path.to[1]',
      'links[0].b',
    ]);
  });

  it('reports schema and rule-shape errors together', () => {
    const errors = errorsOf({
      customers: [{ key: 'acme', name: 'ACME', timezone: 'Mars/Base' }],
      services: [
        {
          key: 's1',
          customer: 'acme',
          name: 'S1',
          slaTarget: 101,
          requires: { atLeast: 3, of: ['device:1', 'device:2'] },
        },
        { key: 's2', customer: 'acme', name: 'S2', slaTarget: 99, requires: { any: [] } },
      ],
      roleRules: [{ hostname: '(', role: 'core' }],
      maintenance: [
        {
          key: 'mw',
          start: '2026-02-02T00:00:00Z',
          end: '2026-02-01T00:00:00Z',
          scope: { all: true },
        },
      ],
    });
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        'customers[0].timezone',
        'services[0].slaTarget',
        'roleRules[0].hostname',
        'maintenance[0].end',
        'services[0].requires.atLeast',
        'services[1].requires.any',
      ].sort(),
    );
  });

  it.each([
    [{ path: { from: 'device:1' } }, 'services[0].requires.path.to'],
    [{ path: { from: 3, to: ['device:1'] } }, 'services[0].requires.path.from'],
    [
      { all: ['device:1', { any: [{ atLeast: 0, of: ['device:1'] }] }] },
      'services[0].requires.all[1].any[0].atLeast',
    ],
    [{ nope: [] }, 'services[0].requires'],
    [42, 'services[0].requires'],
  ])('rule %j fails at %s', (requires, path) => {
    const errors = errorsOf({
      ...base,
      services: [{ key: 's', customer: 'acme', name: 'S', slaTarget: 99, requires }],
    });
    expect(errors.map((e) => e.path)).toEqual([path]);
  });

  it('checks customers, services and port devices against the document and the context', () => {
    const doc = {
      ...base,
      services: [{ key: 's', customer: 'globex', name: 'S', slaTarget: 99, requires: 'device:1' }],
      ports: [{ id: 9, device: 77, ifName: 'x' }],
      maintenance: [
        {
          key: 'm',
          start: '2026-02-01T00:00:00Z',
          end: '2026-02-01T01:00:00Z',
          scope: { services: ['zz'] },
        },
      ],
    };
    expect(errorsOf(doc).map((e) => e.path)).toEqual([
      'services[0].customer',
      'ports[0].device',
      'maintenance[0].scope.services[0]',
    ]);
    const ctx = {
      customerKeys: ['globex'],
      serviceKeys: ['zz'],
      catalogue: { devices: [{ id: 77, hostname: 'known.example.net' }], ports: [] },
    };
    expect(errorsOf(doc, ctx)).toEqual([]);
  });

  it('parseInventory throws a 422 ValidationError carrying the details', () => {
    expect(() => parseInventory({ links: [{ a: 'device:x', b: 'device:1' }] })).toThrow(
      ValidationError,
    );
    try {
      parseInventory({ links: [{ a: 'device:x', b: 'device:1' }] });
    } catch (e) {
      expect((e as ValidationError).status).toBe(422);
      expect((e as ValidationError).details[0]?.path).toBe('links[0].a');
    }
  });
});
