/** Small manifests for unit tests, written as YAML so that lines and columns can be checked. */
import { TempDir } from '@tributary/test-support/temp-dir';

/** A valid manifest with one stream `users`; `{{STREAM_EXTRA}}` lines are added to the stream. */
export function minimalManifest(streamExtra = '', topExtra = ''): string {
  return `version: 6.44.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: [users]
definitions:
  requester:
    type: HttpRequester
    url_base: https://api.example.com
    http_method: GET
streams:
  - type: DeclarativeStream
    name: users
    primary_key: [id]
    retriever:
      type: SimpleRetriever
      requester:
        $ref: "#/definitions/requester"
        path: /users
      record_selector:
        type: RecordSelector
        extractor:
          type: DpathExtractor
          field_path: [data]
${streamExtra}    schema_loader:
      type: InlineSchemaLoader
      schema:
        type: object
        properties:
          id: {type: integer}
spec:
  type: Spec
  connection_specification:
    type: object
    required: [api_key]
    properties:
      api_key: {type: string, airbyte_secret: true}
${topExtra}`;
}

/** A temporary folder with files in it; `cleanup` removes it. */
export function tempFiles(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const temp = TempDir.withFiles(files, 'declarative-');
  return { dir: temp.path, cleanup: () => temp.removeSync() };
}
