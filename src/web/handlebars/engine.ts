/**
 * The handlebars view engine: `views/layouts/main.hbs` wraps every page, partials come from
 * `views/partials/`, and helpers are one function per file in `./helpers/`.
 */
import path from 'node:path';
import type { Express } from 'express';
import { create } from 'express-handlebars';
import type { AssetManifest } from '../assets.js';
import { createAssetUrlHelper } from './helpers/asset-url.js';
import { ltikUrl } from './helpers/ltik-url.js';
import { t } from './helpers/t.js';

export function installViewEngine(app: Express, options: { viewsDir: string; assets: AssetManifest }): void {
  const engine = create({
    extname: '.hbs',
    layoutsDir: path.join(options.viewsDir, 'layouts'),
    partialsDir: path.join(options.viewsDir, 'partials'),
    defaultLayout: 'main',
    helpers: { t, assetUrl: createAssetUrlHelper(options.assets), ltikUrl },
  });
  app.engine('hbs', engine.engine);
  app.set('view engine', 'hbs');
  app.set('views', options.viewsDir);
}
