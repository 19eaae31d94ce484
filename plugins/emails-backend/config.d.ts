export interface Config {
  /** Settings of the emails support channel. */
  emails?: {
    /**
     * Entity refs of the groups whose members manage the email channel (all
     * `emails.*` permissions). Other signed-in users may only read.
     * Example: `group:default/it-support`.
     */
    admins?: string[];
  };
}
