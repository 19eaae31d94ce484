import type { EwsAuthOutcome } from './ewsAuth';
import { createFolder, findFolder, getFolder } from './ewsFolderOps';
import { getItem, moveItem, syncFolderItems, updateItem } from './ewsItemOps';
import { getEvents, subscribe, unsubscribe } from './ewsNotifyOps';
import { createItem } from './ewsSendOps';
import { envelope, soapFault } from './ewsSoap';
import { EwsContext, EwsFault, EwsState } from './ewsState';
import type { SoapRequest } from './ewsXml';

/** The operations the EWS stand-in answers, by SOAP body element. */
const OPERATIONS: Record<string, (ctx: EwsContext) => string> = {
  GetFolder: getFolder,
  FindFolder: findFolder,
  CreateFolder: createFolder,
  SyncFolderItems: syncFolderItems,
  GetItem: getItem,
  UpdateItem: updateItem,
  MoveItem: moveItem,
  CreateItem: createItem,
  Subscribe: subscribe,
  GetEvents: getEvents,
  Unsubscribe: unsubscribe,
};

/** Who the call acts as: impersonation needs the grant; app-only tokens need impersonation. */
function contextOf(
  state: EwsState,
  soap: SoapRequest,
  auth: EwsAuthOutcome & { ok: true },
): EwsContext {
  const base = { op: soap.operation, account: auth.account, state };
  if (soap.impersonate === undefined) {
    if (auth.appOnly) {
      throw new EwsFault(
        'ErrorInvalidExchangeImpersonationHeaderData',
        'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
      );
    }
    return { ...base, user: auth.account };
  }
  const target = soap.impersonate.toLowerCase();
  if (!EwsState.exists(target)) {
    throw new EwsFault(
      'ErrorNonExistentMailbox',
      'The SMTP address has no mailbox associated with it.',
      { SmtpAddress: soap.impersonate },
    );
  }
  if (!state.impersonators.has(auth.account)) {
    throw new EwsFault(
      'ErrorImpersonateUserDenied',
      'The account does not have permission to impersonate the requested user.',
    );
  }
  return { ...base, user: target, impersonated: target };
}

/**
 * Answers an authenticated SOAP request: HTTP 200 with the operation's
 * response messages, or HTTP 500 with a SOAP fault (not SOAP, an unknown
 * operation, impersonation refused, or an error of the stand-in itself).
 */
export function dispatch(
  state: EwsState,
  soap: SoapRequest | undefined,
  auth: EwsAuthOutcome & { ok: true },
): { status: number; xml: string } {
  try {
    if (!soap) {
      throw new EwsFault(
        'ErrorSchemaValidation',
        'The request failed schema validation: the body is not a SOAP envelope.',
      );
    }
    const operation = OPERATIONS[soap.name];
    if (!operation) {
      throw new EwsFault(
        'ErrorInvalidRequest',
        `The request is invalid: the stand-in does not answer the operation ${soap.name}.`,
      );
    }
    return {
      status: 200,
      xml: envelope(operation(contextOf(state, soap, auth))),
    };
  } catch (error) {
    return {
      status: 500,
      xml:
        error instanceof EwsFault
          ? soapFault(error.code, error.message, error.values)
          : soapFault(
              'ErrorInternalServerError',
              `An internal server error occurred: ${String(error)}`,
            ),
    };
  }
}
