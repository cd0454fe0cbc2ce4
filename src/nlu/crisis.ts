/**
 * Crisis rules beyond the fixed phrases of the lexicons: someone harming, threatening or
 * frightening a parent or a child, in the four languages, whatever the verb's inflection
 * ("me lastima", "está lastimando a mi hijo", "il m'a poussée", "ap fè m mal", "slapped my daughter").
 *
 * Recall comes first (a missed crisis is far worse than a false alarm), so the rules fire on any
 * harm verb aimed at a person. They stay quiet on accidents told the usual way: a reflexive verb
 * ("s'est frappé la tête", "se golpeó", "hit his head", "frape tèt li") or a body part that hurts
 * ("vant mwen fè m mal", "tete m fè m mal").
 */

// Harm verbs, folded. An entry ending in "*" matches any word it starts.
const HARM_VERBS = compile([
  // English
  'hit', 'hits', 'hitting', 'beat', 'beats', 'beating', 'beaten', 'hurt', 'hurts', 'hurting', 'harm', 'harms',
  'harming', 'harmed', 'punch*', 'slap*', 'kick', 'kicks', 'kicked', 'kicking', 'choke', 'chokes', 'choked',
  'choking', 'strangl*', 'push', 'pushes', 'pushed', 'pushing', 'shove*', 'threaten*', 'kill', 'kills', 'killed',
  'rape*', 'molest*', 'abuse', 'abuses', 'abused', 'abusing', 'attack*', 'assault*', 'smack*', 'whip*', 'burned',
  'touched', 'touches', 'touching',
  // French
  'frapp*', 'frape', 'bat', 'bats', 'battre', 'battu', 'battue', 'battait', 'battent', 'tabass*', 'blesse',
  'blessee', 'blesser', 'menac*', 'tue', 'tuer', 'tuee', 'tuera', 'tuerait', 'viole', 'violee', 'violer', 'agress*',
  'maltrait*', 'abus*', 'etrangl*', 'gifl*', 'pousse', 'poussee', 'pousser', 'brutalis*', 'cogne', 'cognee', 'varge',
  // Spanish
  'lastim*', 'pega', 'pegan', 'pego', 'pegar', 'pegando', 'pegaba', 'pegarle', 'pegarme', 'golpe*', 'maltrat*',
  'amenaz*', 'mata', 'matar', 'matarme', 'matarla', 'matarnos', 'matarlos', 'mato', 'matando', 'mataria', 'viola',
  'violo', 'violaron', 'ahorc*', 'estrangul*', 'empuj*', 'patea', 'pateo', 'patear', 'pateando', 'cachete*',
  'hiere', 'herir', 'abusa', 'abuso', 'abusando', 'manose*',
  // Haitian Creole
  'bat', 'frape', 'blese', 'maltrete', 'menase', 'touye', 'vyole', 'abize', 'trangle', 'kale', 'pouse',
]);

// Who is harmed: the parent, the family, a child. Pronouns count right after the verb only.
const OBJECT_PRONOUNS = new Set([
  'me', 'us', 'him', 'her', 'them', 'moi', 'nous', 'm', 'mwen', 'mw', 'nou', 'n', 'yo', 'mi', 'nosotros', 'nosotras',
]);
const PEOPLE = new Set([
  // English
  'kid', 'kids', 'son', 'sons', 'daughter', 'daughters', 'baby', 'babies', 'child', 'children', 'boy', 'girl',
  'toddler', 'wife', 'sister', 'brother', 'mom', 'mother', 'myself', 'family',
  // French
  'enfant', 'enfants', 'fils', 'fille', 'filles', 'bebe', 'bebes', 'petit', 'petite', 'petits', 'ptit', 'ptite',
  'gars', 'garcon', 'femme', 'soeur', 'frere', 'mere', 'famille', 'bambin', 'bout',
  // Spanish
  'hijo', 'hijos', 'hija', 'hijas', 'nino', 'ninos', 'nina', 'ninas', 'nene', 'nena', 'esposa', 'hermana',
  'hermano', 'mama', 'familia', 'chiquito', 'chiquita',
  // Haitian Creole
  'pitit', 'timoun', 'tibebe', 'madanm', 'manman', 'fanmi', 'ti',
]);
// Words that point at someone who can do harm, told before the verb ("he", "mon chum", "mi novio", "mari m").
const AGGRESSORS = new Set([
  'he', 'hes', 'she', 'husband', 'partner', 'boyfriend', 'bf', 'ex', 'dad', 'father', 'stepdad', 'stepfather',
  'someone', 'somebody', 'man', 'guy', 'they', 'il', 'ils', 'elle', 'mari', 'chum', 'conjoint', 'copain', 'pere',
  'quelqu', 'quelquun', 'qqn', 'el', 'esposo', 'marido', 'pareja', 'novio', 'papa', 'padre', 'padrastro',
  'alguien', 'ellos', 'li', 'l', 'mennaj', 'neg', 'moun', 'konjwen', 'yo',
]);
// Body parts: "hit his head", "se golpeó la cabeza", "vant mwen fè m mal" are accidents or pain.
const BODY_PARTS = new Set([
  'head', 'arm', 'arms', 'leg', 'legs', 'knee', 'knees', 'face', 'nose', 'tooth', 'teeth', 'back', 'foot', 'feet',
  'hand', 'hands', 'finger', 'toe', 'belly', 'tummy', 'stomach', 'ear', 'ears', 'eye', 'lip', 'chin', 'elbow', 'wrist',
  'tete', 'bras', 'jambe', 'genou', 'visage', 'nez', 'dent', 'dents', 'dos', 'pied', 'main', 'doigt', 'ventre', 'oreille',
  'cabeza', 'brazo', 'pierna', 'rodilla', 'cara', 'nariz', 'diente', 'dientes', 'espalda', 'pie', 'mano', 'dedo',
  'panza', 'barriga', 'oido', 'frente', 'breast', 'breasts', 'nipple', 'nipples', 'sein', 'seins', 'mamelon', 'mamelons',
  'pecho', 'pechos', 'pezon', 'pezones', 'ke',
  'tet', 'vant', 'do', 'pye', 'janm', 'bra', 'dan', 'zorey', 'je', 'goj', 'lestomak', 'ren', 'kou', 'jenou', 'figi',
]);
// Clitics before a French or Spanish verb name the victim ("me lastima", "m'a frappée", "le pegó").
// Reflexive "se"/"s'" and "je me suis…" are left out on purpose: those are accidents.
const CLITICS = new Set(['me', 'm', 'nous', 'te', 't', 'lui', 'nos']);
// These are also articles ("la", "le": Creole "pitit la frape tèt li"), so a body part after the verb still wins.
const ARTICLE_CLITICS = new Set(['le', 'la', 'les', 'lo', 'los']);
// Auxiliaries that may sit between the clitic and the verb ("m'a frappée", "me está amenazando").
const AUXILIARIES = new Set([
  'a', 'as', 'ont', 'avait', 'va', 'vas', 'vont', 'veut', 'voulait', 'allait', 'esta', 'estan', 'estaba', 'van', 'iba',
  'ha', 'han', 'quiere', 'quiso', 'sigue',
]);
// "Do harm": Creole "li fè m mal", "k ap fè pitit mwen mal"; French "il me fait mal"; Spanish "me hace daño".
const DO_VERBS = new Set(['fe', 'fem', 'fel', 'fait', 'fais', 'faire', 'hace', 'hacen', 'hacia', 'hizo', 'hacerle']);
const HARM_NOUNS = new Set(['mal', 'dano', 'danyo']);
// "ça me fait mal", "sa fè m mal", "it hurts": a pain, not a person.
const THINGS = new Set(['ca', 'sa', 'it', 'cela', 'eso', 'esto']);
// Fear words; they count when a person or safety follows ("peur de lui", "afraid he will", "miedo por mis hijos").
const FEAR = new Set(['afraid', 'scared', 'terrified', 'frightened', 'fear', 'peur', 'terrifiee', 'terrifie', 'effrayee', 'miedo', 'asustada', 'asustado', 'aterrada', 'aterrado', 'pe']);
const FEAR_OBJECTS = new Set([
  ...[...AGGRESSORS].filter((word) => word !== 'l'), 'lui', 'life', 'safety', 'vie', 'securite', 'vida', 'seguridad', 'lavi', 'sekirite', 'kids', 'children',
  'enfants', 'hijos', 'pitit', 'timoun', 'hes', 'him', 'us', 'nous', 'nosotros',
  // Afraid to go home: "scared to go home", "peur de rentrer", "miedo de volver a casa", "m pè lakay mwen".
  'home', 'house', 'maison', 'rentrer', 'casa', 'volver', 'lakay', 'kay', 'tounen',
]);
const IMPERSONAL = new Set(['y', 'n', 'faut', 'faille', 'manque', 'reste', 'pleut', 'soit', 'ait']);
const FEAR_INTENSIFIERS = new Set(['so', 'very', 'really', 'tres', 'tellement', 'mucho', 'muy', 'anpil', 'vraiment', 'im', 'am', 'tengo', 'mwen', 'm', 'jai', 'j', 'ai']);
// "The kids are killing me lol", "ce loyer va me tuer mdr": jokes need much stronger evidence.
const HUMOUR = new Set(['lol', 'lool', 'loll', 'mdr', 'ptdr', 'haha', 'hahaha', 'hahahaha', 'jaja', 'jajaja', 'jajajaja', 'jk', 'xd', 'hihi', 'lmao', 'rofl']);
// Idioms that only look like violence: "this rent is killing me", "es la muerte".
const IDIOMS: readonly (readonly string[])[] = [['killing', 'me'], ['kills', 'me'], ['beats', 'me', 'up']];
// A landlord's threats are about housing ("my landlord threatens to raise the rent").
const LANDLORDS = new Set(['landlord', 'proprio', 'proprietaire', 'dueno', 'casero', 'propietario', 'arrendador', 'met', 'rent', 'loyer', 'renta', 'alquiler', 'lwaye']);

const THREATS = /^(threat|menac|amenaz|menase)/;

// What "kills" a parent in a figure of speech: the heat, the bills, the rent, the end of the month,
// the prices ("cette chaleur me tue", "la fin du mois me tue", "me mata el precio del super", "bil
// limye a ap touye m"). Things only: never a person (a landlord can hurt someone), nor a word that is
// also something else ("mes" is "my" in French).
const EVERYDAY_SUBJECTS = new Set([
  'chaleur', 'froid', 'facture', 'factures', 'hydro', 'mois', 'prix', 'epicerie', 'loyer', 'taxes', 'electricite',
  'heat', 'cold', 'bill', 'bills', 'prices', 'groceries', 'rent', 'humidity', 'electricity',
  'calor', 'frio', 'factura', 'facturas', 'precio', 'precios', 'cuentas', 'renta', 'alquiler', 'luz',
  'chale', 'fret', 'bil', 'bodwo', 'limye', 'kouran', 'pri', 'lwaye',
]);
const ARTICLES = new Set(['el', 'la', 'los', 'las', 'este', 'esta', 'estos', 'estas', 'ese', 'esa']);
// Killing and dying, the only words such a figure uses.
const KILLING = new Set([
  'tue', 'tuer', 'tues', 'tuent', 'tuera', 'tuerait', 'touye', 'mata', 'matan', 'matar', 'kill', 'kills', 'killing',
  'meurs', 'meure', 'mourir', 'muero', 'morir', 'die', 'dying', 'mouri',
]);


interface Compiled {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}

function compile(words: readonly string[]): Compiled {
  return {
    exact: new Set(words.filter((word) => !word.endsWith('*'))),
    prefixes: words.filter((word) => word.endsWith('*')).map((word) => word.slice(0, -1)),
  };
}

function isHarmVerb(token: string): boolean {
  return HARM_VERBS.exact.has(token) || HARM_VERBS.prefixes.some((prefix) => token.startsWith(prefix));
}

/** How much crisis evidence the rules find (0 = none); each rule that fires adds one. */
export function crisisRuleScore(tokens: readonly string[]): number {
  let score = 0;
  tokens.forEach((token, index) => {
    if (isHarmVerb(token) && harmsSomeone(tokens, index)) score += 1;
    if (DO_VERBS.has(token) && doesHarm(tokens, index)) score += 1;
    if (FEAR.has(token) && fearOfSomeone(tokens, index)) score += 1;
  });
  return score;
}

/** True when crisis-looking words are a joke or an idiom rather than a danger. */
export function looksLikeJoke(tokens: readonly string[]): boolean {
  return tokens.some((token) => HUMOUR.has(token));
}

/**
 * True when a word of killing or dying has an everyday thing for its subject — just before it ("les
 * factures vont me tuer", "bil la ap touye m"), or just after "me mata" ("me mata el precio del
 * super") — as in a figure of speech: the word lists then see no danger (the models, which read the
 * whole message, still decide). An everyday word elsewhere in the sentence changes nothing ("je vais
 * me tuer ce mois-ci", "il va tuer mes enfants").
 */
export function figureOfSpeech(tokens: readonly string[]): boolean {
  return tokens.some((token, index) => KILLING.has(token) && everydaySubject(tokens, index));
}

function everydaySubject(tokens: readonly string[], index: number): boolean {
  if (tokens.slice(Math.max(0, index - 4), index).some((word) => EVERYDAY_SUBJECTS.has(word))) return true;
  // Spanish puts the subject after: "me mata el calor", "nos matan los precios".
  const token = tokens[index];
  return (token === 'mata' || token === 'matan') && (tokens[index - 1] === 'me' || tokens[index - 1] === 'nos') &&
    ARTICLES.has(tokens[index + 1] ?? '') && EVERYDAY_SUBJECTS.has(tokens[index + 2] ?? '');
}

// Signs of a medical emergency, folded as the tokens are: breathing, consciousness, a seizure, bleeding.
const MEDICAL_SIGNS = new Set([
  'respire', 'respirer', 'respirait', 'respiration', 'inconscient', 'inconsciente', 'convulse', 'convulsion', 'convulsions', 'saigne', 'saignement',
  'breathe', 'breathes', 'breathing', 'breath', 'unconscious', 'seizure', 'seizures', 'seizing', 'bleeding',
  'respira', 'respirar', 'respirando', 'desmayado', 'desmayada', 'convulsiones', 'convulsionando', 'sangra', 'sangrando',
  'respirasyon', 'konvilsyon', 'senyen',
]);

/**
 * The message names a sign of a medical emergency (a baby not breathing, a seizure, bleeding): the
 * kind of crisis whose answer starts with 911, whatever else the message says ("aidez moi").
 */
export function namesMedicalSign(tokens: readonly string[]): boolean {
  return tokens.some((token) => MEDICAL_SIGNS.has(token));
}

/** Threat words aimed at the rent or a landlord, not at a person's safety. */
export function landlordContext(tokens: readonly string[]): boolean {
  return tokens.some((token) => LANDLORDS.has(token));
}

function harmsSomeone(tokens: readonly string[], index: number): boolean {
  const token = tokens[index] ?? '';
  const next = tokens[index + 1];
  const after = tokens.slice(index + 1, index + 4);
  const before = tokens.slice(Math.max(0, index - 3), index);
  if (IDIOMS.some((idiom) => idiom.every((word, offset) => tokens[index + offset] === word))) return false;
  if (KILLING.has(token) && everydaySubject(tokens, index)) return false;
  const threat = THREATS.test(token);
  // A landlord's threats are about housing ("el dueño nos amenaza con desalojarnos").
  if (threat && landlordContext(tokens)) return false;
  // Reflexives: "s'est frappé", "se golpeó", "je me suis cogné".
  const previous = tokens[index - 1];
  if (previous === 'se' || previous === 's' || (previous !== undefined && ['suis', 'est', 'sommes', 'es'].includes(previous))) return false;
  // "kicked us out" is an eviction.
  if (token.startsWith('kick') && after.includes('out')) return false;
  // "me lastima", "m'a frappée au visage", "me está amenazando", "le pegó a mi hijo": the clitic names the victim.
  // Creole "m frape" is "I hit"; French "m'" only comes before a vowel ("m'agresse") or an auxiliary.
  const victim = (word: string | undefined, verb: string): boolean => word !== undefined && CLITICS.has(word) && (word !== 'm' || /^[aeiouy]/.test(verb));
  const second = tokens[index - 2];
  if (victim(previous, token)) return true;
  if (previous !== undefined && AUXILIARIES.has(previous) && victim(second, previous)) return true;
  // "hit his head", "frape tèt li", "hurt her arm": an accident, whoever it happened to.
  const firstNoun = after.find((word) => BODY_PARTS.has(word) || PEOPLE.has(word));
  if (firstNoun !== undefined && BODY_PARTS.has(firstNoun)) return false;
  if (previous !== undefined && ARTICLE_CLITICS.has(previous)) return true;
  if (previous !== undefined && AUXILIARIES.has(previous) && second !== undefined && ARTICLE_CLITICS.has(second)) return true;
  if (next !== undefined && OBJECT_PRONOUNS.has(next)) return true;
  if (after.some((word) => PEOPLE.has(word))) return true;
  // "he beat me", "mon chum me bat", "li bat", "my husband hits": someone who can do harm acts.
  if (before.some((word) => AGGRESSORS.has(word))) return true;
  // A threat with no landlord around is still a threat ("threatened to take the kids").
  return threat;
}

function doesHarm(tokens: readonly string[], index: number): boolean {
  // "mal"/"daño" within four words: "fè m mal", "fè pitit mwen mal", "me fait mal", "hacerle daño".
  if (!tokens.slice(index + 1, index + 5).some((word) => HARM_NOUNS.has(word))) return false;
  // "vant mwen fè m mal", "tete m fè m mal", "mon sein me fait mal", "ça me fait mal": pain, not harm.
  const before = tokens.slice(Math.max(0, index - 3), index);
  if (before.some((word) => BODY_PARTS.has(word) || THINGS.has(word))) return false;
  const token = tokens[index] ?? '';
  // Creole says who does it before "fè"; French and Spanish need the victim's clitic.
  if (token.startsWith('fe')) return true;
  return before.some((word) => CLITICS.has(word) || ARTICLE_CLITICS.has(word)) || tokens.slice(index + 1, index + 5).some((word) => PEOPLE.has(word));
}

function fearOfSomeone(tokens: readonly string[], index: number): boolean {
  const after = tokens.slice(index + 1, index + 5);
  // "peur qu'il n'y ait pas de place", "peur qu'il faille": an impersonal "il" is nobody.
  const personal = after.filter((word, offset) => !(word === 'il' && IMPERSONAL.has(after[offset + 1] ?? '') && after[offset + 2] !== 'me'));
  if (personal.some((word) => FEAR_OBJECTS.has(word))) return true;
  // "I'm scared", "tengo mucho miedo", "mwen pè anpil": fear with nothing else said.
  return after.every((word) => FEAR_INTENSIFIERS.has(word));
}
