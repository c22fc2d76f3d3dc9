import { expect } from 'chai';
import { launchServicesOf } from '../../../../src/lti/launch-context.js';

describe('LTI Advantage claims of a launch', () => {
  it('reads the NRPS, AGS and deep-linking claims ltijs kept', () => {
    const services = launchServicesOf({
      namesRoles: { context_memberships_url: 'https://lms.example/nrps/1', service_versions: ['2.0'] },
      endpoint: {
        scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
        lineitems: 'https://lms.example/ags/lineitems?type_id=2',
        lineitem: 'https://lms.example/ags/lineitems/7/lineitem?type_id=2',
      },
      deepLinkingSettings: {
        deep_link_return_url: 'https://lms.example/dl',
        accept_types: ['ltiResourceLink', 'link'],
        accept_multiple: 'false',
        data: 'opaque',
      },
    });
    expect(services.namesRoles).to.deep.equal({ membershipsUrl: 'https://lms.example/nrps/1' });
    expect(services.grades).to.deep.equal({
      scopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
      lineItemsUrl: 'https://lms.example/ags/lineitems?type_id=2',
      lineItemUrl: 'https://lms.example/ags/lineitems/7/lineitem?type_id=2',
    });
    expect(services.deepLinking).to.deep.include({
      returnUrl: 'https://lms.example/dl',
      acceptMultiple: false,
      acceptLineItem: true,
      data: 'opaque',
    });
  });

  it('ignores claims that are missing or not http(s) URLs', () => {
    const services = launchServicesOf({
      namesRoles: { context_memberships_url: 'javascript:alert(1)' },
      endpoint: { lineitems: 42 },
      deepLinkingSettings: { deep_link_return_url: 'ftp://lms.example/dl', accept_lineitem: false },
    });
    expect(services).to.deep.equal({ namesRoles: undefined, grades: undefined, deepLinking: undefined });
    expect(launchServicesOf({})).to.deep.equal({
      namesRoles: undefined,
      grades: undefined,
      deepLinking: undefined,
    });
  });
});
