import { BlockList, isIP } from 'node:net';

/** 127.0.0.0/8 and ::1, in any spelling an IP address may take. */
export function isLoopbackAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  const list = new BlockList();
  if (version === 4) list.addSubnet('127.0.0.0', 8, 'ipv4');
  else list.addAddress('::1', 'ipv6');
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * localhost, its subdomains, 127.0.0.0/8 and ::1: hosts on this machine, which an untrusted
 * workspace may reach without asking and which `localhost` in NO_PROXY stands for.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}
