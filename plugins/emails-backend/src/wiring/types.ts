import {
  AuditorService,
  AuthService,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  HttpRouterService,
  LifecycleService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { EmailsProcessor, EmailsTicketing } from '@internal/plugin-emails-node';

/** The Backstage services the emails plugin runs on. */
export interface PluginDeps {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  /** The emails permissions and the ticket resource type with its rules. */
  permissionsRegistry: PermissionsRegistryService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  catalog: CatalogService;
  events: EventsService;
  discovery: DiscoveryService;
  /** Backstage notifications, for alerts to the emails admins. */
  notifications?: NotificationService;
}

/** What other modules added through the extension points. */
export interface Extensions {
  /** The host helpdesk's ticketing, if a module set one. */
  ticketing(): EmailsTicketing | undefined;
  processors: EmailsProcessor[];
}
