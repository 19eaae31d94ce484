/** js-md4 ships no types; the test bed uses only arrayBuffer(). */
declare module 'js-md4' {
  const md4: {
    arrayBuffer(message: ArrayBuffer | Uint8Array | string): ArrayBuffer;
    hex(message: ArrayBuffer | Uint8Array | string): string;
  };
  export default md4;
}
