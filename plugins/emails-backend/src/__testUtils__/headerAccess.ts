import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import { createAccess } from '../service/access';

/**
 * A stand-in for the permission policy in router tests: the caller's
 * permissions are the comma-separated names in the `x-allow` header.
 */
export function headerAccess(
  actor = 'user:default/tester',
): ReturnType<typeof createAccess> {
  return (async (req: express.Request, permission: { name: string }) => {
    const granted = String(req.header('x-allow') ?? '').split(',');
    if (!granted.includes(permission.name))
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    return { actor };
  }) as ReturnType<typeof createAccess>;
}
