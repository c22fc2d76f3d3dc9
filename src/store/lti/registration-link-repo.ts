import type { Connection } from 'mongoose';
import { registrationLinkModel } from '../mongo/models/registration-link.model.js';

export interface RegistrationLinkRepo {
  create(tokenHash: string, expiresAt: Date): Promise<void>;
  /** Marks the link used; false when it does not exist, has expired or was used already. */
  consume(tokenHash: string, now: Date): Promise<boolean>;
  /** True when the link exists, is unused and has not expired (does not consume it). */
  isUsable(tokenHash: string, now: Date): Promise<boolean>;
}

export function createRegistrationLinkRepo(connection: Connection): RegistrationLinkRepo {
  const Links = registrationLinkModel(connection);
  return {
    async create(tokenHash, expiresAt) {
      await Links.create({ tokenHash, expiresAt });
    },
    async consume(tokenHash, now) {
      const doc = await Links.findOneAndUpdate(
        { tokenHash, usedAt: { $exists: false }, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after', lean: true },
      );
      return doc !== null;
    },
    async isUsable(tokenHash, now) {
      return (
        (await Links.countDocuments({ tokenHash, usedAt: { $exists: false }, expiresAt: { $gt: now } })) > 0
      );
    },
  };
}
