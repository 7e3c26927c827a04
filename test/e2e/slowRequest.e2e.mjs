// A person sends a request to a server that takes its time: no toast for a quick send,
// a "Sending…" notification once it runs long, and its Cancel button stops the request.
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeHttpFile } from './demoWorkspace.mjs';

export const title = 'a slow request gets a Sending… notification whose Cancel stops it; a quick one gets none';

export default async function ({ page, workspaceDir, openFile, clickCodeLens, waitForText, screenshot }) {
  const held = [];
  const server = http.createServer((request, response) => {
    if (request.url === '/quick') {
      response.writeHead(200, { ETag: '"q1"', 'Content-Type': 'text/plain' });
      response.end('quick');
      return;
    }
    held.push(response); // never answered: only Cancel ends it
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const sending = page.locator('.notification-toast', { hasText: 'Sending GET' });
  try {
    const file = writeHttpFile(workspaceDir, 'slow.http', [`GET ${origin}/quick`, '', '###', `GET ${origin}/slow`]);
    await openFile(file);
    await clickCodeLens('Send Request');
    await waitForText('HTTP 200 OK');
    assert.equal(await sending.count(), 0, 'a quick request shows no Sending notification');

    await page.locator('.codelens-decoration a', { hasText: 'Send Request' }).nth(1).click();
    await sending.waitFor({ timeout: 15_000 });
    assert.equal(held.length, 1, 'the slow request reached the server once');
    await screenshot('slow-request-notification');
    await sending.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.statusbar-item', { hasText: 'Request cancelled' }).first().waitFor({ timeout: 15_000 });
    await sending.waitFor({ state: 'hidden', timeout: 15_000 });
    await screenshot('slow-request-cancelled');
  } finally {
    for (const response of held) response.destroy();
    server.closeAllConnections();
    server.close();
  }
}
