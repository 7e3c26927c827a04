import * as vscode from 'vscode';
import { Commands } from '../ids';

const EXAMPLE = `# Precondition Doctor: send a request with the "Send Request" lens above it.
# Every ETag and Last-Modified a response carries appears in the Validators view.

@baseUrl = http://127.0.0.1:8412

### Read a resource and its validators
# @name readTodo
GET {{baseUrl}}/todos/1
Accept: application/json

### Update it only if nobody changed it since we read it
PUT {{baseUrl}}/todos/1
Content-Type: application/json
If-Match: {{readTodo.response.headers.ETag}}

{ "title": "Write the report", "done": true }
`;

/** The welcome view's button: an untitled example to try the extension with. */
export function registerExampleFileCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.openExampleFile, async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'http', content: EXAMPLE });
    return vscode.window.showTextDocument(document);
  });
}
