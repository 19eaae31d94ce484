import { parseHeaderBlock } from './headers';
import { spfClient } from './spfClient';

describe('spfClient', () => {
  const client = (received: string[], relays: string[] = []) =>
    spfClient(
      parseHeaderBlock(
        [
          'Return-Path: <gina@customer.example>',
          ...received.map(r => `Received: ${r}`),
        ].join('\r\n'),
      ),
      ip => relays.includes(ip),
    );

  it.each([
    [
      'Postfix',
      'from mail.customer.example (mail.customer.example [203.0.113.5]) by mx.acme.example (Postfix) with ESMTPS id 4',
      '203.0.113.5',
    ],
    [
      'Exchange Online',
      'from EUR05-VI1-obe.outbound.protection.outlook.com (40.92.90.12) by AM0PR01MB.outlook.office365.com (10.1.1.1) with Microsoft SMTP Server',
      '40.92.90.12',
    ],
    [
      'Exim without reverse DNS',
      'from [203.0.113.9] (helo=[198.51.100.1]) by mx.acme.example with esmtp (Exim 4.96)',
      '203.0.113.9',
    ],
    [
      'Exim with a HELO claim',
      'from host.customer.example ([203.0.113.7] helo=[10.9.9.9]) by mx.acme.example with esmtp',
      '203.0.113.7',
    ],
    [
      'IPv6',
      'from mail.customer.example (mail.customer.example [IPv6:2001:db8::25]) by mx.acme.example',
      '2001:db8::25',
    ],
  ])('reads the client address a %s hop records', (_name, received, ip) => {
    expect(client([received])).toMatchObject({
      ip,
      sender: 'gina@customer.example',
      hop: 1,
    });
  });

  it('never takes an address the client only claimed', () => {
    expect(client(['from 203.0.113.5 (unknown) by mx.acme.example'])).toEqual({
      skipped: 'Received header 1 names no client IP address',
    });
    expect(client([])).toEqual({
      skipped: 'the message has no Received header',
    });
  });

  it('reads below the hops of trusted relays only', () => {
    const hops = [
      'from relay.acme.example (relay.acme.example [10.0.0.5]) by support.acme.test',
      'from forged.example (forged.example [203.0.113.99]) by mx.acme.example',
    ];
    expect(client(hops)).toMatchObject({ ip: '10.0.0.5', hop: 1 });
    expect(client(hops, ['10.0.0.5'])).toMatchObject({
      ip: '203.0.113.99',
      hop: 2,
    });
  });
});
