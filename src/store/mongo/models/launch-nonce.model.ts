import { Schema, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/** An id_token nonce already used; kept until the token could no longer be accepted anyway. */
export interface LaunchNonceDoc {
  issuer: string;
  nonce: string;
  expiresAt: Date;
}

const schema = new Schema<LaunchNonceDoc>(
  {
    issuer: { type: String, required: true },
    nonce: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'launchNonces' },
);
schema.index({ issuer: 1, nonce: 1 }, { unique: true });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const launchNonceModel = modelPerConnection((connection: Connection) =>
  connection.model('LaunchNonce', schema),
);
