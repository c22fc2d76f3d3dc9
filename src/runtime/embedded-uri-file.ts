/**
 * Where a running tool leaves the URI of its embedded database (`DATA_DIR/embedded-db.uri`,
 * mode 0600, removed on stop), so operator commands reach the same database while it runs.
 */
export const EMBEDDED_URI_FILE = 'embedded-db.uri';
