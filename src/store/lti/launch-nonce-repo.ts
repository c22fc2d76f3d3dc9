import type { Connection } from 'mongoose';
import { launchNonceModel } from '../mongo/models/launch-nonce.model.js';

export interface LaunchNonceRepo {
  /**
   * Records the nonce as used; false when it was used before (a replay). Atomic: the unique
   * index decides between two concurrent launches with the same nonce.
   */
  claim(issuer: string, nonce: string, expiresAt: Date): Promise<boolean>;
}

export function createLaunchNonceRepo(connection: Connection): LaunchNonceRepo {
  const Nonces = launchNonceModel(connection);
  return {
    async claim(issuer, nonce, expiresAt) {
      try {
        await Nonces.create({ issuer, nonce, expiresAt });
        return true;
      } catch (err) {
        if ((err as { code?: unknown }).code === 11000) return false;
        throw err;
      }
    },
  };
}
