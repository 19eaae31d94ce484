import net from 'node:net';

/** Loopback only: the default of `emails.smtpPush.allowedSources`. */
export const LOOPBACK_SOURCES = ['127.0.0.0/8', '::1'];

function addEntry(list: net.BlockList, entry: string, setting: string) {
  const [address, bits] = entry.trim().split('/');
  const family = net.isIP(address);
  if (!family) {
    throw new Error(
      `${setting}: "${entry}" is not an IP address or CIDR range`,
    );
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (bits === undefined) {
    list.addAddress(address, type);
    return;
  }
  const prefix = Number(bits);
  if (
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > (family === 6 ? 128 : 32)
  ) {
    throw new Error(`${setting}: "${entry}" has an invalid prefix length`);
  }
  list.addSubnet(address, prefix, type);
}

/**
 * A check of a client's address against IP addresses and CIDR ranges.
 * IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) count as their IPv4 address.
 * Throws on a malformed entry, naming it, so a typo cannot open the listener.
 */
export function createSourceCheck(
  entries: readonly string[],
  setting = 'emails.smtpPush.allowedSources',
) {
  const list = new net.BlockList();
  for (const entry of entries) addEntry(list, entry, setting);
  return (remoteAddress: string): boolean => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
    const address = mapped ? mapped[1] : remoteAddress;
    const family = net.isIP(address);
    if (!family) return false;
    return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
