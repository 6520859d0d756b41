// Use cases for the declared inventory: upsert a document (all or nothing), read it back, remove one entry.
import type { EntityManager } from '@mikro-orm/knex';
import { ValidationError } from '../domain/errors.js';
import { validateInventory } from '../domain/inventory.js';
import { documentOf } from '../domain/inventory-document.js';
import { entriesOfDocument, SECTIONS, type Section } from '../domain/inventory-entries.js';
import { recordAudit } from '../db/audit-repo.js';
import { removeEntry } from '../db/inventory-delete.js';
import { inventoryContext, storedEntries } from '../db/inventory-read.js';
import { goneDeviceIds } from '../db/removed-components-repo.js';
import { upsertEntries, type SectionCounts } from '../db/inventory-write.js';
import { recordVersion } from './engine-versions.js';
import type { EventBus } from './event-bus.js';

export interface InventoryDeps {
  /** epoch seconds */
  now: () => number;
  /** time zone of a customer created without one */
  defaultTimezone: string;
  /** told `'inventory.changed'` after a change commits (the engine rebuilds from it) */
  bus?: EventBus;
}

/** What a PUT reports: per outcome, the number of entries of each section. */
export interface UpsertSummary {
  created: Record<Section, number>;
  updated: Record<Section, number>;
  unchanged: Record<Section, number>;
}

function summarise(counts: SectionCounts): UpsertSummary {
  const pick = (k: keyof SectionCounts[Section]) =>
    Object.fromEntries(SECTIONS.map((s) => [s, counts[s][k]])) as Record<Section, number>;
  return { created: pick('created'), updated: pick('updated'), unchanged: pick('unchanged') };
}

export class InventoryService {
  constructor(private readonly deps: InventoryDeps) {}

  private nowDate(): Date {
    return new Date(this.deps.now() * 1000);
  }

  /** Validates the whole document against the stored inventory, then upserts it in one transaction. */
  async put(em: EntityManager, document: unknown, userId: number | null): Promise<UpsertSummary> {
    let effectiveFrom: number | null = null;
    const summary = await em.transactional(async (tx) => {
      const context = await inventoryContext(tx);
      // a hostname shared with a device LibreNMS re-added under a new id names the new one
      const gone = await goneDeviceIds(tx);
      const devices = context.catalogue.devices.map((d) => ({ ...d, gone: gone.has(d.id) }));
      const result = validateInventory(document, {
        ...context,
        catalogue: { ...context.catalogue, devices },
      });
      if (!result.ok) {
        const n = result.errors.length;
        throw new ValidationError(
          `invalid inventory: ${n} error${n === 1 ? '' : 's'}; nothing was written`,
          result.errors,
          422,
          'invalid_inventory',
        );
      }
      const entries = entriesOfDocument(document, result.inventory);
      const summary = summarise(
        await upsertEntries(tx, entries, {
          defaultTimezone: this.deps.defaultTimezone,
          now: this.nowDate(),
        }),
      );
      effectiveFrom = result.inventory.effectiveFrom;
      // the new model as a version from its moment, stored with the change itself
      await tx.flush();
      await recordVersion(tx, effectiveFrom ?? this.deps.now(), this.deps.now());
      recordAudit(tx, {
        at: this.nowDate(),
        userId,
        action: 'inventory.put',
        subject: 'inventory',
        detail: { ...summary, effectiveFrom },
      });
      return summary;
    });
    this.deps.bus?.publish('inventory.changed', { effectiveFrom });
    return summary;
  }

  /** The declared inventory as a document (with `includeLibrenms`, imported components too). */
  async get(em: EntityManager, opts: { includeLibrenms: boolean }) {
    return documentOf(await storedEntries(em, { declaredOnly: !opts.includeLibrenms }));
  }

  /** Removes one entry (a service is hidden, its history kept), audited. */
  async remove(
    em: EntityManager,
    section: Section,
    key: string,
    userId: number | null,
  ): Promise<void> {
    await em.transactional(async (tx) => {
      const removed = await removeEntry(tx, section, key);
      await tx.flush();
      await recordVersion(tx, this.deps.now(), this.deps.now());
      recordAudit(tx, {
        at: this.nowDate(),
        userId,
        action: 'inventory.delete',
        subject: `${section}/${key}`,
        detail: removed,
      });
    });
    this.deps.bus?.publish('inventory.changed', { effectiveFrom: null });
  }
}
