import { Schema, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

export interface PlatformDoc {
  issuer: string;
  clientId: string;
  name: string;
  deploymentIds: string[];
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  source: 'file' | 'cli' | 'dynamic' | 'demo';
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<PlatformDoc>(
  {
    issuer: { type: String, required: true },
    clientId: { type: String, required: true },
    name: { type: String, required: true },
    deploymentIds: { type: [String], default: [] },
    authUrl: { type: String, required: true },
    tokenUrl: { type: String, required: true },
    jwksUrl: { type: String, required: true },
    source: { type: String, required: true, enum: ['file', 'cli', 'dynamic', 'demo'] },
  },
  { collection: 'platforms', timestamps: true },
);
schema.index({ issuer: 1, clientId: 1 }, { unique: true });

export const platformModel = modelPerConnection((connection: Connection) =>
  connection.model('Platform', schema),
);
