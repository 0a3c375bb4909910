/**
 * The words attribution is read with: reporting verbs in English, French, German and Spanish,
 * nouns that can be a source in lower case, pronouns, and the words that bound a source phrase.
 */

export const ENGLISH_REPORTING_VERBS = new Set(
  (
    'said says say told tells declared declares reported reports announced announces estimated estimates ' +
    'claimed claims stated states confirmed confirms warned warns added adds insisted insists explained explains ' +
    'noted notes argued argues believes believed wrote writes acknowledged acknowledges admitted admits denied denies ' +
    'predicted predicts projected projects expects figures advanced revealed reveals testified alleged alleges ' +
    'suggested suggests concluded concludes found finds showed shows indicated indicates tweeted posted recalled ' +
    'assured affirmed stressed emphasised emphasized maintained maintains urged vowed pledged counted cited'
  ).split(' '),
);
export const REPORTING_VERBS = new Set([
  ...ENGLISH_REPORTING_VERBS,
  ...(
    'déclare déclaré affirme affirmé annonce annoncé indique indiqué ajoute ajouté précise précisé explique expliqué ' +
    'estime estimé assure assuré souligne souligné confirme confirmé rapporte rapporté dit raconte raconté ' +
    'sagte sagt erklärte erklärt berichtete berichtet teilte mitteilte mitteilt meldete meldet betonte betont schätzt schätzte ' +
    'dijo dice afirmó afirma declaró declara anunció anuncia informó informa señaló señala aseguró asegura explicó ' +
    'explica estimó estima indicó indica confirmó confirma'
  ).split(' '),
]);

/** Verbs that only report when the subject is a name ("Seoul figures", "Zelensky advanced"). */
export const NAME_ONLY_VERBS = new Set(
  'figures advanced found shows showed finds counted cited projects expects'.split(' '),
);

export const PRONOUNS = new Set(
  (
    'he she they it we i il elle ils elles on er sie es él ella ellos ellas ' +
    "i've i'm we've we're they've they're you've he's she's i’ve i’m we’ve we’re they’ve they’re you’ve he’s she’s " +
    "i'll we'll they'll you'll he'll she'll i'd we'd they'd he'd she'd i’ll we’ll they’ll you’ll he’ll she’ll i’d we’d they’d he’d she’d"
  ).split(' '),
);

/** Nouns that can be a source even in lower case ("officials said", "police say"). */
export const SOURCE_NOUNS =
  /\b(?:officials?|police|spokes(?:man|woman|person)|person|people|ministers?|presidente|ministra|ministro|ministry|government|authorities|sources?|report|study|survey|poll|experts?|economists?|analysts?|data|statement|agency|intelligence|military|army|president|mayor|governor|senators?|councillors?|chancellor|premier|sheriff|coroner|researchers?|scientists?|(?:eye)?witness(?:es)?|residents|survivors|protesters|demonstrators|leaders?|doctors|authority|utility|utilities|operators?|coastguard|services?|providers?|associations?|federation|foundation|charity|charities|watchdog|inspectors?|administration|cabinet|parliament|rescuers|paramedics|engineers|insurers?|retailers?|carriers?|railway|elders|families|relatives|locals|villagers|farmers|workers|teachers|nurses|parents|prosecutors?|investigators|lawyers?|officers?|commanders?|forces|chief|director|secretary|chairman|chairwoman|chairperson|founder|executives?|managers?|owners?|soldiers?|diplomats?|observers|organi[sz]ation|council|office|institute|department|unions?|compan(?:y|ies)|firms?|courts?|judges?|party|campaign|group|committee|commission|bank|regulators?|airline|club|hospital|university|embassy|newspaper|broadcaster|agency|union|campaigners|activists|groups|organi[sz]ers|city|town|county|municipality|province|district|state|team|network|publisher|manufacturers?|makers?|developers?|distributors?|airport|museum|school|lab|laboratory|cent(?:re|er)|syndicats?|entreprise|Gewerkschaft|Unternehmen|sindicato|empresa|ministère|ministre|autorités|porte-parole|responsables?|gouvernement|préfecture|préfet|préfète|mairie|maire|parquet|procureur|procureure|gendarmerie|syndicat|Regierung|Behörden|Sprecher|Polizei|gobierno|autoridades|portavoz|policía)\b/iu;

/** Words between a source and its verb ("had already declared", "has also said"). */
export const AUXILIARIES = new Set(
  (
    'has have had would will could should also already previously later again once reportedly repeatedly ' +
    'officially publicly further recently then first initially often usually sometimes always never ' +
    'frequently generally typically basically all both a ont avait avaient hat haben ha han había habían'
  ).split(' '),
);

/** Words that end a source phrase when reading back from the verb ("officials in Kyiv said" stays whole). */
export const BOUNDARIES = new Set(
  (
    'that which who whom whose and but when while as because if after before since then where so yet to by ' +
    'although though unless whether wie comme como ' +
    'during que qui dont et mais quand dass und aber weil wenn y pero cuando porque'
  ).split(' '),
);
/** Reading forward from the verb, prepositions end the source too ("said Essid in Tunis"). */
export const FORWARD_BOUNDARIES = new Set([
  ...BOUNDARIES,
  ...'in on at with without for from dans sur avec pour lors auprès mit bei im con para durante'.split(' '),
]);
export const DETERMINERS =
  /^(?:the|a|an|le|la|les|l['’]|un|une|der|die|das|den|ein|eine|el|los|las|un|una)$/iu;
export const INSIDE_NAME = new Set(
  'of for the and de du des la le van von der del di al bin el y & da dos das'.split(' '),
);

/** "according to plan", "according to the needs": a measure things go by, not someone who says them. */
export const MEASURE_NOT_SOURCE =
  /^(?:(?:the|their|its|his|her|our|your)\s)?(?:plans?|schedule|needs?|rules?|laws?|tradition|custom|design|script|protocol|expectations?|instructions?|taste|size|preference)$/iu;

/** Words that open an unnamed source after its verb: "said one person …", "said two officials". */
export const QUANTIFIERS = /^(?:one|two|three|several|some|many|another)$/iu;

/** Reporting verbs spelt like plural nouns ("notes", "reports"): read as nouns before a preposition. */
export const NOUN_OR_VERB = new Set(
  'notes reports claims states estimates projects counts finds shows'.split(' '),
);

/** Words that open a description of a person fenced by commas ("Eric Reeves, one of the …"). */
export const DESCRIPTION_START = /^(?:a|an|the|one|his|her|its|their)$/u;

/** Days and words for today and yesterday: they sit between a verb and its source. */
export const TIME_WORDS =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|heute|gestern|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|lunes|martes|miércoles|jueves|viernes|sábado|domingo|ayer|hoy)$/iu;

/** Pronouns and auxiliaries: inside a longer phrase they make it a clause. */
export const CLAUSE_WORD =
  /^(?:i|you|he|she|it|we|they|there['’]s|i['’]m|i['’]ve|you['’]ve|we['’]ve|they['’]ve|it['’]s|is|are|was|were|has|have|had|will|would|can|could|je|ik|zijn|ist|sind)$/iu;

/** Data and documents a statement may be "according to": "the latest figures", "the indictment". */
export const DATA_NOUNS =
  /\b(?:figures|estimates?|statistics|reports|studies|surveys|media|numbers|records?|documents?|calculations|projections|forecasts?|results|polls?|tallies|tally|counts?|returns|indictments?|filings?|complaints?|lawsuits?|transcripts?|releases?|statements?|letters?|memos?|notices?|papers?|summar(?:y|ies)|analys[ie]s|reviews?|assessments?|accounts?|posts?|tweets?|threads?|emails?|messages?)\b/iu;

/** Words that open a noun phrase as the object of a verb. */
export const OBJECT_START =
  /^(?:a|an|the|some|new|another|more|two|three|four|five|six|seven|eight|nine|ten|dozens|links?|photos?|pictures?|videos?|\d[\d,.]*|his|her|their|its|our|my|your|this|these|those)$/iu;

/** "posted a public statement", "posted a thread": what is posted is a statement. */
export const POSTED_STATEMENT =
  /^(?:\S+\s){0,3}(?:statement|message|tweet|thread|note|update|letter|response|reply)\b/u;
