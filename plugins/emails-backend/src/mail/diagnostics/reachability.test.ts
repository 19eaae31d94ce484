import {
  freePort,
  startBlackholePort,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { bedTarget } from '../__testUtils__/bedTargets';
import { expectFailure } from '../__testUtils__/expectFailure';
import { startScriptedServer } from '../__testUtils__/scriptedServer';
import { MailProtocol, MailTarget } from '../types';
import { testConnection } from './testConnection';

jest.setTimeout(60_000);

let bed: TestBed;

beforeAll(async () => {
  bed = await startTestBed();
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

/** Timers and sockets alive in this process, by kind, once closing handles are gone. */
async function settledResources(): Promise<Record<string, number>> {
  // Socket handles finish closing in a later turn of the event loop.
  await new Promise(resolve => setTimeout(resolve, 100));
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (/Timeout|TCP|TLS/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

const notFound = async (hostname: string) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
  });
};

describe('server hostname or IP reachability', () => {
  it('reports a name that does not resolve at the dns stage', async () => {
    const target = bedTarget(bed, 'imap', 'ssl', { host: 'imap.invalid' });
    const result = await testConnection(target, { lookup: notFound });
    const message = expectFailure(result, target, 'dns', 'dns-failed');
    expect(message).toContain('imap.invalid');
    expect(message).toContain('ENOTFOUND');
  });

  it('gives up on a lookup that never answers within the budget', async () => {
    const target = bedTarget(bed, 'pop3', 'ssl', { host: 'slow.invalid' });
    const result = await testConnection(target, {
      lookup: () => new Promise(() => undefined),
      timeoutMs: 500,
    });
    expect(expectFailure(result, target, 'dns', 'dns-failed')).toContain(
      'in time',
    );
  });
});

describe('port accessibility', () => {
  it('reports a closed port as refused at the tcp stage', async () => {
    const target = bedTarget(bed, 'imap', 'none', { port: await freePort() });
    const result = await testConnection(target);
    expect(expectFailure(result, target, 'tcp', 'port-refused')).toContain(
      'ECONNREFUSED',
    );
  });

  // A port whose SYNs are dropped (the accept queue of a listener that never
  // accepts is full), which is what a firewall's DROP rule looks like.
  it('reports a port that never answers the connection attempt as filtered', async () => {
    const hole = await startBlackholePort();
    try {
      const before = await settledResources();
      const target = bedTarget(bed, 'pop3', 'ssl', { port: hole.port });
      const result = await testConnection(target, { timeoutMs: 1500 });
      const message = expectFailure(result, target, 'tcp', 'port-filtered');
      expect(message).toContain('did not answer');
      const spent = result.stages.reduce((total, s) => total + s.ms, 0);
      expect(spent).toBeLessThan(1500 + 5000); // generous: a busy machine
      // Bounded by the budget: no timer or socket outlives the run.
      const after = await settledResources();
      const grown = Object.entries(after).filter(
        ([kind, count]) => count > (before[kind] ?? 0),
      );
      expect(grown).toEqual([]);
    } finally {
      await hole.close();
    }
  });

  it('reports a server that accepts but never speaks as not answering', async () => {
    const silent = await startScriptedServer(undefined);
    try {
      const target = bedTarget(bed, 'imap', 'none', { port: silent.port });
      const result = await testConnection(target, {
        greetingTimeoutMs: 1000,
        timeoutMs: 20_000,
      });
      expect(expectFailure(result, target, 'tcp', 'no-answer')).toContain(
        'no greeting',
      );
    } finally {
      await silent.close();
    }
  });

  it('reports a port where another protocol answers', async () => {
    const target: MailTarget = {
      ...bedTarget(bed, 'imap', 'none'),
      port: bed.ports.submission,
    };
    const result = await testConnection(target);
    expect(expectFailure(result, target, 'tcp', 'wrong-protocol')).toContain(
      'like an SMTP server',
    );
  });
});

describe('security type handshake', () => {
  it.each<[MailProtocol]>([['imap'], ['pop3'], ['smtp']])(
    'reports SSL chosen on the plain %s port',
    async protocol => {
      const target = bedTarget(bed, protocol, 'ssl', {
        port: bedTarget(bed, protocol, 'starttls').port,
      });
      const result = await testConnection(target, { ca: bed.caPem });
      const message = expectFailure(result, target, 'tls', 'ssl-on-plain-port');
      expect(message).toMatch(/wrong version number|packet length/i);
    },
  );

  it('reports STARTTLS chosen on the IMAPS port', async () => {
    const target = bedTarget(bed, 'imap', 'starttls', {
      port: bed.ports.imaps,
    });
    const result = await testConnection(target, {
      ca: bed.caPem,
      greetingTimeoutMs: 1500,
    });
    expect(expectFailure(result, target, 'tcp', 'tls-expected')).toContain(
      'answers a TLS handshake',
    );
  });

  it('reports None chosen on the POP3S port', async () => {
    const target = bedTarget(bed, 'pop3', 'none', { port: bed.ports.pop3s });
    const result = await testConnection(target, {
      ca: bed.caPem,
      greetingTimeoutMs: 1500,
    });
    expect(expectFailure(result, target, 'tcp', 'tls-expected')).toContain(
      'answers a TLS handshake',
    );
  });

  it('reports binary bytes instead of a greeting as a TLS port', async () => {
    // A TLS alert record, as some servers send to a client that speaks first.
    const binary = await startScriptedServer('\x15\x03\x03\x00\x02\x02\x32');
    try {
      const target = bedTarget(bed, 'pop3', 'none', { port: binary.port });
      const result = await testConnection(target, { greetingTimeoutMs: 1000 });
      expect(expectFailure(result, target, 'tcp', 'tls-expected')).toContain(
        'TLS data instead of a greeting',
      );
    } finally {
      await binary.close();
    }
  });

  it('reports a server that offers no STARTTLS', async () => {
    const noTls = await startScriptedServer('* OK fake ready\r\n', line => {
      const [tag, command] = line.split(' ');
      if (command === 'CAPABILITY') {
        return `* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`;
      }
      return `${tag} BAD unexpected\r\n`;
    });
    try {
      const target = bedTarget(bed, 'imap', 'starttls', { port: noTls.port });
      const result = await testConnection(target, { ca: bed.caPem });
      const message = expectFailure(
        result,
        target,
        'tls',
        'starttls-unsupported',
      );
      expect(message).toContain('not among its capabilities');
      expect(noTls.received.some(l => /LOGIN/i.test(l))).toBe(false);
    } finally {
      await noTls.close();
    }
  });

  it('reports a certificate from a CA that is not trusted', async () => {
    const target = bedTarget(bed, 'imap', 'ssl');
    const result = await testConnection(target); // the test CA is not added
    const message = expectFailure(
      result,
      target,
      'tls',
      'certificate-untrusted',
    );
    expect(message).toContain('issued by emails test-bed CA');
  });

  it('reports a certificate for another name', async () => {
    const target = bedTarget(bed, 'pop3', 'starttls', {
      host: 'mail.example.test',
    });
    const result = await testConnection(target, {
      ca: bed.caPem,
      lookup: async () => ({ address: bed.host }),
    });
    const message = expectFailure(
      result,
      target,
      'tls',
      'certificate-hostname',
    );
    expect(message).toContain('mail.example.test');
    expect(message).toContain('DNS:localhost');
  });
});
