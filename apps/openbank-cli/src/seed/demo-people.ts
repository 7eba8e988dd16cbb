import type { Random } from './random.js';

/** Demo residents of a few countries, with addresses in the local style. */
interface Country {
  readonly code: string;
  readonly firstNames: { readonly female: readonly string[]; readonly male: readonly string[] };
  readonly lastNames: readonly string[];
  readonly cities: readonly { readonly city: string; readonly zip: () => string; readonly state?: string }[];
  readonly streets: readonly string[];
}

const digits = (random: Random, count: number) => Array.from({ length: count }, () => random.int(0, 9)).join('');

function countries(random: Random): Country[] {
  return [
    {
      code: 'BE',
      firstNames: { female: ['Emma', 'Louise', 'Olivia', 'Elise', 'Marie', 'Lotte'], male: ['Lucas', 'Arthur', 'Noah', 'Louis', 'Jules', 'Wout'] },
      lastNames: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Dubois', 'Lambert', 'Dupont'],
      cities: [
        { city: 'Brussels', zip: () => `10${digits(random, 2)}` },
        { city: 'Antwerp', zip: () => `20${digits(random, 2)}` },
        { city: 'Ghent', zip: () => `90${digits(random, 2)}` },
        { city: 'Liège', zip: () => `40${digits(random, 2)}` },
      ],
      streets: ['Rue de la Loi', 'Meir', 'Korenmarkt', 'Avenue Louise', 'Kerkstraat', 'Stationsstraat', 'Rue Neuve'],
    },
    {
      code: 'NL',
      firstNames: { female: ['Sophie', 'Julia', 'Anna', 'Tess', 'Sara', 'Fenna'], male: ['Daan', 'Sem', 'Lucas', 'Finn', 'Levi', 'Bram'] },
      lastNames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos'],
      cities: [
        { city: 'Amsterdam', zip: () => `10${digits(random, 2)} ${random.pick(['AB', 'CK', 'HT', 'MZ'])}` },
        { city: 'Rotterdam', zip: () => `30${digits(random, 2)} ${random.pick(['AA', 'BE', 'LK', 'TR'])}` },
        { city: 'Utrecht', zip: () => `35${digits(random, 2)} ${random.pick(['AC', 'GJ', 'PS', 'XE'])}` },
      ],
      streets: ['Keizersgracht', 'Damrak', 'Coolsingel', 'Oudegracht', 'Dorpsstraat', 'Molenweg'],
    },
    {
      code: 'DE',
      firstNames: { female: ['Mia', 'Hannah', 'Lena', 'Lea', 'Clara', 'Greta'], male: ['Paul', 'Leon', 'Felix', 'Jonas', 'Elias', 'Anton'] },
      lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter'],
      cities: [
        { city: 'Berlin', zip: () => `1${digits(random, 4)}` },
        { city: 'Hamburg', zip: () => `2${digits(random, 4)}` },
        { city: 'Munich', zip: () => `8${digits(random, 4)}` },
      ],
      streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenstraße', 'Schillerstraße', 'Lindenallee', 'Goethestraße'],
    },
    {
      code: 'US',
      firstNames: { female: ['Olivia', 'Ava', 'Charlotte', 'Amelia', 'Harper', 'Evelyn'], male: ['Liam', 'Oliver', 'James', 'Henry', 'Mason', 'Ethan'] },
      lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Taylor'],
      cities: [
        { city: 'New York', state: 'NY', zip: () => `100${digits(random, 2)}` },
        { city: 'Boston', state: 'MA', zip: () => `021${digits(random, 2)}` },
        { city: 'Austin', state: 'TX', zip: () => `787${digits(random, 2)}` },
        { city: 'Seattle', state: 'WA', zip: () => `981${digits(random, 2)}` },
      ],
      streets: ['Main Street', 'Oak Avenue', 'Maple Drive', 'Elm Street', 'Washington Boulevard', 'Park Avenue'],
    },
  ];
}

export interface DemoAddress {
  readonly street: string;
  readonly number: string;
  readonly zip_code: string;
  readonly city: string;
  readonly state?: string;
  readonly country: string;
}

export interface DemoPerson {
  readonly first_name: string;
  readonly last_name: string;
  readonly date_of_birth: string;
  readonly nationality: string;
  readonly gender: 'FEMALE' | 'MALE' | 'OTHER';
  readonly address?: DemoAddress;
}

/** Makes up people and the addresses they live at (and move to). */
export class DemoPeople {
  private readonly countries: Country[];

  constructor(private readonly random: Random) {
    this.countries = countries(random);
  }

  person(): DemoPerson {
    const country = this.random.pick(this.countries);
    const gender = this.random.chance(0.02) ? 'OTHER' : this.random.chance(0.5) ? 'FEMALE' : 'MALE';
    const names = gender === 'FEMALE' ? country.firstNames.female : gender === 'MALE' ? country.firstNames.male : [...country.firstNames.female, ...country.firstNames.male];
    const born = `${this.random.int(1945, 2006)}-${String(this.random.int(1, 12)).padStart(2, '0')}-${String(this.random.int(1, 28)).padStart(2, '0')}`;
    return {
      first_name: this.random.pick(names),
      last_name: this.random.pick(country.lastNames),
      date_of_birth: born,
      nationality: country.code,
      gender,
      // Most give an address when they register; the others later.
      ...(this.random.chance(0.85) ? { address: this.address(country.code) } : {}),
    };
  }

  /** An address in the given country, or mostly in it: some people move abroad. */
  address(countryCode: string): DemoAddress {
    const country = this.random.chance(0.9) ? (this.countries.find((candidate) => candidate.code === countryCode) ?? this.random.pick(this.countries)) : this.random.pick(this.countries);
    const place = this.random.pick(country.cities);
    return {
      street: this.random.pick(country.streets),
      number: String(this.random.int(1, 250)),
      zip_code: place.zip(),
      city: place.city,
      ...(place.state ? { state: place.state } : {}),
      country: country.code,
    };
  }
}
