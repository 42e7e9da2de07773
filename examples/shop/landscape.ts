import { defineLandscape } from 'milk-factory/actors';
import { shopMessages } from './messages.ts';

/** The shop: its name and messages; its actors are defined through it, and typed by them. */
export const shop = defineLandscape({ name: 'shop', messages: shopMessages });
