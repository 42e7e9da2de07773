import { component, config, kid, type ComponentDefinition } from './component-definition.ts';

/** A product of profile STANDARD: its component tree, earliest start and duration (spec, Products). */
export interface Product {
  productId: string;
  profileId: 'STANDARD';
  /** The earliest contract start, YYYY-MM-DD. */
  validFrom: string;
  durationDays: number;
  root: ComponentDefinition;
  /** An index its Milk is priced by, per calendar year (spec, Index pricing). */
  indexedBy?: 'MILK_INDEX';
}

const glassBottle = component('GlassBottle', [config('VOLUME', '1000'), config('MATERIAL', 'GLASS')]);
const box = (drink: ComponentDefinition) => component('CardboardBox', [
  config('SPACES', '10'), config('QUANTITY', '10', ['5', '10']), config('MATERIAL', 'CARDBOARD'),
], [kid(drink)]);

const cookiesMilkshake = box(component('Drink', [config('VOLUME', '1000')], [
  kid(component('Milk', [config('VOLUME', '950'), config('FAT_CONTENT', '1.8', ['0.2', '1.8', '3.5'])])),
  kid(component('Cookies', [config('WEIGHT', '45')], [
    kid(component('Butter', [config('WEIGHT', '15')])),
    kid(component('Sugar', [config('WEIGHT', '15')]), { min: 0, max: 3, initial: 1 }),
    kid(component('Flour', [config('WEIGHT', '15')])),
  ])),
  kid(glassBottle),
]));

const coffeeLatteSkinny = box(component('Drink', [config('VOLUME', '1000')], [
  kid(component('Milk', [config('VOLUME', '990'), config('FAT_CONTENT', '0.2', ['0.2', '1.4', '1.8', '3.5'])], [], ['FAT_CONTENT <= 1.5'])),
  kid(component('CoffeePowder', [config('WEIGHT', '10')])),
  kid(component('VanillaSugar', [config('WEIGHT', '5', ['0', '5', '10', '15'])], [
    kid(component('VanillaExtract', [config('VOLUME', '5')])),
  ]), { min: 0, max: 6, initial: 2 }),
  kid(glassBottle),
]));

export const products: readonly Product[] = [
  { productId: 'COOKIES_MILKSHAKE', profileId: 'STANDARD', validFrom: '2020-10-01', durationDays: 720, root: cookiesMilkshake },
  { productId: 'COFFEE_LATTE_SKINNY', profileId: 'STANDARD', validFrom: '2021-02-01', durationDays: 390, root: coffeeLatteSkinny },
  { productId: 'INDEXED_LATTE', profileId: 'STANDARD', validFrom: '2021-02-01', durationDays: 390, root: coffeeLatteSkinny, indexedBy: 'MILK_INDEX' },
];
