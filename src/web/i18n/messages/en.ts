/**
 * English UI text: the reference catalogue. Every string a person can see or hear (including
 * `aria-label`s and page titles) lives here; templates use `{{t "key"}}`. Placeholders are
 * written `{name}` and filled from the helper's hash arguments.
 * Other locales (`nl.ts`) follow this exact shape; a key they omit falls back to English.
 */
export const en = {
  app: {
    name: 'Teamloop',
    tagline: 'Team learning in short cycles, inside your LMS',
  },
  layout: {
    skipLink: 'Skip to main content',
    homeLink: 'Teamloop home',
    footer: 'Teamloop is an LTI 1.3 tool for team standards, peer review, reflection and a shared library.',
  },
  home: {
    title: 'Teamloop',
    intro:
      'Teamloop brings team learning in short cycles into the learning platform you already use, such as Moodle or Canvas. Teams agree their own quality standard for a task, give each other feedback against it, reflect together, and keep what they learned in a shared library that the next team starts from.',
    cycleHeading: 'One cycle',
    steps: {
      standard: {
        title: 'Agree the standard',
        text: 'Members propose criteria with performance levels, weigh them and vote until the team ratifies its standard.',
      },
      work: {
        title: 'Do the work',
        text: 'The team, or each member, submits its work: text, links or files.',
      },
      review: {
        title: 'Peer review',
        text: 'Reviewers score each criterion and comment; receivers rate how helpful the feedback was.',
      },
      reflect: {
        title: 'Reflect',
        text: 'Each member compares their own view with their peers’, and the team holds a retrospective against the criteria it agreed.',
      },
      share: {
        title: 'Share',
        text: 'The team turns its result into a story for the library, where new teams find and reuse stories and standards.',
      },
    },
    xapi: 'Everything that happens is recorded as xAPI statements for your organisation’s learning record store.',
    startHeading: 'How to start',
    startText:
      'Learners and instructors open Teamloop from a course in their learning platform. Before that, an administrator registers Teamloop there as an LTI 1.3 tool.',
    setupText:
      'The registration steps for Moodle and Canvas are in {path} in the Teamloop source repository.',
    statusHeading: 'Service status',
    statusText: 'Monitoring and load balancers can check these addresses:',
    liveLink: 'Liveness: is the process running?',
    readyLink: 'Readiness: can it reach its database?',
  },
  demo: {
    name: 'Teamloop demo LMS',
    banner:
      'This is a stand-in learning platform for trying Teamloop and for testing. It is not a real LMS: anyone who can open this page can act as any person below.',
    roles: {
      instructor: 'Instructor',
      learner: 'Learner',
    },
    course: {
      pageTitle: 'Demo course',
      label: 'Course code {label}',
      intro:
        'Open Teamloop the way an LMS does: choose a placement, then launch as one of the people in this course. Teamloop opens in the frame below, through a real LTI 1.3 launch.',
      placementsLegend: 'Placement in the course',
      peopleHeading: 'People in this course',
      launchAs: 'Launch as {name}',
      frameHeading: 'Tool frame',
      frameTitle: 'Teamloop, opened by the demo LMS',
    },
    frame: {
      title: 'No one launched yet',
      message: 'Choose a person on the course page to open Teamloop here.',
    },
    launch: {
      title: 'Opening Teamloop',
      message: 'Sending you to Teamloop. If nothing happens, choose Continue.',
      continue: 'Continue',
    },
    refused: {
      title: 'Launch refused',
      message: 'The demo LMS refused this sign-in request from the tool:',
      reasons: {
        malformed: 'the request has parameters that are not single short values.',
        'response-type': 'response_type must be id_token.',
        'response-mode': 'response_mode must be form_post.',
        scope: 'scope must include openid.',
        prompt: 'prompt must be none.',
        client: 'client_id is not the registered tool.',
        'redirect-uri': 'redirect_uri is not a registered launch address of the tool.',
        nonce: 'the nonce is missing.',
        state: 'the state is missing.',
        'login-hint':
          'the login hint is unknown, expired or already used. Each launch can be used once, for two minutes.',
      },
      back: 'Back to the demo course',
    },
  },
  errors: {
    backHome: 'Go to the Teamloop home page',
    notFound: {
      title: 'Page not found',
      message: 'There is no page at this address. Check the link, or start again from your course.',
    },
    forbidden: {
      title: 'Not allowed',
      message: 'You do not have permission to do this. If you think you should, ask your instructor.',
    },
    badRequest: {
      title: 'Request not understood',
      message: 'Teamloop could not understand this request. Go back and try again.',
    },
    phaseConflict: {
      title: 'Not possible right now',
      message: 'This step is not open in the current phase of the team task.',
    },
    versionConflict: {
      title: 'Changed by someone else',
      message:
        'Someone changed this while you were working on it. Reload the page to see the latest version, then try again.',
    },
    invalid: {
      title: 'Please check your input',
      message: 'Some of what you entered could not be accepted:',
      issue: '{field}: {problem}',
      codes: {
        required: 'this is required',
        'too-long': 'this is too long',
        'too-short': 'this is too short',
        invalid: 'this is not valid',
      },
    },
    server: {
      title: 'Something went wrong',
      message: 'Teamloop ran into a problem it could not handle. Please try again in a moment.',
      errorId: 'If it keeps happening, tell your support desk this error id: {id}',
    },
    unavailable: {
      message: 'Teamloop is restarting. Please try again in a few seconds.',
    },
  },
} as const;
