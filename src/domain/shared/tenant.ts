/**
 * The tenant: one LMS registration of the tool (a Platform), identified by the platform's issuer
 * and the client id it gave us. Nothing a person shares (stories, library standards) crosses
 * from one tenant to another, even when two registrations share an issuer (one Moodle with two
 * registrations) or a deployment id string happens to repeat elsewhere.
 *
 * Why issuer + clientId: LTI 1.3 makes a deployment id unique only within an issuer, and one
 * issuer may register the tool several times (each with its own client id, e.g. a test and a
 * production registration); the registration, not the issuer, is what an administrator agreed
 * to connect. The key is built from the launch, which the LTI layer has verified.
 */
import type { Brand } from './ids.js';

export type TenantKey = Brand<string, 'TenantKey'>;

/**
 * The key of a registration: both parts percent-encoded and joined by a space, so no issuer or
 * client id can be made to collide with another pair (a space never survives the encoding).
 */
export function tenantKeyOf(platform: { readonly issuer: string; readonly clientId: string }): TenantKey {
  if (platform.issuer.length === 0 || platform.clientId.length === 0) {
    throw new TypeError('tenant needs an issuer and a client id');
  }
  return `${encodeURIComponent(platform.issuer)} ${encodeURIComponent(platform.clientId)}` as TenantKey;
}

/** A stored key read back (the store is the only caller). */
export function asTenantKey(value: string): TenantKey {
  if (!/^\S+ \S+$/.test(value)) throw new TypeError(`not a tenant key: ${value}`);
  return value as TenantKey;
}
