import type { Lexicon } from '../types.ts';

// Haitian Creole in standard Kreyòl ayisyen spelling, folded (mèsi → mesi, lekòl → lekol), plus the
// short forms parents write ("m", "w", "l", "n", "k", "map", "wap").
export const CREOLE: Lexicon = {
  language: 'ht',
  markers: {
    mwen: 3, m: 2, mw: 3, ou: 1, w: 1, li: 3, l: 1, nou: 3, n: 1, yo: 1, gen: 3, genyen: 3, pa: 2, ki: 3, k: 1,
    sa: 1, nan: 2, ak: 3, avek: 3, pou: 3, yon: 3, youn: 3, se: 1, te: 1, ap: 3, pral: 3, prale: 3, va: 1,
    vle: 3, bezwen: 3, kote: 3, kijan: 3, kile: 3, konbyen: 3, kisa: 3, poukisa: 3, kounya: 3, kounye: 3, konnen: 3,
    pitit: 3, timoun: 3, tibebe: 3, ti: 2, mesi: 3, bonjou: 3, bonswa: 3, wi: 3, non: 1, dako: 3, tanpri: 3, souple: 3,
    map: 3, wap: 3, lap: 3, nap: 3, yap: 3, tap: 2, mpa: 3, mpral: 3, mte: 3, mgen: 3, mvle: 3, mbezwen: 3,
    anpil: 3, tou: 1, tout: 1, isit: 3, la: 1, lan: 2, an: 1, fe: 3, fi: 2, gason: 3, manman: 3, papa: 1, ane: 3,
    mwa: 3, semen: 3, jou: 3, lekol: 3, kay: 3, manje: 3, lajan: 3, travay: 3, konsa: 3, toujou: 3, sou: 1,
    deja: 1, anko: 3, tankou: 3, paske: 3, men: 1, epi: 3, e: 1, sak: 3, pase: 1, kijanw: 3, zanmi: 3, moun: 3,
    ede: 3, edem: 3, chache: 3, jwenn: 3, rete: 3, di: 1, konn: 3, kap: 3, nenpot: 3, okenn: 3, kreyol: 2, pwoblem: 3,
    anvan: 3, apre: 2, avan: 3, toupre: 3, lwen: 3, selman: 3, pafwa: 3, maten: 3, lajounen: 3, ale: 2, vini: 3,
    pran: 3, bwe: 3, domi: 3, achte: 3, peye: 3, move: 1, piti: 3, kek: 3, chak: 3, menm: 3, poko: 3, dyenye: 3,
    premye: 3, chita: 3, tounen: 3, soti: 3, rantre: 3, antre: 3, louvri: 3, femen: 3, renmen: 3, konprann: 3,
    mande: 3, reponn: 3, rele: 3, ekri: 3, voye: 3, resevwa: 3, kiles: 3, fanmi: 3, paran: 3, fanm: 3, dokte: 3,
    lopital: 3, klinik: 3, katye: 3, peyi: 3, lari: 3, difisil: 3,
    ansanm: 3, rezo: 3, sant: 2, madanm: 3, mari: 1, ansent: 3, ansan: 3, koute: 3, ed: 2, ase: 3, aswe: 3, rive: 2, fek: 3, sitou: 3, jodi: 3, demen: 3, bagay: 3, pe: 1, twop: 3,
  },
  intents: {
    prenatal: [
      'ansent=1.6', 'ansan=1.6', 'gwoses', 'gwosès', 'prenatal', 'pre natal', 'akouchman', 'akouche', 'pral akouche', 'fanm saj',
      'saj fanm', 'dola', 'doula', 'pral gen yon pitit', 'pral gen yon bebe', 'mwen ansent', 'map tann yon bebe',
      'tann yon pitit', 'dat akouchman', 'ekografi', 'kou prenatal', 'klas prenatal', 'swen prenatal', 'vant',
      'vant mwen', 'ti bebe ki pral fet', 'lanmou bebe',
      'bebe a ap fet', 'bebe ap fet', 'pral fet', 'pitit la ap fet', 'ap fet nan',
    ],
    breastfeeding: [
      'bay tete', 'ba li tete', 'bay pitit la tete', 'bay bebe a tete', 'let manman', 'let tete', 'tete m',
      'tete mwen', 'let mwen', 'pa gen let', 'ponp let', 'sevre', 'ase let', 'pa gen ase let', 'rale tete', 'nouri ak tete', 'alete',
      'pa vle tete', 'vle tete', 'pran tete', 'tete byen', 'tete l', 'bay li tete', 'tete bebe',
    ],
    camp: ['kan', 'kan ete', 'kan lete', 'kan vakans', 'kan jou', 'lete', 'sezon ete', 'ete a', 'vakans', 'vakans ete', 'vakans lete', 'aktivite ete', 'aktivite lete', 'kan pou timoun', 'camp'],
    school_readiness: [
      'lekol', 'lekol la', 'matenel', 'matènèl', 'kindergarten', 'prepare pou lekol', 'preparasyon lekol',
      'pare pou lekol', 'antre lekol', 'ale lekol', 'kòmanse lekol', 'komanse lekol', 'enskri lekol',
      'enskripsyon lekol', 'enskri', 'enskripsyon', 'premye ane', 'aprann li', 'li ak ekri', 'rantre lekol',
      'retou lekol', 'prescolaire', 'pale byen', 'langaj',
      'devlope', 'devlopman', 'stimilasyon', 'lekti', 'li liv', 'aprann li ak ekri',
    ],
    childcare: [
      'gadri', 'garderi', 'garderie', 'daycare', 'kot pou kite', 'kote pou kite', 'kite pitit', 'kite timoun',
      'gade pitit', 'gade timoun', 'moun pou gade', 'bebisite', 'babysitter', 'cpe', 'lis datant', 'lis dat',
      'plas nan gadri', 'plas gadri', 'okipe pitit', 'okipe timoun', 'gadri sibvansyone',
    ],
    housing: [
      'lojman', 'kay', 'apatman', 'apartman', 'lwaye', 'lwaye a', 'peye kay', 'met kay', 'mèt kay', 'pwopriyete',
      'pwopriyetè', 'mete nou deyo', 'mete m deyo', 'met nou deyo', 'met mwen deyo', 'mete deyo', 'deyo',
      'ekspilse', 'pa gen kay', 'pa gen kote pou dòmi', 'pa gen kote pou domi', 'kote pou n domi', 'pa gen kote pou', 'domi=0.8', 'kote pou dòmi', 'kote pou domi',
      'kote pou rete', 'nan lari', 'domi nan lari', 'pa gen do kay', 'abri', 'refij', 'ravet', 'pinez', 'pinèz',
      'kanmizol', 'imidite', 'chofaj', 'pa gen chofaj', 'demenaje', 'demenajman', 'twop cho', 'twò chè', 'twop che',
      'hlm', 'chanm', 'lojman sosyal', 'bay kay',
      'nan machin', 'domi nan machin', 'nan oto', 'nan machin nan', 'lakay yon zanmi', 'kay yon zanmi', 'lakay zanmi', 'kay zanmi', 'lakay yon fanmi', 'pa gen lojman', 'pa ka peye kay', 'peye lwaye', 'pa ka peye lwaye', 'pa gen kote pou n domi', 'kote pou n rete', 'nou pa gen kote',
    ],
    basic_needs: [
      'manje', 'pa gen manje', 'grangou', 'bank manje', 'bank alimante', 'depanaj', 'pwovizyon', 'pwodui', 'rad',
      'rad ivè', 'rad ive', 'manto', 'bot', 'kouchet', 'kouchèt', 'pampes', 'let bebe', 'let poud', 'fomil',
      'lajan', 'pa gen lajan', 'san lajan', 'mèb', 'meb', 'kabann', 'bèso', 'beso', 'pousèt', 'pouset',
      'chez machin', 'jwet', 'jwèt', 'panye', 'panye nwel', 'kwizin kolektif', 'medikaman', 'pov', 'mize',
      'pa gen ase manje', 'manje fini', 'pa gen anyen pou manje', 'nou pa gen manje',
      'abitid manje', 'bon manje', 'nitrisyon',
    ],
    newcomer: [
      'imigrasyon', 'imigran', 'imigre', 'fek rive', 'fèk rive', 'nouvo rive', 'nouvo arive', 'nou fek rive',
      'mwen fek rive', 'rive kanada', 'rive nan kanada', 'rive monreyal', 'rive montreal', 'refijye', 'azil',
      'demann azil', 'mande azil', 'papye', 'pa gen papye', 'estati', 'rezidans pèmanan', 'rezidans pemanan',
      'rezidan pemanan', 'sitwayènte', 'sitwayente', 'pèmi travay', 'pemi travay', 'pemi etid', 'kou franse',
      'aprann franse', 'aprann fransè', 'klas franse', 'francisation', 'kat ramq', 'ramq', 'kat asirans maladi',
      'asirans maladi', 'nimewo asirans sosyal', 'viza', 'parenaj', 'nouvo nan peyi a', 'nouvo isit',
      'fek vini', 'fèk vini', 'nou sot', 'sot ayiti', 'soti ayiti', 'vini sot', 'nou rive', 'mwen rive', 'm rive', 'rive isit', 'fek debake', 'debake', 'imigr*', 'sot nan peyi',
      'fek vin rete', 'fek demenaje', 'nouvo fanmi', 'nouvo paran',
    ],
    events: [
      'aktivite', 'aktivite yo', 'evenman', 'evènman', 'fet', 'fèt', 'fèt fanmi', 'festival', 'wikenn', 'wikenn nan',
      'fen semen', 'fen semenn', 'sa pou fe', 'kisa pou fe', 'kisa pou m fe', 'sa pou m fe', 'ki sa pou m fe', 'soti', 'sòti', 'pwomnad', 'atelye', 'bibliyotek',
      'pak', 'pisin', 'jwe', 'gratis', 'gratuit', 'espò', 'espo', 'masaj bebe',
      'paran ak pitit', 'kalandriye',
      'samdi=0.9', 'dimanch=0.9', 'vandredi=0.8', 'lendi=0.7', 'madi=0.7', 'mekredi=0.7', 'jedi=0.7', 'amizan', 'yon bagay amizan', 'gwoup jwet', 'gwoup jwe', 'sa k ap fet',
      'semen sa a=0.8', 'semenn sa a=0.8',
      'gwoup paran', 'gwoup manman', 'gwoup sipo=0.8', 'ede youn lot', 'sipote youn lot', 'anbasade',
      'samdi sa a=1', 'dimanch sa a=1',
    ],
    human: [
      'pale ak yon moun', 'pale ak moun', 'pale avek yon moun', 'pale ak yon vre moun', 'yon vre moun', 'vre moun',
      'yon moun=0.8', 'yon travaye=0.8', 'travayè sosyal', 'travaye sosyal', 'yon ajan=0.8', 'ajan=0.8', 'rele m', 'rele mwen',
      'rele m tanpri', 'eske yon moun ka rele', 'yon moun ka rele', 'pale nan telefon', 'pale ak yon entèvenan',
      'pale ak yon entevenan', 'entevenan', 'entèvenan', 'mwen vle pale ak', 'moun reyel',
    ],
    crisis: [
      'frape m', 'frape mwen', 'li frape m', 'li frape mwen', 'bat mwen', 'bat m', 'li bat mwen', 'li bat m',
      'bat pitit', 'frape pitit', 'frape timoun', 'maltrete', 'vyolans', 'vyolan', 'abi', 'abize', 'an danje',
      'danje', 'mwen pe mari', 'pe pou lavi', 'mwen vle mouri', 'vle mouri', 'touye tet mwen',
      'touye tèt mwen', 'touye tet', 'swisid', 'fe tet mwen mal', 'fè tèt mwen mal', 'blese tet mwen',
      'pa vle viv', 'mwen pa vle viv anko', 'kadejak', 'vyole', 'souke bebe', 'kouto', 'zam',
      'ijans', 'dpj', 'fe pitit la mal', 'fè pitit la mal',
      'pa ka kontinye', 'm pa ka kontinye', 'mwen pa ka kontinye', 'pa kapab anko', 'mwen pa kapab anko', 'm pa ka anko', 'bouke ak lavi', 'bouke viv', 'fatige viv', 'anvi mouri', 'm anvi mouri', 'touye m', 'ap touye m', 'touye mwen', 'touye nou', 'pa santi m an sekirite', 'pa an sekirite', 'pa gen sekirite', 'fini ak lavi', 'mete fen nan lavi', 'pe pou pitit', 'pe pou sekirite', 'pe pou lavi m', 'swisid*', 'pandye tet', 'mwen pe li', 'pe mari m', 'pe neg mwen', 'pe mennaj',
      'pi bon san mwen', 'pi byen san mwen', 'pa gen rezon pou m viv', 'pa we rezon', 'pesonn pa p sonje m',
    ],
    stop: ['kanpe', 'sispann', 'sispann voye', 'sispann voye mesaj', 'pa voye mesaj anko', 'pa voye m mesaj', 'mwen pa vle mesaj', 'pa vle resevwa', 'mwen pa vle resevwa mesaj', 'retire m nan lis', 'retire mwen nan lis', 'dezabone', 'dezabonnen', 'pa ekri m anko', 'ase mesaj'],
    start: ['komanse', 'kòmanse', 'rekomanse', 'reprann', 'voye mesaj anko', 'mwen vle resevwa mesaj', 'abone', 'reaktive'],
    help: ['ed', 'èd', 'ede m', 'ede mwen', 'edem', 'mwen bezwen ed', 'bezwen ed', 'kijan sa mache', 'kijan sa fonksyone', 'kisa sa ye', 'kisa nou fe', 'kisa ou ka fe', 'enfomasyon', 'enfòmasyon', 'kesyon', 'mwen pa konprann', 'pa konprann', 'sekou', 'souple ede m', 'ki sa ou ka fe', 'kisa w ka fe', 'kijan ou ka ede m', 'kijan nou ka ede m', 'kisa nou ofri', 'sa sa ye', 'sevis sa a', 'kisa sevis sa', 'kisa sa fe', 'sa nou ka fe'],
    menu: ['meni', 'menu', 'meni prensipal', 'opsyon', 'opsyon yo', 'retounen', 'tounen', 'lis', 'komanse ankò', 'chwa'],
    change_language: ['lang', 'lang nan', 'chanje lang', 'lot lang', 'lòt lang', 'ou pale', 'nou pale', 'eske ou pale', 'pale kreyol', 'an kreyol', 'an kreyol tanpri', 'an angle', 'an franse', 'an panyol', 'ekri an', 'ekri m an', 'reponn an'],
    delete_data: ['efase=1', 'efase done', 'efase done mwen', 'efase enfomasyon', 'efase enfomasyon mwen', 'efase nimewo', 'efase nimewo mwen', 'retire nimewo', 'retire nimewo mwen', 'bliye m', 'bliye mwen', 'done mwen', 'efase tout', 'efase kont mwen', 'efase dosye'],
    greeting: ['bonjou', 'bonswa', 'alo', 'allo', 'sak pase', 'sakpase', 'kijan ou ye', 'kouman ou ye', 'sa k ap fet', 'bonjou tout moun', 'onè', 'one', 'kijanw ye', 'ki jan ou ye'],
    thanks: ['mesi', 'mèsi', 'mesi anpil', 'mèsi anpil', 'mesi bokou', 'mesi ampil', 'gras a ou', 'mesi pou tout', 'mesi anpil anpil', 'bondye beni ou', 'mesi wi'],
    yes: ['wi', 'wii', 'wiii', 'dako', 'dakò', 'ok', 'oke', 'okay', 'se sa', 'sè sa', 'wi tanpri', 'wi souple', 'natirelman', 'sitou', 'anfen wi', 'pa gen pwoblem', 'egzakteman', 'bon', 'wi mesi', 'yes'],
    no: ['non', 'non mesi', 'non mèsi', 'pa kounya', 'pa kounye a', 'pa bezwen', 'mwen pa bezwen', 'janm', 'jamè', 'jame', 'non non', 'pa enterese', 'poko', 'pa ko'],
  },
  numbers: {
    zewo: 0, en: 1, youn: 1, yonn: 1, de: 2, twa: 3, kat: 4, senk: 5, sis: 6, set: 7, uit: 8, wit: 8, nef: 9,
    dis: 10, onz: 11, douz: 12, trez: 13, katoz: 14, kenz: 15, sez: 16, disset: 17, dizuit: 18, diznef: 19, ven: 20,
  },
  months: {
    janvye: 1, fevriye: 2, mas: 3, avril: 4, me: 5, jen: 6, jiye: 7, out: 8, septanm: 9, oktob: 10, novanm: 11,
    desanm: 12,
  },
  languageNames: { kreyol: 'ht', kreyal: 'ht', franse: 'fr', angle: 'en', panyol: 'es', espanyol: 'es' },
  sample: `bonjou mwen bezwen yon gadri pou pitit mwen li gen dezan eske nou gen plas tanpri
  mwen ansent senk mwa epi mwen ta renmen konnen kote ki gen kou prenatal nan katye a
  mesi anpil pou ed nou map rele semen pwochen si bondye vle
  pitit fi mwen pral komanse lekol nan mwa septanm kijan mwen ka prepare li pou lekol la
  nou bezwen ed pou lojman met kay la vle mete nou deyo e lwaye a twop che
  eske gen aktivite gratis pou timoun yo wikenn sa a nan pak la oswa bibliyotek la
  mwen vle pale ak yon moun tanpri se ijan eske yon moun ka rele m jodi a
  nou fek rive kanada mwa pase a nou bezwen ed pou papye ak kou franse
  ki kan ete ki genyen pou yon ti moun kat an mwen pa konprann kijan sa mache`,
};
