/**
 * Security headers via helmet. The tool lives inside LMS iframes, so framing is governed by CSP
 * `frame-ancestors` (`'self'` plus the configured platform origins) and the legacy
 * `X-Frame-Options`, which cannot list several origins, is not sent. Scripts and styles come
 * only from our own origin: templates contain no inline script or style.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export interface SecurityHeaderOptions {
  readonly publicUrl: string;
  readonly frameAncestors: readonly string[];
}

export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const https = options.publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...options.frameAncestors],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: false,
    strictTransportSecurity: https,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  }) as RequestHandler;
}
