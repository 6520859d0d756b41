import { describe, expect, it } from 'vitest';
import { alertKey } from '../../src/domain/events.js';

describe('alertKey', () => {
  it('joins device and rule', () => {
    expect(alertKey({ deviceId: 43, ruleId: 1 })).toBe('43/1');
  });
});
