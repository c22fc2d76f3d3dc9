/** Dutch UI text. Same shape as `en.ts`; a key left out here is shown in English. */
import type { PartialMessages } from '../translate.js';

import { nlLibrary, nlReflection, nlRetrospective, nlStories } from './nl-library.js';
import { nlMyTeams, nlStandard } from './nl-standard.js';
import { nlReview } from './nl-review.js';

export const nl = {
  app: {
    name: 'Teamloop',
    tagline: 'Teamleren in korte cycli, binnen je leeromgeving',
  },
  layout: {
    skipLink: 'Naar de hoofdinhoud',
    homeLink: 'Teamloop startpagina',
    footer:
      'Teamloop is een LTI 1.3-tool voor teamstandaarden, peer review, reflectie en een gedeelde bibliotheek.',
  },
  home: {
    title: 'Teamloop',
    intro:
      'Teamloop brengt teamleren in korte cycli naar de leeromgeving die je al gebruikt, zoals Moodle of Canvas. Teams spreken hun eigen kwaliteitsstandaard voor een taak af, geven elkaar feedback op basis daarvan, reflecteren samen en bewaren wat ze leerden in een gedeelde bibliotheek waar het volgende team mee verdergaat.',
    cycleHeading: 'Eén cyclus',
    steps: {
      standard: {
        title: 'Standaard afspreken',
        text: 'Leden stellen criteria met prestatieniveaus voor, wegen ze en stemmen tot het team zijn standaard vaststelt.',
      },
      work: {
        title: 'Het werk doen',
        text: 'Het team, of elk lid, levert zijn werk in: tekst, links of bestanden.',
      },
      review: {
        title: 'Peer review',
        text: 'Reviewers scoren elk criterium en geven commentaar; ontvangers beoordelen hoe nuttig de feedback was.',
      },
      reflect: {
        title: 'Reflecteren',
        text: 'Elk lid vergelijkt de eigen kijk met die van de anderen, en het team houdt een retrospectief op de afgesproken criteria.',
      },
      share: {
        title: 'Delen',
        text: 'Het team maakt van zijn resultaat een verhaal voor de bibliotheek, waar nieuwe teams verhalen en standaarden vinden en hergebruiken.',
      },
    },
    xapi: 'Alles wat er gebeurt, wordt als xAPI-statements vastgelegd in de learning record store van je organisatie.',
    startHeading: 'Zo begin je',
    startText:
      'Studenten en docenten openen Teamloop vanuit een cursus in hun leeromgeving. Daarvoor registreert een beheerder Teamloop daar als LTI 1.3-tool.',
    setupText: 'De registratiestappen voor Moodle en Canvas staan in {path} in de broncode van Teamloop.',
    statusHeading: 'Status van de dienst',
    statusText: 'Monitoring en load balancers kunnen deze adressen controleren:',
    liveLink: 'Liveness: draait het proces?',
    readyLink: 'Readiness: bereikt het zijn database?',
  },
  demo: {
    name: 'Teamloop demo-LMS',
    banner:
      'Dit is een nagebootste leeromgeving om Teamloop uit te proberen en te testen. Het is geen echte LMS: iedereen die deze pagina kan openen, kan optreden als elke persoon hieronder.',
    roles: {
      instructor: 'Docent',
      learner: 'Student',
    },
    course: {
      pageTitle: 'Democursus',
      label: 'Cursuscode {label}',
      intro:
        'Open Teamloop zoals een LMS dat doet: kies een plaatsing en start als een van de mensen in deze cursus. Teamloop opent in het kader hieronder, via een echte LTI 1.3-start.',
      placementsLegend: 'Plaatsing in de cursus',
      peopleHeading: 'Mensen in deze cursus',
      launchAs: 'Start als {name}',
      frameHeading: 'Toolkader',
      frameTitle: 'Teamloop, geopend door de demo-LMS',
    },
    frame: {
      title: 'Nog niemand gestart',
      message: 'Kies een persoon op de cursuspagina om Teamloop hier te openen.',
    },
    launch: {
      title: 'Teamloop wordt geopend',
      message: 'Je gaat naar Teamloop. Gebeurt er niets, kies dan Doorgaan.',
      continue: 'Doorgaan',
    },
    refused: {
      title: 'Start geweigerd',
      message: 'De demo-LMS weigerde dit aanmeldverzoek van de tool:',
      reasons: {
        malformed: 'het verzoek bevat parameters die geen enkele korte waarde zijn.',
        'response-type': 'response_type moet id_token zijn.',
        'response-mode': 'response_mode moet form_post zijn.',
        scope: 'scope moet openid bevatten.',
        prompt: 'prompt moet none zijn.',
        client: 'client_id is niet de geregistreerde tool.',
        'redirect-uri': 'redirect_uri is geen geregistreerd startadres van de tool.',
        nonce: 'de nonce ontbreekt.',
        state: 'de state ontbreekt.',
        'login-hint':
          'de login-hint is onbekend, verlopen of al gebruikt. Elke start kan één keer worden gebruikt, binnen twee minuten.',
      },
      back: 'Terug naar de democursus',
    },
  },
  launched: {
    nav: 'Teamloop in deze cursus',
    courseOverview: {
      title: 'Cursusoverzicht',
      intro: 'Je begeleidt Teamloop in {course}.',
      people:
        'In deze cursus: {facilitators} en {learners} (uit starts en de deelnemerslijst van de leeromgeving).',
      facilitatorCount: { one: '1 begeleider', other: '{count} begeleiders' },
      learnerCount: { one: '1 lerende', other: '{count} lerenden' },
      tasksHeading: 'Teamtaken',
      noTasks: 'Er zijn nog geen teamtaken in deze cursus. Maak de eerste met “Nieuwe teamtaak”.',
      myTeamsLink: 'Bekijk wat lerenden zien',
    },
    myTeams: {
      title: 'Mijn teams',
      intro: 'Je teams in {course} en wat je nu kunt doen.',
      teamsHeading: 'Teams',
      noTeams: 'Je zit nog niet in een team. Zodra je docent de teams vormt, zie je ze hier.',
      nextHeading: 'Wat je nu kunt doen',
      nothingNext: 'Er is nu niets te doen.',
    },
    viewer: {
      title: 'Cursusrapporten',
      intro: 'Je volgt Teamloop in {course} als L&D-kijker.',
      noReports: 'Er zijn nog geen rapporten voor deze cursus.',
    },
    deepLinking: {
      title: 'Teamloop aan je cursus toevoegen',
      message:
        'Hier een teamtaak kiezen om toe te voegen kan nog niet. Voeg Teamloop voorlopig als gewone activiteit toe.',
    },
    untitledCourse: 'deze cursus',
  },
  standard: nlStandard,
  review: nlReview,
  myTeams: nlMyTeams,
  library: nlLibrary,
  stories: nlStories,
  reflection: nlReflection,
  retrospective: nlRetrospective,
  tasks: {
    phases: {
      setup: 'In voorbereiding',
      'standard-setting': 'Standaard afspreken',
      work: 'Werk',
      'peer-review': 'Peer review',
      reflection: 'Reflectie',
      share: 'Delen',
      closed: 'Afgesloten',
    },
    stepStatus: {
      done: 'Klaar',
      current: 'Nu',
      upcoming: 'Komt nog',
      skipped: 'Overgeslagen',
    },
    consensus: {
      consent: {
        label: 'Consent',
        hint: 'Vastgesteld als elk lid instemt en niemand bezwaar heeft.',
      },
      majority: {
        label: 'Meerderheid',
        hint: 'Vastgesteld als meer dan de helft van de leden instemt en er geen bezwaar openstaat.',
      },
      'facilitator-approval': {
        label: 'Goedkeuring door de begeleider',
        hint: 'Jij keurt de standaard van elk team goed zodra die compleet is.',
      },
    },
    start: {
      blank: { label: 'Leeg', hint: 'Teams beginnen bij niets en stellen elk criterium zelf voor.' },
      template: {
        label: 'Mijn sjabloon',
        hint: 'Teams beginnen bij de criteria die je hieronder geeft en passen ze aan.',
      },
      library: {
        label: 'Uit de bibliotheek',
        hint: 'Elk team begint met een kopie van de bibliotheekstandaard die je kiest (criteria, niveaus en gewichten); de kopie legt vast waar ze vandaan komt.',
      },
    },
    formation: {
      manual: 'met de hand samengesteld',
      random: 'willekeurig samengesteld',
      'self-selection': 'door studenten zelf gekozen',
      copied: 'overgenomen van een andere taak',
    },
    standardStatus: {
      none: 'Niet begonnen',
      drafting: 'In opbouw',
      ratified: 'Vastgesteld (versie {version})',
      amending: 'Wordt gewijzigd (versie {version} geldt)',
      locked: 'Vergrendeld',
    },
    teamName: 'Team {number}',
    dates: {
      utc: '{date} UTC',
      none: 'geen datums',
    },
    timeline: {
      heading: 'Tijdlijn',
      label: 'Fasen van deze taak',
      current: 'Huidige fase: {phase}',
      open: 'Open voor acties.',
      notOpen: 'Niet open voor acties.',
      closesAt: 'Deadline: {date}.',
      nextOnDate: 'Hierna: {phase} op {date}.',
      nextByFacilitator: 'Hierna: {phase}, zodra de begeleider de taak verder zet.',
      overdue: 'Er is een datum verstreken; de taak gaat binnen een minuut verder.',
      opens: 'opent {date}',
      closes: 'sluit {date}',
      opened: 'begonnen {date}',
      left: 'afgelopen {date}',
    },
    toDo: {
      heading: 'Nog te doen',
      nothing: 'Op dit moment niets te doen.',
      yourTeam: 'je team',
      'join-team': 'Kies een team om bij aan te sluiten.',
      'wait-for-team': 'Wacht tot de begeleider je in een team plaatst.',
      'propose-criteria': 'Stel criteria voor {team} voor: er zijn er nog minstens {missing} nodig.',
      'weigh-criteria': 'Weeg de criteria van {team}.',
      'agree-or-object': 'Stem in met de standaard van {team}, of maak bezwaar.',
      'resolve-objection':
        'Je bezwaar tegen de standaard van {team} staat open: bespreek het of trek het in.',
      'submit-work': 'Lever het werk van {team} in.',
      'review-peers': 'Beoordeel het werk van je medestudenten.',
      'review-peers-open': {
        one: 'Beoordeel het werk van je medestudenten: nog 1 beoordeling open.',
        other: 'Beoordeel het werk van je medestudenten: nog {count} beoordelingen open.',
      },
      'read-feedback': 'Lees de feedback op het werk van {team}.',
      'give-contribution': 'Geef je bijdrageverdeling voor {team}.',
      retrospective: 'De retrospectief van je team',
      reflect: 'Reflecteer op je werk en je bijdrage.',
      'share-story': 'Deel het verhaal van {team}.',
      'form-teams': {
        one: 'Stel de teams samen (1 student zonder team).',
        other: 'Stel de teams samen ({count} studenten zonder team).',
      },
      'open-task': 'Open de taak: zet hem in zijn eerste fase.',
      'approve-standard': 'Keur de standaard van {team} goed.',
      'follow-up-standard': 'Volg de standaard van {team} op: die is nog niet vastgesteld.',
      'advance-phase': 'De deadline is verstreken: zet de taak verder naar {phase}.',
      'apply-schedule': 'Er is een datum verstreken; de taak gaat binnen een minuut verder.',
    },
    course: {
      storiesWaiting: 'Verhalen die op beoordeling voor de bibliotheek wachten: {count}',
      reviewDashboard: 'Peer-reviewdashboard van “{task}”',
      newTask: 'Nieuwe teamtaak',
      phase: 'Fase: {phase}',
      teams: 'Teams: {count}',
      open: '{task} openen',
    },
    fields: {
      title: 'Titel',
      brief: 'Opdracht',
      outcome: 'Resultaat',
      phases: 'Fasen',
      opensAt: '{phase}: opent',
      closesAt: '{phase}: sluit',
      consensusRule: 'Hoe teams instemmen',
      standardStart: 'Beginpunt',
      template: 'Sjabloon',
      criterion: 'Criterium {n}',
      targetSize: 'Gewenste teamgrootte',
      maxSize: 'Maximale teamgrootte',
      teamCount: 'Aantal teams',
      source: 'Taak om over te nemen',
      teams: 'Teams',
      confirm: 'Bevestiging',
      to: 'Fase',
    },
    issues: {
      required: 'is verplicht',
      'too-long': 'is te lang',
      'too-short': 'is te kort',
      invalid: 'is niet geldig',
      unknown: 'is geen van de keuzes',
      duplicate: 'staat er twee keer',
      'too-few': 'heeft te weinig onderdelen',
      'too-many': 'heeft te veel onderdelen',
      'invalid-date': 'is geen datum en tijd',
      'out-of-order': 'moet na de eerdere datums komen (fasen lopen op volgorde)',
      'phase-not-used': 'heeft datums maar de fase wordt niet gebruikt',
      'peer-review-needs-standard-setting': 'peer review vraagt om standaard afspreken',
      'peer-review-needs-work': 'peer review vraagt om werk',
      'reflection-needs-standard-setting': 'reflectie vraagt om standaard afspreken',
      'not-a-number': 'moet een geheel getal zijn',
      'team-full': 'een team is groter dan het maximum',
      'not-on-roster': 'iemand is geen student van deze cursus',
      'in-two-teams': 'iemand zit in twee teams',
      empty: 'bevat niemand',
      'no-members-left': 'heeft geen leden meer in deze cursus',
      'confirm-required': 'vink het vakje aan om te bevestigen',
    },
    form: {
      newTitle: 'Nieuwe teamtaak',
      editTitle: 'Teamtaak bewerken',
      issuesHeading: 'Verbeter het volgende',
      issue: '{field} {problem}.',
      titleLabel: 'Titel',
      briefLabel: 'Opdracht',
      briefHint:
        'Wat de teams moeten doen. Markdown werkt: **vet**, *cursief*, lijsten, [links](https://example.org).',
      outcomeLabel: 'Resultaat',
      outcomeHint: 'Wat elk team aan het eind oplevert.',
      phasesLegend: 'Fasen',
      phasesHint:
        'Kies de fasen die deze taak gebruikt. Datums zijn niet verplicht en in UTC: met datums opent en sluit een fase vanzelf; zonder datums zet jij de taak verder.',
      usePhase: '{phase} gebruiken',
      opensLabel: '{phase} opent (UTC)',
      closesLabel: '{phase} sluit (UTC)',
      consensusLegend: 'Hoe teams hun standaard vaststellen',
      startLegend: 'Waar de standaard van elk team begint',
      fixedAfterSetup:
        'De fasen, de manier van instemmen en het beginpunt van de standaarden liggen vast nu de taak begonnen is.',
      templateLegend: 'Je sjabloon',
      templateHint:
        'Gebruikt als standaarden bij je sjabloon beginnen: geef elk criterium een naam, een beschrijving en 2 tot 6 niveaus van laag naar hoog. Lege regels vallen weg; sla op voor ruimte voor nog een criterium of niveau.',
      criterionLegend: 'Criterium {n}',
      criterionName: 'Naam',
      criterionDescription: 'Beschrijving',
      levelLabel: 'Niveau {n}',
      levelDescriptor: 'Hoe niveau {n} eruitziet',
      create: 'Teamtaak aanmaken',
      save: 'Wijzigingen opslaan',
      cancel: 'Annuleren',
    },
    page: {
      documentTitle: 'Teamtaak',
      facilitatorIntro: 'Jij begeleidt deze taak.',
      edit: 'Taak bewerken',
      backToCourse: 'Terug naar de cursus',
      backToMyTeams: 'Terug naar mijn teams',
      briefHeading: 'Opdracht',
      outcomeHeading: 'Resultaat',
      phaseHeading: 'De taak verder zetten',
      moveTo: 'Naar {phase}',
      endEarly: 'De taak nu beëindigen',
      endEarlyConfirm: 'Ik begrijp het: de taak sluit voor iedereen en kan niet opnieuw open.',
      noMoves: 'De taak is afgesloten.',
      teamsHeading: 'Teams',
      formTeams: 'Teams samenstellen of wijzigen',
      noTeams: 'Er zijn nog geen teams.',
      formedAs: 'De teams zijn {mode}.',
      noMembers: 'Nog geen leden.',
      unassigned: 'Studenten zonder team: {names}.',
      standardsHeading: 'Standaarden naast elkaar',
      standardsCaption: 'De standaard van elk team: status, overeenstemming en laatste activiteit',
      colTeam: 'Team',
      colStatus: 'Status',
      colCriteria: 'Criteria',
      colAgreement: 'Overeenstemming (Kendalls W)',
      colObjections: 'Open bezwaren',
      colActivity: 'Laatste activiteit',
      openStandard: 'De standaard van {team} openen',
      agreementNone: 'nog niet genoeg wegingen',
      noStandard: 'Deze taak heeft geen fase om een standaard af te spreken.',
      yourTeamHeading: 'Je team',
      noTeam: 'Je zit nog niet in een team voor deze taak.',
      notOnRoster:
        'Open Teamloop één keer vanuit deze cursus, zodat de begeleider je in een team kan plaatsen.',
      teammates: 'Leden van {team}',
      you: '{name} (jij)',
      standardLink: 'De standaard van je team openen',
      chooseHeading: 'Kies een team',
      places: '{count} van {max} plaatsen bezet',
      placesOpen: { one: '{count} lid', other: '{count} leden' },
      join: 'Aansluiten bij {team}',
      leave: '{team} verlaten',
      full: '{team} is vol',
      unknownPerson: 'Persoon zonder naam in de leeromgeving',
    },
    teams: {
      title: 'Teams samenstellen',
      intro: 'Taak: {task}. Studenten in deze cursus: {count}.',
      rosterHint:
        'Studenten verschijnen hier zodra ze Teamloop vanuit de cursus openen, of wanneer de cursuslijst met je leeromgeving is gesynchroniseerd.',
      currentHeading: 'Huidige teams',
      replaceNote: 'Opnieuw teams samenstellen vervangt de huidige teams.',
      workStarted:
        'Het werk is begonnen. Teams hebben misschien al een eigen standaard en werk: teams nu wijzigen haalt mensen weg bij die geschiedenis.',
      confirm: 'Ik begrijp het, wijzig de teams toch.',
      randomHeading: 'Willekeurige teams',
      randomHint:
        'De teams zijn in evenwicht: ze verschillen hooguit één in grootte en geen is groter dan gewenst.',
      randomSubmit: 'Willekeurige teams maken',
      selfHeading: 'Studenten kiezen hun team',
      selfHint: 'Lege teams waar studenten zelf bij aansluiten tot het werk begint.',
      selfSubmit: 'De teams openzetten voor zelf kiezen',
      copyHeading: 'Overnemen van een andere taak',
      copySubmit: 'Deze teams overnemen',
      noCopySource: 'Geen andere taak in deze cursus heeft al teams.',
      manualHeading: 'Met de hand',
      manualHint: 'Kies voor elke student een team. Teams die leeg blijven vallen weg.',
      learnerTeam: 'Team van {name}',
      noTeam: 'Geen team',
      newTeam: 'Nieuw team {n}',
      manualSubmit: 'Deze teams opslaan',
      noLearners:
        'Er zijn nog geen studenten in deze cursus: ze verschijnen wanneer ze Teamloop openen of wanneer de cursuslijst is gesynchroniseerd.',
      back: 'Terug naar de taak',
    },
  },
  registration: {
    done: {
      title: 'Teamloop is geregistreerd',
      message:
        'Je leeromgeving kent Teamloop nu. Je kunt dit venster sluiten en de tool in je leeromgeving activeren.',
    },
  },
  errors: {
    backHome: 'Naar de startpagina van Teamloop',
    notFound: {
      title: 'Pagina niet gevonden',
      message: 'Op dit adres staat geen pagina. Controleer de link of begin opnieuw vanuit je cursus.',
    },
    forbidden: {
      title: 'Niet toegestaan',
      message: 'Je hebt geen toestemming om dit te doen. Denk je van wel, vraag het dan aan je docent.',
    },
    badRequest: {
      title: 'Verzoek niet begrepen',
      message: 'Teamloop begreep dit verzoek niet. Ga terug en probeer het opnieuw.',
    },
    phaseConflict: {
      title: 'Nu niet mogelijk',
      message: 'Deze stap is niet open in de huidige fase van de teamtaak.',
    },
    versionConflict: {
      title: 'Door iemand anders gewijzigd',
      message:
        'Iemand heeft dit gewijzigd terwijl jij ermee bezig was. Laad de pagina opnieuw en probeer het nog eens.',
    },
    invalid: {
      title: 'Controleer je invoer',
      message: 'Niet alles wat je invulde kon worden geaccepteerd:',
      codes: {
        required: 'dit is verplicht',
        'too-long': 'dit is te lang',
        'too-short': 'dit is te kort',
        invalid: 'dit is niet geldig',
      },
    },
    server: {
      title: 'Er ging iets mis',
      message: 'Teamloop liep tegen een probleem aan. Probeer het zo nog eens.',
      errorId: 'Blijft het gebeuren? Geef je helpdesk dan deze foutcode: {id}',
    },
    launch: {
      title: 'Teamloop kon niet openen',
      reasonHeading: 'Wat er gebeurde',
      adminHeading: 'Wat je kunt doen',
      code: 'Redencode voor je beheerder: {code}',
      reasons: {
        'missing-token': {
          reason: 'De start kwam binnen zonder aanmeldtoken.',
          admin:
            'Start Teamloop opnieuw vanuit je cursus. Blijft het gebeuren, meld dan aan de beheerder van je leeromgeving dat het platform geen id_token naar de launch-URL stuurt.',
        },
        'malformed-token': {
          reason: 'Het aanmeldtoken van je leeromgeving is onleesbaar.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat Teamloop een id_token ontving dat geen geldige JWT is.',
        },
        'token-too-large': {
          reason: 'Het aanmeldtoken van je leeromgeving is te groot.',
          admin: 'Meld aan de beheerder van je leeromgeving dat het id_token groter is dan 16 KB.',
        },
        'unsupported-algorithm': {
          reason: 'Het aanmeldtoken is niet ondertekend zoals LTI 1.3 vereist.',
          admin: 'Meld aan de beheerder van je leeromgeving dat id_tokens met RS256 ondertekend moeten zijn.',
        },
        'unknown-platform': {
          reason: 'Teamloop is niet geregistreerd bij deze leeromgeving.',
          admin:
            'Vraag de beheerder van je leeromgeving het platform bij Teamloop te registreren (issuer en client id), bijvoorbeeld met "npx teamloop platform add".',
        },
        'unknown-key': {
          reason: 'Het aanmeldtoken is ondertekend met een sleutel die de leeromgeving niet publiceert.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat de sleutel-id (kid) niet in de geregistreerde sleutelset staat.',
        },
        'keyset-unavailable': {
          reason: 'Teamloop kon de publieke sleutels van de leeromgeving niet ophalen.',
          admin: 'Meld aan de beheerder van je leeromgeving dat de geregistreerde JWKS-URL niet antwoordt.',
        },
        'bad-signature': {
          reason: 'De handtekening van het aanmeldtoken klopt niet.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat een id_token de handtekeningcontrole niet doorstond.',
        },
        expired: {
          reason: 'Het aanmeldtoken is verlopen.',
          admin:
            'Start Teamloop opnieuw vanuit je cursus. Blijft het gebeuren, vraag dan de beheerder de klokken van de servers te controleren.',
        },
        'not-yet-valid': {
          reason: 'Het aanmeldtoken is nog niet geldig.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat de klok van het platform voorloopt (nbf ligt in de toekomst).',
        },
        'issued-in-future': {
          reason: 'Het aanmeldtoken zegt in de toekomst te zijn uitgegeven.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat de klok van het platform meer dan toegestaan voorloopt.',
        },
        'too-old': {
          reason: 'Het aanmeldtoken is te oud.',
          admin:
            'Start Teamloop opnieuw vanuit je cursus. Blijft het gebeuren, vraag dan de beheerder de klokken te controleren.',
        },
        'wrong-audience': {
          reason: 'Het aanmeldtoken is voor een andere tool bedoeld.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat de audience (aud) niet overeenkomt met de client id die bij Teamloop is geregistreerd.',
        },
        'azp-mismatch': {
          reason: 'Het aanmeldtoken noemt een andere tool als gemachtigde partij.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat de azp-claim niet overeenkomt met de geregistreerde client id.',
        },
        'issuer-mismatch': {
          reason: 'Het aanmeldtoken komt van een ander platform dan het platform dat de aanmelding begon.',
          admin:
            'Start Teamloop opnieuw vanuit je cursus. Blijft het gebeuren, meld dan aan de beheerder dat de issuer afwijkt van het aanmeldverzoek.',
        },
        'unknown-deployment': {
          reason: 'Teamloop is niet ingericht voor deze deployment van je leeromgeving.',
          admin:
            'Vraag de beheerder van je leeromgeving de deployment-id aan de registratie in Teamloop toe te voegen ("npx teamloop platform add --deployment-id …").',
        },
        'unsupported-message-type': {
          reason: 'Dit soort start kan Teamloop niet verwerken.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat Teamloop alleen LtiResourceLinkRequest en LtiDeepLinkingRequest accepteert.',
        },
        'wrong-lti-version': {
          reason: 'Deze start gebruikt een LTI-versie die Teamloop niet ondersteunt.',
          admin: 'Meld aan de beheerder van je leeromgeving dat Teamloop LTI 1.3.0 nodig heeft.',
        },
        'missing-subject': {
          reason: 'Het aanmeldtoken zegt niet wie je bent.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat het id_token geen sub-claim heeft (anonieme starts worden niet ondersteund).',
        },
        'invalid-claims': {
          reason: 'De start bevat gegevens die Teamloop niet kan accepteren.',
          admin:
            'Meld aan de beheerder van je leeromgeving dat de claims van het id_token (context, rollen, eigen parameters of doel-link) ontbreken of onjuist zijn.',
        },
        'replayed-nonce': {
          reason: 'Dit aanmeldtoken is al eerder gebruikt.',
          admin: 'Start Teamloop opnieuw vanuit je cursus. Een start werkt maar één keer.',
        },
        'state-mismatch': {
          reason: 'Deze start hoort niet bij een aanmelding die Teamloop in deze browser begon.',
          admin:
            'Start Teamloop opnieuw vanuit je cursus. Blijft het gebeuren, dan blokkeert je browser misschien cookies in ingesloten pagina’s: open Teamloop in een nieuw venster of meld het aan de beheerder.',
        },
        'session-invalid': {
          reason: 'Je Teamloop-sessie is niet geldig.',
          admin: 'Start Teamloop opnieuw vanuit je cursus.',
        },
        'session-expired': {
          reason: 'Je Teamloop-sessie is afgelopen.',
          admin:
            'Start Teamloop opnieuw vanuit je cursus. Blijft het gebeuren, dan blokkeert je browser misschien cookies in ingesloten pagina’s.',
        },
        'inactive-platform': {
          reason: 'De registratie van Teamloop bij deze leeromgeving is niet geactiveerd.',
          admin: 'Vraag de beheerder van Teamloop de platformregistratie te activeren.',
        },
        'no-course-role': {
          reason: 'Je rol in deze cursus geeft geen toegang tot Teamloop.',
          admin: 'Vraag het je docent. Teamloop is voor lerenden, docenten en de ingestelde L&D-kijkers.',
        },
        'registration-link-invalid': {
          reason: 'Deze registratielink is niet geldig.',
          admin:
            'Vraag de beheerder van Teamloop om een nieuwe eenmalige link ("npx teamloop platform registration-link"). Links werken één keer en verlopen.',
        },
      },
    },
    unavailable: {
      message: 'Teamloop wordt herstart. Probeer het over een paar seconden opnieuw.',
    },
  },
  advantage: {
    backToCourse: 'Terug naar het cursusoverzicht',
    rosterLink: 'Deelnemerslijst',
    gradesLink: 'Cijfers naar de leeromgeving',
    roster: {
      title: 'Deelnemerslijst',
      intro:
        'De mensen in deze cursus, zoals je leeromgeving ze doorgeeft. Teams worden gevormd uit de actieve studenten.',
      noService:
        'Je leeromgeving deelt de deelnemerslijst niet met Teamloop. Mensen komen op de lijst zodra ze Teamloop voor het eerst openen.',
      lastSync:
        'Laatst bijgewerkt vanuit de leeromgeving: {active} actief, {inactive} niet meer in de cursus, op',
      lastSyncFailed: 'Het laatste bijwerken vanuit de leeromgeving is mislukt, op',
      syncNow: 'Deelnemerslijst nu bijwerken',
      activeHeading: 'In de cursus',
      inactiveHeading: 'Niet meer in de cursus',
      noneActive: 'Nog niemand.',
      unnamed: 'Persoon zonder naam',
      roles: { facilitator: 'begeleider', learner: 'student', viewer: 'meekijker' },
      sources: { launch: 'opende Teamloop', roster: 'uit de deelnemerslijst' },
      outcome: {
        synced: 'De deelnemerslijst is bijgewerkt vanuit je leeromgeving.',
        failed:
          'De deelnemerslijst kon niet worden bijgewerkt: je leeromgeving antwoordde niet zoals verwacht. Probeer het later opnieuw.',
        unavailable: 'Je leeromgeving biedt de deelnemerslijst niet aan Teamloop aan.',
      },
    },
    grades: {
      title: 'Cijfers naar de leeromgeving',
      intro:
        'Scores die Teamloop naar het cijferoverzicht van je leeromgeving stuurt. Versturen gebeurt op de achtergrond en wordt herhaald als de leeromgeving het druk heeft.',
      empty: 'Er zijn nog geen scores verstuurd vanuit deze cursus.',
      heading: 'Scores',
      person: 'Persoon',
      task: 'Teamtaak',
      score: 'Score',
      status: 'Status',
      action: 'Actie',
      scoreValue: '{given} van {max}',
      statuses: {
        pending: 'Wacht op versturen',
        sent: 'In het cijferoverzicht',
        failed: 'Mislukt',
      },
      failedReason: 'Laatste fout: {error}',
      retry: 'Opnieuw versturen',
      retryLabel: 'Opnieuw versturen: de score van {name} voor {task}',
      retried: 'De score staat klaar om opnieuw te worden verstuurd.',
      failedCount: {
        one: '1 score kon niet naar je leeromgeving worden verstuurd.',
        other: '{count} scores konden niet naar je leeromgeving worden verstuurd.',
      },
    },
    placement: {
      setupTitle: 'Deze activiteit instellen',
      setupIntro:
        'Deze link in je cursus is nog niet gekoppeld aan een teamtaak. Kies wat hij opent; studenten die hem volgen komen daar terecht.',
      setupOffer: 'Deze activiteit is nog niet gekoppeld aan een teamtaak.',
      setupLink: 'Deze activiteit instellen',
      unknownTask: 'De teamtaak waarvoor deze link is gemaakt bestaat niet meer in deze cursus.',
    },
    deepLinking: {
      title: 'Teamloop aan je cursus toevoegen',
      intro: 'Kies wat je aan je cursus toevoegt. Je leeromgeving toont het als activiteit.',
      choiceLegend: 'Wat toevoegen',
      newTask: 'Een nieuwe teamtaak',
      copyTask: 'Een kopie van een teamtaak uit deze cursus',
      copySource: 'Te kopiëren teamtaak',
      noTasksToCopy: 'Er zijn nog geen teamtaken in deze cursus om te kopiëren.',
      fromLibrary: 'Beginnen vanuit een bibliotheekstandaard',
      librarySource: 'Bibliotheekstandaard om mee te beginnen',
      noLibraryStandards: 'Er zijn nog geen bibliotheekstandaarden waarmee je kunt beginnen.',
      titleLabel: 'Titel',
      gradedLabel: 'Cijfers naar het cijferoverzicht sturen',
      maxPointsLabel: 'Maximum aantal punten',
      submit: 'Aan cursus toevoegen',
      submitSetup: 'Activiteit koppelen',
      sending: 'De activiteit wordt aan je cursus toegevoegd. Gebeurt er niets, kies dan Doorgaan.',
      continue: 'Doorgaan',
      notFacilitator: 'Alleen docenten kunnen Teamloop-activiteiten aan een cursus toevoegen.',
      errors: {
        title: 'Vul een titel in van hoogstens 200 tekens.',
        maxPoints: 'Vul het maximum aantal punten in als geheel getal van 1 tot 10000.',
        source: 'Kies een teamtaak uit deze cursus om te kopiëren.',
        fromLibrary: 'Kies een bibliotheekstandaard waarmee je kunt beginnen.',
        choice: 'Kies wat je wilt toevoegen.',
      },
    },
  },
  demoServices: {
    addActivity: 'Activiteit toevoegen (deep linking) als {name}',
    addedHeading: 'Activiteiten toegevoegd via deep linking',
    graded: 'beoordeeld, {max} punten',
    gradebookLink: 'Cijferoverzicht',
    removeMember: '{name} uit de cursus verwijderen',
    restoreMember: '{name} terugzetten in de cursus',
    removed: 'heeft de cursus verlaten',
    returned: {
      title: 'Activiteit toegevoegd',
      message:
        'Het demo-LMS heeft “{title}” aan de cursus toegevoegd. Laad de cursuspagina opnieuw om de activiteit te starten.',
      refused: 'Het demo-LMS weigerde het deep-linking-antwoord: {reason}',
      back: 'Terug naar de democursus',
    },
    gradebook: {
      title: 'Cijferoverzicht',
      intro: 'Scores die tools via de Assignment and Grade Services stuurden, per beoordelingsonderdeel.',
      empty: 'Nog geen beoordelingsonderdelen. Voeg eerst een beoordeelde activiteit aan de cursus toe.',
      lineItem: '{label} (maximaal {max})',
      person: 'Persoon',
      score: 'Score',
      progress: 'Voortgang',
      comment: 'Opmerking',
      when: 'Verstuurd op',
      noScores: 'Nog geen scores.',
      back: 'Terug naar de democursus',
    },
  },
} satisfies PartialMessages;
