/**
 * The instruction of a compaction request, sent after the turns it summarizes. What it keeps is
 * what a conversation cannot go on without; what it drops is what only took room.
 */
export function compactionPrompt(focus: string | undefined): string {
  const lines = [
    'Summarize our conversation so far. The earlier messages will be replaced by your summary, and the conversation will go on from it alone, so keep precisely:',
    "- the user's goals and what they asked for;",
    '- the decisions made, and why;',
    '- the constraints and requirements the user set;',
    '- the corrections the user made (what was wrong, what is right);',
    '- every file name, path, command, identifier and URL mentioned;',
    '- the code that matters, verbatim, in fenced blocks;',
    '- the open questions and what is left to do.',
    'Drop greetings, repetition and whatever was superseded. Write a compact list under those headings, in the language of the conversation. Do not answer or continue the conversation.',
  ];
  if (focus) lines.push(`Focus especially on: ${focus}`);
  return lines.join('\n');
}
