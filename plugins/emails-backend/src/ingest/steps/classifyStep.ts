import { IncomingFilter } from '@internal/plugin-emails-common';
import { Stores } from '../../database';
import { mailboxAddressesOf } from '../../notifications/recipients';
import { IngestStep, mailOf } from '../pipeline/context';
import { classifyMessage, ClassifyContext } from './classify';

/**
 * Step 4: automatic mail and our own mail coming back, then sender
 * authentication (trace step `authenticate`). Both stay one step: the DMARC
 * decision and the automatic-mail check share the parsed headers and the
 * own-address list, and splitting them would only pass those along.
 */
export function classifyStep(deps: {
  stores: Stores;
  classify: Omit<ClassifyContext, 'ownAddresses' | 'serverKeywords'>;
  /** Every mailbox address and alias; read from the stores without it. */
  ownAddresses?: () => Promise<Set<string>>;
}): IngestStep {
  const own = deps.ownAddresses ?? (() => mailboxAddressesOf(deps.stores));
  return {
    name: 'classify',
    async run(ctx) {
      // A copy: later steps may add to the message's own set.
      ctx.own = new Set(await own());
      const filter = ctx.server.settings.filter as IncomingFilter | undefined;
      ctx.classified = await classifyMessage(
        mailOf(ctx),
        {
          ...deps.classify,
          ownAddresses: ctx.own,
          serverKeywords: filter?.keywords ?? [],
        },
        ctx.trace,
        ctx.raw,
      );
    },
  };
}
