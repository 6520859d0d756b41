// The LibreNMS API client of the composition root: made from the configuration, or none.
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { createLibreNmsClient, type LibreNmsClient } from '../librenms/api-client.js';
import type { LibreNmsClientOptions } from '../librenms/api-types.js';

/** One client (one throttle) per LibreNMS instance; null when LIBRENMS_API_URL is not set. */
export function libreNmsClientFor(
  config: Config,
  logger: Logger,
  overrides: Partial<LibreNmsClientOptions> = {},
): LibreNmsClient | null {
  if (!config.librenms) return null;
  return createLibreNmsClient({
    ...config.librenms,
    timezone: config.librenmsTimezone,
    logger: logger.child({ module: 'librenms.api' }),
    ...overrides,
  });
}
