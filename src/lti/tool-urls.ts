/** The tool's stable LTI URLs for a public base URL (what an LMS administrator registers). */
export const LTI_MOUNT = '/lti';
export const LTI_ROUTES = {
  login: '/login',
  launch: '/launch',
  deepLinking: '/deep-linking',
  keyset: '/keys',
  registration: '/register',
} as const;

export interface ToolUrls {
  readonly publicUrl: string;
  readonly login: string;
  readonly launch: string;
  readonly deepLinking: string;
  readonly keyset: string;
  readonly registration: string;
}

export function toolUrls(publicUrl: string): ToolUrls {
  const base = publicUrl.replace(/\/+$/, '') + LTI_MOUNT;
  return {
    publicUrl: publicUrl.replace(/\/+$/, ''),
    login: base + LTI_ROUTES.login,
    launch: base + LTI_ROUTES.launch,
    deepLinking: base + LTI_ROUTES.deepLinking,
    keyset: base + LTI_ROUTES.keyset,
    registration: base + LTI_ROUTES.registration,
  };
}
