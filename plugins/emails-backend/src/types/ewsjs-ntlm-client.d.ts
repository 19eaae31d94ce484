// @ewsjs/ntlm-client ships no type declarations; these are the three calls we use.
declare module '@ewsjs/ntlm-client' {
  /** The NTLM negotiate message as an `NTLM <base64>` header value. */
  export function createType1Message(
    workstation: string,
    target: string,
  ): string;
  /** Decodes the server's `NTLM <base64>` challenge header value. */
  export function decodeType2Message(header: string): unknown;
  /** The NTLM authenticate message for the challenge, as a header value. */
  export function createType3Message(
    type2: unknown,
    username: string,
    password: string,
    workstation: string,
    target: string,
  ): string;
}
