/** A Montreal neighbourhood as the bot names it, with the names parents type for it. */
export interface Neighbourhood {
  name: string;
  /** Other spellings, folded (no accents, lower case), words separated by spaces. */
  aliases: readonly string[];
  /** Neighbourhoods that touch it, for "nothing here, but next door…" answers. */
  adjacent: readonly string[];
}

/**
 * Canonical neighbourhood names. Adjacency is filled for the neighbourhoods the community tables
 * serve (La Petite-Patrie, Saint-Michel, Saint-Henri and Petite-Bourgogne) and their neighbours.
 */
export const NEIGHBOURHOODS: readonly Neighbourhood[] = [
  { name: 'La Petite-Patrie', aliases: ['petite patrie', 'la petite patrie', 'ptite patrie', 'petite italie', 'little italy', 'mile ex', 'rosemont petite patrie', 'rosemont la petite patrie'], adjacent: ['Villeray', 'Rosemont', 'Plateau-Mont-Royal', 'Mile End', 'Parc-Extension'] },
  { name: 'Saint-Michel', aliases: ['saint michel', 'st michel', 'stmichel', 'st mich', 'ville saint michel', 'sen michel', 'sen michel'], adjacent: ['Villeray', 'Ahuntsic', 'Montréal-Nord', 'Saint-Léonard', 'Rosemont'] },
  { name: 'Saint-Henri', aliases: ['saint henri', 'st henri', 'sthenri', 'sen anri', 'st henry', 'saint henry'], adjacent: ['Petite-Bourgogne', 'Westmount', 'Notre-Dame-de-Grâce', 'Ville-Émard', 'Côte-Saint-Paul', 'Pointe-Saint-Charles'] },
  { name: 'Petite-Bourgogne', aliases: ['petite bourgogne', 'la petite bourgogne', 'little burgundy', 'ptite bourgogne'], adjacent: ['Saint-Henri', 'Griffintown', 'Centre-ville', 'Westmount', 'Pointe-Saint-Charles'] },
  { name: 'Villeray', aliases: ['villeray', 'villeray saint michel parc extension', 'vsp', 'vsmpe'], adjacent: ['La Petite-Patrie', 'Saint-Michel', 'Parc-Extension', 'Ahuntsic'] },
  { name: 'Parc-Extension', aliases: ['parc extension', 'parc ex', 'parcex', 'park ex', 'park extension'], adjacent: ['Villeray', 'La Petite-Patrie', 'Mont-Royal', 'Outremont'] },
  { name: 'Rosemont', aliases: ['rosemont', 'vieux rosemont'], adjacent: ['La Petite-Patrie', 'Saint-Michel', 'Hochelaga-Maisonneuve', 'Mercier', 'Saint-Léonard'] },
  { name: 'Hochelaga-Maisonneuve', aliases: ['hochelaga', 'hochelaga maisonneuve', 'homa', 'hochelag', 'maisonneuve'], adjacent: ['Rosemont', 'Mercier', 'Centre-Sud'] },
  { name: 'Mercier', aliases: ['mercier', 'mercier est', 'mercier ouest', 'mercier hochelaga maisonneuve'], adjacent: ['Hochelaga-Maisonneuve', 'Anjou', 'Rosemont'] },
  { name: 'Anjou', aliases: ['anjou'], adjacent: ['Saint-Léonard', 'Mercier', 'Montréal-Nord'] },
  { name: 'Saint-Léonard', aliases: ['saint leonard', 'st leonard'], adjacent: ['Saint-Michel', 'Montréal-Nord', 'Anjou', 'Rosemont'] },
  { name: 'Montréal-Nord', aliases: ['montreal nord', 'mtl nord', 'montreal north', 'mtl north'], adjacent: ['Saint-Michel', 'Saint-Léonard', 'Ahuntsic', 'Rivière-des-Prairies'] },
  { name: 'Rivière-des-Prairies', aliases: ['riviere des prairies', 'rdp'], adjacent: ['Montréal-Nord', 'Pointe-aux-Trembles'] },
  { name: 'Pointe-aux-Trembles', aliases: ['pointe aux trembles', 'pat'], adjacent: ['Rivière-des-Prairies', 'Montréal-Est'] },
  { name: 'Montréal-Est', aliases: ['montreal est', 'montreal east'], adjacent: ['Pointe-aux-Trembles', 'Mercier'] },
  { name: 'Ahuntsic', aliases: ['ahuntsic', 'ahuntsic cartierville'], adjacent: ['Villeray', 'Saint-Michel', 'Montréal-Nord', 'Cartierville'] },
  { name: 'Cartierville', aliases: ['cartierville', 'bordeaux cartierville'], adjacent: ['Ahuntsic', 'Saint-Laurent'] },
  { name: 'Plateau-Mont-Royal', aliases: ['plateau', 'le plateau', 'plateau mont royal'], adjacent: ['La Petite-Patrie', 'Mile End', 'Centre-Sud', 'Centre-ville'] },
  { name: 'Mile End', aliases: ['mile end', 'mileend'], adjacent: ['Plateau-Mont-Royal', 'Outremont', 'La Petite-Patrie'] },
  { name: 'Centre-Sud', aliases: ['centre sud', 'ville marie'], adjacent: ['Plateau-Mont-Royal', 'Hochelaga-Maisonneuve', 'Centre-ville'] },
  { name: 'Centre-ville', aliases: ['centre ville', 'downtown'], adjacent: ['Centre-Sud', 'Petite-Bourgogne', 'Vieux-Montréal', 'Westmount'] },
  { name: 'Vieux-Montréal', aliases: ['vieux montreal', 'old montreal', 'vieux port'], adjacent: ['Centre-ville', 'Griffintown'] },
  { name: 'Griffintown', aliases: ['griffintown', 'griffin'], adjacent: ['Petite-Bourgogne', 'Pointe-Saint-Charles', 'Vieux-Montréal'] },
  { name: 'Pointe-Saint-Charles', aliases: ['pointe saint charles', 'pointe st charles', 'point saint charles', 'point st charles', 'la pointe'], adjacent: ['Saint-Henri', 'Petite-Bourgogne', 'Griffintown', 'Verdun'] },
  { name: 'Île-des-Sœurs', aliases: ['ile des soeurs', 'nuns island'], adjacent: ['Verdun'] },
  { name: 'Verdun', aliases: ['verdun'], adjacent: ['Pointe-Saint-Charles', 'Ville-Émard', 'LaSalle', 'Île-des-Sœurs'] },
  { name: 'Ville-Émard', aliases: ['ville emard'], adjacent: ['Côte-Saint-Paul', 'Saint-Henri', 'Verdun', 'LaSalle'] },
  { name: 'Côte-Saint-Paul', aliases: ['cote saint paul', 'cote st paul'], adjacent: ['Ville-Émard', 'Saint-Henri'] },
  { name: 'Côte-des-Neiges', aliases: ['cote des neiges', 'cdn', 'snowdon', 'cote des neige'], adjacent: ['Notre-Dame-de-Grâce', 'Outremont', 'Mont-Royal', 'Westmount'] },
  { name: 'Notre-Dame-de-Grâce', aliases: ['notre dame de grace', 'ndg'], adjacent: ['Côte-des-Neiges', 'Saint-Henri', 'Westmount', 'Montréal-Ouest'] },
  { name: 'Outremont', aliases: ['outremont'], adjacent: ['Mile End', 'Côte-des-Neiges', 'Parc-Extension'] },
  { name: 'Mont-Royal', aliases: ['ville mont royal', 'tmr', 'town of mount royal', 'mount royal'], adjacent: ['Parc-Extension', 'Côte-des-Neiges', 'Saint-Laurent'] },
  { name: 'Westmount', aliases: ['westmount'], adjacent: ['Saint-Henri', 'Petite-Bourgogne', 'Notre-Dame-de-Grâce', 'Centre-ville'] },
  { name: 'Hampstead', aliases: ['hampstead'], adjacent: ['Côte-Saint-Luc', 'Côte-des-Neiges'] },
  { name: 'Côte-Saint-Luc', aliases: ['cote saint luc', 'cote st luc', 'csl'], adjacent: ['Hampstead', 'Montréal-Ouest', 'Notre-Dame-de-Grâce'] },
  { name: 'Montréal-Ouest', aliases: ['montreal ouest', 'montreal west'], adjacent: ['Notre-Dame-de-Grâce', 'Côte-Saint-Luc'] },
  { name: 'Saint-Laurent', aliases: ['saint laurent', 'ville saint laurent', 'ville st laurent', 'vsl'], adjacent: ['Cartierville', 'Mont-Royal'] },
  { name: 'LaSalle', aliases: ['lasalle', 'la salle'], adjacent: ['Verdun', 'Lachine', 'Ville-Émard'] },
  { name: 'Lachine', aliases: ['lachine'], adjacent: ['LaSalle', 'Dorval'] },
  { name: 'Dorval', aliases: ['dorval'], adjacent: ['Lachine', 'Pointe-Claire'] },
  { name: 'Pointe-Claire', aliases: ['pointe claire'], adjacent: ['Dorval', 'Kirkland', 'Beaconsfield'] },
  { name: 'Kirkland', aliases: ['kirkland'], adjacent: ['Pointe-Claire', 'Beaconsfield', 'Pierrefonds-Roxboro'] },
  { name: 'Beaconsfield', aliases: ['beaconsfield'], adjacent: ['Pointe-Claire', 'Kirkland', 'Baie-D’Urfé'] },
  { name: 'Baie-D’Urfé', aliases: ['baie d urfe'], adjacent: ['Beaconsfield', 'Sainte-Anne-de-Bellevue'] },
  { name: 'Sainte-Anne-de-Bellevue', aliases: ['sainte anne de bellevue', 'ste anne de bellevue'], adjacent: ['Baie-D’Urfé', 'Senneville'] },
  { name: 'Senneville', aliases: ['senneville'], adjacent: ['Sainte-Anne-de-Bellevue'] },
  { name: 'Dollard-des-Ormeaux', aliases: ['dollard des ormeaux', 'ddo', 'dollard'], adjacent: ['Pierrefonds-Roxboro', 'Kirkland'] },
  { name: 'Pierrefonds-Roxboro', aliases: ['pierrefonds', 'roxboro', 'pierrefonds roxboro'], adjacent: ['Dollard-des-Ormeaux', 'L’Île-Bizard', 'Sainte-Geneviève'] },
  { name: 'Sainte-Geneviève', aliases: ['sainte genevieve', 'ste genevieve'], adjacent: ['Pierrefonds-Roxboro', 'L’Île-Bizard'] },
  { name: 'L’Île-Bizard', aliases: ['ile bizard', 'l ile bizard'], adjacent: ['Pierrefonds-Roxboro', 'Sainte-Geneviève'] },
];

// FSA → neighbourhood, from Canada Post's forward sortation areas for the Island of Montreal as
// listed in Wikipedia's "List of postal codes of Canada: H" (neighbourhood names per FSA) and the
// City of Montreal's borough map. Approximate: FSAs follow mail routes, not borough lines, so
// several straddle two neighbourhoods (H2R Petite-Patrie/Villeray, H3X Côte-des-Neiges/Hampstead,
// H1Z/H2A Saint-Michel/Villeray edges, H4C/H3J Saint-Henri/Petite-Bourgogne along Atwater); each is
// given the neighbourhood where most of its households live. Laval (H7*) and non-residential
// codes are left out on purpose.
const BY_FSA: Readonly<Record<string, string>> = {
  H1A: 'Pointe-aux-Trembles', H1B: 'Montréal-Est', H1C: 'Rivière-des-Prairies', H1E: 'Rivière-des-Prairies',
  H1G: 'Montréal-Nord', H1H: 'Montréal-Nord', H1J: 'Anjou', H1K: 'Anjou', H1L: 'Mercier', H1M: 'Mercier',
  H1N: 'Mercier', H1P: 'Saint-Léonard', H1R: 'Saint-Léonard', H1S: 'Saint-Léonard', H1T: 'Rosemont',
  H1V: 'Hochelaga-Maisonneuve', H1W: 'Hochelaga-Maisonneuve', H1X: 'Rosemont', H1Y: 'Rosemont',
  H1Z: 'Saint-Michel', H2A: 'Saint-Michel', H2B: 'Ahuntsic', H2C: 'Ahuntsic', H2E: 'Villeray',
  H2G: 'La Petite-Patrie', H2H: 'Plateau-Mont-Royal', H2J: 'Plateau-Mont-Royal', H2K: 'Centre-Sud',
  H2L: 'Centre-Sud', H2M: 'Ahuntsic', H2N: 'Ahuntsic', H2P: 'Villeray', H2R: 'La Petite-Patrie',
  H2S: 'La Petite-Patrie', H2T: 'Mile End', H2V: 'Outremont', H2W: 'Plateau-Mont-Royal', H2X: 'Plateau-Mont-Royal',
  H2Y: 'Vieux-Montréal', H2Z: 'Centre-ville', H3A: 'Centre-ville', H3B: 'Centre-ville', H3C: 'Griffintown',
  H3E: 'Île-des-Sœurs', H3G: 'Centre-ville', H3H: 'Centre-ville', H3J: 'Petite-Bourgogne', H3K: 'Pointe-Saint-Charles',
  H3L: 'Ahuntsic', H3M: 'Cartierville', H3N: 'Parc-Extension', H3P: 'Mont-Royal', H3R: 'Mont-Royal',
  H3S: 'Côte-des-Neiges', H3T: 'Côte-des-Neiges', H3V: 'Côte-des-Neiges', H3W: 'Côte-des-Neiges',
  H3X: 'Côte-des-Neiges', H3Y: 'Westmount', H3Z: 'Westmount', H4A: 'Notre-Dame-de-Grâce',
  H4B: 'Notre-Dame-de-Grâce', H4C: 'Saint-Henri', H4E: 'Ville-Émard', H4G: 'Verdun', H4H: 'Verdun',
  H4J: 'Cartierville', H4K: 'Cartierville', H4L: 'Saint-Laurent', H4M: 'Saint-Laurent', H4N: 'Saint-Laurent',
  H4P: 'Mont-Royal', H4R: 'Saint-Laurent', H4S: 'Saint-Laurent', H4T: 'Saint-Laurent', H4V: 'Côte-Saint-Luc',
  H4W: 'Côte-Saint-Luc', H4X: 'Montréal-Ouest', H4Y: 'Dorval', H4Z: 'Centre-ville', H5A: 'Centre-ville',
  H5B: 'Centre-ville', H8N: 'LaSalle', H8P: 'LaSalle', H8R: 'Lachine', H8S: 'Lachine', H8T: 'Lachine',
  H8Y: 'Pierrefonds-Roxboro', H8Z: 'Pierrefonds-Roxboro', H9A: 'Dollard-des-Ormeaux', H9B: 'Dollard-des-Ormeaux',
  H9C: 'L’Île-Bizard', H9E: 'L’Île-Bizard', H9G: 'Dollard-des-Ormeaux', H9H: 'Sainte-Geneviève', H9J: 'Kirkland',
  H9K: 'Senneville', H9P: 'Dorval', H9R: 'Pointe-Claire', H9S: 'Dorval', H9W: 'Beaconsfield',
  H9X: 'Sainte-Anne-de-Bellevue',
};

/** The neighbourhood of a forward sortation area ("H2S" → "La Petite-Patrie"), or null off the island. */
export function neighbourhoodForFsa(fsa: string): string | null {
  return BY_FSA[fsa.toUpperCase()] ?? null;
}

/** Neighbourhood names typed freely in a folded message ("st-michel", "parc ex"), with their spans. */
export function findNeighbourhoods(plain: string): { start: number; end: number; neighbourhood: string }[] {
  const found: { start: number; end: number; neighbourhood: string }[] = [];
  for (const match of plain.matchAll(NAME_PATTERN)) {
    const name = BY_ALIAS.get((match[1] ?? '').replace(/[^a-z0-9]+/g, ''));
    if (name) found.push({ start: (match.index ?? 0) + (match[0].length - (match[1] ?? '').length), end: (match.index ?? 0) + match[0].length, neighbourhood: name });
  }
  return found;
}

const BY_ALIAS = new Map<string, string>(
  NEIGHBOURHOODS.flatMap((neighbourhood) => neighbourhood.aliases.map((alias) => [alias.replace(/ /g, ''), neighbourhood.name] as [string, string])),
);
// Longest aliases first so "rosemont la petite patrie" wins over "rosemont"; any punctuation between words.
const NAME_PATTERN = new RegExp(
  `(?:^|[^a-z0-9])(${NEIGHBOURHOODS.flatMap((neighbourhood) => neighbourhood.aliases)
    .sort((a, b) => b.length - a.length)
    .map((alias) => alias.split(' ').join('[^a-z0-9]*'))
    .join('|')})(?![a-z0-9])`,
  'g',
);
