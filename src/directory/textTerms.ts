import { fold } from '../domain/fold.ts';

/**
 * The words of a text that say what it is about, as the directory compares them: lower case, no
 * accents, no stop words (French, English, Spanish, Haitian Creole), each cut to its first five
 * letters so that "prénataux" meets "prénatal", "coordonne" meets "coordination" and "familias"
 * meets "familles". Unique, in text order. Digits only when they make a name ("1000 jours").
 */
export function textTerms(text: string): string[] {
  const terms = new Set<string>();
  const words = fold(text).split(/[^a-z0-9]+/);
  for (const word of words) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    if (/\d/.test(word) && !/^\d{3,}$/.test(word)) continue;
    terms.add(word.slice(0, STEM_LENGTH));
  }
  return [...terms];
}

// Five letters keep French, Spanish and English families of words together without merging much else.
const STEM_LENGTH = 5;

// Function words, and the words every request holds ("je cherche", "necesito ayuda", "mwen bezwen").
const STOP_WORDS = new Set(
  `
  ai aie aient ainsi alors apres aussi autre autres aux avais avait avant avec avez avoir avons beaucoup besoin bien bonjour bonsoir
  car ceci cela celle celles celui ces cet cette chez chose chu combien comme comment dans des deja depuis donc dont elle elles encore
  entre est etaient etait etc etes etre existe existent faire fait faut ici icitte ils jai jaimerais jsuis jveux leur leurs lui mais
  meme merci mes moi moins mon nos notre nous ont oui par parce pas peut peuvent peux pis plus pour pourquoi pouvez puis quand que quel
  quelle quelles quels quelque quelques qui quoi sans ses slt son sont sur svp stp suis tous tout toute toutes tres une vers voici voila
  vos votre voudrais voulons vous aide aider aimerais cherche cherchons quelqu quelquun ben faque tsu
  about after also and any anyone anything are around been before being but can cant could did does dont for from get got had has have
  hello help her here hers him his how im into its ive just know like looking many more most much near need needs not our ours please pls
  should some someone something than thank thanks that the their them then there theres these they this those too very want wanna was
  were what whats when where which who why will with would you your youre
  algo alguien algun alguna alguno algunos ante aqui ayuda ayudar busco buscamos cerca como con cual cuales cuando del desde donde ella
  ellas ellos entre esta estan estamos estas este esto estos estoy favor gracias hay hola las les los mas mis muy necesito necesitamos
  nos nosotros nuestra nuestro nuestros nuestras para pero podemos porfa porque puede pueden puedo que queremos quien quiero quisiera
  sea ser sin sobre somos son soy sus tambien tengo tenemos tiene tienen una unas uno unos usted ustedes vivimos vivo
  ake anpil avek bezwen bonjou chache ede eske gen genyen jwenn kapab kijan kile kisa kiyes kiles konn konnen kote kounye kounya map
  mesi mwen nap nou pral rete sak souple tanpri wap yap yon youn
  `
    .split(/\s+/)
    .filter((word) => word !== ''),
);
