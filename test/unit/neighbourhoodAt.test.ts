import { describe, expect, it } from 'vitest';
import { NEIGHBOURHOODS } from '../../src/nlu/neighbourhoods.ts';
import { NEIGHBOURHOOD_CENTRES, neighbourhoodAt } from '../../src/directory/neighbourhoodAt.ts';

describe('neighbourhoodAt', () => {
  it('has a centre for every neighbourhood the bot names, and only those', () => {
    expect(Object.keys(NEIGHBOURHOOD_CENTRES).sort()).toEqual(NEIGHBOURHOODS.map((neighbourhood) => neighbourhood.name).sort());
  });

  it('places a pin in the neighbourhood whose centre is nearest', () => {
    // Place-Saint-Henri metro station, then points inside Petite-Bourgogne and Saint-Michel.
    expect(neighbourhoodAt({ latitude: 45.4771, longitude: -73.5866 })).toBe('Saint-Henri');
    expect(neighbourhoodAt({ latitude: 45.4857, longitude: -73.5733 })).toBe('Petite-Bourgogne');
    expect(neighbourhoodAt({ latitude: 45.566, longitude: -73.608 })).toBe('Saint-Michel');
  });

  it('places nothing far from every centre: Laval, Québec City', () => {
    expect(neighbourhoodAt({ latitude: 45.571, longitude: -73.751 })).toBeUndefined();
    expect(neighbourhoodAt({ latitude: 46.8139, longitude: -71.208 })).toBeUndefined();
  });

  it('prefers the postal code of the place named, and never reads a street name as a neighbourhood', () => {
    expect(neighbourhoodAt({ latitude: 45.571, longitude: -73.751, label: 'CLSC, 6839 rue Drolet, Montréal, QC H2S 2T1' })).toBe('La Petite-Patrie');
    expect(neighbourhoodAt({ latitude: 45.4771, longitude: -73.5866, label: '4000 boulevard Saint-Laurent' })).toBe('Saint-Henri');
  });
});
