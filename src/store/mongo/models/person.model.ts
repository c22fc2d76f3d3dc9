import { Schema, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/** A person as known from LTI launches: one per (platform issuer, LTI `sub`). */
export interface PersonDoc {
  issuer: string;
  subject: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  locale?: string;
  /** Undefined for people known only from a course roster (names and roles). */
  lastLaunchAt?: Date;
}

const schema = new Schema<PersonDoc>(
  {
    issuer: { type: String, required: true },
    subject: { type: String, required: true },
    name: String,
    givenName: String,
    familyName: String,
    email: String,
    locale: String,
    lastLaunchAt: Date,
  },
  { collection: 'people', timestamps: true },
);
schema.index({ issuer: 1, subject: 1 }, { unique: true });

export const personModel = modelPerConnection((connection: Connection) => connection.model('Person', schema));
