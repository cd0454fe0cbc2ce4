import { analyze } from '../nlu/index.ts';

/** A point on the map in degrees (WGS 84), as a WhatsApp location pin gives it. */
export interface Pin {
  latitude: number;
  longitude: number;
  /** The place the pin names (Twilio's Label and Address), when the family picked a named place. */
  label?: string | null;
}

/** A pin farther than this from every neighbourhood centre is not placed (Laval, the South Shore, a trip). */
export const MAX_DISTANCE_KM = 2.5;

/**
 * Approximate centre of each neighbourhood the bot names (`src/nlu/neighbourhoods.ts`), in degrees,
 * placed by hand on a map of the island to about half a kilometre. A pin belongs to the nearest
 * centre within MAX_DISTANCE_KM: neighbourhoods here are 2 to 5 km across, so a pin near a border
 * may land next door, which the search's adjacent neighbourhoods forgive. Good enough to find
 * programs, and it needs neither a geocoding service nor the neighbourhoods' boundaries.
 */
export const NEIGHBOURHOOD_CENTRES: Readonly<Record<string, readonly [latitude: number, longitude: number]>> = {
  'La Petite-Patrie': [45.5375, -73.6], 'Saint-Michel': [45.569, -73.61], 'Saint-Henri': [45.478, -73.585], 'Petite-Bourgogne': [45.486, -73.572],
  Villeray: [45.547, -73.621], 'Parc-Extension': [45.5305, -73.633], Rosemont: [45.548, -73.578], 'Hochelaga-Maisonneuve': [45.545, -73.544],
  Mercier: [45.585, -73.525], Anjou: [45.605, -73.56], 'Saint-Léonard': [45.587, -73.597], 'Montréal-Nord': [45.597, -73.633],
  'Rivière-des-Prairies': [45.648, -73.578], 'Pointe-aux-Trembles': [45.655, -73.503], 'Montréal-Est': [45.632, -73.507], Ahuntsic: [45.555, -73.665],
  Cartierville: [45.53, -73.715], 'Plateau-Mont-Royal': [45.523, -73.581], 'Mile End': [45.525, -73.6], 'Centre-Sud': [45.52, -73.555],
  'Centre-ville': [45.502, -73.57], 'Vieux-Montréal': [45.506, -73.555], Griffintown: [45.493, -73.56], 'Pointe-Saint-Charles': [45.48, -73.561],
  'Île-des-Sœurs': [45.465, -73.545], Verdun: [45.458, -73.57], 'Ville-Émard': [45.456, -73.595], 'Côte-Saint-Paul': [45.466, -73.588],
  'Côte-des-Neiges': [45.495, -73.626], 'Notre-Dame-de-Grâce': [45.472, -73.615], Outremont: [45.518, -73.608], 'Mont-Royal': [45.516, -73.644],
  Westmount: [45.485, -73.599], Hampstead: [45.481, -73.639], 'Côte-Saint-Luc': [45.466, -73.665], 'Montréal-Ouest': [45.453, -73.648],
  'Saint-Laurent': [45.51, -73.69], LaSalle: [45.43, -73.63], Lachine: [45.44, -73.68], Dorval: [45.448, -73.75], 'Pointe-Claire': [45.449, -73.817],
  Kirkland: [45.453, -73.866], Beaconsfield: [45.43, -73.86], 'Baie-D’Urfé': [45.415, -73.915], 'Sainte-Anne-de-Bellevue': [45.405, -73.95],
  Senneville: [45.42, -73.97], 'Dollard-des-Ormeaux': [45.494, -73.82], 'Pierrefonds-Roxboro': [45.497, -73.845], 'Sainte-Geneviève': [45.48, -73.87],
  'L’Île-Bizard': [45.495, -73.895],
};

/**
 * The neighbourhood a shared location is in: the one of the postal code its place name gives
 * (Twilio's Address or Label: "6839 rue Drolet, Montréal, QC H2S 2T1"), else the one whose centre
 * is nearest the pin within MAX_DISTANCE_KM; undefined when neither says. Street names are not
 * read: boulevard Saint-Laurent and rue Saint-Michel cross many neighbourhoods.
 */
export function neighbourhoodAt(pin: Pin): string | undefined {
  if (pin.label) {
    for (const entity of analyze(pin.label).entities) {
      if (entity.type === 'postal_code' && entity.neighbourhood) return entity.neighbourhood;
    }
  }
  let nearest: { name: string; km: number } | undefined;
  for (const [name, [latitude, longitude]] of Object.entries(NEIGHBOURHOOD_CENTRES)) {
    const km = distanceKm(pin, { latitude, longitude });
    if (!nearest || km < nearest.km) nearest = { name, km };
  }
  return nearest && nearest.km <= MAX_DISTANCE_KM ? nearest.name : undefined;
}

/** Great-circle distance in kilometres (haversine, mean Earth radius 6371 km). */
function distanceKm(a: Pin, b: Pin): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
