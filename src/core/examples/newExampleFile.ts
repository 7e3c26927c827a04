/**
 * The Validators view's "New Example .http File": two requests against the demo API
 * (whose seed data has /items/1), so the first send of a new user succeeds.
 */
export function newExampleFile(baseUrl: string): string {
  return `# Precondition Doctor: send a request with the "Send Request" lens above it.
# Every ETag and Last-Modified a response carries appears in the Validators view.
# baseUrl is the demo API that runs inside the editor; point it at your own server.

@baseUrl = ${baseUrl}

### Read a resource and its validators
# @name readItem
GET {{baseUrl}}/items/1
Accept: application/json

### Update it only if nobody changed it since we read it
PUT {{baseUrl}}/items/1
Content-Type: application/json
If-Match: {{readItem.response.headers.ETag}}

{ "title": "Quarterly report", "status": "final" }
`;
}
