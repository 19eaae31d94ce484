import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleEmailsPolicy } from './permissions/module';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@internal/plugin-catalog-backend-module-emails'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleEmailsPolicy);

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@internal/plugin-emails-backend'));

backend.start();
