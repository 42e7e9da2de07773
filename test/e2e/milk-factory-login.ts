import type { Tab } from '../support/browser.ts';

/** Opens `/milk-factory` in `tab` and logs in as `username` (password `asdf`) with the app's form. */
export async function logIn(tab: Tab, username: string): Promise<void> {
  await tab.goto('/milk-factory');
  const form = tab.page.locator('milk-factory-app login-form');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill('asdf');
  await form.locator('button[type=submit]').click();
  await tab.page.locator('milk-factory-app nav').waitFor();
}
