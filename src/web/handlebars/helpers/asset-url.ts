import type { HelperOptions } from 'handlebars';
import { assetUrl, type AssetManifest } from '../../assets.js';

/** `{{assetUrl "css/app.css"}}` → `/assets/css/app.css?v=<content hash>`. */
export function createAssetUrlHelper(
  manifest: AssetManifest,
): (asset: unknown, options: HelperOptions) => string {
  return (asset) => {
    if (typeof asset !== 'string') throw new TypeError('the assetUrl helper needs a path under public/');
    return assetUrl(manifest, asset);
  };
}
