import { mockApis } from '@backstage/test-utils';
import { PermissionApi } from '@backstage/plugin-permission-react';

type Authorize = Parameters<typeof mockApis.permission>[0] extends
  | { authorize?: infer A }
  | undefined
  ? A
  : never;
type Decision = Exclude<Authorize, Function | undefined>;

/** A permission API that allows exactly the named permissions. */
export function permissionApiAllowing(...names: string[]): PermissionApi {
  return mockApis.permission({
    authorize: request =>
      (names.includes(request.permission.name) ? 'ALLOW' : 'DENY') as Decision,
  });
}
