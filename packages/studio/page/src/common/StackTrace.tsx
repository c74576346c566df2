/** A stack trace; frames in the project's own files (TypeScript, through source maps) open their source around the line. */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { projectRelative } from './project-folder.js';

const FRAME = /((?:file:\/\/)?\/[^\s():]+\.(?:ts|tsx|mts|js|mjs|cjs)):(\d+):(\d+)/;
const CONTEXT_LINES = 4;

export function StackTrace(props: { trace: string }) {
  const [source, setSource] = useState<{ path: string; line: number; lines: string[] } | { error: string } | undefined>();
  const open = (path: string, line: number) => {
    api.file(path).then(
      (file) => setSource({ path, line, lines: file.text.split('\n') }),
      (error: Error) => setSource({ error: error.message }),
    );
  };
  return (
    <div class="stack-trace">
      <pre class="mono">
        {props.trace.split('\n').map((text, index) => {
          const match = FRAME.exec(text);
          const relative = match ? projectRelative(match[1]!) : undefined;
          if (match === null || relative === undefined) return <div key={index}>{text}</div>;
          const line = Number(match[2]);
          return (
            <div key={index} class="own-frame">
              {text.slice(0, match.index)}
              <button type="button" class="link" onClick={() => open(relative, line)}>
                {`${relative}:${match[2]}:${match[3]}`}
              </button>
              {text.slice(match.index + match[0].length)}
            </div>
          );
        })}
      </pre>
      {source !== undefined && ('error' in source ? <p class="error-text">{source.error}</p> : <SourceExcerpt {...source} />)}
    </div>
  );
}

function SourceExcerpt(props: { path: string; line: number; lines: string[] }) {
  const first = Math.max(1, props.line - CONTEXT_LINES);
  const last = Math.min(props.lines.length, props.line + CONTEXT_LINES);
  return (
    <figure class="source-excerpt">
      <figcaption>{props.path}</figcaption>
      <pre class="mono">
        {props.lines.slice(first - 1, last).map((text, offset) => {
          const number = first + offset;
          return (
            <div key={number} class={number === props.line ? 'source-line current' : 'source-line'}>
              <span class="line-number">{number}</span>
              {text}
            </div>
          );
        })}
      </pre>
    </figure>
  );
}
