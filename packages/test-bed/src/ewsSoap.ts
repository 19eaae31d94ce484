import { EWS_NS } from './ewsXml';

/** Escapes text for XML content and attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One `<m:{Operation}ResponseMessage>` of an answer. */
export interface ResponseMessage {
  responseClass: 'Success' | 'Warning' | 'Error';
  /** `NoError` or an EWS ResponseCode such as `ErrorItemNotFound`. */
  code: string;
  /** MessageText of an error. */
  text?: string;
  /** `<t:MessageXml>` values of an error, e.g. `{ SmtpAddress: ... }`. */
  values?: Record<string, string>;
  /** The operation's own elements (Folders, Items, SyncState, ...). */
  body: string;
}

/** A successful response message with the operation's elements. */
export const success = (body = ''): ResponseMessage => ({
  responseClass: 'Success',
  code: 'NoError',
  body,
});

/** A failed response message (HTTP 200, ResponseClass="Error"). */
export function failure(
  code: string,
  text: string,
  options: { values?: Record<string, string>; body?: string } = {},
): ResponseMessage {
  return {
    responseClass: 'Error',
    code,
    text,
    values: options.values,
    body: options.body ?? '',
  };
}

function messageXml(values: Record<string, string> | undefined): string {
  if (!values || Object.keys(values).length === 0) return '';
  const entries = Object.entries(values)
    .map(
      ([name, value]) => `<t:Value Name="${esc(name)}">${esc(value)}</t:Value>`,
    )
    .join('');
  return `<m:MessageXml>${entries}</m:MessageXml>`;
}

/** `<m:{operation}Response>` holding one response message per requested object. */
export function responseXml(
  operation: string,
  messages: ResponseMessage[],
): string {
  const element = `m:${operation}ResponseMessage`;
  const inner = messages
    .map(m => {
      const error =
        m.responseClass === 'Success'
          ? ''
          : `<m:MessageText>${esc(m.text ?? '')}</m:MessageText>`;
      const tail =
        m.responseClass === 'Success'
          ? ''
          : `<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>${messageXml(
              m.values,
            )}`;
      return `<${element} ResponseClass="${
        m.responseClass
      }">${error}<m:ResponseCode>${esc(m.code)}</m:ResponseCode>${tail}${
        m.body
      }</${element}>`;
    })
    .join('');
  return `<m:${operation}Response xmlns:m="${EWS_NS.messages}" xmlns:t="${EWS_NS.types}"><m:ResponseMessages>${inner}</m:ResponseMessages></m:${operation}Response>`;
}

// What Exchange Online reports about itself in every answer's SOAP header.
const SERVER_VERSION =
  '<h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="8466" MinorBuildNumber="17" Version="V2018_01_08"' +
  ` xmlns:h="${EWS_NS.types}"/>`;

/** A SOAP envelope around a body, with the ServerVersionInfo header. */
export function envelope(body: string, header = SERVER_VERSION): string {
  const head = header ? `<s:Header>${header}</s:Header>` : '';
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${EWS_NS.soap}">${head}<s:Body>${body}</s:Body></s:Envelope>`;
}

/**
 * A SOAP fault as Exchange sends it with HTTP 500: faultcode `a:<code>`,
 * the ResponseCode and Message in the errors namespace, and MessageXml
 * values (ErrorServerBusy's BackOffMilliseconds) in the types namespace.
 */
export function soapFault(
  code: string,
  text: string,
  values?: Record<string, string>,
): string {
  const details =
    values && Object.keys(values).length > 0
      ? `<t:MessageXml xmlns:t="${EWS_NS.types}">${Object.entries(values)
          .map(
            ([name, value]) =>
              `<t:Value Name="${esc(name)}">${esc(value)}</t:Value>`,
          )
          .join('')}</t:MessageXml>`
      : '';
  const e = `xmlns:e="${EWS_NS.errors}"`;
  return envelope(
    `<s:Fault><faultcode xmlns:a="${EWS_NS.types}">a:${esc(code)}</faultcode>` +
      `<faultstring xml:lang="en-US">${esc(text)}</faultstring>` +
      `<detail><e:ResponseCode ${e}>${esc(code)}</e:ResponseCode>` +
      `<e:Message ${e}>${esc(text)}</e:Message>${details}</detail></s:Fault>`,
    '',
  );
}

/** An id element such as `<t:ItemId Id=".." ChangeKey=".."/>`. */
export function idXml(tag: string, id: string, changeKey?: string): string {
  const key = changeKey === undefined ? '' : ` ChangeKey="${esc(changeKey)}"`;
  return `<t:${tag} Id="${esc(id)}"${key}/>`;
}

/** An xs:dateTime in UTC without milliseconds, as Exchange writes them. */
export function ewsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
