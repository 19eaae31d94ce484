export interface Config {
  /** Settings of the emails support channel. */
  emails?: {
    /**
     * Entity refs of the groups whose members manage the email channel (all
     * `emails.*` permissions). Other signed-in users may only read.
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
  };
}
