import type TurndownService from 'turndown';

/** Loads turndown (and its DOM parser, domino): only a fetched HTML page needs them. */
export type TurndownLoader = () => Promise<{default: typeof TurndownService} | typeof TurndownService>;

let service: Promise<TurndownService> | undefined;

/**
 * A page as markdown, the form a model reads best: headings as `#`, code as fences; scripts,
 * styles, the head and other content a reader never sees are dropped.
 */
export async function htmlToMarkdown(html: string, load: TurndownLoader): Promise<string> {
  service ??= load().then((loaded) => {
    const Turndown = 'default' in loaded ? loaded.default : loaded;
    return new Turndown({headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-'}).remove(['head', 'title', 'script', 'style', 'noscript', 'template', 'iframe']);
  });
  return (await service).turndown(html).trim();
}
