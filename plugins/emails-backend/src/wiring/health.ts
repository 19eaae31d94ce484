import { EmailsConfig } from '../config';
import { Stores } from '../database';
import { HealthAlerts } from '../health/HealthAlerts';
import { Configuration } from './configuration';
import { PluginDeps } from './types';

/** The health alerts of `emails.health`; state lives in the store, so each caller may have its own. */
export function createHealthAlerts(
  deps: PluginDeps,
  config: EmailsConfig,
  stores: Stores,
  configuration: Configuration,
): HealthAlerts {
  return new HealthAlerts({
    notifier: deps.notifications,
    settings: config.health,
    stores,
    audit: configuration.audit,
    logger: deps.logger.child({ task: 'health-alerts' }),
  });
}
