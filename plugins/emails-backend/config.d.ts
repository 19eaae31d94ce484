export interface Config {
  /** Settings of the emails support channel. */
  emails?: {
    /**
     * Entity refs of the groups whose members manage the email channel (all
     * `emails.*` permissions, under the portal's policy). Other signed-in
     * users read the requests of their own groups only (docs/permissions.md).
     * Example: `group:default/it-support`.
     */
    admins?: string[];

    /** Encryption of mail server secrets at rest (AES-256-GCM). */
    encryption?: {
      /**
       * 32 random bytes, base64 or hex (`openssl rand -base64 32`). Required
       * when NODE_ENV is production; elsewhere a throwaway key is used when
       * missing. scripts/start.sh generates one into .emails-local-secrets.yaml.
       * @visibility secret
       */
      key?: string;
      /**
       * Older keys that still decrypt, so the key can be rotated: put the new
       * key in `key`, the old one here.
       * @visibility secret
       */
      previousKeys?: string[];
    };

    /** Test Connection. */
    testConnection?: {
      /** Whole time budget of one run, in seconds. Default 15. */
      timeoutSeconds?: number;
    };

    /** TLS to mail servers. */
    tls?: {
      /**
       * Extra CA certificates (PEM text) that mail servers' certificates may
       * chain to, besides the system's trust store. For internal CAs.
       */
      trustedCertificates?: string[];
    };

    /** Fetching mail from incoming IMAP servers (src/fetching/README.md). */
    fetching?: {
      /**
       * With Real Time Scanning, how long one backend replica holds IMAP IDLE
       * on a mailbox before it hands the mailbox back to the scheduler (which
       * may give it to another replica), in seconds. Also bounds the work of
       * one polling run, so a large import goes on in the next run. At least
       * 10. Default 240 (4 minutes).
       */
      idleHoldSeconds?: number;
      /**
       * Messages larger than this (MB) are recorded from their header block
       * only, so one huge message cannot exhaust the backend's memory; the
       * message itself stays on the mail server. Default 50.
       */
      maxMessageSizeMb?: number;
    };

    /**
     * An SMTP (or LMTP) listener to which the organisation's mail server
     * delivers mail for incoming servers with protocol `smtp-push`
     * (src/mail/push/README.md). Off unless enabled. It answers 250 only
     * after the message is recorded, and 4xx when it cannot record it, so the
     * sender retries. It has no TLS: keep it on loopback or a trusted network.
     */
    smtpPush?: {
      /** Start the listener. Default false. */
      enabled?: boolean;
      /** Address to listen on. Default 127.0.0.1. */
      host?: string;
      /** Port to listen on. Default 2525. */
      port?: number;
      /** Speak LMTP (RFC 2033) instead of SMTP: one answer per recipient. Default false. */
      lmtp?: boolean;
      /**
       * When set, a sender must authenticate (AUTH PLAIN or LOGIN) with these
       * credentials before MAIL FROM. Default: no authentication.
       */
      auth?: {
        username: string;
        /** @visibility secret */
        password: string;
      };
      /** Largest message accepted, in MB; larger ones get 552. Default 25. */
      maxMessageSizeMb?: number;
      /**
       * IP addresses and CIDR ranges (IPv4 or IPv6) that may connect; others
       * are refused with 554. Default loopback only: 127.0.0.0/8 and ::1.
       */
      allowedSources?: string[];
      /**
       * Sessions open at once. One more is answered
       * `421 4.7.0 Too many sessions ...` and disconnected; the sender retries
       * later. Default 50.
       */
      maxClients?: number;
      /**
       * Longest session, in seconds of wall-clock time whatever the client does.
       * Then the listener answers `421 4.7.0 Session time limit ...` and closes
       * the connection; a message not yet answered with 250 is retried by the
       * sender (recording is idempotent). Default 600.
       */
      maxSessionSeconds?: number;
      /**
       * Command lines in one session (EHLO, MAIL, RCPT, DATA, NOOP, RSET, AUTH
       * lines...; message content does not count). The next one is answered
       * `421 4.7.0 Too many commands ...` instead of running, and the
       * connection closes. Default 1000.
       */
      maxCommandsPerSession?: number;
      /**
       * A demo mailbox for the local portal: at startup, when no incoming
       * server has this address, one named "Demo mailbox" with protocol
       * smtp-push is created (audited as `emails-demo-setup`). Example:
       * `support@localhost`. Default: none.
       */
      demoMailbox?: string;
    };

    /**
     * The local portal's demo outbox: an SMTP sink on a loopback address that
     * saves every message it is sent as an .eml file, and, when no outgoing
     * server exists, a primary outgoing server "Demo outbox" sending to it
     * (audited as `emails-demo-setup`). Lets the local portal show the whole
     * round trip without a real mail server. Never for production.
     */
    demoOutbox?: {
      /** Default false. */
      enabled?: boolean;
      /** Loopback address to listen on (127.0.0.1 or ::1). Default 127.0.0.1. */
      host?: string;
      /** Default 2526. */
      port?: number;
      /** Where the .eml files go; relative paths are from the backend's working directory. */
      directory?: string;
      /** The From address of the demo outgoing server. Default: smtpPush.demoMailbox, else support@localhost. */
      email?: string;
    };

    /**
     * Health alerts (docs/architecture.md): Backstage notifications to the
     * admins when a mail server keeps failing, is paused by its error
     * threshold, and when it works again.
     */
    health?: {
      /** Consecutive failed syncs (incoming) or sends (outgoing) before the admins are told. Default 5. */
      failureThreshold?: number;
      /** Entity refs (users or groups) notified. Default: the `emails.admins` groups. */
      alertRecipients?: string[];
      /** While a server keeps failing, one reminder this many hours after the last notification; 0 for none. Default 24. */
      reminderIntervalHours?: number;
    };

    /** Replies: the signed tokens in our Message-IDs that thread replies back. */
    threading?: {
      /**
       * Signs thread tokens (32 random bytes, base64 or hex). Default: derived
       * from emails.encryption.key.
       * @visibility secret
       */
      key?: string;
      /**
       * Older keys that still verify, for rotation.
       * @visibility secret
       */
      previousKeys?: string[];
      /** Domain of the Message-IDs we make. Default: the host of backend.baseUrl. */
      messageIdDomain?: string;
    };

    /**
     * Sender authentication of inbound mail (docs/pipeline.md, step 4). The
     * channel verifies SPF, DKIM, DMARC (From alignment) and ARC itself with
     * mailauth, and also reads the Authentication-Results of the trusted
     * servers below. A DMARC pass from either (or from a trusted ARC sealer
     * when ours failed) verifies the sender; otherwise a DMARC fail, ours
     * first, gets the `dmarcFailure` policy. These results decide who is
     * verified, and so who gets acknowledgements (Email Preference
     * notifications.acknowledgeSenders).
     */
    senderAuthentication?: {
      /**
       * Verify senders ourselves. Needs DNS (TXT, A, AAAA, MX, PTR lookups
       * per message). Default true. The local portal turns it off, so it
       * sends no DNS query off the machine.
       */
      verify?: boolean;
      /**
       * The authserv-id our results are reported under in the decision
       * trace. Default: emails.threading.messageIdDomain.
       */
      authservId?: string;
      /**
       * DNS servers for verification, `host` or `host:port` (e.g. a local
       * caching resolver). Default: the system's.
       */
      dnsServers?: string[];
      /** Longest wait for one DNS answer, in seconds. Default 3. */
      dnsTimeoutSeconds?: number;
      /**
       * Longest time all DNS lookups of one message may take together, in
       * seconds; after it, the rest are temperror, so a slow DNS never
       * stalls a mailbox. Default 10.
       */
      dnsBudgetSeconds?: number;
      /**
       * IPs and CIDR ranges of the organisation's own relays. SPF checks the
       * client named by the topmost Received header (written by the SMTP
       * push listener, or for fetched mail by the mail server that received
       * it); a hop from one of these relays is skipped for the one below it,
       * e.g. when Postfix on 10.0.0.5 delivers to SMTP push, list 10.0.0.5.
       * Default: none.
       */
      trustedRelays?: string[];
      /**
       * Domains (the `d=` of their ARC signatures) of forwarders, such as mailing lists
       * or a gateway, whose ARC-Authentication-Results count when their
       * chain validates and our own DMARC check failed (forwarding breaks
       * SPF, list footers break DKIM). Default: none.
       */
      trustedArcSealers?: string[];
      /**
       * authserv-ids of the organisation's mail servers whose
       * Authentication-Results headers count (others are ignored as forgeable).
       * Name only your own MTA, the one that checks SPF, DKIM and DMARC for
       * the support mailbox: a DMARC pass or fail it records counts along
       * with our own verification. Default: none.
       */
      trustedAuthservIds?: string[];
      /**
       * What a DMARC failure does: flag, no-thread (default) or quarantine.
       * A fail from our own verification for a domain whose DMARC policy is
       * `p=none` (monitoring) is only flagged.
       */
      dmarcFailure?: 'flag' | 'no-thread' | 'quarantine';
    };
  };
}
