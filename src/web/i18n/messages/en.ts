/**
 * English UI text: the reference catalogue. Every string a person can see or hear (including
 * `aria-label`s and page titles) lives here; templates use `{{t "key"}}`. Placeholders are
 * written `{name}` and filled from the helper's hash arguments.
 * Other locales (`nl.ts`) follow this exact shape; a key they omit falls back to English.
 */
import { enLibrary, enReflection, enRetrospective, enStories } from './en-library.js';
import { enMyTeams, enStandard } from './en-standard.js';
import { enReview } from './en-review.js';

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
  launched: {
    nav: 'Teamloop in this course',
    courseOverview: {
      title: 'Course overview',
      intro: 'You facilitate Teamloop in {course}.',
      people: 'In this course: {facilitators} and {learners} (from launches and the LMS roster).',
      facilitatorCount: { one: '1 facilitator', other: '{count} facilitators' },
      learnerCount: { one: '1 learner', other: '{count} learners' },
      tasksHeading: 'Team tasks',
      noTasks: 'There are no team tasks in this course yet. Create the first one with “New team task”.',
      myTeamsLink: 'See the learner view',
    },
    myTeams: {
      title: 'My teams',
      intro: 'Your teams in {course} and what to do next.',
      teamsHeading: 'Teams',
      noTeams: 'You are not in a team yet. When your instructor forms the teams, they appear here.',
      nextHeading: 'What to do next',
      nothingNext: 'Nothing to do right now.',
    },
    viewer: {
      title: 'Course reports',
      intro: 'You follow Teamloop in {course} as a learning and development viewer.',
      noReports: 'There are no reports for this course yet.',
    },
    deepLinking: {
      title: 'Add Teamloop to your course',
      message:
        'Choosing a team task to add from here is not available yet. Add Teamloop as a plain activity instead.',
    },
    untitledCourse: 'this course',
  },
  standard: enStandard,
  review: enReview,
  myTeams: enMyTeams,
  library: enLibrary,
  stories: enStories,
  reflection: enReflection,
  retrospective: enRetrospective,
  tasks: {
    phases: {
      setup: 'Setting up',
      'standard-setting': 'Standard-setting',
      work: 'Work',
      'peer-review': 'Peer review',
      reflection: 'Reflection',
      share: 'Share',
      closed: 'Closed',
    },
    stepStatus: {
      done: 'Done',
      current: 'Now',
      upcoming: 'Coming',
      skipped: 'Skipped',
    },
    consensus: {
      consent: {
        label: 'Consent',
        hint: 'Ratified when every member agrees and nobody objects.',
      },
      majority: {
        label: 'Majority',
        hint: 'Ratified when more than half of the members agree and no objection is open.',
      },
      'facilitator-approval': {
        label: 'Facilitator approval',
        hint: 'You approve each team’s standard once it is complete.',
      },
    },
    start: {
      blank: { label: 'Blank', hint: 'Teams start from nothing and propose every criterion.' },
      template: {
        label: 'My template',
        hint: 'Teams start from the criteria you give below and adapt them.',
      },
      library: {
        label: 'From the library',
        hint: 'Each team starts from a copy of the library standard you choose (criteria, levels and weights); the copy records where it came from.',
      },
    },
    formation: {
      manual: 'formed by hand',
      random: 'formed at random',
      'self-selection': 'learners choose their team',
      copied: 'copied from another task',
    },
    standardStatus: {
      none: 'Not started',
      drafting: 'Drafting',
      ratified: 'Ratified (version {version})',
      amending: 'Amending (version {version} in force)',
      locked: 'Locked',
    },
    teamName: 'Team {number}',
    dates: {
      utc: '{date} UTC',
      none: 'no dates',
    },
    timeline: {
      heading: 'Timeline',
      label: 'Phases of this task',
      current: 'Current phase: {phase}',
      open: 'Open for actions.',
      notOpen: 'Not open for actions.',
      closesAt: 'Deadline: {date}.',
      nextOnDate: 'Next: {phase} on {date}.',
      nextByFacilitator: 'Next: {phase}, when the facilitator moves the task on.',
      overdue: 'A date has passed; the task moves on within a minute.',
      opens: 'opens {date}',
      closes: 'closes {date}',
      opened: 'started {date}',
      left: 'ended {date}',
    },
    toDo: {
      heading: 'Left to do',
      nothing: 'Nothing left to do right now.',
      yourTeam: 'your team',
      'join-team': 'Choose a team to join.',
      'wait-for-team': 'Wait until the facilitator puts you in a team.',
      'propose-criteria': 'Propose criteria for {team}: at least {missing} more needed.',
      'weigh-criteria': 'Weigh the criteria of {team}.',
      'agree-or-object': 'Agree to the standard of {team}, or object.',
      'resolve-objection': 'Your objection to the standard of {team} is open: discuss it or withdraw it.',
      'submit-work': 'Submit the work of {team}.',
      'review-peers': 'Review your peers’ work.',
      'review-peers-open': {
        one: 'Review your peers’ work: 1 review still open.',
        other: 'Review your peers’ work: {count} reviews still open.',
      },
      'read-feedback': 'Read the feedback on the work of {team}.',
      'give-contribution': 'Give your contribution split for {team}.',
      retrospective: 'Your team’s retrospective',
      reflect: 'Reflect on your work and contribution.',
      'share-story': 'Share the story of {team}.',
      'form-teams': {
        one: 'Form the teams (1 learner without a team).',
        other: 'Form the teams ({count} learners without a team).',
      },
      'open-task': 'Open the task: move it to its first phase.',
      'approve-standard': 'Approve the standard of {team}.',
      'follow-up-standard': 'Follow up the standard of {team}: it is not ratified yet.',
      'advance-phase': 'The deadline has passed: move the task on to {phase}.',
      'apply-schedule': 'A date has passed; the task moves on within a minute.',
    },
    course: {
      newTask: 'New team task',
      storiesWaiting: 'Stories waiting for curation: {count}',
      reviewDashboard: 'Peer-review dashboard of “{task}”',
      phase: 'Phase: {phase}',
      teams: 'Teams: {count}',
      open: 'Open {task}',
    },
    fields: {
      title: 'Title',
      brief: 'Brief',
      outcome: 'Outcome',
      phases: 'Phases',
      opensAt: '{phase}: opens',
      closesAt: '{phase}: closes',
      consensusRule: 'How teams agree',
      standardStart: 'Starting point',
      template: 'Template',
      criterion: 'Criterion {n}',
      targetSize: 'Target team size',
      maxSize: 'Maximum team size',
      teamCount: 'Number of teams',
      source: 'Task to copy from',
      teams: 'Teams',
      confirm: 'Confirmation',
      to: 'Phase',
    },
    issues: {
      required: 'is required',
      'too-long': 'is too long',
      'too-short': 'is too short',
      invalid: 'is not valid',
      unknown: 'is not one of the choices',
      duplicate: 'is given twice',
      'too-few': 'has too few entries',
      'too-many': 'has too many entries',
      'invalid-date': 'is not a date and time',
      'out-of-order': 'must come after the dates before it (phases run in order)',
      'phase-not-used': 'has dates but the phase is not used',
      'peer-review-needs-standard-setting': 'peer review needs standard-setting',
      'peer-review-needs-work': 'peer review needs work',
      'reflection-needs-standard-setting': 'reflection needs standard-setting',
      'not-a-number': 'must be a whole number',
      'team-full': 'a team is over its maximum size',
      'not-on-roster': 'someone is not a learner of this course',
      'in-two-teams': 'someone is in two teams',
      empty: 'has nobody in it',
      'no-members-left': 'has no members left in this course',
      'confirm-required': 'tick the box to confirm',
    },
    form: {
      newTitle: 'New team task',
      editTitle: 'Edit team task',
      issuesHeading: 'Please correct the following',
      issue: '{field} {problem}.',
      titleLabel: 'Title',
      briefLabel: 'Brief',
      briefHint:
        'What the teams are asked to do. Markdown works: **bold**, *italic*, lists, [links](https://example.org).',
      outcomeLabel: 'Outcome',
      outcomeHint: 'What each team delivers at the end.',
      phasesLegend: 'Phases',
      phasesHint:
        'Choose the phases this task uses. Dates are optional and in UTC: with dates a phase opens and closes by itself; without them you move the task on.',
      usePhase: 'Use {phase}',
      opensLabel: '{phase} opens (UTC)',
      closesLabel: '{phase} closes (UTC)',
      consensusLegend: 'How teams agree their standard',
      startLegend: 'Where each team’s standard starts',
      fixedAfterSetup:
        'The phases, how teams agree and where standards start are fixed now that the task has started.',
      templateLegend: 'Your template',
      templateHint:
        'Used when standards start from your template: give each criterion a name, a description and 2 to 6 levels from lowest to highest. Empty rows are left out; save to get room for one more criterion or level.',
      criterionLegend: 'Criterion {n}',
      criterionName: 'Name',
      criterionDescription: 'Description',
      levelLabel: 'Level {n}',
      levelDescriptor: 'What level {n} looks like',
      create: 'Create team task',
      save: 'Save changes',
      cancel: 'Cancel',
    },
    page: {
      documentTitle: 'Team task',
      facilitatorIntro: 'You facilitate this task.',
      edit: 'Edit task',
      backToCourse: 'Back to the course',
      backToMyTeams: 'Back to my teams',
      briefHeading: 'Brief',
      outcomeHeading: 'Outcome',
      phaseHeading: 'Move the task on',
      moveTo: 'Move to {phase}',
      endEarly: 'End the task now',
      endEarlyConfirm: 'I understand: the task closes for everyone and cannot be reopened.',
      noMoves: 'The task is closed.',
      teamsHeading: 'Teams',
      formTeams: 'Form or change the teams',
      noTeams: 'There are no teams yet.',
      formedAs: 'Teams are {mode}.',
      noMembers: 'No members yet.',
      unassigned: 'Learners without a team: {names}.',
      standardsHeading: 'Standards side by side',
      standardsCaption: 'Each team’s standard: status, agreement and last activity',
      colTeam: 'Team',
      colStatus: 'Status',
      colCriteria: 'Criteria',
      colAgreement: 'Agreement (Kendall’s W)',
      colObjections: 'Open objections',
      colActivity: 'Last activity',
      openStandard: 'Open the standard of {team}',
      agreementNone: 'not enough weightings yet',
      noStandard: 'This task has no standard-setting phase.',
      yourTeamHeading: 'Your team',
      noTeam: 'You are not in a team for this task yet.',
      notOnRoster: 'Open Teamloop from this course once so the facilitator can place you in a team.',
      teammates: 'Members of {team}',
      you: '{name} (you)',
      standardLink: 'Open your team’s standard',
      chooseHeading: 'Choose a team',
      places: '{count} of {max} places taken',
      placesOpen: { one: '{count} member', other: '{count} members' },
      join: 'Join {team}',
      leave: 'Leave {team}',
      full: '{team} is full',
      unknownPerson: 'Person without a name in the LMS',
    },
    teams: {
      title: 'Form teams',
      intro: 'Task: {task}. Learners in this course: {count}.',
      rosterHint:
        'Learners appear here once they open Teamloop from the course, or when the course roster is synced from your learning platform.',
      currentHeading: 'Current teams',
      replaceNote: 'Forming teams again replaces the current teams.',
      workStarted:
        'Work has started. Teams may already have a standard and work of their own: changing teams now moves people away from that history.',
      confirm: 'I understand, change the teams anyway.',
      randomHeading: 'Random teams',
      randomHint: 'Teams are balanced: sizes differ by at most one and none is larger than the target.',
      randomSubmit: 'Form random teams',
      selfHeading: 'Learners choose their team',
      selfHint: 'Empty teams that learners join themselves until work starts.',
      selfSubmit: 'Open the teams for self-selection',
      copyHeading: 'Copy from another task',
      copySubmit: 'Copy these teams',
      noCopySource: 'No other task in this course has teams yet.',
      manualHeading: 'By hand',
      manualHint: 'Choose a team for each learner. Teams left empty are removed.',
      learnerTeam: 'Team of {name}',
      noTeam: 'No team',
      newTeam: 'New team {n}',
      manualSubmit: 'Save these teams',
      noLearners:
        'There are no learners in this course yet: they appear when they open Teamloop or when the roster is synced.',
      back: 'Back to the task',
    },
  },
  registration: {
    done: {
      title: 'Teamloop is registered',
      message:
        'Your learning platform now knows Teamloop. You can close this window and activate the tool in your platform.',
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
    launch: {
      title: 'Teamloop could not open',
      reasonHeading: 'What happened',
      adminHeading: 'What to do',
      code: 'Reason code for your administrator: {code}',
      reasons: {
        'missing-token': {
          reason: 'The launch arrived without a sign-in token.',
          admin:
            'Start Teamloop again from your course. If it keeps happening, tell your LMS administrator that the platform posts no id_token to the launch URL.',
        },
        'malformed-token': {
          reason: 'The sign-in token from your learning platform could not be read.',
          admin: 'Tell your LMS administrator that Teamloop received an id_token that is not a valid JWT.',
        },
        'token-too-large': {
          reason: 'The sign-in token from your learning platform is too large.',
          admin:
            'Tell your LMS administrator that the id_token exceeds 16 KB; reduce custom parameters or claims.',
        },
        'unsupported-algorithm': {
          reason: 'The sign-in token is not signed the way LTI 1.3 requires.',
          admin: 'Tell your LMS administrator that id_tokens must be signed with RS256.',
        },
        'unknown-platform': {
          reason: 'Teamloop is not registered with this learning platform.',
          admin:
            'Tell your LMS administrator to register the platform with Teamloop (issuer and client id), for example with "npx teamloop platform add".',
        },
        'unknown-key': {
          reason: 'The sign-in token was signed with a key the learning platform does not publish.',
          admin:
            'Tell your LMS administrator that the key id (kid) of the id_token is not in the platform key set registered with Teamloop.',
        },
        'keyset-unavailable': {
          reason: 'Teamloop could not fetch the learning platform’s public keys.',
          admin:
            'Tell your LMS administrator that the platform key set (JWKS) URL registered with Teamloop does not answer.',
        },
        'bad-signature': {
          reason: 'The sign-in token’s signature is not valid.',
          admin:
            'Tell your LMS administrator that an id_token failed signature verification against the platform key set.',
        },
        expired: {
          reason: 'The sign-in token has expired.',
          admin:
            'Start Teamloop again from your course. If it keeps happening, tell your LMS administrator to check the server clocks.',
        },
        'not-yet-valid': {
          reason: 'The sign-in token is not valid yet.',
          admin:
            'Tell your LMS administrator that the platform clock seems to run ahead (nbf lies in the future).',
        },
        'issued-in-future': {
          reason: 'The sign-in token claims to be issued in the future.',
          admin:
            'Tell your LMS administrator that the platform clock runs ahead of Teamloop’s by more than the allowed skew.',
        },
        'too-old': {
          reason: 'The sign-in token is too old.',
          admin:
            'Start Teamloop again from your course. If it keeps happening, tell your LMS administrator to check the server clocks.',
        },
        'wrong-audience': {
          reason: 'The sign-in token was meant for another tool.',
          admin:
            'Tell your LMS administrator that the id_token audience (aud) does not match the client id registered with Teamloop.',
        },
        'azp-mismatch': {
          reason: 'The sign-in token names another tool as its authorised party.',
          admin:
            'Tell your LMS administrator that the id_token azp claim does not match the client id registered with Teamloop.',
        },
        'issuer-mismatch': {
          reason: 'The sign-in token comes from another platform than the one that started the sign-in.',
          admin:
            'Start Teamloop again from your course. If it keeps happening, tell your LMS administrator that the issuer in the id_token differs from the login request.',
        },
        'unknown-deployment': {
          reason: 'Teamloop is not set up for this deployment of your learning platform.',
          admin:
            'Tell your LMS administrator to add the deployment id to Teamloop’s platform registration ("npx teamloop platform add --deployment-id …").',
        },
        'unsupported-message-type': {
          reason: 'Teamloop cannot handle this kind of launch.',
          admin:
            'Tell your LMS administrator that Teamloop accepts LtiResourceLinkRequest and LtiDeepLinkingRequest messages only.',
        },
        'wrong-lti-version': {
          reason: 'This launch uses an LTI version Teamloop does not support.',
          admin: 'Tell your LMS administrator that Teamloop needs LTI 1.3.0.',
        },
        'missing-subject': {
          reason: 'The sign-in token does not say who you are.',
          admin:
            'Tell your LMS administrator that the id_token has no sub claim (anonymous launches are not supported).',
        },
        'invalid-claims': {
          reason: 'The launch contains information Teamloop cannot accept.',
          admin:
            'Tell your LMS administrator that the id_token claims (context, roles, custom parameters or target link) are missing or malformed.',
        },
        'replayed-nonce': {
          reason: 'This sign-in token has been used before.',
          admin: 'Start Teamloop again from your course. A launch can be used only once.',
        },
        'state-mismatch': {
          reason: 'This launch does not belong to a sign-in that Teamloop started in this browser.',
          admin:
            'Start Teamloop again from your course. If it keeps happening, your browser may block cookies in embedded pages: open Teamloop in a new window, or tell your LMS administrator.',
        },
        'session-invalid': {
          reason: 'Your Teamloop session is not valid.',
          admin: 'Start Teamloop again from your course.',
        },
        'session-expired': {
          reason: 'Your Teamloop session has ended.',
          admin:
            'Start Teamloop again from your course. If it keeps happening, your browser may block cookies in embedded pages.',
        },
        'inactive-platform': {
          reason: 'Teamloop’s registration for this learning platform is not activated.',
          admin: 'Tell your Teamloop administrator to activate the platform registration.',
        },
        'no-course-role': {
          reason: 'Your role in this course does not give access to Teamloop.',
          admin: 'Ask your instructor. Teamloop is for learners, instructors and the configured L&D viewers.',
        },
        'registration-link-invalid': {
          reason: 'This registration link is not valid.',
          admin:
            'Ask your Teamloop administrator for a new one-time link ("npx teamloop platform registration-link"). Links work once and expire.',
        },
      },
    },
    unavailable: {
      message: 'Teamloop is restarting. Please try again in a few seconds.',
    },
  },
  advantage: {
    backToCourse: 'Back to the course overview',
    rosterLink: 'Course roster',
    gradesLink: 'Grade passback',
    roster: {
      title: 'Course roster',
      intro:
        'The people in this course, as your learning platform lists them. Teams are formed from the active learners.',
      noService:
        'Your learning platform does not share its course roster with Teamloop. People join the roster when they first open Teamloop.',
      lastSync:
        'Last synced with the learning platform: {active} active, {inactive} no longer in the course, at',
      lastSyncFailed: 'The last sync with the learning platform failed, at',
      syncNow: 'Sync the roster now',
      activeHeading: 'In the course',
      inactiveHeading: 'No longer in the course',
      noneActive: 'Nobody yet.',
      unnamed: 'Unnamed person',
      roles: { facilitator: 'facilitator', learner: 'learner', viewer: 'viewer' },
      sources: { launch: 'opened Teamloop', roster: 'from the roster' },
      outcome: {
        synced: 'The roster is up to date with your learning platform.',
        failed:
          'The roster could not be synced: your learning platform did not answer as expected. Try again later.',
        unavailable: 'Your learning platform does not offer its course roster to Teamloop.',
      },
    },
    grades: {
      title: 'Grade passback',
      intro:
        'Scores Teamloop sends to your learning platform’s gradebook. Sending happens in the background and is retried when the platform is busy.',
      empty: 'No scores have been sent from this course yet.',
      heading: 'Scores',
      person: 'Person',
      task: 'Team task',
      score: 'Score',
      status: 'Status',
      action: 'Action',
      scoreValue: '{given} of {max}',
      statuses: {
        pending: 'Waiting to be sent',
        sent: 'In the gradebook',
        failed: 'Failed',
      },
      failedReason: 'Last error: {error}',
      retry: 'Send again',
      retryLabel: 'Send again: the score of {name} for {task}',
      retried: 'The score is queued to be sent again.',
      failedCount: {
        one: '1 score could not be sent to your learning platform.',
        other: '{count} scores could not be sent to your learning platform.',
      },
    },
    placement: {
      setupTitle: 'Set up this activity',
      setupIntro:
        'This link in your course is not connected to a team task yet. Choose what it opens; learners who follow it land there.',
      setupOffer: 'This activity is not connected to a team task yet.',
      setupLink: 'Set up this activity',
      unknownTask: 'The team task this link was made for no longer exists in this course.',
    },
    deepLinking: {
      title: 'Add Teamloop to your course',
      intro: 'Choose what to add to your course. Your learning platform shows it as an activity.',
      choiceLegend: 'What to add',
      newTask: 'A new team task',
      copyTask: 'A copy of a team task in this course',
      copySource: 'Team task to copy',
      noTasksToCopy: 'There are no team tasks in this course to copy yet.',
      fromLibrary: 'Start from a library standard',
      librarySource: 'Library standard to start from',
      noLibraryStandards: 'There are no library standards you can start from yet.',
      titleLabel: 'Title',
      gradedLabel: 'Send grades to the gradebook',
      maxPointsLabel: 'Maximum points',
      submit: 'Add to course',
      submitSetup: 'Connect this activity',
      sending: 'Adding the activity to your course. If nothing happens, choose Continue.',
      continue: 'Continue',
      notFacilitator: 'Only instructors can add Teamloop activities to a course.',
      errors: {
        title: 'Enter a title of at most 200 characters.',
        maxPoints: 'Enter maximum points as a whole number from 1 to 10000.',
        source: 'Choose a team task of this course to copy.',
        fromLibrary: 'Choose a library standard you can start from.',
        choice: 'Choose what to add.',
      },
    },
  },
  demoServices: {
    addActivity: 'Add an activity (deep linking) as {name}',
    addedHeading: 'Activities added by deep linking',
    graded: 'graded, {max} points',
    gradebookLink: 'Gradebook',
    removeMember: 'Remove {name} from the course',
    restoreMember: 'Put {name} back in the course',
    removed: 'left the course',
    returned: {
      title: 'Activity added',
      message: 'The demo LMS added “{title}” to the course. Reload the course page to launch it.',
      refused: 'The demo LMS refused the deep-linking response: {reason}',
      back: 'Back to the demo course',
    },
    gradebook: {
      title: 'Gradebook',
      intro: 'Scores tools sent through the Assignment and Grade Services, per line item.',
      empty: 'No line items yet. Add a graded activity to the course first.',
      lineItem: '{label} (maximum {max})',
      person: 'Person',
      score: 'Score',
      progress: 'Progress',
      comment: 'Comment',
      when: 'Sent at',
      noScores: 'No scores yet.',
      back: 'Back to the demo course',
    },
  },
} as const;
