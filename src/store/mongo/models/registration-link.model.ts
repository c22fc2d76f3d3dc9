import { Schema, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/** A one-time LTI Dynamic Registration link: only the SHA-256 of its token is stored. */
export interface RegistrationLinkDoc {
  tokenHash: string;
  expiresAt: Date;
  usedAt?: Date;
}

const schema = new Schema<RegistrationLinkDoc>(
  {
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: Date,
  },
  { collection: 'registrationLinks', timestamps: true },
);
schema.index({ tokenHash: 1 }, { unique: true });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const registrationLinkModel = modelPerConnection((connection: Connection) =>
  connection.model('RegistrationLink', schema),
);
