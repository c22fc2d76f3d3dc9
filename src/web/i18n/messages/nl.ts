/** Dutch UI text. Same shape as `en.ts`; a key left out here is shown in English. */
import type { PartialMessages } from '../translate.js';

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
    unavailable: {
      message: 'Teamloop wordt herstart. Probeer het over een paar seconden opnieuw.',
    },
  },
} satisfies PartialMessages;
