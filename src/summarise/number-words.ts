/**
 * The words of quantities: currency symbols and names, scale words ("million", "milliards",
 * "Millionen"), units, units of time, approximations ("around", "près de", "rund") and
 * spelled-out numbers, in English, French, German and Spanish.
 */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  C$: 'CAD',
  A$: 'AUD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  USD: 'USD',
  EUR: 'EUR',
  GBP: 'GBP',
  CHF: 'CHF',
  INR: 'INR',
  Rs: 'INR',
  'Rs.': 'INR',
};

export const SCALES: ReadonlyArray<[RegExp, number]> = [
  [/^(?:trillions?|tn|billones?|Billionen?)$/u, 1e12],
  [/^(?:billions?|bn|milliards?|Milliarden?|Mrd\.?|mil millones)$/u, 1e9],
  [/^(?:millions?|million|m|mn|Millionen?|Mio\.?|millones|millón|millon)$/u, 1e6],
  [/^(?:thousands?|k|mille|Tausend|mil)$/u, 1e3],
  // Indian English: a crore is ten million, a lakh a hundred thousand.
  [/^(?:crores?)$/u, 1e7],
  [/^(?:lakhs?|lacs?)$/u, 1e5],
];
export const SCALE_WORDS =
  'trillions?|tn|billones|billón|Billionen|Billion|billions?|bn|milliards?|Milliarden|Milliarde|Mrd\\.|mil millones|millions?|mn|Millionen|Million|Mio\\.|millones|millón|thousands?|mille|Tausend|crores?|lakhs?|lacs?|mil|k|m';

export const UNITS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:%|percent|per cent|pour cent|pour ?cents|Prozent|por ciento|pc)$/iu, '%'],
  [
    /^(?:percentage points?|points? de pourcentage|Prozentpunkte?|puntos porcentuales)$/iu,
    'percentage points',
  ],
  [/^(?:dollars?|US dollars|dólares|dollari)$/iu, 'USD'],
  [/^(?:euros?|Euro)$/iu, 'EUR'],
  [/^(?:pounds?(?: sterling)?|livres sterling)$/iu, 'GBP'],
  [/^(?:yen)$/iu, 'JPY'],
  [/^(?:yuan|renminbi)$/iu, 'CNY'],
  [/^(?:francs?(?: suisses)?|Franken)$/iu, 'CHF'],
  [
    /^(?:square kilometres|square kilometers|sq km|km²|km2|kilomètres carrés|Quadratkilometer|kilómetros cuadrados)$/iu,
    'km²',
  ],
  [/^(?:square miles|sq mi)$/iu, 'mi²'],
  [/^(?:km|kilometres|kilometers|kilomètres|Kilometer|kilómetros)$/iu, 'km'],
  [/^(?:miles?)$/iu, 'mi'],
  [/^(?:metres|meters|mètres|Meter|metros)$/iu, 'm'],
  [/^(?:kg|kilograms?|kilogrammes?|kilos|Kilogramm|kilogramos)$/iu, 'kg'],
  [/^(?:tonnes?|tons?|Tonnen|toneladas|t)$/iu, 't'],
  [/^(?:hectares?|Hektar|hectáreas)$/iu, 'ha'],
  [/^(?:acres?)$/iu, 'acres'],
  [/^(?:barrels?|barils?)$/iu, 'barrels'],
  [/^(?:litres?|liters?|Liter|litros)$/iu, 'l'],
  [/^(?:mw|megawatts?)$/iu, 'MW'],
  [/^(?:gw|gigawatts?)$/iu, 'GW'],
  [/^(?:°c|degrees celsius|degrés)$/iu, '°C'],
  [/^(?:°f|degrees fahrenheit)$/iu, '°F'],
  [/^(?:mph)$/iu, 'mph'],
  [/^(?:km\/h|kph)$/iu, 'km/h'],
  [/^(?:KB|kilobytes?)$/u, 'KB'],
  [/^(?:MB|megabytes?|megs)$/u, 'MB'],
  [/^(?:GB|gigabytes?|gigs)$/u, 'GB'],
  [/^(?:TB|terabytes?)$/u, 'TB'],
  [/^(?:PB|petabytes?)$/u, 'PB'],
  [/^(?:grams?|grammes?)$/u, 'g'],
  [/^(?:milligrams?|mg)$/u, 'mg'],
  [/^(?:Hz|kHz|MHz|GHz)$/u, ''],
  [/^(?:megapixels?|MP)$/u, 'MP'],
  [/^(?:kWh|mAh)$/u, ''],
  [/^(?:watts?)$/u, 'W'],
];
export const UNIT_WORDS =
  '%|percent|per cent|pour cent|Prozent|por ciento|percentage points?|points? de pourcentage|Prozentpunkte?|puntos porcentuales|' +
  'US dollars|dollars?|dólares|euros?|Euro|pounds sterling|pounds?|yen|yuan|francs|Franken|' +
  'square kilometres|square kilometers|sq km|km²|km2|kilomètres carrés|Quadratkilometer|kilómetros cuadrados|square miles|' +
  // Speeds before distances: an alternation takes the first that matches, and "km" would cut "km/h".
  'km/h|kph|mph|kilometres|kilometers|kilomètres|Kilometer|kilómetros|km|miles?|metres|meters|mètres|Meter|metros|' +
  'kilograms?|kilogrammes?|kilos|Kilogramm|kg|tonnes?|tons?|Tonnen|toneladas|hectares?|Hektar|acres?|barrels?|barils?|' +
  'litres?|liters?|Liter|litros|megawatts?|MW|gigawatts?|GW|°C|°F|KB|MB|GB|TB|kilobytes?|megabytes?|megs|gigabytes?|gigs|terabytes?|' +
  'PB|petabytes?|grams?|grammes?|milligrams?|mg|kHz|MHz|GHz|Hz|megapixels?|MP|kWh|mAh|watts?';

/** Units of time: a number with one is a duration ("three weeks", "3min", "four years ago"). */
export const TIME_UNIT =
  /^(?:seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?|decades?|centur(?:y|ies)|secondes?|heures?|jours?|semaines?|mois|ans?|années?|siècles?|Sekunden?|Minuten?|Stunden?|Tagen?|Tage|Wochen?|Monaten?|Monate|Jahren?|Jahre|Jahrzehnten?|segundos?|minutos?|horas?|días?|dias?|semanas?|mes|meses|años?|anos?|décadas?|siglos?)$/u;

export const APPROXIMATORS =
  'about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|fewer than|less than|close to|an estimated|estimated|upwards of|as many as|as much as|just over|just under|under|' +
  "environ|près de|presque|quelque|quelques|plus de|moins de|au moins|jusqu[’']à|quasiment|" +
  'rund|etwa|ungefähr|fast|knapp|mehr als|über|weniger als|mindestens|bis zu|gut|' +
  'unos|unas|alrededor de|casi|más de|menos de|cerca de|al menos|hasta';

export const SPELLED: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
  'a hundred': 100,
  'a thousand': 1000,
  'a dozen': 12,
  'one hundred': 100,
  'one thousand': 1000,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  douze: 12,
  quinze: 15,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  cent: 100,
  mille: 1000,
  'une centaine': 100,
  'une dizaine': 10,
  'une vingtaine': 20,
  'une quinzaine': 15,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  zwölf: 12,
  zwanzig: 20,
  hundert: 100,
  tausend: 1000,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  veinte: 20,
  cien: 100,
  cientos: 100,
};
export const SPELLED_WORDS = Object.keys(SPELLED)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Days, months and words that a count may follow in capitals ("On Tuesday 300 people …"). */
export const NOT_A_NAME_BEFORE =
  /\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|I|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\s$/u;

export const VERSION_CONTEXT =
  /\b(?:versions?|releases?)\s(?:between|from|up to|before|after|prior to|since|through|older than|newer than)\s(?:v?\d[\d.]*\s(?:and|to|through)\s)?$/iu;

/** Nouns that name a numbered thing: the number after them is a label ("district 1", "Phase 2"). */
export const LABEL_BEFORE =
  /(?:^|[^\p{L}])(?:district|ward|zone|precinct|constituency|route|line|lane|gate|terminal|platform|room|floor|level|stage|phase|round|part|episode|season|chapter|section|article|page|item|step|grade|class|category|group|team|unit|block|building|sector|division|update|version|v|iOS|macOS|Android|Windows|iPhone|iPad|Pixel|Galaxy|Pro|Series|Gen|Model|Mark|Mk|Type|Class|Tier|Day|Week|Game|Match|Act|Scene|Verse|Psalm|Rule|Law|Bill|Amendment|Proposition|Prop|Highway|Interstate|Channel|Track|Disc|Volume|Vol\.|flight|bus|train|exit|issue|build|patch|ISO|RFC|IEEE|ECMA|ANSI|arrondissement|circonscription|Bezirk|Wahlkreis|distrito|barrio)\s$/iu;

/** The units a hyphen joins to tens: "twenty-one" … "ninety-nine". */
export const UNITS_AFTER_TENS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export const STREET_AFTER =
  /^\s(?:\p{Lu}[\p{L}.'’-]*\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Pike|Way|Place|Square|Highway|Hwy)\b/u;

/** A capitalised word (not the sentence's first) just before the number, with no punctuation between. */
export const NAME_BEFORE = /(?:[\p{L}\d,;:)]\s|[‘“"«])(?:\p{Lu}[\p{L}\d.'’&-]*|\p{Ll}+\p{Lu}[\p{L}\d]*)\s$/u;

/** "OmniFocus 3 shows …", "iPhone 14 is …": a sentence opening on a product name written in camel case. */
export const CAMEL_CASE_NAME_OPENING = /^\p{L}*\p{Ll}\p{Lu}[\p{L}\d]*\s$/u;

/** Words before a four-digit number that make it a year ("in 2017", "since 2012"). */
export const YEAR_CONTEXT =
  /(?:^|\s)(?:in|since|by|from|until|till|to|of|before|after|during|between|and|or|early|late|mid|the|en|depuis|dès|jusqu'en|avant|après|im|seit|bis|vor|nach|desde|hasta|antes|después|de|del|year|année|Jahr|año|fiscal|spring|summer|autumn|fall|winter)\s*$/iu;
