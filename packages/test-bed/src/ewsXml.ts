import { DOMParser } from '@xmldom/xmldom';

/** XML namespaces of EWS requests and answers. */
export const EWS_NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  messages: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  types: 'http://schemas.microsoft.com/exchange/services/2006/types',
  errors: 'http://schemas.microsoft.com/exchange/services/2006/errors',
};

/** A SOAP request to the EWS stand-in, parsed. */
export interface SoapRequest {
  /** The operation element in the SOAP body (`m:GetFolder`, ...). */
  operation: Element;
  /** Its local name, e.g. `GetFolder`; an unknown namespace gives `{ns}name`. */
  name: string;
  /** The address in `ExchangeImpersonation/ConnectingSID`, when the header is there. */
  impersonate?: string;
  /** `RequestServerVersion/@Version`, e.g. `Exchange2013`. */
  version?: string;
}

const ELEMENT_NODE = 1;

/** The child elements of `parent`, optionally only those with this local name. */
export function elements(
  parent: Element | undefined,
  localName?: string,
): Element[] {
  if (!parent) return [];
  const found: Element[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i);
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    if (localName === undefined || element.localName === localName)
      found.push(element);
  }
  return found;
}

/** The element at a path of local names below `parent`. */
export function child(
  parent: Element | undefined,
  ...path: string[]
): Element | undefined {
  let current = parent;
  for (const name of path) current = elements(current, name)[0];
  return current;
}

/** Every element with this local name below `parent`, depth first. */
export function descendants(parent: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (const element of elements(parent)) {
    if (element.localName === localName) found.push(element);
    found.push(...descendants(element, localName));
  }
  return found;
}

/** The trimmed text of an element ('' when missing). */
export function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}

/** An attribute, or undefined when missing. */
export function attr(
  element: Element | undefined,
  name: string,
): string | undefined {
  return element?.hasAttribute(name)
    ? element.getAttribute(name) ?? ''
    : undefined;
}

function impersonationOf(header: Element | undefined): string | undefined {
  const sid = child(header, 'ExchangeImpersonation', 'ConnectingSID');
  if (!sid) return undefined;
  for (const name of ['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName']) {
    const value = child(sid, name);
    if (value) return textOf(value);
  }
  // A SID cannot name a mailbox of the stand-in.
  return textOf(elements(sid)[0]);
}

/** Parses a SOAP 1.1 request; undefined when it is not well-formed SOAP. */
export function parseSoap(xml: string): SoapRequest | undefined {
  let failed = false;
  const parser = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: () => {
        failed = true;
      },
      fatalError: () => {
        failed = true;
      },
    },
  });
  let document: Document;
  try {
    document = parser.parseFromString(xml, 'text/xml') as unknown as Document;
  } catch {
    return undefined;
  }
  const envelope = document?.documentElement;
  if (
    failed ||
    !envelope ||
    envelope.localName !== 'Envelope' ||
    envelope.namespaceURI !== EWS_NS.soap
  ) {
    return undefined;
  }
  const header = child(envelope, 'Header');
  const operation = elements(child(envelope, 'Body'))[0];
  if (!operation) return undefined;
  const name =
    operation.namespaceURI === EWS_NS.messages
      ? operation.localName
      : `{${operation.namespaceURI ?? ''}}${operation.localName}`;
  return {
    operation,
    name,
    impersonate: impersonationOf(header),
    version: attr(child(header, 'RequestServerVersion'), 'Version'),
  };
}
