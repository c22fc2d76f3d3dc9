/** Platform registrations in the app database (ltijs keeps its own copy plus the tool's keys). */
import type { Connection } from 'mongoose';
import type { Platform, PlatformRegistration, PlatformSource } from '../../domain/lti/platform.js';
import { platformModel, type PlatformDoc } from '../mongo/models/platform.model.js';

export interface PlatformRepo {
  /** Creates or replaces the registration for (issuer, clientId); deployment ids are replaced. */
  save(registration: PlatformRegistration, source: PlatformSource): Promise<Platform>;
  find(issuer: string, clientId: string): Promise<Platform | undefined>;
  findByIssuer(issuer: string): Promise<Platform[]>;
  list(): Promise<Platform[]>;
  /** True when something was removed. */
  remove(issuer: string, clientId: string): Promise<boolean>;
}

function toDomain(doc: PlatformDoc): Platform {
  return {
    issuer: doc.issuer,
    clientId: doc.clientId,
    name: doc.name,
    deploymentIds: [...doc.deploymentIds],
    authUrl: doc.authUrl,
    tokenUrl: doc.tokenUrl,
    jwksUrl: doc.jwksUrl,
    source: doc.source,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function createPlatformRepo(connection: Connection): PlatformRepo {
  const Platforms = platformModel(connection);
  return {
    async save(registration, source) {
      const doc = await Platforms.findOneAndUpdate(
        { issuer: registration.issuer, clientId: registration.clientId },
        {
          $set: {
            name: registration.name,
            deploymentIds: [...registration.deploymentIds],
            authUrl: registration.authUrl,
            tokenUrl: registration.tokenUrl,
            jwksUrl: registration.jwksUrl,
            source,
          },
        },
        { upsert: true, returnDocument: 'after', lean: true },
      );
      return toDomain(doc as PlatformDoc);
    },
    async find(issuer, clientId) {
      const doc = await Platforms.findOne({ issuer, clientId }).lean<PlatformDoc>();
      return doc === null ? undefined : toDomain(doc);
    },
    async findByIssuer(issuer) {
      return (await Platforms.find({ issuer }).lean<PlatformDoc[]>()).map(toDomain);
    },
    async list() {
      return (await Platforms.find({}).sort({ issuer: 1, clientId: 1 }).lean<PlatformDoc[]>()).map(toDomain);
    },
    async remove(issuer, clientId) {
      const result = await Platforms.deleteOne({ issuer, clientId });
      return result.deletedCount > 0;
    },
  };
}
