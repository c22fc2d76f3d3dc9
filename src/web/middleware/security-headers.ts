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
  /** Fixed origins (FRAME_ANCESTORS). */
  readonly frameAncestors: readonly string[];
  /** Origins that change at run time (registered platforms), read on every response. */
  readonly registeredFrameAncestors?: () => readonly string[];
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
        frameAncestors: [
          "'self'",
          ...options.frameAncestors,
          ...(options.registeredFrameAncestors === undefined
            ? []
            : [() => frameAncestorList(options.frameAncestors, options.registeredFrameAncestors!())]),
        ],
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

/** Registered origins not already in the fixed list, space-separated; only well-formed origins. */
function frameAncestorList(fixed: readonly string[], registered: readonly string[]): string {
  const origins = registered.filter(
    (o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(o) && !fixed.includes(o),
  );
  return [...new Set(origins)].join(' ');
}
