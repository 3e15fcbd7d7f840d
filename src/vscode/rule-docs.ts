import * as vscode from 'vscode';

/** Where a rule's documentation lives: docs/rules/<id>.md, generated from the rule file at build time. */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`https://github.com/backend-coach/backend-coach/blob/main/docs/rules/${ruleId}.md`);
}
