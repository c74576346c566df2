// Mermaid diagrams in the guides become pictures when the site is built: each ```mermaid block is
// rendered to SVG in Node (beautiful-mermaid: no browser, no network) and shown as an image. The
// Mermaid text stays in the guide, so GitHub draws the same diagram from the same source.
import { renderMermaidSVG } from 'beautiful-mermaid';
import type { MarkdownRenderer } from 'vitepress';

/** The SVG of one diagram, without the web-font import the renderer adds (the site works offline). */
export function diagramSvg(source: string): string {
  // Mermaid comments (`%% ...`) are for readers of the source; the renderer wants the header first.
  const diagram = source
    .split('\n')
    .filter((line) => !line.trim().startsWith('%%'))
    .join('\n');
  const svg = renderMermaidSVG(diagram, { bg: '#ffffff', fg: '#27272a', accent: '#3451b2', font: 'system-ui' });
  return svg.replace(/@import url\([^)]*\);?/g, '');
}

/** Renders ```mermaid fences as images; the diagram's first `%% title` comment becomes its alt text. */
export function mermaidPlugin(md: MarkdownRenderer): void {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    if (token.info.trim() !== 'mermaid') return fence ? fence(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
    const title = /^%%\s*(.+)$/m.exec(token.content)?.[1] ?? 'diagram';
    const data = Buffer.from(diagramSvg(token.content)).toString('base64');
    return `<p class="diagram"><img alt="${md.utils.escapeHtml(title)}" src="data:image/svg+xml;base64,${data}"></p>\n`;
  };
}
