import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { EmailsPermissionPolicy } from './EmailsPermissionPolicy';

/** Installs the portal's permission policy in the permission backend. */
export const permissionModuleEmailsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'emails-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(EmailsPermissionPolicy.fromConfig(config));
      },
    });
  },
});
